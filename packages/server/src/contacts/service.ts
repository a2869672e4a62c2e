// Helpline contacts: every call or chat is saved, also those that end in advice or information
// only, so that helpline statistics are complete. A contact may register a report in the same
// transaction.
import { kzDayEnd, kzDayStart } from '@qorgau/core';
import { and, desc, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import { can, territoryOf, type Actor } from '../access/policy.ts';
import { writeAudit } from '../audit/audit.ts';
import type { Executor } from '../db/client.ts';
import { chiCategories, contacts, persons, regions, reports } from '../db/schema.ts';
import { auditCtx, type Ctx } from '../http/context.ts';
import { AppError, forbidden, notFound, validation } from '../http/errors.ts';
import { createReport, isUuid } from '../reports/service.ts';
import { addIncident } from '../reports/workflow.ts';
import type { ContactDto, CreateContactInput } from './schema.ts';

type ContactRow = typeof contacts.$inferSelect;

function toDto(c: ContactRow, reportNumber: string | null, withSummary: boolean): ContactDto {
  return {
    id: c.id, channel: c.channel, regionCode: c.regionCode, startedAt: c.startedAt.toISOString(), endedAt: c.endedAt?.toISOString() ?? null,
    durationSeconds: c.durationSeconds, callerType: c.callerType, childPersonId: c.childPersonId, childFirstName: c.childFirstName,
    childApproxAge: c.childApproxAge, childSex: c.childSex, chiCode: c.chiCode, screening: c.screening, outcome: c.outcome,
    reportId: c.reportId, reportNumber, summary: withSummary ? c.summary : null, operatorId: c.operatorId, createdAt: c.createdAt.toISOString(),
  };
}

async function reportNumber(ex: Executor, id: string | null): Promise<string | null> {
  if (!id) return null;
  const [r] = await ex.select({ number: reports.number }).from(reports).where(eq(reports.id, id));
  return r?.number ?? null;
}

/** Operators see their own contacts; supervisors and coordinators those of their territory. */
function mayRead(actor: Actor, c: ContactRow): boolean {
  if (c.operatorId === actor.id) return true;
  if (actor.role !== 'supervisor' && actor.role !== 'regional_coordinator') return false;
  const t = territoryOf(actor);
  return t.level === 'national' || c.regionCode === t.regionCode;
}

export async function createContact(ctx: Ctx, input: CreateContactInput): Promise<{ contact: ContactDto; created: boolean }> {
  if (!can(ctx.actor, 'contacts.handle')) throw forbidden('Your role does not handle helpline contacts.');
  if (input.clientId) {
    const [existing] = await ctx.db.select().from(contacts).where(eq(contacts.clientId, input.clientId));
    if (existing) {
      if (existing.operatorId !== ctx.actor.id) throw validation([{ path: 'clientId', message: 'already used' }]);
      return { contact: toDto(existing, await reportNumber(ctx.db, existing.reportId), true), created: false };
    }
  }
  const issues: { path: string; message: string }[] = [];
  const [chi] = await ctx.db.select().from(chiCategories).where(eq(chiCategories.code, input.chiCode));
  if (!chi) issues.push({ path: 'chiCode', message: 'no such category' });
  if (input.regionCode && !(await ctx.db.select().from(regions).where(eq(regions.code, input.regionCode))).length) issues.push({ path: 'regionCode', message: 'no such region' });
  if (input.child && 'personId' in input.child && !(await ctx.db.select({ id: persons.id }).from(persons).where(eq(persons.id, input.child.personId))).length) {
    issues.push({ path: 'child.personId', message: 'no such person' });
  }
  if (issues.length) throw validation(issues);
  const started = new Date(input.startedAt);
  const ended = input.endedAt ? new Date(input.endedAt) : null;

  return ctx.db.transaction(async (tx) => {
    const inner = { ...ctx, db: tx };
    let reportId = input.reportId ?? null;
    if (input.report) reportId = (await createReport(inner, input.report)).id;
    // a contact that adds to an open report: the incident goes in with the contact, so that a
    // retried save (same clientId) cannot add it twice
    if (input.outcome === 'added_to_report' && reportId) {
      if (input.incident) {
        try {
          await addIncident(inner, reportId, input.incident);
        } catch (err) {
          if (err instanceof AppError && err.code === 'not_found') throw validation([{ path: 'reportId', message: 'no such report' }]);
          throw err;
        }
      } else {
        const [r] = await tx.select({ id: reports.id }).from(reports).where(eq(reports.id, reportId));
        if (!r) throw validation([{ path: 'reportId', message: 'no such report' }]);
      }
    }
    const child = input.child ?? null;
    const [row] = await tx.insert(contacts).values({
      clientId: input.clientId ?? null, channel: input.channel, regionCode: input.regionCode ?? input.report?.regionCode ?? null,
      startedAt: started, endedAt: ended, durationSeconds: ended ? Math.round((ended.getTime() - started.getTime()) / 1000) : null,
      callerType: input.callerType,
      childPersonId: child && 'personId' in child ? child.personId : null,
      childFirstName: child && !('personId' in child) ? (child.firstName ?? null) : null,
      childApproxAge: child && !('personId' in child) ? (child.approxAge ?? null) : null,
      childSex: child && !('personId' in child) ? (child.sex ?? null) : null,
      chiCode: input.chiCode, screening: input.screening, outcome: input.outcome, reportId, summary: input.summary ?? null,
      operatorId: ctx.actor.id, createdAt: ctx.now, updatedAt: ctx.now,
    }).returning();
    if (!row) throw new Error('contact insert returned nothing');
    await writeAudit(tx, auditCtx(ctx), { action: 'create', entityType: 'contact', entityId: row.id, details: { outcome: input.outcome, ...(reportId ? { reportId } : {}) } });
    return { contact: toDto(row, await reportNumber(tx, reportId), true), created: true };
  });
}


export async function getContact(ctx: Ctx, id: string): Promise<ContactDto> {
  if (!isUuid(id)) throw notFound('contact');
  const [row] = await ctx.db.select().from(contacts).where(eq(contacts.id, id));
  if (!row || !mayRead(ctx.actor, row)) {
    await writeAudit(ctx.db, auditCtx(ctx), { action: 'denied', entityType: 'contact', entityId: id, details: { reason: row ? 'scope' : 'missing' } });
    throw notFound('contact');
  }
  await writeAudit(ctx.db, auditCtx(ctx), { action: 'read', entityType: 'contact', entityId: id });
  return toDto(row, await reportNumber(ctx.db, row.reportId), true);
}


export async function listContacts(ctx: Ctx, q: { from?: string | undefined; to?: string | undefined; mine?: boolean | undefined; outcome?: string | undefined; cursor?: string | undefined; limit: number }): Promise<{ items: ContactDto[]; nextCursor: string | null }> {
  // operators and supervisors handle contacts; a regional coordinator reads those of the region (single-window.md)
  const supervisor = ctx.actor.role === 'supervisor' || ctx.actor.role === 'regional_coordinator';
  if (!can(ctx.actor, 'contacts.handle') && !supervisor) throw forbidden('Your role does not handle helpline contacts.');
  const where: (SQL | undefined)[] = [];
  if (!supervisor || q.mine) where.push(eq(contacts.operatorId, ctx.actor.id));
  else {
    const t = territoryOf(ctx.actor);
    if (t.level !== 'national') where.push(eq(contacts.regionCode, t.regionCode));
  }
  if (q.outcome) where.push(eq(contacts.outcome, q.outcome));
  if (q.from) where.push(gte(contacts.startedAt, kzDayStart(q.from)));
  if (q.to) where.push(lt(contacts.startedAt, kzDayEnd(q.to)));
  if (q.cursor) {
    const [at, id] = q.cursor.split('_');
    if (!at || !id || Number.isNaN(Number(at)) || !isUuid(id)) throw validation([{ path: 'cursor', message: 'must be a cursor returned by a previous page' }]);
    where.push(sql`(${contacts.startedAt}, ${contacts.id}) < (${new Date(Number(at)).toISOString()}::timestamptz, ${id}::uuid)`);
  }
  const rows = await ctx.db.select({ c: contacts, number: reports.number }).from(contacts).leftJoin(reports, eq(reports.id, contacts.reportId))
    .where(and(...where)).orderBy(desc(contacts.startedAt), desc(contacts.id)).limit(q.limit + 1);
  const page = rows.slice(0, q.limit);
  await writeAudit(ctx.db, auditCtx(ctx), { action: 'read', entityType: 'contact_list', entityId: null, details: { ids: page.map((r) => r.c.id) } });
  const last = page[page.length - 1];
  return {
    // the list shows no counsellor summaries: they open with the contact
    items: page.map((r) => toDto(r.c, r.number, false)),
    nextCursor: rows.length > q.limit && last ? `${last.c.startedAt.getTime()}_${last.c.id}` : null,
  };
}

export async function listChiCategories(ex: Executor) {
  const rows = await ex.select().from(chiCategories).orderBy(chiCategories.sort);
  return rows.map((r) => ({
    code: r.code, category: r.category, label: { kk: r.labelKk, ru: r.labelRu, en: r.labelEn },
    categoryLabel: { kk: r.categoryLabelKk, ru: r.categoryLabelRu, en: r.categoryLabelEn }, violenceTypes: r.violenceTypes,
  }));
}
