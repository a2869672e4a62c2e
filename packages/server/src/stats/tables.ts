// Official report tables: region × violence type for a period, with totals, the previous period
// and growth — the layout of a ministry report — in kk, ru or en; exported by export.ts. The public
// variant suppresses small counts (core/stats suppression) and carries no personal data.
import type { OfficialTable } from '@qorgau/core';
import { growthPercent, LOCALES, suppressTable, VIOLENCE_TYPES, violenceTypeLabels, type Locale, type Mark } from '@qorgau/core';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { writeAudit } from '../audit/audit.ts';
import type { Executor } from '../db/client.ts';
import { auditCtx, type Ctx } from '../http/context.ts';
import { validation } from '../http/errors.ts';
import { checkPeriod, previousPeriod, rollupScope, sumBy } from './dashboard.ts';

const TEXT: Record<Locale, { title: string; region: string; total: string; previous: string; growth: string; all: string; note: string; publicNote: string; months: string[] }> = {
  kk: {
    title: 'Балаларға қатысты зорлық-зомбылық оқиғалары: өңірлер және түрлер бойынша', region: 'Өңір', total: 'Барлығы', previous: 'Алдыңғы кезең',
    growth: 'Өсім, %', all: 'Қазақстан Республикасы бойынша барлығы',
    note: 'Оқиғалар хабарлама қабылданған күн бойынша есептеледі. Бірнеше түрі бар оқиға әр түр бағанында көрсетіледі, «Барлығы» бағанында бір рет есептеледі.',
    publicNote: '«<5» — 1-ден 4-ке дейінгі мән; «×» — кішкентай мәнді қалпына келтіруге болмауы үшін жасырылған мән. Бірнеше түрі бар оқиға әр түр бойынша есептеледі.',
    months: ['қаңтар', 'ақпан', 'наурыз', 'сәуір', 'мамыр', 'маусым', 'шілде', 'тамыз', 'қыркүйек', 'қазан', 'қараша', 'желтоқсан'],
  },
  ru: {
    title: 'Случаи насилия в отношении детей по регионам и видам', region: 'Регион', total: 'Всего', previous: 'Предыдущий период',
    growth: 'Рост, %', all: 'Итого по Республике Казахстан',
    note: 'Случаи учитываются по дате поступления сообщения. Случай нескольких видов показан в столбце каждого вида, а в столбце «Всего» учтён один раз.',
    publicNote: '«<5» — значение от 1 до 4; «×» — значение скрыто, чтобы малое значение нельзя было восстановить по итогам. Случай нескольких видов учтён по каждому виду.',
    months: ['января', 'февраля', 'марта', 'апреля', 'мая', 'июня', 'июля', 'августа', 'сентября', 'октября', 'ноября', 'декабря'],
  },
  en: {
    title: 'Incidents of violence against children by region and type', region: 'Region', total: 'Total', previous: 'Previous period',
    growth: 'Growth, %', all: 'Republic of Kazakhstan, total',
    note: 'Incidents are counted by the date the report was received. An incident of several types appears under each type and once in "Total".',
    publicNote: '"<5" is a value from 1 to 4; "×" is hidden so that a small value cannot be worked out from the totals. An incident of several types is counted under each type.',
    months: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
  },
};

function periodText(from: string, to: string, locale: Locale): string {
  const m = TEXT[locale].months;
  const d = (s: string) => `${Number(s.slice(8, 10))} ${m[Number(s.slice(5, 7)) - 1]} ${s.slice(0, 4)}`;
  return `${d(from)} – ${d(to)}`;
}

async function regionNames(ex: Executor, locale: Locale): Promise<Map<string, string>> {
  const res: unknown = await ex.execute(sql`select code, name_kk, name_ru, name_en from regions order by code`);
  return new Map((res as { rows: { code: string; name_kk: string; name_ru: string; name_en: string }[] }).rows
    .map((r) => [r.code, locale === 'kk' ? r.name_kk : locale === 'ru' ? r.name_ru : r.name_en]));
}

export const tableQuery = z.object({
  from: z.iso.date('must be a date YYYY-MM-DD'),
  to: z.iso.date('must be a date YYYY-MM-DD'),
  locale: z.enum(LOCALES).default('ru'),
  format: z.enum(['json', 'xlsx', 'csv', 'pdf']).default('json'),
}).strict();

