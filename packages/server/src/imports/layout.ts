// The flat layout of legacy report files (CSV or XLSX): one row is one report with one incident,
// one victim and at most one alleged perpetrator. Documented in docs/import-attachments-public.md; the template
// (GET /api/v1/imports/template.csv) is generated from this table.
import { CHANNELS, PERPETRATOR_RELATIONS, PLACES, REPORTER_RELATIONS, SEXES, VIOLENCE_TYPES } from '@qorgau/core';

export type Column = { name: string; required: boolean; meaning: string; example: string };

export const COLUMNS: readonly Column[] = [
  { name: 'externalId', required: true, meaning: 'the id in the old system; a row whose externalId was imported before is skipped (re-running an import creates nothing new)', example: 'OLD-2021-000123' },
  { name: 'receivedAt', required: false, meaning: 'when the report was received: 2021-03-01T09:15:00+05:00, or 2021-03-01 09:15 / 2021-03-01 / 01.03.2021 in Kazakhstan time; empty: the time of the import', example: '2021-03-01T09:15:00+05:00' },
  { name: 'channel', required: false, meaning: `how it arrived: ${CHANNELS.join(', ')}; empty: other`, example: 'school' },
  { name: 'regionCode', required: true, meaning: 'ISO code of the region (KZ-75); must be within your territory', example: 'KZ-75' },
  { name: 'districtCode', required: false, meaning: '9-digit KATO code of the district, in the region', example: '751110000' },
  { name: 'narrative', required: true, meaning: 'what was reported, at most 20,000 characters', example: 'Классный руководитель заметил синяки у ученицы.' },
  { name: 'types', required: true, meaning: `violence types separated by semicolons: ${VIOLENCE_TYPES.join(', ')}`, example: 'physical;psychological' },
  { name: 'occurredOn', required: false, meaning: 'date of the incident (2021-02-27 or 27.02.2021)', example: '2021-02-27' },
  { name: 'place', required: false, meaning: PLACES.join(', '), example: 'home' },
  { name: 'victimLastName', required: false, meaning: 'as written, any script', example: 'Сейітова' },
  { name: 'victimFirstName', required: true, meaning: 'as written, any script', example: 'Аружан' },
  { name: 'victimMiddleName', required: false, meaning: 'as written', example: '' },
  { name: 'victimIin', required: false, meaning: '12 digits, checked (check digit, birth date and sex)', example: '' },
  { name: 'victimBirthDate', required: false, meaning: 'date of birth', example: '2012-05-14' },
  { name: 'victimSex', required: false, meaning: SEXES.join(', '), example: 'female' },
  { name: 'perpetratorLastName', required: false, meaning: 'alleged perpetrator, if named', example: '' },
  { name: 'perpetratorFirstName', required: false, meaning: 'alleged perpetrator, if named (then also perpetratorRelation)', example: '' },
  { name: 'perpetratorRelation', required: false, meaning: `relation to the child: ${PERPETRATOR_RELATIONS.join(', ')}; alone: an unidentified perpetrator`, example: 'stepparent' },
  { name: 'reporter', required: false, meaning: `anonymous (or empty), or the reporter's relation to the child: ${REPORTER_RELATIONS.join(', ')}`, example: 'teacher' },
];

export type ColumnName = (typeof COLUMNS)[number]['name'];

/** Header cells are matched ignoring case, spaces, dashes and underscores (`victim_first_name`). */
export const headerKey = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');

export const COLUMN_BY_KEY = new Map(COLUMNS.map((c) => [headerKey(c.name), c.name]));

function csvCell(v: string): string {
  return /[",;\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** The header row and one example row, UTF-8 with a byte-order mark so that Excel reads it right. */
export function templateCsv(): string {
  return `\uFEFF${COLUMNS.map((c) => c.name).join(',')}\r\n${COLUMNS.map((c) => csvCell(c.example)).join(',')}\r\n`;
}
