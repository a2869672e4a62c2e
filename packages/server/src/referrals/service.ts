// Referrals from a family case to a provider of the service directory:
//
//   sent ──accept──▶ accepted ──delivered──▶ delivered ──feedback──▶ completed
//     │                 │
//     ├──decline──▶ declined ◀──decline──┤ (the family did not come, say)
//     └──cancel───▶ cancelled ◀──cancel──┘ (the case side, before delivery)
//
// The case side (agencies working on the case) refers a member of the household; the provider's
// staff (referrals.handle in the provider's unit) see only what they need — the child's name,
// birth date, the service, urgency, reason and who referred — never the rest of the case. Every
// step is audited and notifies the other side; audit entries and notifications carry ids and
// codes only (the reason, notes and feedback are never logged).
import {
  kzLocal, ROLES, roleHas, type ProviderKind, type ReferralDeclineReason, type ReferralOutcome, type ReferralStatus, type ServiceCode,
} from '@qorgau/core';
import { and, asc, count, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { can, type Actor } from '../access/policy.ts';
import { writeAudit } from '../audit/audit.ts';
import { caseRights, visibleCase, workableCase, type CaseRow } from '../cases/access.ts';
import type { Executor } from '../db/client.ts';
import { caseMembers, cases, persons, referrals, serviceProviders, units, users } from '../db/schema.ts';
import { auditCtx, type Ctx } from '../http/context.ts';
import { AppError, databaseError, forbidden, validation } from '../http/errors.ts';
import { notify, type NotificationInput } from '../notifications/service.ts';
import { denyAsNotFound, isUuid } from '../reports/service.ts';
import { freePlaces, isFull, providerRow, type ProviderRow } from '../services/service.ts';
import type { CaseReferralsInfo, CreateReferralInput, ListQueueQuery, ReferralDto, ReferralUrgency } from './schema.ts';

type ReferralRow = typeof referrals.$inferSelect;

/** Roles that answer referrals: they are told of a new one for their unit's provider. */
const HANDLER_ROLES = ROLES.filter((r) => roleHas(r, 'referrals.handle'));

/** Open referrals: not delivered yet, so the case side may still cancel and the provider decline. */
const OPEN: readonly ReferralStatus[] = ['sent', 'accepted'];

/** The queue's "open": the provider still has something to do (answer, deliver, give feedback). */
const TO_DO: readonly ReferralStatus[] = ['sent', 'accepted', 'delivered'];

/** Full years at the instant, on the Kazakhstan calendar. */
export function ageAt(birthDate: string | null, at: Date): number | null {
  if (!birthDate) return null;
  const [y, m, d] = birthDate.split('-').map(Number) as [number, number, number];
  const local = kzLocal(at);
  let age = local.getUTCFullYear() - y;
  if (local.getUTCMonth() + 1 < m || (local.getUTCMonth() + 1 === m && local.getUTCDate() < d)) age -= 1;
  return age >= 0 ? age : null;
}

/**
 * A provider's ages describe the children and young people it serves. They are checked for the
 * household's children (the case's subjects, children and siblings) and anyone under 18; an adult
 * member — a parent referred to parenting support or legal advice — is referred for the family's
 * sake, and the children's ages say nothing about them.
 */
export function agesApply(member: { relation: string; subject: boolean }, age: number): boolean {
  return member.subject || member.relation === 'child' || member.relation === 'sibling' || age < 18;
}

/** The actor answers referrals to this provider: referrals.handle in the provider's unit. */
export function answersFor(actor: Actor, provider: Pick<ProviderRow, 'unitId'>): boolean {
  return can(actor, 'referrals.handle') && !!actor.unitId && actor.unitId === provider.unitId;
}

// ---------------------------------------------------------------- presenting

type Loaded = {
  providers: Map<string, ProviderRow>;
  cases: Map<string, CaseRow>;
  persons: Map<string, typeof persons.$inferSelect>;
  users: Map<string, { name: string; agencyType: string | null; email: string | null; unitId: string | null }>;
  units: Map<string, { kk: string; ru: string; en: string }>;
};

async function load(ex: Executor, rows: ReferralRow[]): Promise<Loaded> {
  const ids = <T>(list: (T | null)[]) => [...new Set(list.filter((x): x is T => !!x))];
  const providerIds = ids(rows.map((r) => r.providerId));
  const caseIds = ids(rows.map((r) => r.caseId));
  const personIds = ids(rows.map((r) => r.personId));
  const userIds = ids(rows.flatMap((r) => [r.referredBy, r.decidedBy]));
  const [p, c, pe, u] = await Promise.all([
    providerIds.length ? ex.select().from(serviceProviders).where(inArray(serviceProviders.id, providerIds)) : [],
    caseIds.length ? ex.select().from(cases).where(inArray(cases.id, caseIds)) : [],
    personIds.length ? ex.select().from(persons).where(inArray(persons.id, personIds)) : [],
    userIds.length ? ex.select({ id: users.id, name: users.fullName, agencyType: users.agencyType, email: users.email, unitId: users.unitId }).from(users).where(inArray(users.id, userIds)) : [],
  ]);
  const unitIds = ids(u.map((x) => x.unitId));
  const un = unitIds.length ? await ex.select().from(units).where(inArray(units.id, unitIds)) : [];
  return {
    providers: new Map(p.map((x) => [x.id, x])),
    cases: new Map(c.map((x) => [x.id, x])),
    persons: new Map(pe.map((x) => [x.id, x])),
    users: new Map(u.map((x) => [x.id, x])),
    units: new Map(un.map((x) => [x.id, { kk: x.nameKk, ru: x.nameRu, en: x.nameEn }])),
  };
}

function toDto(actor: Actor, now: Date, r: ReferralRow, l: Loaded): ReferralDto {
  const provider = l.providers.get(r.providerId);
  const c = l.cases.get(r.caseId);
  if (!provider || !c) throw new Error('referral without its provider or case');
  const person = r.personId ? l.persons.get(r.personId) : undefined;
  const by = l.users.get(r.referredBy);
  const status = r.status as ReferralStatus;
  const provides = answersFor(actor, provider);
  const works = caseRights(actor, c).work;
  return {
    id: r.id, caseId: r.caseId, caseNumber: c.number, status, service: r.service as ServiceCode, urgency: r.urgency as ReferralUrgency, reason: r.reason,
    provider: {
      id: provider.id, kind: provider.kind as ProviderKind, name: { kk: provider.nameKk, ru: provider.nameRu, en: provider.nameEn }, phone: provider.phone,
      capacity: provider.capacity, occupancy: provider.occupancy, freePlaces: freePlaces(provider),
    },
    person: person ? {
      id: person.id, lastName: person.lastName, firstName: person.firstName, middleName: person.middleName, birthDate: person.birthDate,
      age: ageAt(person.birthDate, now), sex: person.sex,
    } : null,
    referredAt: r.referredAt.toISOString(),
    referredBy: {
      id: r.referredBy, name: by?.name ?? null, agencyType: by?.agencyType ?? null,
      unitName: by?.unitId ? l.units.get(by.unitId) ?? null : null, email: by?.email ?? null,
    },
    decidedAt: r.decidedAt?.toISOString() ?? null,
    decidedByName: r.decidedBy ? l.users.get(r.decidedBy)?.name ?? null : null,
    declineReason: r.declineReason as ReferralDeclineReason | null,
    declineNote: r.declineNote,
    deliveredAt: r.deliveredAt?.toISOString() ?? null,
    feedback: r.feedback,
    outcome: r.outcome as ReferralOutcome | null,
    feedbackAt: r.feedbackAt?.toISOString() ?? null,
    updatedAt: r.updatedAt.toISOString(),
    rights: {
      accept: provides && status === 'sent',
      decline: provides && OPEN.includes(status),
      deliver: provides && status === 'accepted',
      feedback: provides && status === 'delivered',
      cancel: works && OPEN.includes(status),
    },
  };
}

async function present(ctx: Ctx, ex: Executor, rows: ReferralRow[]): Promise<ReferralDto[]> {
  const l = await load(ex, rows);
  return rows.map((r) => toDto(ctx.actor, ctx.now, r, l));
}

// ---------------------------------------------------------------- notifying

async function providerStaff(ex: Executor, provider: Pick<ProviderRow, 'unitId'>): Promise<string[]> {
  if (!provider.unitId) return [];
  const rows = await ex.select({ id: users.id }).from(users)
    .where(and(eq(users.unitId, provider.unitId), eq(users.active, true), inArray(users.role, HANDLER_ROLES)));
  return rows.map((u) => u.id);
}

/** The referring worker and the case lead hear of every answer (never the one who gave it). */
function caseSide(actor: Actor, r: ReferralRow, c: CaseRow): string[] {
  return [...new Set([r.referredBy, c.leadUserId])].filter((id) => id !== actor.id);
}

// ---------------------------------------------------------------- referring

export async function createReferral(ctx: Ctx, caseId: string, input: CreateReferralInput): Promise<ReferralDto> {
  const { c } = await workableCase(ctx, caseId);
  if (c.status === 'closed') throw new AppError('conflict', 'The case is closed. Reopen it before referring anyone to a service.');
  const provider = await providerRow(ctx.db, input.providerId);
  if (!provider) throw validation([{ path: 'providerId', message: 'no such provider in the service directory' }]);
  if (!provider.active) throw validation([{ path: 'providerId', message: 'the provider is no longer active in the directory; choose another one' }]);
  if (!provider.services.includes(input.service)) {
    throw validation([{ path: 'service', message: `the provider does not offer this service (it offers: ${provider.services.join(', ')})` }]);
  }
  const [member] = await ctx.db.select({ personId: caseMembers.personId, birthDate: persons.birthDate, relation: caseMembers.relation, subject: caseMembers.subject })
    .from(caseMembers).innerJoin(persons, eq(persons.id, caseMembers.personId))
    .where(and(eq(caseMembers.caseId, c.id), eq(caseMembers.personId, input.personId), isNull(caseMembers.removedAt)));
  if (!member) throw validation([{ path: 'personId', message: 'is not a current member of this case' }]);
  const age = ageAt(member.birthDate, ctx.now);
  if (age !== null && agesApply(member, age) && (age < provider.ageMin || age > provider.ageMax)) {
    throw validation([{ path: 'personId', message: `the person is ${age} years old; the provider serves ages ${provider.ageMin}–${provider.ageMax}` }],
      `The provider serves ages ${provider.ageMin}–${provider.ageMax}; this person is ${age}. Choose a provider for this age.`);
  }
  const duplicate = () => new AppError('conflict', 'This person already has an open referral to this provider for this service. Wait for its answer or cancel it first.');
  const id = await ctx.db.transaction(async (tx) => {
    const [open] = await tx.select({ id: referrals.id }).from(referrals).where(and(
      eq(referrals.caseId, c.id), eq(referrals.personId, input.personId), eq(referrals.providerId, provider.id), eq(referrals.service, input.service),
      inArray(referrals.status, [...OPEN]),
    ));
    if (open) throw duplicate();
    const [r] = await tx.insert(referrals).values({
      caseId: c.id, providerId: provider.id, service: input.service, personId: input.personId, urgency: input.urgency, reason: input.reason,
      status: 'sent', referredBy: ctx.actor.id, referredAt: ctx.now, updatedAt: ctx.now,
    }).returning({ id: referrals.id });
    if (!r) throw new Error('insert returned nothing');
    await writeAudit(tx, auditCtx(ctx), {
      action: 'create', entityType: 'referral', entityId: r.id,
      details: { caseId: c.id, providerId: provider.id, personId: input.personId, service: input.service, urgency: input.urgency },
    });
    const staff = (await providerStaff(tx, provider)).filter((u) => u !== ctx.actor.id);
    await notify(tx, ctx.now, ctx.config, staff.map((userId) => ({ userId, kind: 'referral_new' as const, params: { referralId: r.id, caseNumber: c.number } })));
    return r.id;
  }).catch((err: unknown) => {
    // two workers referring at the same moment: the unique index lets one through
    if (databaseError(err)?.constraint === 'referrals_open_key') throw duplicate();
    throw err;
  });
  const [row] = await ctx.db.select().from(referrals).where(eq(referrals.id, id));
  if (!row) throw new Error('referral vanished');
  const [dto] = await present(ctx, ctx.db, [row]);
  return dto as ReferralDto;
}

/** The referrals of a case, for those who read the case (audited), with where the case is (the referral form suggests providers there). */
export async function caseReferrals(ctx: Ctx, caseId: string): Promise<{ items: ReferralDto[]; case: CaseReferralsInfo }> {
  const { c, rights } = await visibleCase(ctx, caseId);
  const rows = await ctx.db.select().from(referrals).where(eq(referrals.caseId, c.id)).orderBy(desc(referrals.referredAt), desc(referrals.id));
  await writeAudit(ctx.db, auditCtx(ctx), { action: 'read', entityType: 'case_referrals', entityId: c.id, details: { count: rows.length, ids: rows.map((r) => r.id) } });
  return {
    items: await present(ctx, ctx.db, rows),
    case: { id: c.id, number: c.number, regionCode: c.regionCode, districtCode: c.districtCode, canRefer: rights.work && c.status !== 'closed' },
  };
}

// ---------------------------------------------------------------- the provider's queue

export async function listQueue(ctx: Ctx, q: ListQueueQuery): Promise<{ items: ReferralDto[]; total: number; limit: number; offset: number }> {
  if (!can(ctx.actor, 'referrals.handle')) throw forbidden('Only the staff of a service provider answer referrals.');
  if (!ctx.actor.unitId) throw forbidden('Your account is not linked to a provider\'s unit. Ask the administrator to set your unit.');
  const where = and(
    sql`${referrals.providerId} in (select ${serviceProviders.id} from ${serviceProviders} where ${serviceProviders.unitId} = ${ctx.actor.unitId})`,
    q.status === 'open' ? inArray(referrals.status, [...TO_DO]) : q.status ? eq(referrals.status, q.status) : undefined,
    q.providerId ? eq(referrals.providerId, q.providerId) : undefined,
  );
  const [total] = await ctx.db.select({ n: count() }).from(referrals).where(where);
  // what needs an answer first, urgent before routine, then the newest
  const rank = sql`case ${referrals.status} when 'sent' then 0 when 'accepted' then 1 when 'delivered' then 2 else 3 end`;
  const rows = await ctx.db.select().from(referrals).where(where)
    .orderBy(asc(rank), desc(sql`${referrals.urgency} = 'urgent'`), desc(referrals.referredAt), asc(referrals.id)).limit(q.limit).offset(q.offset);
  await writeAudit(ctx.db, auditCtx(ctx), { action: 'read', entityType: 'referral_list', entityId: null, details: { count: rows.length, ids: rows.map((r) => r.id) } });
  return { items: await present(ctx, ctx.db, rows), total: total?.n ?? 0, limit: q.limit, offset: q.offset };
}

// ---------------------------------------------------------------- one referral

type Seen = { r: ReferralRow; provider: ProviderRow; c: CaseRow; provides: boolean; works: boolean };

/** The referral if the actor answers for its provider or reads its case; else an audited denial that looks like a missing record. */
async function visibleReferral(ctx: Ctx, id: string): Promise<Seen> {
  if (!isUuid(id)) return denyAsNotFound(ctx, 'referral', id, 'missing');
  const [r] = await ctx.db.select().from(referrals).where(eq(referrals.id, id));
  if (!r) return denyAsNotFound(ctx, 'referral', id, 'missing');
  const [provider, [c]] = await Promise.all([providerRow(ctx.db, r.providerId), ctx.db.select().from(cases).where(eq(cases.id, r.caseId))]);
  if (!provider || !c) return denyAsNotFound(ctx, 'referral', id, 'missing');
  const provides = answersFor(ctx.actor, provider);
  const rights = caseRights(ctx.actor, c);
  if (!provides && !rights.read) return denyAsNotFound(ctx, 'referral', id, can(ctx.actor, 'referrals.handle') ? 'other_provider' : 'case_access');
  return { r, provider, c, provides, works: rights.work };
}

export async function getReferral(ctx: Ctx, id: string): Promise<ReferralDto> {
  const { r, provides } = await visibleReferral(ctx, id);
  await writeAudit(ctx.db, auditCtx(ctx), { action: 'read', entityType: 'referral', entityId: r.id, details: { caseId: r.caseId, personId: r.personId, as: provides ? 'provider' : 'case' } });
  const [dto] = await present(ctx, ctx.db, [r]);
  return dto as ReferralDto;
}

// ---------------------------------------------------------------- answering

type Step = 'accept' | 'decline' | 'deliver' | 'feedback' | 'cancel';

/** The statuses each step starts from, and what a refusal says. */
const STEPS: Record<Step, { from: readonly ReferralStatus[]; to: ReferralStatus; side: 'provider' | 'case'; when: string }> = {
  accept: { from: ['sent'], to: 'accepted', side: 'provider', when: 'only a referral that was sent and not yet answered can be accepted' },
  decline: { from: OPEN, to: 'declined', side: 'provider', when: 'a referral can be declined only before the service is delivered' },
  deliver: { from: ['accepted'], to: 'delivered', side: 'provider', when: 'only an accepted referral can be marked as delivered' },
  feedback: { from: ['delivered'], to: 'completed', side: 'provider', when: 'feedback is given once the service is delivered' },
  cancel: { from: OPEN, to: 'cancelled', side: 'case', when: 'a referral can be cancelled only before the service is delivered' },
};

type Change = Partial<Pick<ReferralRow, 'decidedBy' | 'decidedAt' | 'declineReason' | 'declineNote' | 'deliveredAt' | 'feedback' | 'outcome' | 'feedbackAt'>>;

/** `prepare` may refuse the step, or add to what the audit entry records. */
async function step(ctx: Ctx, id: string, name: Step, change: Change, details: Record<string, unknown> = {}, prepare?: (s: Seen) => Record<string, unknown>): Promise<ReferralDto> {
  const seen = await visibleReferral(ctx, id);
  const rule = STEPS[name];
  if (rule.side === 'provider' && !seen.provides) throw forbidden('Only the staff of the provider the referral was sent to answer it.');
  if (rule.side === 'case' && !seen.works) throw forbidden('Only the agencies working on the case cancel its referrals. Ask the case lead to add your agency.');
  const extra = prepare?.(seen) ?? {};
  await ctx.db.transaction(async (tx) => {
    const [current] = await tx.select({ status: referrals.status }).from(referrals).where(eq(referrals.id, id)).for('update');
    const status = (current?.status ?? 'cancelled') as ReferralStatus;
    if (!rule.from.includes(status)) throw new AppError('conflict', `The referral is ${status}: ${rule.when}.`);
    await tx.update(referrals).set({ ...change, status: rule.to, updatedAt: ctx.now }).where(eq(referrals.id, id));
    await writeAudit(tx, auditCtx(ctx), {
      action: 'update', entityType: 'referral', entityId: id, details: { caseId: seen.r.caseId, from: status, to: rule.to, ...details, ...extra },
    });
    const params = { caseId: seen.c.id, caseNumber: seen.c.number, referralId: id };
    const out: NotificationInput[] = caseSide(ctx.actor, seen.r, seen.c).map((userId) => ({ userId, kind: 'referral_answered', params }));
    if (rule.side === 'case') {
      // the provider hears of a cancellation in its queue (no case id: its staff do not open the case)
      for (const userId of await providerStaff(tx, seen.provider)) {
        if (userId !== ctx.actor.id) out.push({ userId, kind: 'referral_answered', params: { caseNumber: seen.c.number, referralId: id } });
      }
    }
    await notify(tx, ctx.now, ctx.config, out);
  });
  const [row] = await ctx.db.select().from(referrals).where(eq(referrals.id, id));
  const [dto] = await present(ctx, ctx.db, [row as ReferralRow]);
  return dto as ReferralDto;
}

/**
 * Accepting when the provider reports no free place is refused (409) unless overCapacity is
 * passed: the worker then knows the child may wait, and the audit records that it was accepted
 * over capacity. Occupancy stays as the provider reports it; accepting does not change it.
 */
export async function acceptReferral(ctx: Ctx, id: string, overCapacity: boolean): Promise<ReferralDto & { overCapacity: boolean }> {
  let full = false;
  const dto = await step(ctx, id, 'accept', { decidedBy: ctx.actor.id, decidedAt: ctx.now }, {}, ({ provider, r }) => {
    full = isFull(provider);
    if (!full) return {};
    // a second click on an accepted referral gets the 409 of the state, not this one
    if (!overCapacity && r.status === 'sent') {
      throw new AppError('conflict', `The provider reports no free place (${provider.occupancy} of ${provider.capacity} taken). Update the occupancy, or accept anyway with overCapacity: true.`,
        [{ path: 'overCapacity', message: 'the provider is full; set to true to accept over capacity' }]);
    }
    return { overCapacity: true, occupancy: provider.occupancy, capacity: provider.capacity };
  });
  return { ...dto, overCapacity: full };
}

export function declineReferral(ctx: Ctx, id: string, reason: ReferralDeclineReason, note: string | undefined): Promise<ReferralDto> {
  return step(ctx, id, 'decline', { decidedBy: ctx.actor.id, decidedAt: ctx.now, declineReason: reason, declineNote: note || null }, { reason });
}

export function deliverReferral(ctx: Ctx, id: string): Promise<ReferralDto> {
  return step(ctx, id, 'deliver', { deliveredAt: ctx.now });
}

export function giveFeedback(ctx: Ctx, id: string, outcome: ReferralOutcome, feedback: string): Promise<ReferralDto> {
  return step(ctx, id, 'feedback', { feedback, outcome, feedbackAt: ctx.now }, { outcome });
}

/** The case side withdraws a referral before delivery; the note is kept in decline_note (a cancelled referral was never declined). */
export function cancelReferral(ctx: Ctx, id: string, note: string): Promise<ReferralDto> {
  return step(ctx, id, 'cancel', { declineNote: note });
}
