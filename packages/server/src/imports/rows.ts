// One flat row → the body of POST /api/v1/reports, validated by the same schema as the API.
// Every problem is reported with the row number and the column it comes from.
import { PERPETRATOR_RELATIONS, REPORTER_RELATIONS } from '@qorgau/core';
import { newPersonSchema } from '../persons/schema.ts';
import { createReportBody, type CreateReportInput } from '../reports/schema.ts';
import { COLUMN_BY_KEY, COLUMNS, headerKey, type ColumnName } from './layout.ts';
import type { Sheet } from './parse.ts';

export type RowError = { row: number; field: string; message: string };
export type MappedRow = { row: number; input: CreateReportInput };

/** Column index by name; errors for unknown, repeated and missing required columns. */
export function readHeader(header: string[]): { index: Map<ColumnName, number>; errors: RowError[] } {
  const index = new Map<ColumnName, number>();
  const errors: RowError[] = [];
  header.forEach((cell, i) => {
    if (cell.trim() === '') return;
    const name = COLUMN_BY_KEY.get(headerKey(cell));
    if (!name) errors.push({ row: 1, field: cell.slice(0, 100), message: `unknown column; the columns are ${COLUMNS.map((c) => c.name).join(', ')}` });
    else if (index.has(name)) errors.push({ row: 1, field: name, message: 'the column appears twice' });
    else index.set(name, i);
  });
  for (const c of COLUMNS) if (c.required && !index.has(c.name)) errors.push({ row: 1, field: c.name, message: 'required column is missing' });
  return { index, errors };
}

const KZ = '+05:00';

function isoDate(v: string): string {
  const m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(v);
  return m ? `${m[3]}-${m[2]?.padStart(2, '0')}-${m[1]?.padStart(2, '0')}` : v;
}

