// Profiles over closed cases (seed 000: the pedagogical, social and psychological profiles drawn
// from criminal cases, for prevention planning): the subject children of the cases closed in a
// period, by age group and sex; for each group how often each risk factor occurred, and which
// factors occurred together (count, share, lift). A case's risk factors are the items of its last
// assessment before closure whose chosen option weighs more than nothing (core/assessment).
//
// Every published count goes through the statistics' small-count suppression (core/stats): each
// count is a cell of an age group × sex table with its margins, suppressed as the official tables
// are; a share or lift is shown only when every count it is computed from is shown.
import {
  AGE_GROUPS, DEFAULT_INSTRUMENT, FACTOR_DOMAINS, kzDayEnd, kzDayStart, SMALL_COUNT_MAX, sexLabels, suppressTable,
  type AgeGroup, type AssessmentAnswers, type FactorDomain, type InstrumentDefinition, type Label, type Locale, type SuppressedTable,
} from '@qorgau/core';
import ExcelJS from 'exceljs';
import { sql, type SQL } from 'drizzle-orm';
import { can, territoryOf } from '../access/policy.ts';
import { writeAudit } from '../audit/audit.ts';
import { rows } from '../db/client.ts';
import { auditCtx, type Ctx } from '../http/context.ts';
import { csvFile } from '../http/csv.ts';
import { forbidden } from '../http/errors.ts';
import { checkPeriod } from '../stats/dashboard.ts';
import { ageGroupSql } from '../stats/sql.ts';
import type { ProfileGroup, ProfilesDto, ProfilesQuery } from './schema.ts';

const SEX_KEYS = ['female', 'male', 'unknown'] as const;
type SexKey = (typeof SEX_KEYS)[number];
/** pairs listed per group */
const TOP_PAIRS = 10;

type Child = { ageGroup: AgeGroup; sex: SexKey; factors: string[] | null };
type Item = { code: string; domain: FactorDomain; label: Label };

/** The risk factors of a set of answers: items whose chosen option has a positive weight. */
export function factorsOf(def: InstrumentDefinition, answers: Record<string, unknown>): string[] {
  const chosen = (answers as Partial<AssessmentAnswers>).items ?? answers;
  return def.items.filter((item) => {
    const option = item.options.find((o) => o.code === chosen[item.code]);
    return !!option && option.weight > 0;
  }).map((i) => i.code);
}

function isDefinition(d: unknown): d is InstrumentDefinition {
  return typeof d === 'object' && d !== null && Array.isArray((d as InstrumentDefinition).items);
}

/** The children of the closed cases and the factors of each (null: the case had no assessment). */
async function loadChildren(ctx: Ctx, q: ProfilesQuery): Promise<{ children: Child[]; items: Item[] }> {
  const t = territoryOf(ctx.actor);
  const where: SQL[] = [
    sql`c.status = 'closed'`,
    sql`c.closed_at >= ${kzDayStart(q.from).toISOString()}::timestamptz`, sql`c.closed_at < ${kzDayEnd(q.to).toISOString()}::timestamptz`,
  ];
  if (t.level === 'region') where.push(sql`c.region_code = ${t.regionCode}`);
  if (t.level === 'district') where.push(sql`c.district_code = ${t.districtCode}`);
  if (t.level === 'school') where.push(sql`${t.schoolId}::uuid = any(c.school_ids)`);
  if (q.regionCode) where.push(sql`c.region_code = ${q.regionCode}`);
  // each child once: their last case closed in the period; the age when that case was opened
  const found = await rows<{ age_group: AgeGroup; sex: string | null; instrument_version: number | null; answers: Record<string, unknown> | null }>(ctx.db, sql`
    with kids as (
      select distinct on (m.person_id) m.person_id, c.id as case_id, c.closed_at, c.opened_at
      from cases c
      join case_members m on m.case_id = c.id and m.subject and (m.removed_at is null or m.removed_at >= c.closed_at)
      where ${sql.join(where, sql` and `)}
      order by m.person_id, c.closed_at desc, c.id
    )
    select ${ageGroupSql('p', sql`((k.opened_at at time zone 'UTC') + interval '5 hours')::date`)} as age_group, p.sex, a.instrument_version, a.answers
    from kids k
    join persons p on p.id = k.person_id and p.merged_into is null
    left join lateral (
      select a.instrument_version, a.answers from case_assessments a
      where a.case_id = k.case_id and a.assessed_at <= k.closed_at order by a.assessed_at desc, a.id desc limit 1
    ) a on true`);
  const versions = [...new Set(found.map((r) => r.instrument_version).filter((v): v is number => v !== null))].sort((a, b) => a - b);
  const stored = versions.length ? await rows<{ version: number; definition: unknown }>(ctx.db, sql`
    select version, definition from assessment_instruments where version = any(string_to_array(${versions.join(',')}, ',')::int[])`) : [];
  const defs = new Map<number, InstrumentDefinition>();
  for (const v of versions) {
    const d = stored.find((s) => s.version === v)?.definition;
    defs.set(v, isDefinition(d) ? d : DEFAULT_INSTRUMENT);
  }
  // the items of every version used (the newest version's wording), by domain
  const items = new Map<string, Item>();
  for (const def of [DEFAULT_INSTRUMENT, ...versions.map((v) => defs.get(v) as InstrumentDefinition)]) {
    for (const i of def.items) items.set(i.code, { code: i.code, domain: i.domain, label: i.label });
  }
  const children = found.map((r): Child => ({
    ageGroup: AGE_GROUPS.includes(r.age_group) ? r.age_group : 'unknown',
    sex: r.sex === 'female' || r.sex === 'male' ? r.sex : 'unknown',
    factors: r.answers && r.instrument_version !== null ? factorsOf(defs.get(r.instrument_version) ?? DEFAULT_INSTRUMENT, r.answers) : null,
  }));
  const domainOrder = (d: FactorDomain) => FACTOR_DOMAINS.indexOf(d);
  const order = [...items.values()];
  return { children, items: order.sort((a, b) => domainOrder(a.domain) - domainOrder(b.domain) || order.indexOf(a) - order.indexOf(b)) };
}

