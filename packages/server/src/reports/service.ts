import { applyProtocol, kzDayEnd, kzDayStart, kzLocal, SENSITIVE_VIOLENCE_TYPES, type Priority, type ReportFacts, type ViolenceType } from '@qorgau/core';
import { and, desc, eq, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import { authorizeRecord, can, recordScopeFilter, type Actor, type RecordScope, type ScopeFilter } from '../access/policy.ts';
import { writeAudit, type AuditEntry } from '../audit/audit.ts';
import type { Executor } from '../db/client.ts';
import { incidentPersons, incidents, katoUnits, persons, reportCounters, reports, schools } from '../db/schema.ts';
import { territoryIndex } from '../reference/territory.ts';
import { auditCtx, type Ctx } from '../http/context.ts';
import { AppError, forbidden, notFound, validation, type ErrorDetail } from '../http/errors.ts';
import { insertPersons, personScopeSql, personsByIds, toPersonDto, type PersonRow } from '../persons/repository.ts';
import type { NewPerson } from '../persons/schema.ts';
import type { CreateReportInput, ListReportsQuery, ReportDto, ReportSummary } from './schema.ts';
import { createTasks, protocolFor, tasksOfReport } from '../tasks/service.ts';
import { markDirty } from '../stats/rollup.ts';
import type { TaskDto } from '../tasks/schema.ts';
import { decodeCursor, encodeCursor } from '../http/cursor.ts';

type ReportRow = typeof reports.$inferSelect;
type IncidentRow = typeof incidents.$inferSelect;
type LinkRow = typeof incidentPersons.$inferSelect;

/** What the response protocol looks at in a report (core/protocol). */
export function reportFacts(input: Pick<CreateReportInput, 'channel' | 'screening' | 'incidents'>): ReportFacts {
  return {
    channel: input.channel,
    screening: input.screening,
    incidents: input.incidents.map((i) => ({
      types: i.types, place: i.place ?? null, schoolId: i.schoolId ?? null, legalQualification: i.legalQualification ?? [],
      perpetratorRelations: i.perpetrators.map((p) => p.relation),
    })),
  };
}

export function reportScope(r: Pick<ReportRow, 'regionCode' | 'districtCode' | 'schoolIds' | 'agencyTypes' | 'createdBy' | 'sensitive'>): RecordScope {
  return { regionCode: r.regionCode, districtCode: r.districtCode, schoolIds: r.schoolIds, agencyTypes: r.agencyTypes, createdBy: r.createdBy, sensitive: r.sensitive };
}

/** Year in Kazakhstan time (UTC+5) of an instant. */
const kzYear = (d: Date) => kzLocal(d).getUTCFullYear();

/**
 * `75-2026-000123`: a per region-year counter row, incremented by one short statement of its own
 * before the intake's transaction, so that concurrent intakes in a region do not queue on the
 * counter row for the length of each other's transactions. A failed intake leaves a gap; a
 * number is never given twice.
 */
async function allocateNumber(tx: Executor, regionCode: string, at: Date): Promise<string> {
  const year = kzYear(at);
  const [row] = await tx.insert(reportCounters).values({ regionCode, year, last: 1 })
    .onConflictDoUpdate({ target: [reportCounters.regionCode, reportCounters.year], set: { last: sql`${reportCounters.last} + 1` } })
    .returning({ last: reportCounters.last });
  if (!row) throw new Error('counter allocation failed');
  return `${regionCode.slice(3)}-${year}-${String(row.last).padStart(6, '0')}`;
}

export async function checkReferences(ex: Executor, actor: Actor, input: Pick<CreateReportInput, 'regionCode' | 'districtCode' | 'incidents'>): Promise<void> {
  const issues: ErrorDetail[] = [];
  const { regions: regionCodes, districtRegion } = await territoryIndex(ex);
  if (!regionCodes.has(input.regionCode)) issues.push({ path: 'regionCode', message: 'no such region' });
  const checkDistrict = (code: string | null | undefined, path: string) => {
    if (!code) return;
    const r = districtRegion.get(code);
    if (!r) issues.push({ path, message: 'no such district' });
    else if (r !== input.regionCode) issues.push({ path, message: `the district is not in ${input.regionCode}` });
  };
  checkDistrict(input.districtCode, 'districtCode');
  const schoolIds = input.incidents.map((i) => i.schoolId).filter((s): s is string => !!s);
  const knownSchools = new Map((schoolIds.length ? await ex.select().from(schools).where(inArray(schools.id, schoolIds)) : []).map((s) => [s.id, s]));
  const settlementCodes = input.incidents.map((i) => i.settlementCode).filter((s): s is string => !!s);
  const knownSettlements = new Map((settlementCodes.length ? await ex.select().from(katoUnits).where(inArray(katoUnits.code, settlementCodes)) : []).map((k) => [k.code, k]));
  const personIds = new Set<string>();
  input.incidents.forEach((inc, i) => {
    checkDistrict(inc.districtCode, `incidents.${i}.districtCode`);
    if (inc.schoolId) {
      const s = knownSchools.get(inc.schoolId);
      if (!s) issues.push({ path: `incidents.${i}.schoolId`, message: 'no such school' });
      else if (s.regionCode !== input.regionCode) issues.push({ path: `incidents.${i}.schoolId`, message: `the school is not in ${input.regionCode}` });
      else if (inc.districtCode && s.districtCode !== inc.districtCode) issues.push({ path: `incidents.${i}.schoolId`, message: 'the school is not in this district' });
    }
    if (inc.settlementCode) {
      const k = knownSettlements.get(inc.settlementCode);
      if (!k) issues.push({ path: `incidents.${i}.settlementCode`, message: 'no such KATO unit' });
      else if (k.regionCode !== input.regionCode) issues.push({ path: `incidents.${i}.settlementCode`, message: `the settlement is not in ${input.regionCode}` });
    }
    inc.victims.forEach((v) => { if ('id' in v) personIds.add(v.id); });
    inc.perpetrators.forEach((p) => { if ('id' in p) personIds.add(p.id); });
  });
  if (personIds.size) {
    const scope = personScopeSql(recordScopeFilter(actor));
    const visible = new Set((await ex.select({ id: persons.id }).from(persons).where(and(inArray(persons.id, [...personIds]), scope))).map((p) => p.id));
    input.incidents.forEach((inc, i) => {
      inc.victims.forEach((v, j) => { if ('id' in v && !visible.has(v.id)) issues.push({ path: `incidents.${i}.victims.${j}.id`, message: 'no such person' }); });
      inc.perpetrators.forEach((p, j) => { if ('id' in p && !visible.has(p.id)) issues.push({ path: `incidents.${i}.perpetrators.${j}.id`, message: 'no such person' }); });
    });
  }
  if (issues.length) throw validation(issues, `The report refers to unknown or mismatched records: ${issues.map((d) => d.path).join(', ')}.`);
}

/** Agency that a channel belongs to, for records that arrive without a signed-in agency (imports). */
const CHANNEL_AGENCY: Partial<Record<CreateReportInput['channel'], string>> = {
  hotline: 'hotline', chat: 'hotline', online: 'hotline', email: 'hotline', school: 'education', police: 'police',
  health: 'health', guardianship: 'social_protection', ngo: 'ngo', psc: 'akimat',
};

export type CreateOptions = {
  /** trusted internal callers (legacy import, demo data) that were authorised at their entry point */
  importing?: boolean;
  /** the anonymous public form: no account, triaged by the hotline, followed by a tracking code */
  publicSubmission?: { trackingCode: string };
  /** the caller has already checked regions, districts, schools and persons (bulk import) */
  referencesChecked?: boolean;
  /** an imported record still gets the protocol's tasks (demo data; legacy imports do not) */
  withTasks?: boolean;
  /** no notifications for the tasks (bulk loading) */
  quiet?: boolean;
};

function receivedAtFor(ctx: Ctx, input: CreateReportInput, opts: CreateOptions): Date {
  if (!input.receivedAt) return ctx.now;
  if (opts.importing) return new Date(input.receivedAt);
  const at = new Date(input.receivedAt);
  if (at.getTime() > ctx.now.getTime() + 5 * 60_000) throw validation([{ path: 'receivedAt', message: 'must not be in the future' }]);
  // only those allowed to import records may back-date; for everyone else it is the time of receipt
  return can(ctx.actor, 'reports.import') ? at : ctx.now;
}

type IncidentInput = CreateReportInput['incidents'][number];

/**
 * Insert incidents of a report with their new persons and the links between them. Returns the
 * ids of the persons created. Victims and perpetrators may be existing persons ({id}) or new.
 */
export type PersistedIncidents = {
  createdPersons: PersonRow[];
  incidents: IncidentRow[];
  links: LinkRow[];
};

export async function persistIncidents(
  tx: Executor,
  report: { id: string; regionCode: string; districtCode: string | null },
  list: IncidentInput[],
  meta: { createdBy: string | null; now: Date; firstPosition?: number },
): Promise<PersistedIncidents> {
  // new persons, in input order, so that incidents can refer to them by position
  const fresh: NewPerson[] = [];
  for (const inc of list) {
    for (const v of inc.victims) if (!('id' in v)) fresh.push(v);
    for (const p of inc.perpetrators) if (!('id' in p)) fresh.push('firstName' in p ? p : { lastName: '', firstName: '', sex: p.sex ?? null });
  }
  // one record per child: a new person whose IIN is already registered is that person
  const iins = [...new Set(fresh.map((p) => p.iin).filter((i): i is string => !!i))];
  const known = new Map<string, string>();
  if (iins.length) {
    for (const p of await tx.select({ id: persons.id, iin: persons.iin }).from(persons).where(and(inArray(persons.iin, iins), isNull(persons.mergedInto))).orderBy(persons.createdAt)) {
      if (p.iin && !known.has(p.iin)) known.set(p.iin, p.id);
    }
  }
  const toInsert: NewPerson[] = [];
  const pending = new Set<string>();
  for (const p of fresh) {
    // the same IIN twice in one report is one person too
    if (p.iin && (known.has(p.iin) || pending.has(p.iin))) continue;
    if (p.iin) pending.add(p.iin);
    toInsert.push(p);
  }
  const created = await insertPersons(tx, toInsert, { regionCode: report.regionCode, districtCode: report.districtCode ?? list[0]?.districtCode ?? null, createdBy: meta.createdBy, now: meta.now });
  const createdFor = new Map(toInsert.map((p, i) => [p, created[i]?.id]));
  for (const c of created) if (c.iin) known.set(c.iin, c.id);
  const resolved = fresh.map((p) => createdFor.get(p) ?? (p.iin ? known.get(p.iin) : undefined) ?? '');
  let next = 0;
  const personId = (ref: object): string => ('id' in ref && typeof ref.id === 'string' ? ref.id : (resolved[next++] ?? ''));
  const links: (typeof incidentPersons.$inferInsert)[] = [];
  const rowsOut: IncidentRow[] = [];
  for (const [k, inc] of list.entries()) {
    const [row] = await tx.insert(incidents).values({
      reportId: report.id, position: (meta.firstPosition ?? 1) + k, types: inc.types, occurredOn: inc.occurredOn ?? null, place: inc.place ?? null, regionCode: report.regionCode,
      districtCode: inc.districtCode ?? report.districtCode ?? null, settlementCode: inc.settlementCode ?? null, schoolId: inc.schoolId ?? null,
      injuries: inc.injuries ?? null, legalQualification: inc.legalQualification ?? [],
    }).returning();
    if (!row) throw new Error('incident insert returned nothing');
    rowsOut.push(row);
    for (const v of inc.victims) links.push({ incidentId: row.id, personId: personId(v), role: 'victim', relation: null });
    for (const p of inc.perpetrators) links.push({ incidentId: row.id, personId: personId(p), role: 'perpetrator', relation: p.relation });
  }
  // the same person named twice in one incident is one link
  const unique = [...new Map(links.map((l) => [`${l.incidentId}/${l.personId}/${l.role}`, l])).values()];
  const linkRows = unique.length ? await tx.insert(incidentPersons).values(unique).returning() : [];
  return { createdPersons: created, incidents: rowsOut, links: linkRows };
}

/** Register a report and return it as stored (built from what was inserted, not read back). */
export async function createReport(ctx: Ctx, input: CreateReportInput, opts: CreateOptions = {}): Promise<ReportDto> {
  const { report, persisted } = await insertReport(ctx, input, opts);
  const known = new Map(persisted.createdPersons.map((p) => [p.id, p]));
  const others = [...new Set(persisted.links.map((l) => l.personId))].filter((id) => !known.has(id));
  const [people, taskList] = await Promise.all([personsByIds(ctx.db, others), persisted.taskCount ? tasksOfReport(ctx.db, report.id) : Promise.resolve([])]);
  for (const p of people) known.set(p.id, p);
  return assembleReport(report, persisted.incidents, persisted.links, known, taskList, { redactSensitive: false });
}

/** Register a report and return its id (bulk callers need no copy of what they sent). */
export async function registerReport(ctx: Ctx, input: CreateReportInput, opts: CreateOptions = {}): Promise<string> {
  return (await insertReport(ctx, input, opts)).report.id;
}

async function insertReport(ctx: Ctx, input: CreateReportInput, opts: CreateOptions): Promise<{ report: ReportRow; persisted: PersistedIncidents & { taskCount: number } }> {
  if (!opts.publicSubmission && !can(ctx.actor, opts.importing ? 'reports.import' : 'reports.create')) throw forbidden('Your role does not register reports.');
  if (!opts.referencesChecked) await checkReferences(ctx.db, ctx.actor, input);
  const receivedAt = receivedAtFor(ctx, input, opts);
  const agencies = new Set<string>();
  if (ctx.actor.agencyType && !opts.importing && !opts.publicSubmission) agencies.add(ctx.actor.agencyType);
  const channelAgency = CHANNEL_AGENCY[input.channel];
  if ((opts.importing || opts.publicSubmission) && channelAgency) agencies.add(channelAgency);
  const types = new Set(input.incidents.flatMap((i) => i.types));
  const sensitive = [...types].some((t) => SENSITIVE_VIOLENCE_TYPES.includes(t));
  const schoolIds = [...new Set(input.incidents.map((i) => i.schoolId).filter((s): s is string => !!s))];

  if (input.externalId) {
    // checked before a number is taken; the unique index settles a race between two intakes
    const [dupe] = await ctx.db.select({ id: reports.id }).from(reports).where(eq(reports.externalId, input.externalId));
    if (dupe) throw new AppError('conflict', `A report with externalId "${input.externalId}" already exists.`, [{ path: 'externalId', message: 'already used' }]);
  }
  // the protocol in force decides priority and tasks; legacy records get a priority, not tasks
  const protocol = await protocolFor(ctx.db, null);
  const plan = applyProtocol(protocol.definition, reportFacts(input), receivedAt, protocol.calendar);
  const planned = opts.importing && !opts.withTasks ? [] : plan.tasks;
  for (const t of planned) agencies.add(t.agencyType);
  const number = await allocateNumber(ctx.db, input.regionCode, receivedAt);
  return ctx.db.transaction(async (tx) => {
    const [report] = await tx.insert(reports).values({
      number, regionCode: input.regionCode, districtCode: input.districtCode ?? null, channel: input.channel, status: 'registered',
      priority: plan.priority, protocolVersion: protocol.version || null, receivedAt, narrative: input.narrative,
      reporter: input.reporter as Record<string, unknown>, screening: input.screening as Record<string, boolean>, sensitive,
      agencyTypes: [...agencies].sort(), schoolIds, externalId: input.externalId ?? null, trackingCode: opts.publicSubmission?.trackingCode ?? null,
      createdBy: opts.importing || opts.publicSubmission ? null : ctx.actor.id, createdAt: ctx.now, updatedAt: ctx.now,
    }).returning();
    if (!report) throw new Error('report insert returned nothing');
    const persisted = await persistIncidents(tx, { id: report.id, regionCode: input.regionCode, districtCode: input.districtCode ?? null }, input.incidents, {
      createdBy: opts.publicSubmission ? null : ctx.actor.id, now: ctx.now,
    });
    const entries: AuditEntry[] = [
      { action: 'create', entityType: 'report', entityId: report.id, details: { number, channel: input.channel, incidents: input.incidents.length } },
      ...persisted.createdPersons.map((p) => ({ action: 'create' as const, entityType: 'person', entityId: p.id, details: { reportId: report.id } })),
    ];
    const districtCode = input.districtCode ?? input.incidents.find((i) => i.districtCode)?.districtCode ?? null;
    const created = await createTasks(tx, ctx, { id: report.id, number, regionCode: input.regionCode, districtCode, priority: plan.priority }, planned, {
      protocolVersion: protocol.version || null, protocol: protocol.definition, calendar: protocol.calendar, now: ctx.now,
      userId: opts.publicSubmission || opts.importing ? null : ctx.actor.id, quiet: opts.quiet ?? false, agenciesRecorded: true,
    });
    await markDirty(tx, [{ regionCode: input.regionCode, at: receivedAt }]);
    if (created.length) entries.push({ action: 'create', entityType: 'task', entityId: null, details: { reportId: report.id, count: created.length, protocolVersion: protocol.version } });
    await writeAudit(tx, auditCtx(ctx), entries);
    return { report, persisted: { ...persisted, taskCount: created.length } };
  });
}

export async function loadReport(ex: Executor, id: string, opts: { redactSensitive: boolean }): Promise<ReportDto> {
  const [r] = await ex.select().from(reports).where(eq(reports.id, id));
  if (!r) throw notFound('report');
  const incs = await ex.select().from(incidents).where(eq(incidents.reportId, id));
  const links = incs.length ? await ex.select().from(incidentPersons).where(inArray(incidentPersons.incidentId, incs.map((i) => i.id))) : [];
  const people = new Map((await personsByIds(ex, [...new Set(links.map((l) => l.personId))])).map((p) => [p.id, p]));
  return assembleReport(r, incs, links, people, await tasksOfReport(ex, id), opts);
}

function assembleReport(r: ReportRow, incs: IncidentRow[], links: LinkRow[], people: Map<string, PersonRow>, taskList: TaskDto[], opts: { redactSensitive: boolean }): ReportDto {
  const personOut = (l: LinkRow) => ({ ...toPersonDto(people.get(l.personId) as PersonRow), relation: l.relation });
  const sensitiveTypes = (types: string[]) => types.some((t) => SENSITIVE_VIOLENCE_TYPES.includes(t as ViolenceType));
  const ordered = [...incs].sort((a, b) => a.position - b.position || a.id.localeCompare(b.id));
  return {
    id: r.id, number: r.number, status: r.status as ReportDto['status'], priority: r.priority as Priority, channel: r.channel as ReportDto['channel'],
    regionCode: r.regionCode, districtCode: r.districtCode, receivedAt: r.receivedAt.toISOString(),
    narrative: opts.redactSensitive ? null : r.narrative, reporter: r.reporter, screening: r.screening, sensitive: r.sensitive,
    redacted: opts.redactSensitive, createdAt: r.createdAt.toISOString(), updatedAt: r.updatedAt.toISOString(),
    incidents: ordered.map((i) => {
      const hide = opts.redactSensitive && sensitiveTypes(i.types);
      return {
        id: i.id, types: i.types, occurredOn: i.occurredOn, place: i.place, regionCode: i.regionCode, districtCode: i.districtCode,
        settlementCode: i.settlementCode, schoolId: i.schoolId, injuries: hide ? null : i.injuries, legalQualification: hide ? [] : i.legalQualification,
        victims: links.filter((l) => l.incidentId === i.id && l.role === 'victim').map(personOut),
        perpetrators: links.filter((l) => l.incidentId === i.id && l.role === 'perpetrator').map(personOut),
      };
    }),
    protocolVersion: r.protocolVersion,
    tasks: taskList,
  };
}

/** A denied read looks exactly like a missing record, and is audited as `denied`. */
export async function denyAsNotFound(ctx: Ctx, entityType: string, entityId: string, reason: string): Promise<never> {
  await writeAudit(ctx.db, auditCtx(ctx), { action: 'denied', entityType, entityId, details: { reason } });
  throw notFound(entityType);
}

export const isUuid = (s: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);

export async function getReport(ctx: Ctx, id: string): Promise<ReportDto> {
  if (!isUuid(id)) throw notFound('report');
  const [row] = await ctx.db.select().from(reports).where(eq(reports.id, id));
  if (!row) return denyAsNotFound(ctx, 'report', id, 'missing');
  const decision = authorizeRecord(ctx.actor, 'read', reportScope(row));
  if (!decision.allowed) return denyAsNotFound(ctx, 'report', id, decision.reason);
  return ctx.db.transaction(async (tx) => {
    const dto = await loadReport(tx, id, { redactSensitive: decision.redactSensitive });
    await writeAudit(tx, auditCtx(ctx), { action: 'read', entityType: 'report', entityId: id, details: decision.redactSensitive ? { redacted: true } : {} });
    return dto;
  });
}

/** SQL form of the access policy for report lists (must agree with authorizeRecord). */
export function reportScopeSql(s: ScopeFilter): SQL | undefined {
  const own = eq(reports.createdBy, s.userId);
  const territory = s.regionCode ? eq(reports.regionCode, s.regionCode)
    : s.districtCode ? eq(reports.districtCode, s.districtCode)
      : s.schoolId ? sql`${s.schoolId}::uuid = any(${reports.schoolIds})`
        : undefined;
  const agency = s.agencyType ? sql`${s.agencyType} = any(${reports.agencyTypes})` : undefined;
  const scoped = and(territory, agency);
  if (s.none) return sql`false`;
  return scoped ? or(own, scoped) : undefined;
}


export async function listReports(ctx: Ctx, q: ListReportsQuery): Promise<{ items: ReportSummary[]; nextCursor: string | null }> {
  if (!can(ctx.actor, 'reports.read')) throw forbidden('Your role does not read reports.');
  if (q.from && q.to && q.from > q.to) throw validation([{ path: 'to', message: 'must not be before from' }]);
  const where: (SQL | undefined)[] = [reportScopeSql(recordScopeFilter(ctx.actor))];
  if (q.regionCode) where.push(eq(reports.regionCode, q.regionCode));
  if (q.districtCode) where.push(eq(reports.districtCode, q.districtCode));
  if (q.status) where.push(eq(reports.status, q.status));
  if (q.channel) where.push(eq(reports.channel, q.channel));
  if (q.priority) where.push(eq(reports.priority, q.priority));
  if (q.type) where.push(sql`exists (select 1 from ${incidents} where ${incidents.reportId} = ${reports.id} and ${q.type} = any(${incidents.types}))`);
  if (q.from) where.push(sql`${reports.receivedAt} >= ${kzDayStart(q.from).toISOString()}`);
  if (q.to) where.push(sql`${reports.receivedAt} < ${kzDayEnd(q.to).toISOString()}`);
  if (q.cursor) {
    const c = decodeCursor(q.cursor);
    where.push(sql`(${reports.receivedAt}, ${reports.id}) < (${c.at}::timestamptz, ${c.id}::uuid)`);
  }
  const rows = await ctx.db.select({
    id: reports.id, number: reports.number, status: reports.status, priority: reports.priority, channel: reports.channel,
    regionCode: reports.regionCode, districtCode: reports.districtCode, receivedAt: reports.receivedAt,
  }).from(reports).where(and(...where)).orderBy(desc(reports.receivedAt), desc(reports.id)).limit(q.limit + 1);
  const page = rows.slice(0, q.limit);
  const ids = page.map((r) => r.id);
  const facts = ids.length ? await ctx.db.select({
    reportId: incidents.reportId,
    types: sql<string[]>`array_agg(distinct t)`,
    victims: sql<number>`count(distinct ${incidentPersons.personId}) filter (where ${incidentPersons.role} = 'victim')`,
  }).from(incidents).leftJoin(incidentPersons, eq(incidentPersons.incidentId, incidents.id))
    .crossJoin(sql`unnest(${incidents.types}) as t`)
    .where(inArray(incidents.reportId, ids)).groupBy(incidents.reportId) : [];
  const byReport = new Map(facts.map((f) => [f.reportId, f]));
  const items = page.map((r) => ({
    ...r, status: r.status as ReportSummary['status'], priority: r.priority as Priority, channel: r.channel as ReportSummary['channel'],
    receivedAt: r.receivedAt.toISOString(), types: byReport.get(r.id)?.types ?? [], victimCount: Number(byReport.get(r.id)?.victims ?? 0),
  }));
  await writeAudit(ctx.db, auditCtx(ctx), { action: 'read', entityType: 'report_list', entityId: null, details: { count: items.length, ids } });
  const last = page[page.length - 1];
  return { items, nextCursor: rows.length > q.limit && last ? encodeCursor({ at: last.receivedAt.toISOString(), id: last.id }) : null };
}