/** Instants with an offset as they are; dates and wall-clock times are Kazakhstan time. */
function instant(v: string): string {
  const m = /^(\d{4}-\d{2}-\d{2}|\d{1,2}\.\d{1,2}\.\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(v);
  if (!m?.[1]) return v;
  const time = m[2] ? `${m[2].padStart(2, '0')}:${m[3]}:${m[4] ?? '00'}` : '00:00:00';
  return `${isoDate(m[1])}T${time}${KZ}`;
}

/** Where a schema issue path points in the flat layout. */
function columnOf(path: PropertyKey[]): string {
  const [a, , c, , e] = path.map(String);
  if (a === 'incidents') {
    if (c === 'victims') return e ? `victim${e.charAt(0).toUpperCase()}${e.slice(1)}` : 'victimFirstName';
    if (c === 'perpetrators') return e ? `perpetrator${e.charAt(0).toUpperCase()}${e.slice(1)}` : 'perpetratorRelation';
    return c ?? 'types';
  }
  return a ?? 'row';
}

export type RowContext = {
  now: Date;
  regions: Set<string>;
  districts: Map<string, string>;
  /** whether the importing user may register records in this region/district */
  inTerritory(regionCode: string, districtCode: string | null): boolean;
};

export function mapRow(row: number, cells: string[], index: Map<ColumnName, number>, ctx: RowContext): { input: CreateReportInput | null; errors: RowError[] } {
  const errors: RowError[] = [];
  const get = (name: ColumnName): string => {
    const i = index.get(name);
    return i === undefined ? '' : (cells[i] ?? '').trim();
  };
  const opt = (name: ColumnName) => get(name) || undefined;
  const fail = (field: ColumnName, message: string) => errors.push({ row, field, message });

  const externalId = get('externalId');
  if (!externalId) fail('externalId', 'required');

  // perpetrator: named (with relation), only a relation (unidentified), or none
  const pLast = get('perpetratorLastName');
  const pFirst = get('perpetratorFirstName');
  const pRelation = get('perpetratorRelation').toLowerCase();
  const perpetrators: unknown[] = [];
  if (pRelation && !(PERPETRATOR_RELATIONS as readonly string[]).includes(pRelation)) fail('perpetratorRelation', `must be one of ${PERPETRATOR_RELATIONS.join(', ')}`);
  else if ((pFirst || pLast) && !pRelation) fail('perpetratorRelation', 'required when a perpetrator is named');
  else if (pLast && !pFirst) fail('perpetratorFirstName', 'required when perpetratorLastName is given');
  else if (pFirst) perpetrators.push({ lastName: pLast, firstName: pFirst, relation: pRelation });
  else if (pRelation) perpetrators.push({ relation: pRelation });
  if (pFirst.length > 100) fail('perpetratorFirstName', 'at most 100 characters');
  if (pLast.length > 100) fail('perpetratorLastName', 'at most 100 characters');

  const reporterText = get('reporter').toLowerCase();
  let reporter: unknown = { anonymous: true };
  if (reporterText && reporterText !== 'anonymous') {
    if ((REPORTER_RELATIONS as readonly string[]).includes(reporterText)) reporter = { anonymous: false, lastName: '', firstName: '—', relation: reporterText };
    else fail('reporter', `must be anonymous or one of ${REPORTER_RELATIONS.join(', ')}`);
  }

  const receivedAtText = opt('receivedAt');
  const receivedAt = receivedAtText ? instant(receivedAtText) : undefined;
  const iin = get('victimIin');
  const body = {
    externalId: externalId || undefined,
    channel: get('channel').toLowerCase() || 'other',
    regionCode: get('regionCode').toUpperCase(),
    districtCode: opt('districtCode') ?? null,
    receivedAt,
    narrative: get('narrative'),
    reporter,
    screening: {},
    incidents: [{
      types: get('types').split(/[;,]/).map((t) => t.trim().toLowerCase()).filter(Boolean),
      occurredOn: opt('occurredOn') ? isoDate(get('occurredOn')) : null,
      place: get('place').toLowerCase() || null,
      victims: [{
        lastName: get('victimLastName'), firstName: get('victimFirstName'), middleName: opt('victimMiddleName') ?? null,
        // a spreadsheet that took the IIN for a number dropped its leading zero
        iin: /^\d{11}$/.test(iin) ? `0${iin}` : iin || null,
        birthDate: opt('victimBirthDate') ? isoDate(get('victimBirthDate')) : null,
        sex: get('victimSex').toLowerCase() || null,
      }],
      perpetrators,
    }],
  };

  // the victim on its own, so that each problem points at its column
  const victim = newPersonSchema.safeParse(body.incidents[0]?.victims[0]);
  if (!victim.success) {
    for (const issue of victim.error.issues) errors.push({ row, field: columnOf(['incidents', 0, 'victims', 0, ...issue.path]), message: issue.message });
  }
  const parsed = createReportBody.safeParse(body);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = columnOf(issue.path);
      // victim, perpetrator and reporter problems were explained above
      if (issue.path[2] === 'victims' || errors.some((e) => e.field === field)) continue;
      errors.push({ row, field, message: issue.code === 'invalid_union' ? 'invalid value' : issue.message });
    }
  }
  // references and dates, on the raw values wherever their own format is right
  const has = (field: ColumnName) => errors.some((e) => e.field === field);
  const regionCode = body.regionCode;
  const districtCode = body.districtCode;
  if (!has('regionCode') && regionCode) {
    if (!ctx.regions.has(regionCode)) fail('regionCode', 'no such region');
    else if (!has('districtCode') && districtCode && ctx.districts.get(districtCode) === undefined) fail('districtCode', 'no such district');
    else if (!has('districtCode') && districtCode && ctx.districts.get(districtCode) !== regionCode) fail('districtCode', `the district is not in ${regionCode}`);
    else if (!ctx.inTerritory(regionCode, districtCode)) fail('regionCode', 'outside your territory');
  }
  const received = receivedAt && !has('receivedAt') ? new Date(receivedAt) : ctx.now;
  if (received.getTime() > ctx.now.getTime()) fail('receivedAt', 'must not be in the future');
  const occurred = body.incidents[0]?.occurredOn;
  if (occurred && !has('occurredOn') && !has('receivedAt') && /^\d{4}-\d{2}-\d{2}$/.test(occurred) && new Date(`${occurred}T00:00:00${KZ}`).getTime() > received.getTime()) {
    fail('occurredOn', 'must not be after receivedAt');
  }
  const input = parsed.success ? parsed.data : null;
  return { input: errors.length ? null : input, errors };
}

/** Maps and checks every row; duplicate externalIds within the file are errors too. */
export function mapSheet(sheet: Sheet, ctx: RowContext): { rows: number; valid: MappedRow[]; errors: RowError[] } {
  const { index, errors } = readHeader(sheet.header);
  if (errors.length) return { rows: sheet.rows.length, valid: [], errors };
  const valid: MappedRow[] = [];
  const seen = new Map<string, number>();
  for (const r of sheet.rows) {
    const { input, errors: rowErrors } = mapRow(r.row, r.cells, index, ctx);
    const ext = (r.cells[index.get('externalId') ?? -1] ?? '').trim();
    const first = ext ? seen.get(ext) : undefined;
    if (first !== undefined) rowErrors.push({ row: r.row, field: 'externalId', message: `repeats row ${first}` });
    else if (ext) seen.set(ext, r.row);
    errors.push(...rowErrors);
    if (input && rowErrors.length === 0) valid.push({ row: r.row, input });
  }
  return { rows: sheet.rows.length, valid, errors };
}
