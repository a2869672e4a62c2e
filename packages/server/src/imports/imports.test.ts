import { makeIin } from '@qorgau/core';
import { eq, inArray, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, importBatches, reports } from '../db/schema.ts';
import { createHarness, type Harness, type TestUser, multipartFile } from '../test/harness.ts';
import { COLUMNS } from './layout.ts';

const HEADER = COLUMNS.map((c) => c.name);

type Row = Partial<Record<(typeof HEADER)[number], string>>;

function good(id: string, extra: Row = {}): Row {
  return {
    externalId: id, receivedAt: '2021-03-01 09:15', channel: 'school', regionCode: 'KZ-75', districtCode: '751110000',
    narrative: 'Учитель заметил синяки, ученица боится идти домой.', types: 'physical;psychological', occurredOn: '27.02.2021', place: 'home',
    victimLastName: 'Сейітова', victimFirstName: 'Аружан', victimBirthDate: '2012-05-14', victimSex: 'female',
    perpetratorRelation: 'stepparent', reporter: 'teacher', ...extra,
  };
}

function csv(rows: Row[], delimiter = ','): Buffer {
  const cell = (v: string) => (/[",;\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const lines = [HEADER.join(delimiter), ...rows.map((r) => HEADER.map((h) => cell(r[h] ?? '')).join(delimiter))];
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}

describe('legacy import of reports', () => {
  let h: Harness;
  let supervisor: TestUser;

  const upload = async (user: TestUser, content: Buffer, dryRun: boolean, name = 'legacy.csv') => {
    const body = multipartFile(name, content);
    const res = await h.app.inject({
      method: 'POST', url: `/api/v1/imports/reports?dryRun=${dryRun}`,
      headers: { authorization: `Bearer ${user.token}`, 'content-type': body.contentType }, payload: body.payload,
    });
    return { status: res.statusCode, json: JSON.parse(res.body) };
  };
  const countByExternal = async (ids: string[]) => (await h.deps.db.select({ id: reports.id }).from(reports).where(inArray(reports.externalId, ids))).length;

  beforeAll(async () => {
    h = await createHarness();
    supervisor = await h.user('supervisor');
  });
  afterAll(async () => { await h.close(); });

  it('serves a template whose example row passes a dry run', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/api/v1/imports/template.csv', headers: { authorization: `Bearer ${supervisor.token}` } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    const lines = res.body.replace(/^\uFEFF/, '').trim().split(/\r\n/);
    expect(lines).toHaveLength(2);
    expect(lines[0]?.split(',')).toEqual(HEADER);
    const dry = await upload(supervisor, Buffer.from(res.body), true, 'template.csv');
    expect(dry.status).toBe(200);
    expect(dry.json).toMatchObject({ rows: 1, valid: 1, errors: [], wouldCreate: 1, alreadyImported: 0 });
    expect((await h.app.inject({ method: 'GET', url: '/api/v1/imports/template.csv' })).statusCode).toBe(401);
  });

  it('dry run lists every bad row and field with the reason, and writes only the batch record', async () => {
    const rows: Row[] = [
      good('D-1'),
      good('D-2', { victimIin: '061211600013', types: 'physical;kicking' }),
      good('D-3', { regionCode: 'KZ-99', victimFirstName: '' }),
      good('', { receivedAt: 'yesterday' }),
      good('D-5', { districtCode: '791110000' }),
      good('D-1'),
      good('D-7', { perpetratorFirstName: 'Болат', perpetratorRelation: '' }),
      good('D-8', { reporter: 'ghost', channel: 'pigeon', victimBirthDate: '31.02.2012', receivedAt: '2099-01-01' }),
    ];
    const before = (await h.deps.db.select().from(reports)).length;
    const audits = (await h.deps.db.select().from(auditLog)).length;
    const res = await upload(supervisor, csv(rows), true);
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ dryRun: true, kind: 'csv', rows: 8, valid: 1, wouldCreate: 1, alreadyImported: 0 });
    const got = res.json.errors.map((e: { row: number; field: string }) => `${e.row}:${e.field}`).sort();
    expect(got).toEqual([
      '3:types', '3:victimIin',
      '4:regionCode', '4:victimFirstName',
      '5:externalId', '5:receivedAt',
      '6:districtCode',
      '7:externalId',
      '8:perpetratorRelation',
      '9:channel', '9:receivedAt', '9:reporter', '9:victimBirthDate',
    ].sort());
    for (const e of res.json.errors) expect(e.message.length).toBeGreaterThan(3);
    expect(res.json.errors.find((e: { row: number; field: string }) => e.row === 7 && e.field === 'externalId').message).toBe('repeats row 2');
    expect(res.json.errorCount).toBe(13);
    // nothing but the batch record
    expect((await h.deps.db.select().from(reports)).length).toBe(before);
    expect((await h.deps.db.select().from(auditLog)).length).toBe(audits);
    const [batch] = await h.deps.db.select().from(importBatches).where(eq(importBatches.id, res.json.batchId));
    expect(batch).toMatchObject({ dryRun: true, rows: 8, created: 0, errors: 13, userId: supervisor.id });
  });

  it('imports nothing from a file with a bad row, and says why with 400', async () => {
    const rows = [good('B-1'), good('B-2'), good('B-3', { victimSex: 'unknown' })];
    const res = await upload(supervisor, csv(rows), false);
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe('validation_failed');
    expect(res.json.error.details).toEqual([{ path: 'rows.4.victimSex', message: expect.any(String) }]);
    expect(await countByExternal(['B-1', 'B-2', 'B-3'])).toBe(0);
  });

  it('imports a valid file in one go, and a re-run creates nothing new', async () => {
    const rows = [good('R-1'), good('R-2', { perpetratorLastName: 'Сейітов', perpetratorFirstName: 'Болат', perpetratorRelation: 'stepparent', victimIin: makeIin('2012-05-14', 'female', 42) ?? '', reporter: 'anonymous' }), good('R-3', { regionCode: 'KZ-79', districtCode: '', receivedAt: '2022-12-31T23:30:00+05:00' })];
    const res = await upload(supervisor, csv(rows, ';'), false);
    expect(res.status, JSON.stringify(res.json)).toBe(201);
    expect(res.json).toMatchObject({ dryRun: false, rows: 3, valid: 3, created: 3, alreadyImported: 0, errors: [] });
    const stored = await h.deps.db.select().from(reports).where(inArray(reports.externalId, ['R-1', 'R-2', 'R-3']));
    expect(stored).toHaveLength(3);
    const r1 = stored.find((r) => r.externalId === 'R-1');
    expect(r1).toMatchObject({ channel: 'school', regionCode: 'KZ-75', districtCode: '751110000', createdBy: null });
    expect(r1?.receivedAt.toISOString()).toBe('2021-03-01T04:15:00.000Z');
    expect(r1?.number).toMatch(/^75-2021-\d{6}$/);
    expect(stored.find((r) => r.externalId === 'R-3')?.number).toMatch(/^79-2022-/);
    const full = await h.call(supervisor, 'GET', `/api/v1/reports/${r1?.id}`);
    expect(full.json.incidents[0]).toMatchObject({ types: ['physical', 'psychological'], occurredOn: '2021-02-27', place: 'home' });
    expect(full.json.incidents[0].victims[0]).toMatchObject({ lastName: 'Сейітова', firstName: 'Аружан', birthDate: '2012-05-14', sex: 'female' });
    expect(full.json.incidents[0].perpetrators[0]).toMatchObject({ relation: 'stepparent' });
    expect(full.json.reporter).toMatchObject({ relation: 'teacher' });

    const batchAudit = await h.deps.db.select().from(auditLog).where(eq(auditLog.entityId, res.json.batchId));
    expect(batchAudit).toMatchObject([{ action: 'create', entityType: 'import_batch', userId: supervisor.id, details: { rows: 3, created: 3, skipped: 0 } }]);
    const reportAudit = await h.deps.db.select().from(auditLog).where(eq(auditLog.entityId, r1?.id ?? ''));
    expect(reportAudit.some((e) => e.action === 'create')).toBe(true);

    const again = await upload(supervisor, csv([...rows, good('R-4')], ';'), false);
    expect(again.status).toBe(201);
    expect(again.json).toMatchObject({ rows: 4, created: 1, alreadyImported: 3 });
    const dry = await upload(supervisor, csv(rows), true);
    expect(dry.json).toMatchObject({ wouldCreate: 0, alreadyImported: 3 });
    expect(await countByExternal(['R-1', 'R-2', 'R-3', 'R-4'])).toBe(4);
  });

  it('reads XLSX, with dates and numbers as Excel stores them', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Reports');
    ws.addRow(HEADER);
    const row = good('X-1');
    ws.addRow(HEADER.map((col) => {
      if (col === 'receivedAt') return new Date(Date.UTC(2020, 5, 1, 14, 30));
      if (col === 'occurredOn') return new Date(Date.UTC(2020, 4, 30));
      // an IIN typed into Excel becomes a number and loses its leading zero
      if (col === 'victimIin') return 61211600012;
      if (col === 'victimBirthDate') return new Date(Date.UTC(2006, 11, 11));
      return row[col] ?? null;
    }));
    ws.addRow([]);
    ws.addRow(HEADER.map((col) => (col === 'externalId' ? 'X-2' : col === 'types' ? 'neglect' : col === 'victimBirthDate' ? '' : col === 'victimSex' ? 'male' : (row[col] ?? null))));
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    const dry = await upload(supervisor, bytes, true, 'legacy.xlsx');
    expect(dry.status, JSON.stringify(dry.json)).toBe(200);
    expect(dry.json).toMatchObject({ kind: 'xlsx', rows: 2, valid: 2, errors: [] });
    const res = await upload(supervisor, bytes, false, 'legacy.xlsx');
    expect(res.status).toBe(201);
    const [x1] = await h.deps.db.select().from(reports).where(eq(reports.externalId, 'X-1'));
    expect(x1?.receivedAt.toISOString()).toBe('2020-06-01T09:30:00.000Z');
    const full = await h.call(supervisor, 'GET', `/api/v1/reports/${x1?.id}`);
    expect(full.json.incidents[0].occurredOn).toBe('2020-05-30');
    expect(full.json.incidents[0].victims[0].iin).toBe('061211600012');

    // errors name the spreadsheet row
    ws.getRow(4).getCell(HEADER.indexOf('victimSex') + 1).value = 'X';
    const bad = await upload(supervisor, Buffer.from(await wb.xlsx.writeBuffer()), true, 'legacy.xlsx');
    expect(bad.json.errors).toEqual([{ row: 4, field: 'victimSex', message: expect.any(String) }]);
  });

  it('rolls back every row when one fails in the database', async () => {
    await h.deps.db.execute(sql.raw(`create or replace function qorgau_test_fail() returns trigger language plpgsql as $$
      begin if new.external_id = 'T-2' then raise exception 'simulated failure'; end if; return new; end $$`));
    await h.deps.db.execute(sql.raw('create trigger qorgau_test_fail before insert on reports for each row execute function qorgau_test_fail()'));
    try {
      const res = await upload(supervisor, csv([good('T-1'), good('T-2'), good('T-3')]), false);
      expect(res.status).toBe(500);
    } finally {
      await h.deps.db.execute(sql.raw('drop trigger qorgau_test_fail on reports'));
      await h.deps.db.execute(sql.raw('drop function qorgau_test_fail()'));
    }
    expect(await countByExternal(['T-1', 'T-2', 'T-3'])).toBe(0);
  });

  it('checks the header, the file, the territory and the role', async () => {
    const header = await upload(supervisor, Buffer.from('externalId,regionCode,narrative,typez,victimFirstName\nA,KZ-75,x,physical,B\n'), true);
    expect(header.status).toBe(200);
    expect(header.json.errors.map((e: { field: string }) => e.field).sort()).toEqual(['types', 'typez']);
    expect((await upload(supervisor, Buffer.from([0xff, 0xfe, 0x00, 0x41]), true)).status).toBe(400);
    const broken = await upload(supervisor, Buffer.from('externalId,regionCode\n"unclosed,KZ-75\n'), true);
    expect(broken.status).toBe(400);
    expect(broken.json.error.details[0].path).toBe('file');
    const notXlsx = await upload(supervisor, Buffer.from('PK\u0003\u0004garbage'), true);
    expect(notXlsx.status).toBe(400);

    const coordinator = await h.user('regional_coordinator', { regionCode: 'KZ-79' });
    const outside = await upload(coordinator, csv([good('C-1'), good('C-2', { regionCode: 'KZ-79', districtCode: '' })]), true);
    expect(outside.json.errors).toEqual([{ row: 2, field: 'regionCode', message: 'outside your territory' }]);
    const operator = await h.user('hotline_operator');
    expect((await upload(operator, csv([good('O-1')]), true)).status).toBe(403);
  });

  it('refuses a file over 10 MB with 413', async () => {
    const big = Buffer.concat([csv([good('BIG-1')]), Buffer.alloc(10 * 1024 * 1024, 0x20)]);
    const res = await upload(supervisor, big, true);
    expect(res.status).toBe(413);
    expect(res.json.error.code).toBe('payload_too_large');
  });
});
