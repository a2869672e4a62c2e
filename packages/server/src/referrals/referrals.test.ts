import { randomBytes } from 'node:crypto';
import { personNameKey } from '@qorgau/core';
import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, caseMembers, cases, notifications, persons, units } from '../db/schema.ts';
import { createHarness, type Harness, type TestUser } from '../test/harness.ts';

const tag = () => randomBytes(4).toString('hex');

describe('referrals', () => {
  let h: Harness;
  let lead: TestUser;
  let worker: TestUser;
  let commission: TestUser;
  let police: TestUser;
  let staff: TestUser;
  let otherStaff: TestUser;
  let unitId: string;
  let otherUnitId: string;

  const now = () => new Date();

  async function person(lastName: string, firstName: string, birthDate: string | null): Promise<string> {
    const [p] = await h.deps.db.insert(persons).values({
      lastName, firstName, birthDate, nameKey: personNameKey({ lastName, firstName, middleName: null }), regionCode: 'KZ-75', createdAt: now(), updatedAt: now(),
    }).returning({ id: persons.id });
    return p!.id;
  }

  /** A case led by `lead` (social protection, Almaty) with a child of 12, a mother of 41 and a removed member. */
  async function familyCase(status = 'in_progress') {
    const t = tag();
    const [c] = await h.deps.db.insert(cases).values({
      number: `CF-75-2026-${t}`, kind: 'protection', status, regionCode: 'KZ-75', agencyTypes: ['social_protection'], leadAgencyType: 'social_protection',
      leadUserId: lead.id, openedAt: now(), createdBy: lead.id, createdAt: now(), updatedAt: now(), summary: 'Отец избивает ребёнка',
    }).returning();
    const child = await person(`Сейітова${t}`, 'Аружан', '2014-03-02');
    const mother = await person(`Сейітова${t}`, 'Гүлмира', '1985-06-10');
    const gone = await person(`Сейітов${t}`, 'Ерлан', '2016-01-01');
    await h.deps.db.insert(caseMembers).values([
      { caseId: c!.id, personId: child, relation: 'child', subject: true, addedAt: now() },
      { caseId: c!.id, personId: mother, relation: 'mother', addedAt: now() },
      { caseId: c!.id, personId: gone, relation: 'sibling', addedAt: now(), removedAt: now() },
    ]);
    return { id: c!.id, number: c!.number, child, mother, gone, lastName: `Сейітова${t}` };
  }

  async function provider(extra: Record<string, unknown> = {}): Promise<string> {
    const res = await h.call(h.admin, 'POST', '/api/v1/services/providers', {
      kind: 'rehabilitation_centre', nameKk: `Орталық ${tag()}`, nameRu: `Центр ${tag()}`, nameEn: `Centre ${tag()}`,
      services: ['rehabilitation', 'psychological_counselling'], regionCode: 'KZ-75', ageMin: 3, ageMax: 17, capacity: 10, occupancy: 0, unitId, ...extra,
    });
    expect(res.status, JSON.stringify(res.json)).toBe(201);
    return res.json.id as string;
  }

  const refer = (user: TestUser, caseId: string, b: Record<string, unknown>) => h.call(user, 'POST', `/api/v1/cases/${caseId}/referrals`, b);

  async function notes(userId: string, referralId: string) {
    const rows = await h.deps.db.select().from(notifications).where(eq(notifications.userId, userId));
    return rows.filter((n) => n.params.referralId === referralId).map((n) => ({ kind: n.kind, params: n.params }));
  }

  beforeAll(async () => {
    h = await createHarness();
    const [u1, u2] = await h.deps.db.insert(units).values([
      { agencyType: 'service_provider', nameKk: 'Оңалту орталығы', nameRu: 'Реабилитационный центр', nameEn: 'Rehabilitation centre', regionCode: 'KZ-75', createdAt: now() },
      { agencyType: 'service_provider', nameKk: 'Басқа орталық', nameRu: 'Другой центр', nameEn: 'Other centre', regionCode: 'KZ-75', createdAt: now() },
    ]).returning();
    unitId = u1!.id;
    otherUnitId = u2!.id;
    lead = await h.user('guardianship_officer', { regionCode: 'KZ-75' });
    worker = await h.user('guardianship_officer', { regionCode: 'KZ-75' });
    commission = await h.user('commission_member', { regionCode: 'KZ-75' });
    police = await h.user('police_inspector', { regionCode: 'KZ-75' });
    staff = await h.user('service_provider', { regionCode: 'KZ-75', unitId });
    otherStaff = await h.user('service_provider', { regionCode: 'KZ-75', unitId: otherUnitId });
  });
  afterAll(async () => { await h.close(); });

  it('goes sent → accepted → delivered → feedback, notifying each side, with ids only in notifications and audit', async () => {
    const c = await familyCase();
    const p = await provider();
    const reason = 'Ребёнок боится отца, нужна реабилитация после травмы';
    const sent = await refer(worker, c.id, { providerId: p, service: 'rehabilitation', personId: c.child, urgency: 'urgent', reason });
    expect(sent.status, JSON.stringify(sent.json)).toBe(201);
    const id = sent.json.id as string;
    expect(sent.json).toMatchObject({ status: 'sent', caseNumber: c.number, service: 'rehabilitation', urgency: 'urgent', reason, person: { id: c.child, firstName: 'Аружан', birthDate: '2014-03-02' } });
    expect(sent.json.rights).toMatchObject({ accept: false, cancel: true });
    // the provider's staff are told, with the case number and the referral id only
    expect(await notes(staff.id, id)).toEqual([{ kind: 'referral_new', params: { referralId: id, caseNumber: c.number } }]);
    expect(await notes(otherStaff.id, id)).toEqual([]);

    // the queue shows what the provider needs, never the rest of the case
    const queue = await h.call(staff, 'GET', '/api/v1/referrals?status=open');
    expect(queue.status).toBe(200);
    const item = queue.json.items.find((r: { id: string }) => r.id === id);
    expect(item).toMatchObject({
      status: 'sent', urgency: 'urgent', reason, person: { lastName: c.lastName, firstName: 'Аружан', birthDate: '2014-03-02' },
      referredBy: { id: worker.id, name: 'Test guardianship_officer', agencyType: 'social_protection' }, rights: { accept: true, decline: true, deliver: false, cancel: false },
    });
    expect(item.person.age).toBeGreaterThanOrEqual(12);
    expect(JSON.stringify(queue.json)).not.toContain('Отец избивает');
    expect(JSON.stringify(queue.json)).not.toContain('Гүлмира');

    // invalid steps are refused with the state
    const early = await h.call(staff, 'POST', `/api/v1/referrals/${id}/delivered`, {});
    expect(early.status).toBe(409);
    expect(early.json.error.message).toMatch(/sent.*only an accepted referral/);
    expect((await h.call(staff, 'POST', `/api/v1/referrals/${id}/feedback`, { outcome: 'goals_met', feedback: 'ok' })).status).toBe(409);
    // the case side does not answer for the provider
    expect((await h.call(worker, 'POST', `/api/v1/referrals/${id}/accept`, {})).status).toBe(403);

    const accepted = await h.call(staff, 'POST', `/api/v1/referrals/${id}/accept`, {});
    expect(accepted.status, JSON.stringify(accepted.json)).toBe(200);
    expect(accepted.json).toMatchObject({ status: 'accepted', overCapacity: false, rights: { accept: false, deliver: true } });
    expect(accepted.json.decidedByName).toBe('Test service_provider');
    expect((await h.call(staff, 'POST', `/api/v1/referrals/${id}/accept`, {})).status).toBe(409);
    // the referring worker and the case lead hear of it
    const answered = { kind: 'referral_answered', params: { caseId: c.id, caseNumber: c.number, referralId: id } };
    expect(await notes(worker.id, id)).toEqual([answered]);
    expect(await notes(lead.id, id)).toEqual([answered]);
    // the directory counts the accepted referral apart from the occupancy the provider reports
    const dir = await h.call(worker, 'GET', `/api/v1/services/providers/${p}`);
    expect(dir.json).toMatchObject({ occupancy: 0, activeReferrals: 1, waitingReferrals: 0 });

    const delivered = await h.call(staff, 'POST', `/api/v1/referrals/${id}/delivered`, {});
    expect(delivered.json).toMatchObject({ status: 'delivered' });
    expect(delivered.json.deliveredAt).not.toBeNull();
    // the queue's "open" keeps it until the feedback is given
    const openIds = async () => (await h.call(staff, 'GET', '/api/v1/referrals?status=open&limit=200')).json.items.map((r: { id: string }) => r.id);
    expect(await openIds()).toContain(id);
    // once delivered it cannot be cancelled or declined
    expect((await h.call(worker, 'POST', `/api/v1/referrals/${id}/cancel`, { note: 'передумали' })).status).toBe(409);
    expect((await h.call(staff, 'POST', `/api/v1/referrals/${id}/decline`, { reason: 'family_refused' })).status).toBe(409);
    expect((await h.call(staff, 'POST', `/api/v1/referrals/${id}/feedback`, { outcome: 'fine' , feedback: 'x' })).status).toBe(400);
    const feedback = 'Прошла 10 занятий, тревожность снизилась; рекомендуем продолжить у школьного психолога.';
    const done = await h.call(staff, 'POST', `/api/v1/referrals/${id}/feedback`, { outcome: 'partly_met', feedback });
    expect(done.json).toMatchObject({ status: 'completed', outcome: 'partly_met', feedback });
    expect(await openIds()).not.toContain(id);

    // the case reads its referrals with the feedback (audited)
    const list = await h.call(lead, 'GET', `/api/v1/cases/${c.id}/referrals`);
    expect(list.status).toBe(200);
    expect(list.json.items).toHaveLength(1);
    expect(list.json.case).toEqual({ id: c.id, number: c.number, regionCode: 'KZ-75', districtCode: null, canRefer: true });
    expect(list.json.items[0]).toMatchObject({ id, status: 'completed', outcome: 'partly_met', feedback, provider: { id: p } });
    const reads = await h.deps.db.select().from(auditLog).where(and(eq(auditLog.entityType, 'case_referrals'), eq(auditLog.entityId, c.id)));
    expect(reads.map((a) => a.details)).toEqual([{ count: 1, ids: [id] }]);

    const audits = await h.deps.db.select().from(auditLog).where(and(eq(auditLog.entityType, 'referral'), eq(auditLog.entityId, id)));
    expect(audits.filter((a) => a.action !== 'denied').map((a) => [a.action, a.details.to ?? null])).toEqual([
      ['create', null], ['update', 'accepted'], ['update', 'delivered'], ['update', 'completed'],
    ]);
    expect(audits[0]?.details).toEqual({ caseId: c.id, providerId: p, personId: c.child, service: 'rehabilitation', urgency: 'urgent' });
    const all = await h.deps.db.select().from(notifications).where(inArray(notifications.userId, [worker.id, lead.id, staff.id]));
    const text = JSON.stringify([...audits.map((a) => a.details), ...all.map((n) => n.params)]);
    for (const secret of [c.lastName, 'Аружан', 'травмы', 'тревожность', 'Отец']) expect(text).not.toContain(secret);
  });

  it('checks the provider, the service, the member and the age', async () => {
    const c = await familyCase();
    const p = await provider();
    const base = { providerId: p, service: 'rehabilitation', personId: c.child, reason: 'Нужна помощь' };
    const fields = async (b: Record<string, unknown>, status = 400) => {
      const res = await refer(worker, c.id, { ...base, ...b });
      expect(res.status, JSON.stringify(res.json)).toBe(status);
      return res.json.error.details.map((d: { path: string }) => d.path);
    };
    expect(await fields({ service: 'legal_advice' })).toEqual(['service']);
    expect(await fields({ service: 'massage' })).toEqual(['service']);
    expect(await fields({ personId: c.gone })).toEqual(['personId']);
    expect(await fields({ personId: await person('Чужой', 'Человек', '2015-01-01') })).toEqual(['personId']);
    expect(await fields({ providerId: '00000000-0000-4000-8000-000000000000' })).toEqual(['providerId']);
    expect(await fields({ reason: '  ' })).toEqual(['reason']);
    expect(await fields({ urgency: 'now' })).toEqual(['urgency']);
    // the child (12) is outside 14–18: a clear message
    const teens = await provider({ ageMin: 14, ageMax: 18 });
    const young = await refer(worker, c.id, { ...base, providerId: teens });
    expect(young.status).toBe(400);
    expect(young.json.error.message).toMatch(/serves ages 14–18; this person is 1[23]/);
    expect(young.json.error.details[0].path).toBe('personId');
    // the ages describe the children served: the mother (41) is referred for the family's sake
    expect((await refer(worker, c.id, { ...base, service: 'psychological_counselling', personId: c.mother })).status).toBe(201);
    // a member without a birth date is not checked
    const unknown = await person('Белгісіз', 'Бала', null);
    await h.deps.db.insert(caseMembers).values({ caseId: c.id, personId: unknown, relation: 'child', addedAt: now() });
    expect((await refer(worker, c.id, { ...base, personId: unknown })).status).toBe(201);
    // an inactive provider is refused
    const closed = await provider();
    await h.call(h.admin, 'PATCH', `/api/v1/services/providers/${closed}`, { active: false });
    const inactive = await refer(worker, c.id, { ...base, providerId: closed });
    expect(inactive.status).toBe(400);
    expect(inactive.json.error.details[0]).toMatchObject({ path: 'providerId', message: expect.stringMatching(/no longer active/) });
    // the same open referral twice, also at the same moment (on PostgreSQL a real race, settled by the unique index)
    const once = { ...base, service: 'psychological_counselling' };
    const racing = await Promise.all(Array.from({ length: 5 }, () => refer(worker, c.id, once)));
    expect(racing.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409]);
    expect(racing.find((r) => r.status === 409)?.json.error.message).toMatch(/already has an open referral/);
    expect((await refer(worker, c.id, base)).status).toBe(201);
    expect((await refer(worker, c.id, base)).status).toBe(409);
    // a closed case takes no referrals
    const old = await familyCase('closed');
    expect((await refer(lead, old.id, { ...base, personId: old.child })).status).toBe(409);
  });

  it('only those working on the case refer; others get a 403 or an audited 404', async () => {
    const c = await familyCase();
    const p = await provider();
    const b = { providerId: p, service: 'rehabilitation', personId: c.child, reason: 'Нужна помощь' };
    // police are not on this case: it does not exist for them
    expect((await refer(police, c.id, b)).status).toBe(404);
    expect((await h.call(police, 'GET', `/api/v1/cases/${c.id}/referrals`)).status).toBe(404);
    const denied = await h.deps.db.select().from(auditLog).where(and(eq(auditLog.entityId, c.id), eq(auditLog.action, 'denied'), eq(auditLog.userId, police.id)));
    expect(denied.length).toBe(2);
    // the commission reads the case but does not work on it
    expect((await refer(commission, c.id, b)).status).toBe(403);
    const read = await h.call(commission, 'GET', `/api/v1/cases/${c.id}/referrals`);
    expect(read.status).toBe(200);
    expect(read.json.case.canRefer).toBe(false);
    // a provider's staff do not refer from the queue
    expect((await refer(staff, c.id, b)).status).toBe(404);
  });

  it('the provider sees only its own referrals; another provider gets an audited 404', async () => {
    const c = await familyCase();
    const mine = await provider();
    const theirs = await provider({ unitId: otherUnitId });
    const a = (await refer(worker, c.id, { providerId: mine, service: 'rehabilitation', personId: c.child, reason: 'A' })).json.id as string;
    const b = (await refer(worker, c.id, { providerId: theirs, service: 'rehabilitation', personId: c.child, reason: 'B' })).json.id as string;
    const q = (await h.call(staff, 'GET', '/api/v1/referrals?limit=200')).json.items.map((r: { id: string }) => r.id);
    expect(q).toContain(a);
    expect(q).not.toContain(b);
    const other = (await h.call(otherStaff, 'GET', '/api/v1/referrals?limit=200')).json.items.map((r: { id: string }) => r.id);
    expect(other).toContain(b);
    expect(other).not.toContain(a);
    expect((await h.call(otherStaff, 'GET', `/api/v1/referrals/${a}`)).status).toBe(404);
    expect((await h.call(otherStaff, 'POST', `/api/v1/referrals/${a}/accept`, {})).status).toBe(404);
    const denied = await h.deps.db.select().from(auditLog).where(and(eq(auditLog.entityType, 'referral'), eq(auditLog.entityId, a), eq(auditLog.action, 'denied')));
    expect(denied.map((d) => d.details)).toEqual([{ reason: 'other_provider' }, { reason: 'other_provider' }]);
    // reading one's own is audited
    const one = await h.call(staff, 'GET', `/api/v1/referrals/${a}`);
    expect(one.status).toBe(200);
    const read = await h.deps.db.select().from(auditLog).where(and(eq(auditLog.entityId, a), eq(auditLog.action, 'read')));
    expect(read.map((r) => r.details)).toEqual([{ caseId: c.id, personId: c.child, as: 'provider' }]);
    // the queue is for provider staff with a unit
    expect((await h.call(worker, 'GET', '/api/v1/referrals')).status).toBe(403);
    expect((await h.call(await h.user('service_provider', { regionCode: 'KZ-75' }), 'GET', '/api/v1/referrals')).status).toBe(403);
    expect((await h.call(staff, 'GET', '/api/v1/referrals/not-an-id')).status).toBe(404);
  });

  it('accepting when full needs overCapacity; decline and cancel with their rules', async () => {
    const c = await familyCase();
    const full = await provider({ capacity: 1, occupancy: 1 });
    const r1 = (await refer(worker, c.id, { providerId: full, service: 'rehabilitation', personId: c.child, reason: 'A' })).json.id as string;
    const refused = await h.call(staff, 'POST', `/api/v1/referrals/${r1}/accept`, {});
    expect(refused.status).toBe(409);
    expect(refused.json.error.message).toMatch(/no free place \(1 of 1 taken\).*overCapacity/);
    const over = await h.call(staff, 'POST', `/api/v1/referrals/${r1}/accept`, { overCapacity: true });
    expect(over.status).toBe(200);
    expect(over.json).toMatchObject({ status: 'accepted', overCapacity: true });
    const [audit] = await h.deps.db.select().from(auditLog).where(and(eq(auditLog.entityId, r1), eq(auditLog.action, 'update')));
    expect(audit?.details).toMatchObject({ to: 'accepted', overCapacity: true, occupancy: 1, capacity: 1 });

    // decline needs a known reason, and a note for "other"
    const p = await provider();
    const r2 = (await refer(worker, c.id, { providerId: p, service: 'psychological_counselling', personId: c.child, reason: 'B' })).json.id as string;
    expect((await h.call(staff, 'POST', `/api/v1/referrals/${r2}/decline`, { reason: 'busy' })).status).toBe(400);
    const noNote = await h.call(staff, 'POST', `/api/v1/referrals/${r2}/decline`, { reason: 'other' });
    expect(noNote.status).toBe(400);
    expect(noNote.json.error.details[0].path).toBe('note');
    const declined = await h.call(staff, 'POST', `/api/v1/referrals/${r2}/decline`, { reason: 'no_capacity', note: 'Очередь до марта' });
    expect(declined.json).toMatchObject({ status: 'declined', declineReason: 'no_capacity', declineNote: 'Очередь до марта' });
    expect(await notes(worker.id, r2)).toEqual([{ kind: 'referral_answered', params: { caseId: c.id, caseNumber: c.number, referralId: r2 } }]);
    expect((await h.call(worker, 'POST', `/api/v1/referrals/${r2}/cancel`, { note: 'x' })).status).toBe(409);
    expect((await h.call(staff, 'POST', `/api/v1/referrals/${r2}/accept`, {})).status).toBe(409);

    // the case side cancels before delivery; the provider's staff hear of it in their queue
    const r3 = (await refer(worker, c.id, { providerId: p, service: 'rehabilitation', personId: c.child, reason: 'C' })).json.id as string;
    expect((await h.call(worker, 'POST', `/api/v1/referrals/${r3}/cancel`, {})).status).toBe(400);
    expect((await h.call(commission, 'POST', `/api/v1/referrals/${r3}/cancel`, { note: 'не нужно' })).status).toBe(403);
    expect((await h.call(staff, 'POST', `/api/v1/referrals/${r3}/cancel`, { note: 'не нужно' })).status).toBe(403);
    const cancelled = await h.call(lead, 'POST', `/api/v1/referrals/${r3}/cancel`, { note: 'Семья переехала' });
    expect(cancelled.json).toMatchObject({ status: 'cancelled', declineNote: 'Семья переехала', rights: { cancel: false } });
    expect(await notes(staff.id, r3)).toEqual([
      { kind: 'referral_new', params: { referralId: r3, caseNumber: c.number } },
      { kind: 'referral_answered', params: { referralId: r3, caseNumber: c.number } },
    ]);
    expect(await notes(worker.id, r3)).toEqual([{ kind: 'referral_answered', params: { caseId: c.id, caseNumber: c.number, referralId: r3 } }]);
    // a cancelled referral frees the way for a new one
    expect((await refer(worker, c.id, { providerId: p, service: 'rehabilitation', personId: c.child, reason: 'D' })).status).toBe(201);
    const cancelledQueue = await h.call(staff, 'GET', '/api/v1/referrals?status=cancelled');
    expect(cancelledQueue.json.items.map((r: { id: string }) => r.id)).toContain(r3);
  });
});