/** Region × type for the caller's territory. */
export async function regionTypeTable(ctx: Ctx, q: z.infer<typeof tableQuery>): Promise<OfficialTable> {
  checkPeriod(q);
  const scope = rollupScope(ctx.actor, {});
  const prev = previousPeriod(q.from, q.to);
  const [byType, totals, previous, names] = await Promise.all([
    sumBy(ctx.db, 'type', sql`s.region_code || '|' || s.key`, scope, q.from, q.to),
    sumBy(ctx.db, 'all', sql`s.region_code`, scope, q.from, q.to),
    sumBy(ctx.db, 'all', sql`s.region_code`, scope, prev.from, prev.to),
    regionNames(ctx.db, q.locale),
  ]);
  const cell = new Map(byType.map((r) => [r.key, r.incidents]));
  const total = new Map(totals.map((r) => [r.key, r.incidents]));
  const before = new Map(previous.map((r) => [r.key, r.incidents]));
  const t = TEXT[q.locale];
  const regionsShown = [...names.keys()].filter((code) => total.has(code) || before.has(code) || ctx.actor.regionCode === null || ctx.actor.regionCode === code);
  const rows = regionsShown.map((code) => {
    const cur = total.get(code) ?? 0;
    const prv = before.get(code) ?? 0;
    return { key: code, label: names.get(code) ?? code, values: VIOLENCE_TYPES.map((type) => cell.get(`${code}|${type}`) ?? 0), total: cur, previousTotal: prv, growthPercent: growthPercent(prv, cur) };
  });
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const grand = sum(rows.map((r) => r.total ?? 0));
  const grandPrev = sum(rows.map((r) => r.previousTotal ?? 0));
  await writeAudit(ctx.db, auditCtx(ctx), { action: 'export', entityType: 'stats_table', entityId: 'region-type', details: { from: q.from, to: q.to, format: q.format } });
  return {
    locale: q.locale, title: t.title, subtitle: periodText(q.from, q.to, q.locale), rowHeader: t.region,
    columns: VIOLENCE_TYPES.map((type) => ({ key: type, label: violenceTypeLabels[type][q.locale] })),
    rows,
    totals: { label: t.all, values: VIOLENCE_TYPES.map((_, i) => sum(rows.map((r) => r.values[i] ?? 0))), total: grand, previousTotal: grandPrev, growthPercent: growthPercent(grandPrev, grand) },
    totalHeader: t.total, previousHeader: t.previous, growthHeader: t.growth, note: t.note, generatedAt: ctx.now.toISOString(), source: 'Qorgau',
  };
}

// ------------------------------------------------------------------ public figures

export const publicStatsQuery = z.object({
  year: z.coerce.number().int().min(2000, 'from 2000').max(2100),
  locale: z.enum(LOCALES).default('ru'),
}).strict();

const markedValue = z.object({ value: z.number().nullable(), mark: z.enum(['small', 'protect']).nullable() });
export const publicStatsSchema = z.object({
  year: z.number(), locale: z.enum(LOCALES), title: z.string(), note: z.string(), asOf: z.string(),
  columns: z.array(z.object({ key: z.string(), label: z.string() })),
  rows: z.array(z.object({ regionCode: z.string(), label: z.string(), cells: z.array(markedValue), total: markedValue })),
  totals: z.object({ label: z.string(), cells: z.array(markedValue), total: markedValue }),
});

/**
 * The public table: incidents by region × type for a year (to date), small counts suppressed and
 * protected. Totals here are the sums of the cells (type mentions), so that suppression holds.
 */
export async function publicStats(db: Executor, q: z.infer<typeof publicStatsQuery>, now: Date): Promise<z.infer<typeof publicStatsSchema>> {
  const thisYear = Number(now.toISOString().slice(0, 4));
  if (q.year > thisYear) throw validation([{ path: 'year', message: 'must not be in the future' }]);
  const from = `${q.year}-01-01`;
  const to = `${q.year}-12-31`;
  const [byType, names] = await Promise.all([sumBy(db, 'type', sql`s.region_code || '|' || s.key`, { where: sql`true`, grain: 'day' }, from, to), regionNames(db, q.locale)]);
  const cell = new Map(byType.map((r) => [r.key, r.incidents]));
  const codes = [...names.keys()];
  const s = suppressTable(codes.map((code) => VIOLENCE_TYPES.map((type) => cell.get(`${code}|${type}`) ?? 0)));
  const mv = (value: number | null, mark: Mark | null) => ({ value, mark });
  const t = TEXT[q.locale];
  return {
    year: q.year, locale: q.locale, title: t.title, note: t.publicNote, asOf: now.toISOString(),
    columns: VIOLENCE_TYPES.map((type) => ({ key: type, label: violenceTypeLabels[type][q.locale] })),
    rows: codes.map((code, r) => ({
      regionCode: code, label: names.get(code) ?? code,
      cells: VIOLENCE_TYPES.map((_, c) => mv(s.cells[r]?.[c] ?? null, s.marks.cells[r]?.[c] ?? null)),
      total: mv(s.rowTotals[r] ?? null, s.marks.rowTotals[r] ?? null),
    })),
    totals: { label: t.all, cells: VIOLENCE_TYPES.map((_, c) => mv(s.columnTotals[c] ?? null, s.marks.columnTotals[c] ?? null)), total: mv(s.grandTotal, s.marks.grandTotal) },
  };
}
