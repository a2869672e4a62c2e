// The day-to-day work on a case: the plan (goals and their actions), home visits, notes with a
// sensitivity level, social and medical facts by section, and reviews on a schedule.
import type { FactSection, ReviewDecision } from '@qorgau/core';
import { and, eq, isNull } from 'drizzle-orm';
import { writeAudit } from '../audit/audit.ts';
import type { Executor } from '../db/client.ts';
import { caseEvents, caseFacts, caseMembers, caseNotes, casePlanItems, caseReviews, cases, caseVisits, users } from '../db/schema.ts';
import { auditCtx, type Ctx } from '../http/context.ts';
import { auditedForbidden, conflict, forbidden, validation } from '../http/errors.ts';
import { isUuid } from '../reports/service.ts';
import { kzDate } from '../stats/rollup.ts';
import { ledCase, sectionVisible, visibleCase, workableCase, type CaseRow } from './access.ts';
import { addDays, getCase } from './service.ts';
import type { CaseDto } from './schema.ts';

const notClosed = (c: CaseRow) => { if (c.status === 'closed') throw conflict('The case is closed: reopen it first.'); };

async function record(tx: Executor, ctx: Ctx, caseId: string, kind: string, details: Record<string, unknown>): Promise<void> {
  await tx.insert(caseEvents).values({ caseId, at: ctx.now, userId: ctx.actor.id, kind, details });
  await writeAudit(tx, auditCtx(ctx), { action: 'update', entityType: 'case', entityId: caseId, details: { change: kind, ...details } });
  await tx.update(cases).set({ updatedAt: ctx.now }).where(eq(cases.id, caseId));
}

async function checkResponsible(ex: Executor, userId: string | null | undefined): Promise<void> {
  if (!userId) return;
  const [u] = await ex.select({ active: users.active }).from(users).where(eq(users.id, userId));
  if (!u?.active) throw validation([{ path: 'responsibleUserId', message: 'no such active user' }]);
}

// ---------------------------------------------------------------- plan

export async function addPlanItem(ctx: Ctx, caseId: string, input: {
  kind: 'goal' | 'action'; goalId?: string | undefined; title: string; responsibleAgency?: string | null | undefined; responsibleUserId?: string | null | undefined; dueOn?: string | null | undefined;
}): Promise<CaseDto> {
  const { c } = await ledCase(ctx, caseId);
  notClosed(c);
  await checkResponsible(ctx.db, input.responsibleUserId);
  await ctx.db.transaction(async (tx) => {
    if (input.goalId) {
      const [g] = await tx.select({ kind: casePlanItems.kind }).from(casePlanItems).where(and(eq(casePlanItems.id, input.goalId), eq(casePlanItems.caseId, c.id)));
      if (g?.kind !== 'goal') throw validation([{ path: 'goalId', message: 'no such goal in this case\'s plan' }]);
    }
    const [item] = await tx.insert(casePlanItems).values({
      caseId: c.id, kind: input.kind, goalId: input.goalId ?? null, title: input.title, responsibleAgency: input.responsibleAgency ?? null,
      responsibleUserId: input.responsibleUserId ?? null, dueOn: input.dueOn ?? null, status: 'open', createdBy: ctx.actor.id, createdAt: ctx.now, updatedAt: ctx.now,
    }).returning();
    await record(tx, ctx, c.id, 'plan_item_added', { itemId: item?.id, kind: input.kind });
  });
  return getCase(ctx, caseId, { audit: false });
}

