import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, schools, specialists } from '../db/schema.ts';
import { createHarness, type Harness, type TestUser } from '../test/harness.ts';
import { safeCell } from './export.ts';

// Two districts of Almaty (KZ-75) and one of Shymkent (KZ-79)
const D1 = '751110000';
const D2 = '751210000';
const SHYMKENT = '791110000';

describe('workforce', () => {
  let h: Harness;
  let coordinator: TestUser;
  let analyst: TestUser;
  const ids: Record<string, string> = {};

  const school = async (key: string, districtCode: string, students: number, regionCode = 'KZ-75') => {
    const [row] = await h.deps.db.insert(schools).values({ externalId: `WF-${key}-${Math.random()}`, nameKk: `${key} kk`, nameRu: key, nameEn: `${key} en`, regionCode, districtCode, students }).returning();
    ids[key] = row!.id;
  };

  beforeAll(async () => {
    h = await createHarness();
    coordinator = await h.user('regional_coordinator', { regionCode: 'KZ-75' });
    analyst = await h.user('analyst');
    // need (psychologists, 500 per FTE): big 2, mid 1, small 0.5 with 1 (surplus 0.5), =evil 1
    await school('big', D1, 1000);
    await school('mid', D2, 500);
    await school('small', D2, 250);
    await school('=evil', D1, 500);
    await school('south', SHYMKENT, 1500, 'KZ-79');
  });
  afterAll(async () => { await h.close(); });

  it('manages specialists within the territory, FTE in steps of 0.25', async () => {
    const add = (user: TestUser, key: string, fte: number, kind = 'psychologist') =>
      h.call(user, 'POST', '/api/v1/workforce/specialists', { schoolId: ids[key], kind, fullName: `Маман ${key}`, fte });
    const s = await add(coordinator, 'small', 1);
    expect(s.status, JSON.stringify(s.json)).toBe(201);
    expect(s.json).toMatchObject({ schoolId: ids.small, kind: 'psychologist', fte: 1, active: true, regionCode: 'KZ-75' });
    expect((await add(coordinator, 'mid', 0.25, 'social_pedagogue')).status).toBe(201);
    expect((await add(coordinator, 'big', 0.3)).status).toBe(400);
    expect((await add(coordinator, 'big', 2.25)).status).toBe(400);
    expect((await h.call(coordinator, 'POST', '/api/v1/workforce/specialists', { schoolId: ids.big, kind: 'nurse', fullName: 'x', fte: 1 })).status).toBe(400);
    expect((await add(coordinator, 'south', 1)).status).toBe(403);
    expect((await add(analyst, 'big', 1)).status).toBe(403);
    const south = await add(h.admin, 'south', 1);
    expect(south.status).toBe(201);
    expect((await h.call(coordinator, 'PATCH', `/api/v1/workforce/specialists/${south.json.id}`, { fte: 0.5 })).status).toBe(404);
    const patched = await h.call(coordinator, 'PATCH', `/api/v1/workforce/specialists/${s.json.id}`, { fte: 1.5 });
    expect(patched.json.fte).toBe(1.5);
    const list = await h.call(coordinator, 'GET', '/api/v1/workforce/specialists');
    expect(list.json.items.every((x: { regionCode: string }) => x.regionCode === 'KZ-75')).toBe(true);
    expect(list.json.total).toBe(2);
    const audits = await h.deps.db.select().from(auditLog).where(eq(auditLog.entityId, s.json.id));
    expect(audits.map((a) => a.action).sort()).toEqual(['create', 'update']);
  });

  it('shows coverage per school against the norm, with the caseload of open family cases', async () => {
    const res = await h.call(coordinator, 'GET', '/api/v1/workforce/schools?kind=psychologist');
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    expect(res.json.total).toBe(4);
    expect(res.json.underServed).toBe(3);
    const byName = Object.fromEntries(res.json.items.map((m: { name: { ru: string } }) => [m.name.ru, m]));
    expect(byName.big.kinds[0]).toMatchObject({ kind: 'psychologist', fte: 0, studentsPerFte: null, needFte: 2, gapFte: 2, normStudentsPerFte: 500 });
    expect(byName.small.kinds[0]).toMatchObject({ fte: 1.5, studentsPerFte: 166.7, needFte: 0.5, gapFte: 0 });
    expect(byName.small.underServed).toBe(false);
    expect(res.json.items[0].name.ru).toBe('big');
    // an open family case of the school's pupils counts in its open caseload; a closed one does not
    for (const [n, status] of [['1', 'in_progress'], ['2', 'closed']]) {
      await h.deps.db.execute(`insert into cases (number, kind, status, region_code, school_ids, agency_types, lead_agency_type, lead_user_id, opened_at, created_by, created_at, updated_at)
        values ('CF-WF-${n}', 'patronage', '${status}', 'KZ-75', array['${ids.mid}']::uuid[], '{education}', 'education', '${coordinator.id}', now(), '${coordinator.id}', now(), now())`);
    }
    const mid = (await h.call(coordinator, 'GET', `/api/v1/workforce/schools?districtCode=${D2}`)).json.items.find((m: { id: string }) => m.id === ids.mid);
    expect(mid).toMatchObject({ openCaseload: 1, fteTotal: 0.25, caseloadPerFte: 4 });
    const only = await h.call(coordinator, 'GET', '/api/v1/workforce/schools?kind=psychologist&underServedOnly=true');
    expect(only.json.items.map((m: { name: { ru: string } }) => m.name.ru).sort()).toEqual(['=evil', 'big', 'mid']);
  });

  it('sums per region and per district for the map', async () => {
    const national = await h.call(analyst, 'GET', '/api/v1/workforce/summary?kind=psychologist');
    expect(national.json.level).toBe('region');
    const almaty = national.json.groups.find((g: { code: string }) => g.code === 'KZ-75');
    expect(almaty).toMatchObject({ schools: 4, students: 2250, fte: 1.5, needFte: 4.5, gapFte: 4, underServedSchools: 3, studentsPerFte: 1500 });
    expect(almaty.name.en).toBe('Almaty');
    const districts = await h.call(coordinator, 'GET', '/api/v1/workforce/summary?regionCode=KZ-75');
    expect(districts.json.level).toBe('district');
    expect(districts.json.groups.map((g: { code: string }) => g.code)).toEqual([D1, D2]);
    expect((await h.call(coordinator, 'GET', '/api/v1/workforce/summary?regionCode=KZ-79')).status).toBe(403);
    expect((await h.call(coordinator, 'GET', '/api/v1/workforce/summary')).json.level).toBe('district');
  });

  it('recommends the allocation that minimises the squared shortfall, with the proportional baseline', async () => {
    const res = await h.call(coordinator, 'POST', '/api/v1/workforce/allocation', { kind: 'psychologist', positions: 1.5, step: 0.5 });
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    // gaps big 2, mid 1, =evil 1: steps to big (−1.75), big (−1.25), then big, mid and =evil tie at −0.75: more students → big
    const add = Object.fromEntries(res.json.schools.filter((s: { add: number }) => s.add > 0).map((s: { name: { ru: string }; add: number }) => [s.name.ru, s.add]));
    expect(add).toEqual({ big: 1.5 });
    // proportional: quotas 1.5, 0.75, 0.75 steps → 0.5 FTE each: 1.5² + 0.5² + 0.5²
    expect(res.json).toMatchObject({ regionCode: 'KZ-75', schoolsTotal: 4, objectiveBefore: 6, objectiveAfter: 2.25, shortfallBefore: 4, shortfallAfter: 2.5, proportional: { objectiveAfter: 2.75 } });
    expect(res.json.explanation.rules[0]).toEqual({ code: 'greedy_largest_reduction', step: 0.5, steps: 3 });
    expect(res.json.explanation.firstSteps[0]).toMatchObject({ order: 1, schoolId: ids.big, schoolName: { ru: 'big' }, reduction: 1.75 });
    // reassign: the surplus 1 FTE of "small" (need 0.5, has 1.5) may move
    const re = await h.call(coordinator, 'POST', '/api/v1/workforce/allocation', { kind: 'psychologist', positions: 1, step: 0.5, mode: 'reassign' });
    expect(re.json.moved).toBe(1);
    expect(re.json.schools.find((s: { id: string }) => s.id === ids.small)).toMatchObject({ remove: 1, afterFte: 0.5, gapAfter: 0 });
    const audits = await h.deps.db.select().from(auditLog).where(eq(auditLog.entityType, 'workforce_allocation'));
    expect(audits.length).toBeGreaterThanOrEqual(2);
    expect((await h.call(coordinator, 'POST', '/api/v1/workforce/allocation', { positions: 0.7, step: 0.5 })).status).toBe(400);
    expect((await h.call(coordinator, 'POST', '/api/v1/workforce/allocation', { regionCode: 'KZ-79', positions: 1 })).status).toBe(403);
    // the whole country for a national user
    const country = await h.call(analyst, 'POST', '/api/v1/workforce/allocation', { positions: 10 });
    expect(country.json).toMatchObject({ regionCode: null, schoolsTotal: 5, allocatedNew: 6, unallocated: 4, objectiveAfter: 0 });
  });

  it('exports the plan as XLSX and CSV without formula injection', async () => {
    const csv = await h.app.inject({ method: 'GET', url: '/api/v1/workforce/allocation.csv?positions=1.5&lang=en', headers: { authorization: `Bearer ${coordinator.token}` } });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.body.startsWith('\uFEFFSchool,')).toBe(true);
    expect(csv.body).toContain("\r\n'=evil en,");
    expect(safeCell('+1')).toBe("'+1");
    expect(safeCell('Школа')).toBe('Школа');
    const xlsx = await h.app.inject({ method: 'GET', url: '/api/v1/workforce/allocation.xlsx?positions=1.5&lang=ru', headers: { authorization: `Bearer ${coordinator.token}` } });
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(4).getCell(1).value).toBe('Школа');
    expect(ws.getRow(5).getCell(1).value).toBe('big');
    const exports = await h.deps.db.select().from(auditLog).where(eq(auditLog.action, 'export'));
    expect(exports.some((a) => a.entityType === 'workforce_allocation')).toBe(true);
  });

  it('norms: everyone with workforce.read reads them, only national administrators change them', async () => {
    expect((await h.call(analyst, 'GET', '/api/v1/workforce/norms')).json.items).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'psychologist', studentsPerFte: 500, casesPerFte: 25 })]));
    expect((await h.call(analyst, 'PUT', '/api/v1/workforce/norms', { items: [{ kind: 'psychologist', studentsPerFte: 400 }] })).status).toBe(403);
    expect((await h.call(coordinator, 'PUT', '/api/v1/workforce/norms', { items: [{ kind: 'psychologist', studentsPerFte: 400 }] })).status).toBe(403);
    expect((await h.call(h.admin, 'PUT', '/api/v1/workforce/norms', { items: [{ kind: 'psychologist', studentsPerFte: 10 }] })).status).toBe(400);
    const put = await h.call(h.admin, 'PUT', '/api/v1/workforce/norms', { items: [{ kind: 'psychologist', studentsPerFte: 250, casesPerFte: 20 }] });
    expect(put.status, JSON.stringify(put.json)).toBe(200);
    const big = (await h.call(coordinator, 'GET', '/api/v1/workforce/schools?kind=psychologist')).json.items.find((m: { id: string }) => m.id === ids.big);
    expect(big.kinds[0]).toMatchObject({ needFte: 4, normStudentsPerFte: 250 });
    await h.call(h.admin, 'PUT', '/api/v1/workforce/norms', { items: [{ kind: 'psychologist', studentsPerFte: 500, casesPerFte: 25 }] });
  });

  it('keeps a school specialist to their own school and other roles out', async () => {
    const specialist = await h.user('school_specialist', { regionCode: 'KZ-75', schoolId: ids.mid });
    const own = await h.call(specialist, 'GET', '/api/v1/workforce/schools');
    expect(own.json.items.map((m: { id: string }) => m.id)).toEqual([ids.mid]);
    const list = await h.call(specialist, 'GET', '/api/v1/workforce/specialists');
    expect(list.json.items.every((s: { schoolId: string }) => s.schoolId === ids.mid)).toBe(true);
    expect((await h.call(specialist, 'GET', `/api/v1/workforce/specialists?schoolId=${ids.big}`)).json.items).toEqual([]);
    expect((await h.call(specialist, 'POST', '/api/v1/workforce/allocation', { positions: 1 })).status).toBe(403);
    expect((await h.call(specialist, 'POST', '/api/v1/workforce/specialists', { schoolId: ids.mid, kind: 'psychologist', fullName: 'x', fte: 1 })).status).toBe(403);
    const operator = await h.user('hotline_operator');
    expect((await h.call(operator, 'GET', '/api/v1/workforce/schools')).status).toBe(403);
    expect((await h.call(operator, 'GET', '/api/v1/workforce/norms')).status).toBe(403);
    expect((await h.deps.db.select().from(specialists)).length).toBe(3);
  });
});
