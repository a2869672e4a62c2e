// Coverage and the never-reached list as files: XLSX (exceljs) and CSV (RFC 4180, UTF-8 with BOM).
// Cells are data, never formulas: text starting with = + - @ (or a tab or carriage return) is
// prefixed with an apostrophe in CSV, and written as plain strings in XLSX.
import type { Locale } from '@qorgau/core';
import ExcelJS from 'exceljs';
import { csvFile } from '../http/csv.ts';
import type { Coverage, Unreached } from './coverage.ts';

export type Sheet = { title: string; subtitle: string; headers: string[]; rows: (string | number | null)[][]; totals?: (string | number | null)[] };
export type File = { body: Buffer; contentType: string; extension: string };

const TEXT: Record<Locale, {
  coverage: string; unreached: string; period: string; region: string; district: string; school: string; total: string; schoolsTotal: string; reached: string; share: string;
  sessions: string; participants: string; students: string; per100: string; lastSession: string; never: string;
}> = {
  kk: {
    coverage: 'Профилактикалық жұмыспен қамту', unreached: 'Қамтылмаған мектептер', period: 'Кезең', region: 'Өңір', district: 'Аудан', school: 'Мектеп', total: 'Барлығы',
    schoolsTotal: 'Мектептер', reached: 'Қамтылған мектептер', share: 'Қамту үлесі, %', sessions: 'Сабақтар', participants: 'Қатысушылар', students: 'Оқушылар',
    per100: '100 оқушыға қатысушылар', lastSession: 'Соңғы сабақ', never: 'ешқашан',
  },
  ru: {
    coverage: 'Охват профилактической работой', unreached: 'Школы без охвата', period: 'Период', region: 'Регион', district: 'Район', school: 'Школа', total: 'Итого',
    schoolsTotal: 'Школ', reached: 'Охвачено школ', share: 'Доля охвата, %', sessions: 'Занятий', participants: 'Участников', students: 'Учащихся',
    per100: 'Участников на 100 учащихся', lastSession: 'Последнее занятие', never: 'никогда',
  },
  en: {
    coverage: 'Prevention coverage', unreached: 'Schools not reached', period: 'Period', region: 'Region', district: 'District', school: 'School', total: 'Total',
    schoolsTotal: 'Schools', reached: 'Schools reached', share: 'Reached, %', sessions: 'Sessions', participants: 'Participants', students: 'Students',
    per100: 'Participants per 100 students', lastSession: 'Last session', never: 'never',
  },
};

export function coverageSheet(c: Coverage, lang: Locale, programme: string | null): Sheet {
  const t = TEXT[lang];
  const unit = c.level === 'region' ? t.region : c.level === 'district' ? t.district : t.school;
  const figures = (f: Coverage['totals']) => [f.schoolsTotal, f.schoolsReached, f.reachedPercent, f.sessions, f.participants, f.students, f.participantsPer100];
  return {
    title: t.coverage, subtitle: [programme, `${t.period}: ${c.from} – ${c.to}`].filter(Boolean).join(' · '),
    headers: [unit, t.schoolsTotal, t.reached, t.share, t.sessions, t.participants, t.students, t.per100],
    rows: c.units.map((u) => [u.name[lang], ...figures(u)]),
    totals: [t.total, ...figures(c.totals)],
  };
}

export function unreachedSheet(u: Unreached, lang: Locale, programme: string | null): Sheet {
  const t = TEXT[lang];
  return {
    title: t.unreached, subtitle: [programme, `${t.period}: ${u.from} – ${u.to}`].filter(Boolean).join(' · '),
    headers: [t.school, t.district, t.region, t.students, t.lastSession],
    rows: u.items.map((s) => [s.name[lang], s.districtName[lang], s.regionCode, s.students, s.lastSessionOn ?? t.never]),
  };
}

/** A cell as CSV text, safe to open in a spreadsheet. */
export { csvCell } from '../http/csv.ts';

export async function renderSheet(sheet: Sheet, format: 'xlsx' | 'csv'): Promise<File> {
  const lines = [sheet.headers, ...sheet.rows, ...(sheet.totals ? [sheet.totals] : [])];
  if (format === 'csv') {
    return { body: csvFile(lines), contentType: 'text/csv; charset=utf-8; header=present', extension: 'csv' };
  }
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Qorgau';
  const ws = wb.addWorksheet(sheet.title.slice(0, 31), { views: [{ state: 'frozen', ySplit: 3 }] });
  ws.addRow([sheet.title]).font = { bold: true, size: 14 };
  ws.addRow([sheet.subtitle]);
  const header = ws.addRow(sheet.headers);
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'middle' };
  // strings stay strings: exceljs writes a formula only for { formula } values
  for (const row of sheet.rows) ws.addRow(row.map((v) => v ?? ''));
  if (sheet.totals) ws.addRow(sheet.totals.map((v) => v ?? '')).font = { bold: true };
  ws.getColumn(1).width = Math.min(60, Math.max(14, ...lines.map((l) => String(l[0] ?? '').length + 2)));
  for (let i = 2; i <= sheet.headers.length; i++) ws.getColumn(i).width = 16;
  return { body: Buffer.from(await wb.xlsx.writeBuffer()), contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extension: 'xlsx' };
}
