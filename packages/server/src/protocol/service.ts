// Versions of the response protocol: one active, drafts being edited, retired ones kept because
// reports refer to the version they were registered under.
import {
  applyProtocol, DEFAULT_PROTOCOL, escalationAt, type ProtocolDefinition,
} from '@qorgau/core';
import { desc, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { can } from '../access/policy.ts';
import { writeAudit } from '../audit/audit.ts';
import type { Executor } from '../db/client.ts';
import { protocolVersions } from '../db/schema.ts';
import { TtlCache } from '../db/ttl-cache.ts';
import { auditCtx, type Ctx } from '../http/context.ts';
import { AppError, forbidden, notFound, validation } from '../http/errors.ts';
import { workingCalendar } from '../reference/calendar.ts';
import { protocolDefinitionSchema, type previewBody, type previewSchema, type ProtocolVersionDto } from './schema.ts';

type Row = typeof protocolVersions.$inferSelect;

/** On first start: the shipped protocol as version 1, active. */
export async function ensureDefaultProtocol(db: Executor, now = new Date()): Promise<void> {
  await db.insert(protocolVersions).values({
    version: 1, status: 'active', definition: DEFAULT_PROTOCOL,
    note: 'Qorgau негізгі хаттамасы · Базовый протокол Qorgau · Default protocol shipped with Qorgau', createdAt: now, activatedAt: now,
  }).onConflictDoNothing();
}

// definitions of active and retired versions never change: cache them by version
const definitions = new Map<number, ProtocolDefinition>();

function definitionOf(row: Pick<Row, 'version' | 'status' | 'definition'>): ProtocolDefinition {
  const cached = definitions.get(row.version);
  if (cached) return cached;
  const def = protocolDefinitionSchema.parse(row.definition);
  if (row.status !== 'draft') definitions.set(row.version, def);
  return def;
}

// the version in force is read on every intake; another instance's activation is seen within 2 s
const active = new TtlCache<{ version: number; definition: ProtocolDefinition }>(2000);

export function activeProtocol(ex: Executor): Promise<{ version: number; definition: ProtocolDefinition }> {
  return active.get(ex, async () => {
    const [row] = await ex.select({ version: protocolVersions.version, status: protocolVersions.status, definition: protocolVersions.definition })
      .from(protocolVersions).where(eq(protocolVersions.status, 'active'));
    if (!row) return { version: 0, definition: DEFAULT_PROTOCOL };
    return { version: row.version, definition: definitionOf(row) };
  });
}

/** The definition of a version a report was registered under (the active one if unknown). */
export async function protocolVersion(ex: Executor, version: number | null): Promise<{ version: number; definition: ProtocolDefinition }> {
  if (version === null) return activeProtocol(ex);
  const cached = definitions.get(version);
  if (cached) return { version, definition: cached };
  const [row] = await ex.select().from(protocolVersions).where(eq(protocolVersions.version, version));
  if (!row) return activeProtocol(ex);
  return { version, definition: definitionOf(row) };
}

const toDto = (r: Row): ProtocolVersionDto => ({
  version: r.version, status: r.status as ProtocolVersionDto['status'], note: r.note, createdAt: r.createdAt.toISOString(),
  createdBy: r.createdBy, activatedAt: r.activatedAt?.toISOString() ?? null, definition: definitionOf(r),
});

export async function getActive(ctx: Ctx): Promise<ProtocolVersionDto> {
  const [row] = await ctx.db.select().from(protocolVersions).where(eq(protocolVersions.status, 'active'));
  if (!row) throw notFound('protocol');
  return toDto(row);
}

export async function listVersions(ctx: Ctx): Promise<Omit<ProtocolVersionDto, 'definition'>[]> {
  const rows = await ctx.db.select().from(protocolVersions).orderBy(desc(protocolVersions.version));
  return rows.map((r) => ({ version: r.version, status: r.status as ProtocolVersionDto['status'], note: r.note, createdAt: r.createdAt.toISOString(), createdBy: r.createdBy, activatedAt: r.activatedAt?.toISOString() ?? null }));
}

export async function getVersion(ctx: Ctx, version: number): Promise<ProtocolVersionDto> {
  const [row] = await ctx.db.select().from(protocolVersions).where(eq(protocolVersions.version, version));
  if (!row) throw notFound('protocol version');
  return toDto(row);
}

/** Validate an edited definition; the errors name the path (taskRules.3.deadline.hours…). */
export function parseDefinition(input: unknown): ProtocolDefinition {
  const parsed = protocolDefinitionSchema.safeParse(input);
  if (!parsed.success) {
    const details = parsed.error.issues.map((i) => ({ path: ['definition', ...i.path].join('.'), message: i.message }));
    throw validation(details, `The protocol has ${details.length} problem${details.length === 1 ? '' : 's'}: ${details.slice(0, 3).map((d) => `${d.path}: ${d.message}`).join('; ')}.`);
  }
  return parsed.data;
}

function requireEditor(ctx: Ctx): void {
  if (!can(ctx.actor, 'protocol.edit')) throw forbidden('Only administrators change the response protocol.');
}

export async function createDraft(ctx: Ctx, input: { definition: unknown; note?: string | undefined }): Promise<ProtocolVersionDto> {
  requireEditor(ctx);
  const definition = parseDefinition(input.definition);
  return ctx.db.transaction(async (tx) => {
    // version numbers are taken under a lock so that two editors do not pick the same one
    await tx.execute(sql`select pg_advisory_xact_lock(720002)`);
    const [max] = await tx.select({ v: sql<number>`coalesce(max(${protocolVersions.version}), 0)::int` }).from(protocolVersions);
    const version = (max?.v ?? 0) + 1;
    const [row] = await tx.insert(protocolVersions).values({
      version, status: 'draft', definition: definition, note: input.note?.trim() || null, createdBy: ctx.actor.id, createdAt: ctx.now,
    }).returning();
    await writeAudit(tx, auditCtx(ctx), { action: 'create', entityType: 'protocol_version', entityId: String(version) });
    if (!row) throw new Error('insert returned nothing');
    return toDto(row);
  });
}

async function lockedDraft(tx: Executor, version: number): Promise<Row> {
  const [row] = await tx.select().from(protocolVersions).where(eq(protocolVersions.version, version)).for('update');
  if (!row) throw notFound('protocol version');
  if (row.status !== 'draft') throw new AppError('conflict', `Version ${version} is ${row.status}; only drafts can be changed. Create a new draft from it.`);
  return row;
}

export async function updateDraft(ctx: Ctx, version: number, input: { definition: unknown; note?: string | undefined }): Promise<ProtocolVersionDto> {
  requireEditor(ctx);
  const definition = parseDefinition(input.definition);
  return ctx.db.transaction(async (tx) => {
    await lockedDraft(tx, version);
    const [row] = await tx.update(protocolVersions).set({ definition: definition, note: input.note?.trim() || null })
      .where(eq(protocolVersions.version, version)).returning();
    await writeAudit(tx, auditCtx(ctx), { action: 'update', entityType: 'protocol_version', entityId: String(version) });
    if (!row) throw new Error('update returned nothing');
    return toDto(row);
  });
}

export async function deleteDraft(ctx: Ctx, version: number): Promise<void> {
  requireEditor(ctx);
  await ctx.db.transaction(async (tx) => {
    await lockedDraft(tx, version);
    await tx.delete(protocolVersions).where(eq(protocolVersions.version, version));
    await writeAudit(tx, auditCtx(ctx), { action: 'delete', entityType: 'protocol_version', entityId: String(version) });
  });
}

/** Put a draft in force: reports registered from now on follow it; the previous version is retired. */
export async function activate(ctx: Ctx, version: number): Promise<ProtocolVersionDto> {
  requireEditor(ctx);
  active.forget(ctx.db);
  const activated = await ctx.db.transaction(async (tx) => {
    const draft = await lockedDraft(tx, version);
    parseDefinition(draft.definition);
    const retired = await tx.update(protocolVersions).set({ status: 'retired' }).where(eq(protocolVersions.status, 'active')).returning({ version: protocolVersions.version });
    const [row] = await tx.update(protocolVersions).set({ status: 'active', activatedAt: ctx.now, activatedBy: ctx.actor.id })
      .where(eq(protocolVersions.version, version)).returning();
    await writeAudit(tx, auditCtx(ctx), { action: 'update', entityType: 'protocol_version', entityId: String(version), details: { activated: true, retired: retired.map((r) => r.version) } });
    if (!row) throw new Error('update returned nothing');
    return toDto(row);
  });
  active.forget(ctx.db);
  return activated;
}

/** What a protocol (a draft being edited, a version, or the active one) would do to a sample report. */
export async function preview(ctx: Ctx, body: z.infer<typeof previewBody>): Promise<z.infer<typeof previewSchema>> {
  let version: number | null;
  let definition: ProtocolDefinition;
  if (body.definition !== undefined) {
    version = null;
    definition = parseDefinition(body.definition);
  } else if (body.version !== undefined) {
    const v = await getVersion(ctx, body.version);
    ({ version, definition } = v);
  } else {
    ({ version, definition } = await activeProtocol(ctx.db));
  }
  const calendar = await workingCalendar(ctx.db);
  const receivedAt = body.receivedAt ? new Date(body.receivedAt) : ctx.now;
  const out = applyProtocol(definition, body.report, receivedAt, calendar);
  return {
    version, priority: out.priority, priorityRuleIds: out.priorityRuleIds,
    tasks: out.tasks.map((t) => ({
      ruleId: t.ruleId, agencyType: t.agencyType, action: t.action, mandatory: t.mandatory, dueAt: t.dueAt.toISOString(),
      escalation: definition.escalation[out.priority].map((s, i) => ({ to: s.to, at: (escalationAt(definition, out.priority, t.dueAt, i, calendar) ?? t.dueAt).toISOString() })),
    })),
  };
}