export async function updatePlanItem(ctx: Ctx, caseId: string, itemId: string, input: {
  title?: string | undefined; status?: 'open' | 'done' | 'dropped' | undefined; responsibleAgency?: string | null | undefined; responsibleUserId?: string | null | undefined; dueOn?: string | null | undefined;
}): Promise<CaseDto> {
  const { c, rights } = await visibleCase(ctx, caseId);
  notClosed(c);
  if (!isUuid(itemId)) throw validation([{ path: 'itemId', message: 'no such plan item' }]);
  const [item] = await ctx.db.select().from(casePlanItems).where(and(eq(casePlanItems.id, itemId), eq(casePlanItems.caseId, c.id)));
  if (!item) throw validation([{ path: 'itemId', message: 'no such plan item in this case' }]);
  // the lead changes the plan; the responsible worker or agency only marks their action done
  const onlyStatus = Object.keys(input).every((k) => k === 'status');
  const responsible = item.responsibleUserId === ctx.actor.id || (!!ctx.actor.agencyType && item.responsibleAgency === ctx.actor.agencyType && rights.work);
  if (!rights.lead && !(onlyStatus && responsible)) throw forbidden('Only the case lead changes the plan; the responsible worker marks their action done.');
  await checkResponsible(ctx.db, input.responsibleUserId);
  await ctx.db.transaction(async (tx) => {
    const set: Partial<typeof casePlanItems.$inferInsert> = { updatedAt: ctx.now };
    if (input.title !== undefined) set.title = input.title;
    if (input.responsibleAgency !== undefined) set.responsibleAgency = input.responsibleAgency;
    if (input.responsibleUserId !== undefined) set.responsibleUserId = input.responsibleUserId;
    if (input.dueOn !== undefined) set.dueOn = input.dueOn;
    if (input.status !== undefined) {
      set.status = input.status;
      set.doneAt = input.status === 'done' ? ctx.now : null;
    }
    await tx.update(casePlanItems).set(set).where(eq(casePlanItems.id, item.id));
    await record(tx, ctx, c.id, 'plan_item_updated', { itemId, fields: Object.keys(input), ...(input.status ? { status: input.status } : {}) });
  });
  return getCase(ctx, caseId, { audit: false });
}

// ---------------------------------------------------------------- visits, notes, facts

export async function addVisit(ctx: Ctx, caseId: string, input: { visitedOn: string; visitors: string; childrenSeen: boolean; observations: string; nextVisitOn?: string | null | undefined }): Promise<CaseDto> {
  const { c } = await workableCase(ctx, caseId);
  notClosed(c);
  if (input.visitedOn > kzDate(ctx.now)) throw validation([{ path: 'visitedOn', message: 'must not be in the future: record a visit once it took place' }]);
  await ctx.db.transaction(async (tx) => {
    const [v] = await tx.insert(caseVisits).values({
      caseId: c.id, visitedOn: input.visitedOn, visitors: input.visitors, childrenSeen: input.childrenSeen, observations: input.observations,
      nextVisitOn: input.nextVisitOn ?? null, createdBy: ctx.actor.id, createdAt: ctx.now,
    }).returning();
    await record(tx, ctx, c.id, 'visit', { visitId: v?.id, visitedOn: input.visitedOn, childrenSeen: input.childrenSeen, nextVisitOn: input.nextVisitOn ?? null });
  });
  return getCase(ctx, caseId, { audit: false });
}

export async function addNote(ctx: Ctx, caseId: string, input: { sensitivity: 'normal' | 'restricted' | 'confidential'; body: string }): Promise<CaseDto> {
  const { c } = await workableCase(ctx, caseId);
  await ctx.db.transaction(async (tx) => {
    const [n] = await tx.insert(caseNotes).values({ caseId: c.id, sensitivity: input.sensitivity, body: input.body, createdBy: ctx.actor.id, createdAt: ctx.now }).returning();
    await record(tx, ctx, c.id, 'note', { noteId: n?.id, sensitivity: input.sensitivity });
  });
  return getCase(ctx, caseId, { audit: false });
}