type Marked = { value: number | null; mark: 'small' | 'protect' | null };
type Cell = { value: number; shown: Marked };

/** A suppressed age × sex table, read by group: a cell, a row or column total, or the grand total. */
class GroupTable {
  readonly raw: number[][];
  readonly s: SuppressedTable;
  constructor(raw: number[][]) {
    this.raw = raw;
    this.s = suppressTable(raw);
  }
  at(r: number | null, c: number | null): Cell {
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    if (r !== null && c !== null) return { value: this.raw[r]?.[c] ?? 0, shown: { value: this.s.cells[r]?.[c] ?? null, mark: this.s.marks.cells[r]?.[c] ?? null } };
    if (r !== null) return { value: sum(this.raw[r] ?? []), shown: { value: this.s.rowTotals[r] ?? null, mark: this.s.marks.rowTotals[r] ?? null } };
    if (c !== null) return { value: sum(this.raw.map((row) => row[c] ?? 0)), shown: { value: this.s.columnTotals[c] ?? null, mark: this.s.marks.columnTotals[c] ?? null } };
    return { value: sum(this.raw.map(sum)), shown: { value: this.s.grandTotal, mark: this.s.marks.grandTotal } };
  }
}

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

/** The profile tables from the children (pure: tests feed it hand-made sets). */
export function buildProfiles(children: Child[], items: Item[]): Pick<ProfilesDto, 'children' | 'unassessed' | 'ageGroups' | 'sexes' | 'groups'> {
  const assessed = children.filter((c): c is Child & { factors: string[] } => c.factors !== null);
  const ages = AGE_GROUPS.filter((a) => a !== 'unknown' || assessed.some((c) => c.ageGroup === 'unknown'));
  const sexes = SEX_KEYS.filter((s) => s !== 'unknown' || assessed.some((c) => c.sex === 'unknown'));
  const blank = () => ages.map(() => sexes.map(() => 0));
  const place = (c: Child) => [ages.indexOf(c.ageGroup), sexes.indexOf(c.sex)] as const;
  const count = (pred: (c: Child & { factors: string[] }) => boolean) => {
    const t = blank();
    for (const c of assessed) {
      if (!pred(c)) continue;
      const [r, k] = place(c);
      (t[r] as number[])[k] = (t[r]?.[k] ?? 0) + 1;
    }
    return new GroupTable(t);
  };
  const n = count(() => true);
  const factorTables = new Map(items.map((i) => [i.code, count((c) => c.factors.includes(i.code))]));
  const domainTables = new Map(FACTOR_DOMAINS.map((d) => [d, count((c) => c.factors.some((f) => items.find((i) => i.code === f)?.domain === d))]));
  const pairTables: { a: Item; b: Item; t: GroupTable }[] = [];
  for (let x = 0; x < items.length; x += 1) {
    for (let y = x + 1; y < items.length; y += 1) {
      const a = items[x] as Item;
      const b = items[y] as Item;
      if (!assessed.some((c) => c.factors.includes(a.code) && c.factors.includes(b.code))) continue;
      pairTables.push({ a, b, t: count((c) => c.factors.includes(a.code) && c.factors.includes(b.code)) });
    }
  }
  const shownNumber = (m: Marked) => (m.value !== null && m.mark === null ? m.value : null);
  const groupsAt: { key: string; ageGroup: AgeGroup | null; sex: string | null; r: number | null; c: number | null }[] = [
    { key: 'all', ageGroup: null, sex: null, r: null, c: null },
    ...ages.map((a, r) => ({ key: `age:${a}`, ageGroup: a, sex: null, r, c: null })),
    ...sexes.map((s, c) => ({ key: `sex:${s}`, ageGroup: null, sex: s, r: null, c })),
    ...ages.flatMap((a, r) => sexes.map((s, c) => ({ key: `${a}|${s}`, ageGroup: a, sex: s, r, c }))),
  ];
  const groups: ProfileGroup[] = groupsAt.map((g) => {
    const total = n.at(g.r, g.c);
    const nShown = shownNumber(total.shown);
    const share = (cell: Cell) => {
      const k = shownNumber(cell.shown);
      return k !== null && nShown ? round(k / nShown, 3) : null;
    };
    const factors = items.map((i) => {
      const cell = (factorTables.get(i.code) as GroupTable).at(g.r, g.c);
      return { item: i.code, domain: i.domain, count: cell.shown, share: share(cell), raw: cell.value };
    }).sort((x, y) => (y.count.value ?? -1) - (x.count.value ?? -1) || y.raw - x.raw);
    const domains = FACTOR_DOMAINS.map((d) => {
      const cell = (domainTables.get(d) as GroupTable).at(g.r, g.c);
      return { domain: d, count: cell.shown, share: share(cell) };
    });
    const pairs = pairTables.map(({ a, b, t }) => {
      const cell = t.at(g.r, g.c);
      const ab = shownNumber(cell.shown);
      const ka = shownNumber((factorTables.get(a.code) as GroupTable).at(g.r, g.c).shown);
      const kb = shownNumber((factorTables.get(b.code) as GroupTable).at(g.r, g.c).shown);
      const lift = ab !== null && ka && kb && nShown ? round((ab * nShown) / (ka * kb), 2) : null;
      return { a: a.code, b: b.code, domainA: a.domain, domainB: b.domain, count: cell.shown, share: share(cell), lift };
    }).filter((p) => (shownNumber(p.count) ?? 0) > 0)
      .sort((x, y) => (y.count.value ?? 0) - (x.count.value ?? 0) || (y.lift ?? 0) - (x.lift ?? 0) || x.a.localeCompare(y.a) || x.b.localeCompare(y.b))
      .slice(0, TOP_PAIRS);
    return { key: g.key, ageGroup: g.ageGroup, sex: g.sex, children: total.shown, factors: factors.map(({ raw: _raw, ...f }) => f), domains, pairs };
  });
  // the children left out for want of an assessment: a one-cell figure, suppressed if small
  const missing = children.length - assessed.length;
  const unassessed: Marked = missing >= 1 && missing <= SMALL_COUNT_MAX ? { value: null, mark: 'small' } : { value: missing, mark: null };
  return { children: n.at(null, null).shown, unassessed, ageGroups: [...ages], sexes: [...sexes], groups };
}

