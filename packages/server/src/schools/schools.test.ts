import { randomBytes } from 'node:crypto';
import { eq, inArray } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, schools } from '../db/schema.ts';
import { createHarness, type Harness, type TestUser, multipartFile } from '../test/harness.ts';
import { SCHOOL_COLUMNS } from './import.ts';

const HEADER = SCHOOL_COLUMNS.map((c) => c.name);
type Row = Partial<Record<(typeof HEADER)[number], string>>;

const tag = () => randomBytes(4).toString('hex');
function good(id: string, extra: Row = {}): Row {
  return {
    external_id: id, name_kk: `№ ${id} мектеп`, name_ru: `Школа № ${id}`, name_en: `School No. ${id}`, district_code: '751110000',
    settlement_code: '', students: '900', students_sen: '12', languages: 'kk;ru', lat: '43.25', lon: '76.93', ...extra,
  };
}
function csv(rows: Row[]): Buffer {
  const cell = (v: string) => (/[",;\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return Buffer.from(`\uFEFF${[HEADER.join(','), ...rows.map((r) => HEADER.map((h) => cell(r[h] ?? '')).join(','))].join('\r\n')}\r\n`, 'utf8');
}
describe('school registry', () => {
  let h: Harness;
  let coordinator: TestUser;
  let analyst: TestUser;

  const upload = async (user: TestUser, content: Buffer, dryRun: boolean, name = 'schools.csv') => {
    const body = multipartFile(name, content);
    const res = await h.app.inject({ method: 'POST', url: `/api/v1/schools/import?dryRun=${dryRun}`, headers: { authorization: `Bearer ${user.token}`, 'content-type': body.contentType }, payload: body.payload });
    return { status: res.statusCode, json: JSON.parse(res.body) };
  };
  const body = (extra: Record<string, unknown> = {}) => ({
    nameKk: 'Сынақ мектебі', nameRu: 'Тестовая школа', nameEn: 'Test School', districtCode: '751110000', students: 600, studentsSen: 5, languages: ['kk', 'ru'], lat: 43.25, lon: 76.9, ...extra,
  });

  beforeAll(async () => {
    h = await createHarness();
    coordinator = await h.user('regional_coordinator', { regionCode: 'KZ-75' });
    analyst = await h.user('analyst');
  });
  afterAll(async () => { await h.close(); });

  it('creates, reads, searches and edits schools within the territory, audited', async () => {
    const created = await h.call(coordinator, 'POST', '/api/v1/schools', body({ externalId: `T-${tag()}`, nameRu: 'Гимназия Абая' }));
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    expect(created.json).toMatchObject({ regionCode: 'KZ-75', districtCode: '751110000', students: 600, languages: ['kk', 'ru'], active: true });
    const id = created.json.id as string;
    const one = await h.call(analyst, 'GET', `/api/v1/schools/${id}`);
    expect(one.json).toMatchObject({ id, rights: { manage: false } });
    expect((await h.call(coordinator, 'GET', `/api/v1/schools/${id}`)).json.rights.manage).toBe(true);
    // case-insensitive in any of the three names
    for (const q of ['гимназия абая', 'TEST SCHOOL', 'сынақ']) {
      const found = await h.call(analyst, 'GET', `/api/v1/schools?q=${encodeURIComponent(q)}&regionCode=KZ-75`);
      expect(found.json.items.map((s: { id: string }) => s.id), q).toContain(id);
    }
    const patched = await h.call(coordinator, 'PATCH', `/api/v1/schools/${id}`, { students: 1200, active: false });
    expect(patched.json).toMatchObject({ students: 1200, active: false });
    const inactive = await h.call(analyst, 'GET', '/api/v1/schools?active=false&regionCode=KZ-75');
    expect(inactive.json.items.map((s: { id: string }) => s.id)).toContain(id);
    const audits = await h.deps.db.select().from(auditLog).where(eq(auditLog.entityId, id));
    expect(audits.map((a) => a.action).sort()).toEqual(['create', 'update']);
    expect(audits.find((a) => a.action === 'update')?.details).toEqual({ fields: ['students', 'active'] });
  });

  it('validates KATO, counts, languages and coordinates with field errors', async () => {
    const bad = async (extra: Record<string, unknown>) => {
      const res = await h.call(coordinator, 'POST', '/api/v1/schools', body(extra));
      expect(res.status, JSON.stringify(extra)).toBe(400);
      return (res.json.error.details as { path: string }[]).map((d) => d.path);
    };
    expect(await bad({ regionCode: 'KZ-79' })).toEqual(['districtCode']);
    expect(await bad({ districtCode: '999999999' })).toEqual(['districtCode']);
    expect(await bad({ studentsSen: 700 })).toEqual(['studentsSen']);
    expect(await bad({ students: -1 })).toEqual(['students']);
    expect(await bad({ languages: ['xx'] })).toEqual(['languages.0']);
    expect(await bad({ lat: 60 })).toEqual(['lat']);
    expect(await bad({ lon: 20 })).toEqual(['lon']);
    expect(await bad({ lon: null })).toEqual(['lon']);
    expect(await bad({ settlementCode: '791110000' })).toEqual(['settlementCode']);
    expect((await h.call(coordinator, 'POST', '/api/v1/schools', body({ settlementCode: '751110000' }))).status).toBe(201);
  });

  it('keeps coordinators to their region and analysts to reading', async () => {
    const other = await h.call(h.admin, 'POST', '/api/v1/schools', body({ districtCode: '791110000', lat: 42.3, lon: 69.6 }));
    expect(other.status).toBe(201);
    expect((await h.call(coordinator, 'GET', `/api/v1/schools/${other.json.id}`)).status).toBe(404);
    expect((await h.call(coordinator, 'PATCH', `/api/v1/schools/${other.json.id}`, { students: 1 })).status).toBe(404);
    expect((await h.call(coordinator, 'POST', '/api/v1/schools', body({ districtCode: '791110000' }))).status).toBe(403);
    expect((await h.call(coordinator, 'GET', '/api/v1/schools?regionCode=KZ-79')).status).toBe(403);
    const mine = await h.call(coordinator, 'GET', '/api/v1/schools?limit=500');
    expect(mine.json.items.every((s: { regionCode: string }) => s.regionCode === 'KZ-75')).toBe(true);
    expect((await h.call(analyst, 'POST', '/api/v1/schools', body())).status).toBe(403);
    expect((await h.call(await h.user('hotline_operator'), 'GET', '/api/v1/schools')).status).toBe(403);
    // a school specialist sees only their own school
    const own = await h.call(h.admin, 'POST', '/api/v1/schools', body());
    const specialist = await h.user('school_specialist', { regionCode: 'KZ-75', schoolId: own.json.id });
    const seen = await h.call(specialist, 'GET', '/api/v1/schools');
    expect(seen.json.items.map((s: { id: string }) => s.id)).toEqual([own.json.id]);
    // the report form's reference list still works
    expect((await h.call(specialist, 'GET', '/api/v1/reference/schools?districtCode=751110000')).json.items.length).toBeGreaterThan(1);
  });

  it('pages with a limit of at most 500', async () => {
    const page = await h.call(analyst, 'GET', '/api/v1/schools?limit=2&offset=1');
    expect(page.json).toMatchObject({ limit: 2, offset: 1 });
    expect(page.json.items.length).toBeLessThanOrEqual(2);
    expect((await h.call(analyst, 'GET', '/api/v1/schools?limit=501')).status).toBe(400);
  });

  it('import: a dry run lists every bad row and field, and writes nothing', async () => {
    const t = tag();
    const rows = [
      good(`I-${t}-1`),
      good(`I-${t}-2`, { students: '-5', languages: 'kk;fr' }),
      good(`I-${t}-3`, { district_code: '75111' }),
      good(`I-${t}-4`, { students_sen: '901', lat: '70' }),
      good(`I-${t}-1`),
      good(`I-${t}-6`, { district_code: '791110000' }),
      good('', { name_ru: '' }),
    ];
    const res = await upload(coordinator, csv(rows), true);
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    expect(res.json).toMatchObject({ dryRun: true, kind: 'csv', rows: 7, valid: 1, created: 1, updated: 0, unchanged: 0 });
    expect(res.json.errors.map((e: { row: number; field: string }) => `${e.row}:${e.field}`)).toEqual([
      '3:students', '3:languages', '4:district_code', '5:students_sen', '5:lat', '6:external_id', '7:district_code', '8:external_id', '8:name_ru',
    ]);
    expect(res.json.errors.find((e: { row: number }) => e.row === 7).message).toMatch(/outside your territory/);
    expect(await h.deps.db.select().from(schools).where(eq(schools.externalId, `I-${t}-1`))).toHaveLength(0);
    // a real run with errors imports nothing
    const real = await upload(coordinator, csv(rows), false);
    expect(real.status).toBe(400);
    expect(await h.deps.db.select().from(schools).where(eq(schools.externalId, `I-${t}-1`))).toHaveLength(0);
    // a missing column is reported against the header
    const noStudents = Buffer.from('external_id,name_kk,name_ru,district_code\r\nX,a,b,751110000\r\n');
    expect((await upload(coordinator, noStudents, true)).json.errors).toEqual([{ row: 1, field: 'students', message: 'the column is missing from the header' }]);
  });

  it('import: all or nothing, idempotent by external_id, from CSV and XLSX', async () => {
    const t = tag();
    const rows = [good(`J-${t}-1`), good(`J-${t}-2`, { languages: 'ru', settlement_code: '751110000' }), good(`J-${t}-3`, { lat: '', lon: '' })];
    const first = await upload(coordinator, csv(rows), false);
    expect(first.status, JSON.stringify(first.json)).toBe(200);
    expect(first.json).toMatchObject({ created: 3, updated: 0, unchanged: 0, errorCount: 0 });
    const again = await upload(coordinator, csv(rows), false);
    expect(again.json).toMatchObject({ created: 0, updated: 0, unchanged: 3 });
    // XLSX with one changed row and one new
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Schools');
    ws.addRow(HEADER);
    for (const r of [good(`J-${t}-1`, { students: '950' }), good(`J-${t}-2`, { languages: 'ru', settlement_code: '751110000' }), good(`J-${t}-4`)]) {
      ws.addRow(HEADER.map((c) => (c === 'students' ? Number(r[c]) : r[c] ?? '')));
    }
    const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
    const dry = await upload(coordinator, xlsx, true, 'schools.xlsx');
    expect(dry.json).toMatchObject({ kind: 'xlsx', created: 1, updated: 1, unchanged: 1 });
    const real = await upload(coordinator, xlsx, false, 'schools.xlsx');
    expect(real.json).toMatchObject({ created: 1, updated: 1, unchanged: 1 });
    const stored = await h.deps.db.select().from(schools).where(inArray(schools.externalId, [`J-${t}-1`, `J-${t}-3`]));
    expect(stored.find((s) => s.externalId === `J-${t}-1`)?.students).toBe(950);
    expect(stored.find((s) => s.externalId === `J-${t}-3`)).toMatchObject({ lat: null, lon: null, regionCode: 'KZ-75' });
  });

  it('import: denied outside the territory and to roles without schools.manage', async () => {
    const t = tag();
    // a school of another region cannot be overwritten by its external id
    await h.call(h.admin, 'POST', '/api/v1/schools', body({ externalId: `K-${t}`, districtCode: '791110000', lat: 42.3, lon: 69.6 }));
    const res = await upload(coordinator, csv([good(`K-${t}`)]), true);
    expect(res.json.errors).toEqual([{ row: 2, field: 'external_id', message: 'the school is registered in KZ-79, outside your territory' }]);
    expect((await upload(analyst, csv([good(`K2-${t}`)]), true)).status).toBe(403);
    const tpl = await h.app.inject({ method: 'GET', url: '/api/v1/schools/import/template.csv', headers: { authorization: `Bearer ${coordinator.token}` } });
    expect((await upload(coordinator, Buffer.from(tpl.body), true)).json).toMatchObject({ rows: 1, valid: 1, errors: [] });
  });
});
