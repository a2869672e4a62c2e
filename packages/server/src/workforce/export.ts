// The recommended allocation as a file: XLSX for people, CSV (UTF-8 with BOM) for machines.
// School names come from the registry, which an import can fill: text cells that a spreadsheet
// would read as a formula (= + - @, tab, CR) are prefixed with an apostrophe.
import { specialistKindLabels, type Locale, type SpecialistKind } from '@qorgau/core';
import ExcelJS from 'exceljs';
import { csvFile, safeCell } from '../http/csv.ts';
import type { AllocationDto } from './service.ts';

type Text = Record<Locale, string>;
const HEAD: Record<string, Text> = {
  school: { kk: 'Мектеп', ru: 'Школа', en: 'School' },
  district: { kk: 'Аудан (ҚАТО)', ru: 'Район (КАТО)', en: 'District (KATO)' },
  students: { kk: 'Оқушылар', ru: 'Учащиеся', en: 'Students' },
  have: { kk: 'Бар ставка', ru: 'Есть ставок', en: 'FTE now' },
  need: { kk: 'Норма бойынша', ru: 'Нужно по норме', en: 'FTE needed' },
  add: { kk: 'Қосу', ru: 'Добавить', en: 'Add' },
  remove: { kk: 'Ауыстыру', ru: 'Передать', en: 'Move away' },
  after: { kk: 'Кейін', ru: 'После', en: 'FTE after' },
  gapBefore: { kk: 'Тапшылық дейін', ru: 'Дефицит до', en: 'Gap before' },
  gapAfter: { kk: 'Тапшылық кейін', ru: 'Дефицит после', en: 'Gap after' },
  perBefore: { kk: '1 ставкаға оқушы (дейін)', ru: 'Учащихся на ставку (до)', en: 'Students per FTE before' },
  perAfter: { kk: '1 ставкаға оқушы (кейін)', ru: 'Учащихся на ставку (после)', en: 'Students per FTE after' },
  title: { kk: 'Ставкаларды ұсынылған бөлу', ru: 'Рекомендуемое распределение ставок', en: 'Recommended allocation of positions' },
  summary: {
    kk: 'Норма: {norm} оқушыға 1 ставка · жаңа ставкалар: {positions} · тапшылық квадраттарының қосындысы: {before} → {after} (пропорционалды бөлу: {prop})',
    ru: 'Норма: 1 ставка на {norm} учащихся · новых ставок: {positions} · сумма квадратов дефицита: {before} → {after} (пропорционально: {prop})',
    en: 'Norm: 1 FTE per {norm} students · new positions: {positions} · sum of squared gaps: {before} → {after} (proportional split: {prop})',
  },
};

const COLUMNS = ['school', 'district', 'students', 'have', 'need', 'add', 'remove', 'after', 'gapBefore', 'gapAfter', 'perBefore', 'perAfter'] as const;

export { safeCell } from '../http/csv.ts';

function lines(plan: AllocationDto, lang: Locale): (string | number | null)[][] {
  return plan.schools.map((s) => [
    safeCell(s.name[lang]), s.districtCode, s.students, s.haveFte, s.needFte, s.add, s.remove, s.afterFte, s.gapBefore, s.gapAfter,
    s.studentsPerFteBefore, s.studentsPerFteAfter,
  ]);
}

function summary(plan: AllocationDto, lang: Locale): string {
  return HEAD.summary![lang].replace('{norm}', String(plan.studentsPerFte)).replace('{positions}', String(plan.positions))
    .replace('{before}', String(plan.objectiveBefore)).replace('{after}', String(plan.objectiveAfter)).replace('{prop}', String(plan.proportional.objectiveAfter));
}

export function allocationCsv(plan: AllocationDto, lang: Locale): Buffer {
  return csvFile([COLUMNS.map((c) => HEAD[c]![lang]), ...lines(plan, lang)]);
}

export async function allocationXlsx(plan: AllocationDto, lang: Locale): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Qorgau';
  const ws = wb.addWorksheet('Allocation', { views: [{ state: 'frozen', ySplit: 4 }] });
  const kindLabel = specialistKindLabels[plan.kind as SpecialistKind]?.[lang] ?? plan.kind;
  ws.getCell('A1').value = `${HEAD.title![lang]} — ${kindLabel}${plan.regionCode ? ` — ${plan.regionCode}` : ''}`;
  ws.getCell('A1').font = { bold: true, size: 13 };
  ws.getCell('A2').value = summary(plan, lang);
  const header = ws.getRow(4);
  COLUMNS.forEach((c, i) => { header.getCell(i + 1).value = HEAD[c]![lang]; });
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'top' };
  for (const line of lines(plan, lang)) ws.addRow(line);
  ws.columns.forEach((col, i) => { col.width = i === 0 ? 48 : 14; });
  for (let c = 4; c <= 10; c += 1) ws.getColumn(c).numFmt = '0.00';
  return Buffer.from(await wb.xlsx.writeBuffer());
}
