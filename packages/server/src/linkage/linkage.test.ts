// Record linkage through the API: a run finds the same child registered twice (police, Latin
// passport spelling; school, Kazakh Cyrillic); who may review which pairs; a merge moves every
// reference to the survivor and is audited; undo puts back exactly what moved; two valid IINs
// are refused; a merged record disappears from search and duplicate checks.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareRecords, LINKAGE_PARAMS_V1, makeIin } from '@qorgau/core';
import { and, eq, inArray, or, sql } from 'drizzle-orm';
import {
  auditLog, caseFacts, caseMembers, cases, chiCategories, concerns, contacts, incidentPersons, linkCandidates, personMerges, persons, referrals,
  riskFlags, schools, serviceProviders,
} from '../db/schema.ts';
import { createHarness, sampleReport, type Harness, type TestUser } from '../test/harness.ts';

const DISTRICT = '751110000';

describe('record linkage', () => {
  let h: Harness;
  let reviewer: TestUser; // national supervisor
  let regional: TestUser; // regional coordinator of KZ-75
  let otherRegional: TestUser; // of KZ-11
  let operator: TestUser; // may not review
  let police: TestUser;
  let a: string; // "Seitova Aruzhan", police, Latin passport spelling
  let b: string; // "Сейітова Аружан", school, Kazakh Cyrillic — the same child
  let sibling: string; // "Сейітова Айару", her twin sister
  let c1: string; // a pair in KZ-11
  let sharedIncident: string;

  const victim = (p: Record<string, unknown>) => ({ types: ['physical'], occurredOn: '2026-11-19', place: 'home', victims: [p], perpetrators: [] });
  const report = async (user: TestUser, regionCode: string, victims: Record<string, unknown>[]) => {
    const res = await h.call(user, 'POST', '/api/v1/reports', sampleReport({ regionCode, incidents: [{ ...victim(victims[0]!), victims }] }));
    expect(res.status, JSON.stringify(res.json)).toBe(201);
    return res.json;
  };
  const personIdsOf = async (reportJson: any): Promise<string[]> => {
    const incidentId = reportJson.incidents[0].id as string;
    return (await h.deps.db.select({ id: incidentPersons.personId }).from(incidentPersons).where(eq(incidentPersons.incidentId, incidentId))).map((r) => r.id);
  };

  beforeAll(async () => {
    h = await createHarness();
    reviewer = await h.user('supervisor');
    regional = await h.user('regional_coordinator', { regionCode: 'KZ-75' });
    otherRegional = await h.user('regional_coordinator', { regionCode: 'KZ-11' });
    operator = await h.user('hotline_operator', { regionCode: 'KZ-75' });
    police = await h.user('police_inspector', { regionCode: 'KZ-75', districtCode: DISTRICT });
    const address = 'г. Алматы, ул. Абая, д. 15, кв. 7';

    const r1 = await report(police, 'KZ-75', [{ lastName: 'Seitova', firstName: 'Aruzhan', middleName: 'Bolatovna', birthDate: '2014-03-02', sex: 'female' }]);
    a = (await personIdsOf(r1))[0]!;
    const r2 = await report(operator, 'KZ-75', [
      { lastName: 'Сейітова', firstName: 'Аружан', middleName: 'Болатқызы', birthDate: '2014-03-02', sex: 'female' },
      { lastName: 'Сейітова', firstName: 'Айару', middleName: 'Болатқызы', birthDate: '2014-03-02', sex: 'female' },
    ]);
    const r2Persons = await h.deps.db.select().from(persons).where(inArray(persons.id, await personIdsOf(r2)));
    b = r2Persons.find((p) => p.firstName === 'Аружан')!.id;
    sibling = r2Persons.find((p) => p.firstName === 'Айару')!.id;
    await h.deps.db.update(persons).set({ address }).where(inArray(persons.id, [b, sibling]));
    // one report that has both records of the child on one incident (registered twice by mistake)
    const r3 = await report(operator, 'KZ-75', [{ id: a }, { id: b }]);
    sharedIncident = r3.incidents[0].id;
    // a pair in another region
    const r4 = await report(reviewer, 'KZ-11', [{ lastName: 'Омаров', firstName: 'Диас', birthDate: '2012-06-01', sex: 'male' }]);
    const r5 = await report(reviewer, 'KZ-11', [{ lastName: 'Omarov', firstName: 'Dias', birthDate: '2012-06-01', sex: 'male' }]);
    c1 = (await personIdsOf(r4))[0]!;
    expect((await personIdsOf(r5))[0]).not.toBe(c1);

    // what else hangs on the school's record b: a concern, a helpline contact, a case membership and fact, a referral, a risk flag
    const now = new Date();
    const [school] = await h.deps.db.insert(schools).values({ nameKk: 'Мектеп', nameRu: 'Школа', nameEn: 'School', regionCode: 'KZ-75', districtCode: DISTRICT }).returning();
    await h.deps.db.insert(concerns).values({ schoolId: school!.id, personId: b, categories: ['injury'], observedAt: now, description: 'x', status: 'new', createdBy: operator.id, createdAt: now, updatedAt: now });
    const [chi] = await h.deps.db.select({ code: chiCategories.code }).from(chiCategories).limit(1);
    await h.deps.db.insert(contacts).values({ channel: 'hotline', startedAt: now, callerType: 'child', childPersonId: b, chiCode: chi!.code, outcome: 'counselled', operatorId: operator.id, createdAt: now, updatedAt: now });
    const [kase] = await h.deps.db.insert(cases).values({
      number: `CF-75-2026-${Math.floor(Math.random() * 1e6)}`, kind: 'protection', status: 'open', regionCode: 'KZ-75', leadAgencyType: 'social_protection', leadUserId: operator.id,
      openedAt: now, createdBy: operator.id, createdAt: now, updatedAt: now,
    }).returning();
    // the survivor-to-be and b are both active members of the case: the merge must close b's row, not break the unique key
    await h.deps.db.insert(caseMembers).values([
      { caseId: kase!.id, personId: b, relation: 'child', subject: true, addedAt: now },
      { caseId: kase!.id, personId: a, relation: 'child', subject: true, addedAt: now },
    ]);
    await h.deps.db.insert(caseFacts).values({ caseId: kase!.id, personId: b, section: 'education', topic: 'school', body: 'x', recordedOn: '2026-11-01', createdBy: operator.id, createdAt: now });
    const [provider] = await h.deps.db.insert(serviceProviders).values({ kind: 'psychological_support', nameKk: 'Орталық', nameRu: 'Центр', nameEn: 'Centre', regionCode: 'KZ-75', createdAt: now, updatedAt: now }).returning();
    await h.deps.db.insert(referrals).values({
      caseId: kase!.id, providerId: provider!.id, service: 'psychological_counselling', personId: b, urgency: 'routine', reason: 'x', status: 'sent', referredBy: operator.id, referredAt: now, updatedAt: now,
    });
    await h.deps.db.insert(riskFlags).values({ personId: b, kind: 'repeat_report', explanation: { reports: 2 }, regionCode: 'KZ-75', since: now, computedAt: now });
  });
  afterAll(async () => { await h.close(); });

  /** Every row that refers to a person, for comparing before a merge and after its undo. */
  const references = async (ids: string[]) => ({
    incidentPersons: (await h.deps.db.select().from(incidentPersons).where(inArray(incidentPersons.personId, ids))).map((r) => `${r.incidentId}/${r.personId}/${r.role}/${r.relation}`).sort(),
    concerns: (await h.deps.db.select({ id: concerns.id, p: concerns.personId }).from(concerns).where(inArray(concerns.personId, ids))).map((r) => `${r.id}/${r.p}`).sort(),
    contacts: (await h.deps.db.select({ id: contacts.id, p: contacts.childPersonId }).from(contacts).where(inArray(contacts.childPersonId, ids))).map((r) => `${r.id}/${r.p}`).sort(),
    caseMembers: (await h.deps.db.select().from(caseMembers).where(inArray(caseMembers.personId, ids))).map((r) => `${r.id}/${r.personId}/${r.removedAt?.toISOString() ?? 'active'}`).sort(),
    caseFacts: (await h.deps.db.select({ id: caseFacts.id, p: caseFacts.personId }).from(caseFacts).where(inArray(caseFacts.personId, ids))).map((r) => `${r.id}/${r.p}`).sort(),
    referrals: (await h.deps.db.select({ id: referrals.id, p: referrals.personId }).from(referrals).where(inArray(referrals.personId, ids))).map((r) => `${r.id}/${r.p}`).sort(),
    riskFlags: (await h.deps.db.select().from(riskFlags).where(inArray(riskFlags.personId, ids))).map((r) => `${r.personId}/${r.kind}`).sort(),
    persons: (await h.deps.db.select().from(persons).where(inArray(persons.id, ids))).map((p) => JSON.stringify({ ...p, updatedAt: null })).sort(),
  });

  let pairId: string;

  it('refuses reviewers\' endpoints to roles without linkage.review', async () => {
    expect((await h.call(operator, 'GET', '/api/v1/linkage/candidates')).status).toBe(403);
    expect((await h.call(operator, 'POST', '/api/v1/linkage/runs', { wait: true })).status).toBe(403);
    expect((await h.call(police, 'GET', '/api/v1/linkage/merges')).status).toBe(403);
    expect((await h.call(null, 'GET', '/api/v1/linkage/candidates')).status).toBe(401);
  });

  it('a run finds the same child written in Latin by the police and in Kazakh Cyrillic by the school, each field\'s contribution shown', async () => {
    const run = await h.call(reviewer, 'POST', '/api/v1/linkage/runs', { wait: true });
    expect(run.status, JSON.stringify(run.json)).toBe(200);
    expect(run.json.candidates).toBeGreaterThanOrEqual(2);
    const list = await h.call(reviewer, 'GET', '/api/v1/linkage/candidates');
    expect(list.status).toBe(200);
    const pair = list.json.items.find((i: any) => [i.personA.id, i.personB.id].sort().join() === [a, b].sort().join());
    expect(pair).toBeDefined();
    expect(pair.band).toBe('likely');
    pairId = pair.id;
    const detail = await h.call(reviewer, 'GET', `/api/v1/linkage/candidates/${pairId}`);
    expect(detail.status).toBe(200);
    expect(detail.json.fields.lastName).toMatchObject({ level: 'exact' });
    expect(detail.json.fields.firstName).toMatchObject({ level: 'exact' });
    expect(detail.json.fields.middleName).toMatchObject({ level: 'exact' }); // Bolatovna = Болатқызы
    expect(detail.json.fields.birthDate).toMatchObject({ level: 'exact' });
    expect(detail.json.fields.birthDate.weight).toBeGreaterThan(5);
    const school = detail.json.personA.id === b ? detail.json.personA : detail.json.personB;
    const police_ = detail.json.personA.id === a ? detail.json.personA : detail.json.personB;
    expect(school.counts).toEqual({ reports: 2, cases: 1, concerns: 1, contacts: 1, referrals: 1 });
    expect(police_.registeredByAgency).toBe('police');
    expect(detail.json.iinConflict).toBe(false);
    // reading the pair is an audited read of both persons
    const reads = await h.deps.db.select().from(auditLog).where(and(eq(auditLog.userId, reviewer.id), eq(auditLog.action, 'read'), eq(auditLog.entityType, 'person')));
    expect(reads.map((r) => r.entityId)).toEqual(expect.arrayContaining([a, b]));
    // the twin sister shares surname, patronymic, birth date and address, but not the first name: never "likely"
    const twins = list.json.items.find((i: any) => [i.personA.id, i.personB.id].includes(sibling) && [i.personA.id, i.personB.id].includes(b));
    if (twins) expect(twins.band).toBe('possible');
  });

  it('shows a regional reviewer only pairs that touch the region; another region\'s pair is an audited 404', async () => {
    const mine = await h.call(regional, 'GET', '/api/v1/linkage/candidates');
    expect(mine.json.items.map((i: any) => i.id)).toContain(pairId);
    expect(mine.json.items.some((i: any) => i.personA.id === c1 || i.personB.id === c1)).toBe(false);
    const theirs = await h.call(otherRegional, 'GET', '/api/v1/linkage/candidates');
    const kz11 = theirs.json.items.find((i: any) => i.personA.id === c1 || i.personB.id === c1);
    expect(kz11).toBeDefined();
    expect(theirs.json.items.map((i: any) => i.id)).not.toContain(pairId);
    const denied = await h.call(otherRegional, 'GET', `/api/v1/linkage/candidates/${pairId}`);
    expect(denied.status).toBe(404);
    const [entry] = await h.deps.db.select().from(auditLog).where(and(eq(auditLog.userId, otherRegional.id), eq(auditLog.action, 'denied'), eq(auditLog.entityId, pairId)));
    expect(entry?.details).toEqual({ reason: 'territory' });
    expect((await h.call(regional, 'GET', '/api/v1/linkage/candidates?regionCode=KZ-11')).status).toBe(403);
    expect((await h.call(otherRegional, 'POST', `/api/v1/linkage/candidates/${pairId}/merge`, { survivorId: a })).status).toBe(404);
  });

  let before: Awaited<ReturnType<typeof references>>;
  let mergeId: string;

  it('merges: every reference of the merged record moves to the survivor, in one audited step', async () => {
    before = await references([a, b]);
    const bad = await h.call(regional, 'POST', `/api/v1/linkage/candidates/${pairId}/merge`, { survivorId: c1 });
    expect(bad.status).toBe(400);
    expect(bad.json.error.details[0].path).toBe('survivorId');
    const res = await h.call(regional, 'POST', `/api/v1/linkage/candidates/${pairId}/merge`, { survivorId: a, reason: 'одна и та же девочка' });
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    mergeId = res.json.id;
    expect(res.json.survivor.id).toBe(a);
    expect(res.json.merged.id).toBe(b);
    expect(res.json.moved).toMatchObject({ concerns: 1, contacts: 1, caseMembers: 1, caseFacts: 1, referrals: 1, riskFlags: 1 });
    expect(res.json.moved.incidentPersons).toBe(2); // report 2 re-pointed, report 3's duplicate row removed
    expect(res.json.moved.filledFields).toEqual(expect.arrayContaining(['address']));

    expect((await h.deps.db.select().from(persons).where(eq(persons.id, b)))[0]?.mergedInto).toBe(a);
    const after = await references([b]);
    expect(after.incidentPersons).toEqual([]);
    expect(after.concerns.concat(after.contacts, after.caseMembers, after.caseFacts, after.referrals, after.riskFlags)).toEqual([]);
    // on the shared incident the survivor stays once
    const shared = await h.deps.db.select().from(incidentPersons).where(eq(incidentPersons.incidentId, sharedIncident));
    expect(shared.map((r) => r.personId)).toEqual([a]);
    // the survivor's own membership stays active; the merged one is closed, not duplicated
    const members = await h.deps.db.select().from(caseMembers).where(eq(caseMembers.personId, a));
    expect(members.filter((m) => m.removedAt === null)).toHaveLength(1);
    expect(members).toHaveLength(2);

    const [candidate] = await h.deps.db.select().from(linkCandidates).where(eq(linkCandidates.id, pairId));
    expect(candidate?.status).toBe('merged');
    const audit = await h.deps.db.select().from(auditLog).where(and(eq(auditLog.action, 'merge'), eq(auditLog.entityId, b)));
    expect(audit).toHaveLength(1);
    expect(audit[0]!.details).toMatchObject({ survivorId: a, mergeId, candidateId: pairId });
    expect(JSON.stringify(audit[0]!.details)).not.toMatch(/Сейітова|Seitova|Аружан|девочка|Абая/);
    // decided: a second decision is a conflict
    expect((await h.call(regional, 'POST', `/api/v1/linkage/candidates/${pairId}/distinct`, {})).status).toBe(409);
  });

  it('drops the merged record from search and duplicate checks; its page points to the survivor', async () => {
    const search = await h.call(reviewer, 'GET', `/api/v1/persons/search?q=${encodeURIComponent('Сейітова Аружан')}`);
    expect(search.status).toBe(200);
    const ids = search.json.items.map((p: any) => p.id);
    expect(ids).toContain(a);
    expect(ids).not.toContain(b);
    const match = await h.call(operator, 'POST', '/api/v1/persons/match', { lastName: 'Сейітова', firstName: 'Аружан', birthDate: '2014-03-02' });
    expect(match.json.items.map((m: any) => m.person.id)).not.toContain(b);
    const page = await h.call(reviewer, 'GET', `/api/v1/persons/${b}`);
    expect(page.status).toBe(200);
    expect(page.json.mergedInto).toBe(a);
    expect((await h.call(reviewer, 'GET', `/api/v1/persons/${a}`)).json.mergedInto).toBeNull();
    // history
    const merges = await h.call(regional, 'GET', '/api/v1/linkage/merges');
    expect(merges.json.items[0]).toMatchObject({ id: mergeId, undoneAt: null, reason: 'одна и та же девочка' });
  });

  it('undo puts back exactly what moved and reopens the pair; a second undo is a conflict', async () => {
    const res = await h.call(regional, 'POST', `/api/v1/linkage/merges/${mergeId}/undo`, {});
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    expect(res.json.undoneAt).not.toBeNull();
    expect(await references([a, b])).toEqual(before);
    expect((await h.deps.db.select().from(linkCandidates).where(eq(linkCandidates.id, pairId)))[0]?.status).toBe('pending');
    const audit = await h.deps.db.select().from(auditLog).where(and(eq(auditLog.action, 'unmerge'), eq(auditLog.entityId, b)));
    expect(audit).toHaveLength(1);
    expect((await h.call(regional, 'POST', `/api/v1/linkage/merges/${mergeId}/undo`, {})).status).toBe(409);
  });

  it('refuses to undo a merge when a later merge moved its rows on; undoing the later one first works', async () => {
    // b into a, then a into a third record of the child: b's rows and b itself now hang on the third
    const first = await h.call(regional, 'POST', `/api/v1/linkage/candidates/${pairId}/merge`, { survivorId: a });
    expect(first.status).toBe(200);
    const third = await report(police, 'KZ-75', [{ lastName: 'Seitova', firstName: 'Aruzhan', birthDate: '2014-03-02', sex: 'female' }]);
    const c = (await personIdsOf(third))[0]!;
    const [lo, hi] = [a, c].sort() as [string, string];
    const [pl, ph] = await Promise.all([lo, hi].map(async (id) => (await h.deps.db.select().from(persons).where(eq(persons.id, id)))[0]!));
    const compared = compareRecords(pl!, ph!);
    const [cand] = await h.deps.db.insert(linkCandidates).values({ personA: lo, personB: hi, score: compared.score, fields: compared.fields, status: 'pending', createdAt: new Date() }).returning();
    const second = await h.call(regional, 'POST', `/api/v1/linkage/candidates/${cand!.id}/merge`, { survivorId: c });
    expect(second.status).toBe(200);
    expect((await h.deps.db.select().from(persons).where(eq(persons.id, b)))[0]?.mergedInto).toBe(c); // no chains
    const refused = await h.call(regional, 'POST', `/api/v1/linkage/merges/${first.json.id}/undo`, {});
    expect(refused.status).toBe(409);
    expect(refused.json.error.message).toMatch(/merged into another record since|no longer merged/);
    expect((await h.call(regional, 'POST', `/api/v1/linkage/merges/${second.json.id}/undo`, {})).status).toBe(200);
    expect((await h.call(regional, 'POST', `/api/v1/linkage/merges/${first.json.id}/undo`, {})).status).toBe(200);
    expect(await references([a, b])).toEqual(before);
  });

  it('refuses to merge two persons with different valid IINs', async () => {
    const r = await report(police, 'KZ-75', [
      { lastName: 'Бекова', firstName: 'Мадина', iin: makeIin('2013-05-05', 'female', 41), birthDate: '2013-05-05', sex: 'female' },
      { lastName: 'Бекова', firstName: 'Мадина', iin: makeIin('2013-05-05', 'female', 42), birthDate: '2013-05-05', sex: 'female' },
    ]);
    const [x, y] = (await personIdsOf(r)).sort() as [string, string];
    // the linker never proposes such a pair; one stored by hand (or by an older run) is refused at merge
    const [px, py] = await Promise.all([x, y].map(async (id) => (await h.deps.db.select().from(persons).where(eq(persons.id, id)))[0]!));
    const compared = compareRecords({ ...px!, id: x }, { ...py!, id: y }, { ...LINKAGE_PARAMS_V1, iinConflictExcludes: false });
    const [cand] = await h.deps.db.insert(linkCandidates).values({ personA: x, personB: y, score: compared.score, fields: compared.fields, status: 'pending', createdAt: new Date() }).returning();
    const detail = await h.call(reviewer, 'GET', `/api/v1/linkage/candidates/${cand!.id}`);
    expect(detail.json.iinConflict).toBe(true);
    const res = await h.call(reviewer, 'POST', `/api/v1/linkage/candidates/${cand!.id}/merge`, { survivorId: x });
    expect(res.status).toBe(409);
    expect(res.json.error.message).toMatch(/different valid IINs/);
    expect((await h.deps.db.select().from(persons).where(eq(persons.id, y)))[0]?.mergedInto).toBeNull();
  });

  it('"not the same person" is kept by later runs; pending pairs are re-scored', async () => {
    const list = await h.call(reviewer, 'GET', '/api/v1/linkage/candidates');
    const other = list.json.items.find((i: any) => i.personA.id === c1 || i.personB.id === c1);
    const res = await h.call(reviewer, 'POST', `/api/v1/linkage/candidates/${other.id}/distinct`, { reason: 'разные дети' });
    expect(res.status).toBe(200);
    expect(res.json.status).toBe('distinct');
    expect((await h.call(reviewer, 'POST', '/api/v1/linkage/runs', { wait: true })).status).toBe(200);
    const [kept] = await h.deps.db.select().from(linkCandidates).where(eq(linkCandidates.id, other.id));
    expect(kept?.status).toBe('distinct');
    const distinct = await h.call(reviewer, 'GET', '/api/v1/linkage/candidates?status=distinct');
    expect(distinct.json.items.map((i: any) => i.id)).toContain(other.id);
    const runs = await h.call(reviewer, 'GET', '/api/v1/linkage/runs');
    expect(runs.json.items.length).toBeGreaterThanOrEqual(2);
    expect(runs.json.items[0]).toMatchObject({ failed: false, persons: expect.any(Number) });
    const [count] = await h.deps.db.select({ n: sql<number>`count(*)::int` }).from(linkCandidates).where(or(eq(linkCandidates.personA, a), eq(linkCandidates.personB, a)));
    expect(count?.n).toBeGreaterThan(0);
    // every merge stays in the history, undone ones with their undo
    const history = await h.deps.db.select().from(personMerges).where(eq(personMerges.mergedId, b));
    expect(history).toHaveLength(2);
    expect(history.every((m) => m.undoneAt !== null)).toBe(true);
  });
});