export async function profiles(ctx: Ctx, q: ProfilesQuery): Promise<ProfilesDto> {
  if (!can(ctx.actor, 'stats.read')) throw forbidden('Your role does not read statistics.');
  checkPeriod(q);
  const { children, items } = await loadChildren(ctx, q);
  const built = buildProfiles(children, items);
  await writeAudit(ctx.db, auditCtx(ctx), {
    action: q.format === 'json' ? 'read' : 'export', entityType: 'stats_profiles', entityId: null,
    details: { from: q.from, to: q.to, regionCode: q.regionCode ?? null, format: q.format, children: children.length },
  });
  return {
    from: q.from, to: q.to, regionCode: q.regionCode ?? null, threshold: SMALL_COUNT_MAX + 1,
    items, ...built,
  };
}

// ---------------------------------------------------------------- export

const TEXT: Record<Locale, {
  title: string; group: string; ageGroup: string; sex: string; what: string; code: string; domain: string; count: string; share: string; lift: string;
  all: string; unknown: string; children: string; factor: string; domainRow: string; pair: string; note: string; sheet: string;
  domains: Record<FactorDomain, string>;
}> = {
  kk: {
    title: 'Жабылған істер бойынша профильдер', group: 'Топ', ageGroup: 'Жас тобы', sex: 'Жынысы', what: 'Көрсеткіш', code: 'Код', domain: 'Сала',
    count: 'Балалар', share: 'Үлесі', lift: 'Lift', all: 'Барлығы', unknown: 'Белгісіз', children: 'Балалар саны', factor: 'Қауіп факторы',
    domainRow: 'Саладағы кез келген фактор', pair: 'Факторлар жұбы',
    note: '«<5» — 1-ден 4-ке дейінгі мән; «×» — кішкентай мәнді қалпына келтіруге болмауы үшін жасырылған мән. Lift = P(a және b) / (P(a)·P(b)).',
    sheet: 'Профильдер',
    domains: { social: 'Әлеуметтік', pedagogical: 'Педагогикалық', psychological: 'Психологиялық', health: 'Денсаулық' },
  },
  ru: {
    title: 'Профили по закрытым делам', group: 'Группа', ageGroup: 'Возрастная группа', sex: 'Пол', what: 'Показатель', code: 'Код', domain: 'Сфера',
    count: 'Дети', share: 'Доля', lift: 'Lift', all: 'Все', unknown: 'Неизвестно', children: 'Число детей', factor: 'Фактор риска',
    domainRow: 'Любой фактор сферы', pair: 'Пара факторов',
    note: '«<5» — значение от 1 до 4; «×» — значение скрыто, чтобы малое значение нельзя было восстановить. Lift = P(a и b) / (P(a)·P(b)).',
    sheet: 'Профили',
    domains: { social: 'Социальная', pedagogical: 'Педагогическая', psychological: 'Психологическая', health: 'Здоровье' },
  },
  en: {
    title: 'Profiles over closed cases', group: 'Group', ageGroup: 'Age group', sex: 'Sex', what: 'Figure', code: 'Code', domain: 'Domain',
    count: 'Children', share: 'Share', lift: 'Lift', all: 'All', unknown: 'Unknown', children: 'Number of children', factor: 'Risk factor',
    domainRow: 'Any factor of the domain', pair: 'Pair of factors',
    note: '"<5" is a value from 1 to 4; "×" is hidden so that a small value cannot be worked out. Lift = P(a and b) / (P(a)·P(b)).',
    sheet: 'Profiles',
    domains: { social: 'Social', pedagogical: 'Pedagogical', psychological: 'Psychological', health: 'Health' },
  },
};

