// Child population (0–17) per region or district and year, loaded from CSV, for rates per 10,000
// children on the map. A dry run lists every bad line and field; a real load is all or nothing.
import { parse } from 'csv-parse/sync';
import { and, asc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { can } from '../access/policy.ts';
import { writeAudit } from '../audit/audit.ts';
import { childPopulation, districts, regions } from '../db/schema.ts';
import { auditCtx, type Ctx } from '../http/context.ts';
import { forbidden, validation } from '../http/errors.ts';

export const populationBody = z.object({
  /** CSV text: year,region_code,district_code,children[,source] (district_code empty for the whole region) */
  csv: z.string().min(1, 'the file is empty').max(2_000_000, 'at most 2 MB'),
  dryRun: z.boolean().default(true),
}).strict();

export const populationResultSchema = z.object({
  dryRun: z.boolean(), rows: z.number(), valid: z.number(), loaded: z.number(),
  errors: z.array(z.object({ line: z.number(), field: z.string(), message: z.string() })),
});

export const populationListQuery = z.object({ year: z.coerce.number().int().min(1990).max(2100).optional() });
export const populationListSchema = z.object({
  items: z.array(z.object({ year: z.number(), regionCode: z.string(), districtCode: z.string().nullable(), children: z.number(), source: z.string().nullable() })),
});

const REQUIRED = ['year', 'region_code', 'district_code', 'children'] as const;

function requireLoader(ctx: Ctx): void {
  if (!can(ctx.actor, 'users.manage') && ctx.actor.role !== 'analyst') throw forbidden('Administrators and analysts load population figures.');
}

export async function loadPopulation(ctx: Ctx, body: z.infer<typeof populationBody>): Promise<z.infer<typeof populationResultSchema>> {
  requireLoader(ctx);
  let records: Record<string, string>[];
  try {
    records = parse(body.csv.replace(/^\uFEFF/, ''), { columns: (h: string[]) => h.map((x) => x.trim().toLowerCase()), skip_empty_lines: true, trim: true, relax_column_count: false });
  } catch (e) {
    throw validation([{ path: 'csv', message: `not readable as CSV: ${(e as Error).message}` }]);
  }
  const header = records.length ? Object.keys(records[0] ?? {}) : [];
  const missing = REQUIRED.filter((c) => !header.includes(c));
  if (!records.length) throw validation([{ path: 'csv', message: 'no data lines' }]);
  if (missing.length) throw validation([{ path: 'csv', message: `missing columns: ${missing.join(', ')} (expected year,region_code,district_code,children[,source])` }]);
  const regionSet = new Set((await ctx.db.select({ code: regions.code }).from(regions)).map((r) => r.code));
  const districtRegion = new Map((await ctx.db.select({ code: districts.code, regionCode: districts.regionCode }).from(districts)).map((d) => [d.code, d.regionCode]));
  const errors: { line: number; field: string; message: string }[] = [];
  const good: (typeof childPopulation.$inferInsert)[] = [];
  const seen = new Set<string>();
  records.forEach((r, i) => {
    const line = i + 2;
    const year = Number(r.year);
    const children = Number(r.children);
    const region = r.region_code ?? '';
    const district = r.district_code ?? '';
    const before = errors.length;
    if (!/^\d{4}$/.test(r.year ?? '') || year < 1990 || year > 2100) errors.push({ line, field: 'year', message: 'must be a year like 2024' });
    if (!regionSet.has(region)) errors.push({ line, field: 'region_code', message: 'no such region (ISO code like KZ-75)' });
    if (district && districtRegion.get(district) !== region) errors.push({ line, field: 'district_code', message: districtRegion.has(district) ? `the district is not in ${region}` : 'no such district (9-digit KATO code)' });
    if (!/^\d+$/.test(r.children ?? '') || children > 10_000_000) errors.push({ line, field: 'children', message: 'must be a whole number of children' });
    const key = `${year}|${region}|${district}`;
    if (seen.has(key)) errors.push({ line, field: 'region_code', message: 'the same year and territory appear twice' });
    seen.add(key);
    if (errors.length === before) good.push({ year, regionCode: region, districtCode: district, children, source: r.source?.slice(0, 300) || null, loadedAt: ctx.now });
  });
  if (body.dryRun || errors.length) return { dryRun: body.dryRun, rows: records.length, valid: good.length, loaded: 0, errors };
  await ctx.db.transaction(async (tx) => {
    for (let i = 0; i < good.length; i += 500) {
      await tx.insert(childPopulation).values(good.slice(i, i + 500)).onConflictDoUpdate({
        target: [childPopulation.year, childPopulation.regionCode, childPopulation.districtCode],
        set: { children: sql`excluded.children`, source: sql`excluded.source`, loadedAt: sql`excluded.loaded_at` },
      });
    }
    await writeAudit(tx, auditCtx(ctx), { action: 'create', entityType: 'child_population', entityId: null, details: { rows: good.length } });
  });
  return { dryRun: false, rows: records.length, valid: good.length, loaded: good.length, errors: [] };
}

export async function listPopulation(ctx: Ctx, q: z.infer<typeof populationListQuery>): Promise<z.infer<typeof populationListSchema>> {
  if (!can(ctx.actor, 'stats.read')) throw forbidden('Your role does not read statistics.');
  const rows = await ctx.db.select().from(childPopulation).where(q.year ? eq(childPopulation.year, q.year) : and())
    .orderBy(asc(childPopulation.year), asc(childPopulation.regionCode), asc(childPopulation.districtCode)).limit(5000);
  return { items: rows.map((r) => ({ year: r.year, regionCode: r.regionCode, districtCode: r.districtCode || null, children: r.children, source: r.source })) };
}