export async function addFact(ctx: Ctx, caseId: string, input: { section: FactSection; personId?: string | null | undefined; topic: string; body: string; recordedOn: string }): Promise<CaseDto> {
  const { c, rights } = await workableCase(ctx, caseId);
  notClosed(c);
  if (!sectionVisible(ctx.actor, c, input.section)) {
    await writeAudit(ctx.db, auditCtx(ctx), { action: 'denied', entityType: 'case', entityId: c.id, details: { section: input.section, reason: 'section' } });
    throw auditedForbidden(`The ${input.section} section is not open to your role.`);
  }
  if (!rights.work) throw forbidden('Only the agencies working on this case add to it.');
  if (input.recordedOn > kzDate(ctx.now)) throw validation([{ path: 'recordedOn', message: 'must not be in the future' }]);
  if (input.personId) {
    const [m] = await ctx.db.select({ id: caseMembers.id }).from(caseMembers).where(and(eq(caseMembers.caseId, c.id), eq(caseMembers.personId, input.personId), isNull(caseMembers.removedAt)));
    if (!m) throw validation([{ path: 'personId', message: 'must be a member of the household' }]);
  }
  await ctx.db.transaction(async (tx) => {
    const [f] = await tx.insert(caseFacts).values({
      caseId: c.id, personId: input.personId ?? null, section: input.section, topic: input.topic, body: input.body, recordedOn: input.recordedOn,
      createdBy: ctx.actor.id, createdAt: ctx.now,
    }).returning();
    await record(tx, ctx, c.id, 'fact', { factId: f?.id, section: input.section });
  });
  return getCase(ctx, caseId, { audit: false });
}

/** One section of the social and medical view, read on its own (audited; a hidden section is a denial). */
export async function readSection(ctx: Ctx, caseId: string, section: FactSection): Promise<CaseDto['facts']> {
  const { c } = await visibleCase(ctx, caseId);
  if (!sectionVisible(ctx.actor, c, section)) {
    await writeAudit(ctx.db, auditCtx(ctx), { action: 'denied', entityType: 'case', entityId: c.id, details: { section, reason: 'section' } });
    throw auditedForbidden(`The ${section} section is not open to your role.`);
  }
  const dto = await getCase(ctx, caseId, { audit: false });
  await writeAudit(ctx.db, auditCtx(ctx), { action: 'read', entityType: 'case', entityId: c.id, details: { section } });
  return dto.facts.filter((f) => f.section === section);
}

// ---------------------------------------------------------------- reviews

export async function recordReview(ctx: Ctx, caseId: string, input: { heldOn: string; decision: ReviewDecision; summary: string }): Promise<CaseDto> {
  await ledCase(ctx, caseId);
  if (input.heldOn > kzDate(ctx.now)) throw validation([{ path: 'heldOn', message: 'must not be in the future' }]);
  await ctx.db.transaction(async (tx) => {
    const [c] = await tx.select().from(cases).where(eq(cases.id, caseId)).for('update');
    if (!c) throw new Error('case vanished');
    if (c.status !== 'review') throw conflict('Start a review first (the case moves to "review"), then record it.');
    const [r] = await tx.insert(caseReviews).values({
      caseId, dueOn: c.nextReviewOn, heldOn: input.heldOn, decision: input.decision, summary: input.summary, heldBy: ctx.actor.id, createdAt: ctx.now,
    }).returning();
    const next = addDays(input.heldOn, c.reviewIntervalDays);
    // continue, step up or down: back to work until the next review; close: stays in review for the closure request
    const back = input.decision !== 'close';
    await tx.update(cases).set({ updatedAt: ctx.now, nextReviewOn: back ? next : c.nextReviewOn, ...(back ? { status: 'in_progress' } : {}) }).where(eq(cases.id, caseId));
    await tx.insert(caseEvents).values({
      caseId, at: ctx.now, userId: ctx.actor.id, kind: 'reviewed', fromStatus: 'review', toStatus: back ? 'in_progress' : null,
      details: { reviewId: r?.id, decision: input.decision, nextReviewOn: back ? next : null },
    });
    await writeAudit(tx, auditCtx(ctx), { action: 'update', entityType: 'case', entityId: caseId, details: { change: 'reviewed', decision: input.decision } });
  });
  return getCase(ctx, caseId, { audit: false });
}