const markText = (m: Marked): string | number => (m.mark === 'small' ? '<5' : m.mark === 'protect' ? '×' : (m.value ?? 0));

/** The profiles as one flat table: a line per group and figure. */
function exportLines(p: ProfilesDto, locale: Locale): (string | number | null)[][] {
  const t = TEXT[locale];
  const label = new Map(p.items.map((i) => [i.code, i.label[locale]]));
  const sexText = (s: string | null) => (s === null ? t.all : s === 'female' || s === 'male' ? sexLabels[s][locale] : t.unknown);
  const ageText = (a: string | null) => (a === null ? t.all : a === 'unknown' ? t.unknown : a);
  const lines: (string | number | null)[][] = [[t.ageGroup, t.sex, t.what, t.code, t.domain, t.count, t.share, t.lift]];
  for (const g of p.groups) {
    const head = [ageText(g.ageGroup), sexText(g.sex)];
    lines.push([...head, t.children, '', '', markText(g.children), null, null]);
    for (const d of g.domains) lines.push([...head, t.domainRow, d.domain, t.domains[d.domain], markText(d.count), d.share, null]);
    for (const f of g.factors) lines.push([...head, `${t.factor}: ${label.get(f.item) ?? f.item}`, f.item, t.domains[f.domain], markText(f.count), f.share, null]);
    for (const x of g.pairs) {
      lines.push([...head, `${t.pair}: ${label.get(x.a) ?? x.a} + ${label.get(x.b) ?? x.b}`, `${x.a}+${x.b}`, `${t.domains[x.domainA]} + ${t.domains[x.domainB]}`, markText(x.count), x.share, x.lift]);
    }
  }
  return lines;
}

export async function exportProfiles(p: ProfilesDto, format: 'csv' | 'xlsx', locale: Locale): Promise<{ body: Buffer; contentType: string; extension: string }> {
  const t = TEXT[locale];
  const lines = exportLines(p, locale);
  const heading = `${t.title}: ${p.from} – ${p.to}${p.regionCode ? ` (${p.regionCode})` : ''}`;
  if (format === 'csv') {
    return { body: csvFile([[heading], ...lines, [], [t.note]]), contentType: 'text/csv; charset=utf-8; header=present', extension: 'csv' };
  }
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Qorgau';
  const ws = wb.addWorksheet(t.sheet);
  ws.addRow([heading]).font = { bold: true, size: 13 };
  const header = ws.addRow(lines[0] ?? []);
  header.font = { bold: true };
  header.eachCell((cell) => { cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } }; });
  for (const line of lines.slice(1)) ws.addRow(line);
  ws.getColumn(7).numFmt = '0.0%';
  ws.getColumn(8).numFmt = '0.00';
  [12, 14, 60, 36, 26, 10, 10, 8].forEach((w, i) => { ws.getColumn(i + 1).width = w; });
  ws.addRow([]);
  ws.addRow([t.note]).font = { italic: true, size: 9 };
  return { body: Buffer.from(await wb.xlsx.writeBuffer()), contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extension: 'xlsx' };
}
