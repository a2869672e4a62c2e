import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, serviceProviders, units } from '../db/schema.ts';
import { createHarness, type Harness, type TestUser, multipartFile } from '../test/harness.ts';
import { DEMO_PROVIDERS, seedDemoServices } from './demo.ts';
import { PROVIDER_COLUMNS } from './import.ts';

const tag = () => randomBytes(4).toString('hex');

/** A valid provider body; the name carries a tag so that each test finds its own. */
function body(extra: Record<string, unknown> = {}) {
  const t = tag();
  return {
    kind: 'psychological_support', nameKk: `Сынақ орталығы ${t}`, nameRu: `Тестовый центр ${t}`, nameEn: `Test Centre ${t}`,
    services: ['psychological_counselling', 'psychotherapy'], regionCode: 'KZ-75', districtCode: '751110000', address: 'ул. Абая, 1',
    phone: '+7 727 111 22 33', email: 'centre@example.kz', lat: 43.25, lon: 76.92, ageMin: 6, ageMax: 18, languages: ['kk', 'ru'], capacity: 10, occupancy: 3,
    ...extra,
  };
}

const HEADER = PROVIDER_COLUMNS.map((c) => c.name);
type Row = Partial<Record<(typeof HEADER)[number], string>>;
function good(id: string, extra: Row = {}): Row {
  return {
    external_id: id, kind: 'crisis_centre', name_kk: `${id} дағдарыс орталығы`, name_ru: `Кризисный центр ${id}`, name_en: `Crisis Centre ${id}`,
    services: 'crisis_accommodation;psychological_counselling', region_code: 'KZ-75', district_code: '751110000', address: 'ул. Толе би, 1',
    phone: '+7 727 000 00 00', email: '', lat: '43.25', lon: '76.9', age_min: '0', age_max: '18', languages: 'kk;ru', capacity: '20', occupancy: '5', active: '', ...extra,
  };
}
function csv(rows: Row[]): Buffer {
  const cell = (v: string) => (/[",;\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return Buffer.from(`\uFEFF${[HEADER.join(','), ...rows.map((r) => HEADER.map((h) => cell(r[h] ?? '')).join(','))].join('\r\n')}\r\n`, 'utf8');
}
describe('service directory', () => {
  let h: Harness;
  let coordinator: TestUser;
  let shymkent: TestUser;
  let worker: TestUser;
  let unitId: string;
  let staff: TestUser;

  const ids = (res: { json: { items: { id: string }[] } }) => res.json.items.map((p) => p.id);
  const upload = async (user: TestUser, content: Buffer, dryRun: boolean) => {
    const b = multipartFile('providers.csv', content);
    const res = await h.app.inject({ method: 'POST', url: `/api/v1/services/providers/import?dryRun=${dryRun}`, headers: { authorization: `Bearer ${user.token}`, 'content-type': b.contentType }, payload: b.payload });
    return { status: res.statusCode, json: JSON.parse(res.body) };
  };

  beforeAll(async () => {
    h = await createHarness();
    coordinator = await h.user('regional_coordinator', { regionCode: 'KZ-75' });
    shymkent = await h.user('regional_coordinator', { regionCode: 'KZ-79' });
    worker = await h.user('guardianship_officer', { regionCode: 'KZ-75' });
    const [unit] = await h.deps.db.insert(units).values({ agencyType: 'service_provider', nameKk: 'Орталық', nameRu: 'Центр', nameEn: 'Centre', regionCode: 'KZ-75', createdAt: new Date() }).returning();
    unitId = unit!.id;
    staff = await h.user('service_provider', { regionCode: 'KZ-75', unitId });
  });
  afterAll(async () => { await h.close(); });

  it('creates, reads and edits a provider within the territory, audited without names', async () => {
    const created = await h.call(coordinator, 'POST', '/api/v1/services/providers', body({ externalId: `P-${tag()}`, unitId }));
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    expect(created.json).toMatchObject({ regionCode: 'KZ-75', capacity: 10, occupancy: 3, freePlaces: 7, activeReferrals: 0, active: true, rights: { manage: true, occupancy: true } });
    expect(created.json.unitName).toMatchObject({ ru: 'Центр' });
    const id = created.json.id as string;
    // everyone who works on cases reads it; they do not edit it
    const seen = await h.call(worker, 'GET', `/api/v1/services/providers/${id}`);
    expect(seen.json.rights).toEqual({ manage: false, occupancy: false });
    expect((await h.call(staff, 'GET', `/api/v1/services/providers/${id}`)).json.rights).toEqual({ manage: false, occupancy: true });
    const patched = await h.call(coordinator, 'PATCH', `/api/v1/services/providers/${id}`, { capacity: 12, ageMax: 16 });
    expect(patched.json).toMatchObject({ capacity: 12, ageMax: 16, freePlaces: 9 });
    const off = await h.call(coordinator, 'PATCH', `/api/v1/services/providers/${id}`, { active: false });
    expect(off.json.active).toBe(false);
    const audits = await h.deps.db.select().from(auditLog).where(eq(auditLog.entityId, id));
    expect(audits.map((a) => a.action)).toEqual(['create', 'update', 'update']);
    expect(audits[1]?.details).toEqual({ fields: ['ageMax', 'capacity'], capacity: { from: 10, to: 12 } });
    expect(audits[2]?.details).toEqual({ fields: ['active'], active: false });
    expect(JSON.stringify(audits.map((a) => a.details))).not.toMatch(/Тестовый|Test Centre|Абая/);
  });

  it('validates fields with their names', async () => {
    const bad = async (extra: Record<string, unknown>) => {
      const res = await h.call(coordinator, 'POST', '/api/v1/services/providers', body(extra));
      expect(res.status, JSON.stringify(extra)).toBe(400);
      return (res.json.error.details as { path: string }[]).map((d) => d.path);
    };
    expect(await bad({ ageMin: -1 })).toEqual(['ageMin']);
    expect(await bad({ ageMax: 26 })).toEqual(['ageMax']);
    expect(await bad({ ageMin: 14, ageMax: 10 })).toEqual(['ageMax']);
    expect(await bad({ capacity: -1 })).toEqual(['capacity']);
    expect(await bad({ occupancy: -2 })).toEqual(['occupancy']);
    expect(await bad({ lat: 91 })).toEqual(['lat']);
    expect(await bad({ lon: 10 })).toEqual(['lon']);
    expect(await bad({ lon: null })).toEqual(['lon']);
    expect(await bad({ districtCode: '791110000' })).toEqual(['districtCode']);
    expect(await bad({ districtCode: '999999999' })).toEqual(['districtCode']);
    expect(await bad({ regionCode: 'Almaty' })).toEqual(['regionCode']);
    expect(await bad({ kind: 'spa' })).toEqual(['kind']);
    expect(await bad({ services: ['massage'] })).toEqual(['services.0']);
    expect(await bad({ services: [] })).toEqual(['services']);
    expect(await bad({ services: ['psychotherapy', 'psychotherapy'] })).toEqual(['services']);
    expect(await bad({ languages: ['xx'] })).toEqual(['languages.0']);
    expect(await bad({ email: 'not-an-email' })).toEqual(['email']);
    expect(await bad({ unitId: '00000000-0000-4000-8000-000000000000' })).toEqual(['unitId']);
    expect(await bad({ nameRu: '' })).toEqual(['nameRu']);
    // the message names the range
    const res = await h.call(coordinator, 'POST', '/api/v1/services/providers', body({ ageMin: 30 }));
    expect(res.json.error.details[0].message).toMatch(/between 0 and 25/);
    // capacity null: places not limited
    const open = await h.call(coordinator, 'POST', '/api/v1/services/providers', body({ capacity: null }));
    expect(open.json).toMatchObject({ capacity: null, freePlaces: null });
  });

  it('keeps coordinators to their region and other roles to reading', async () => {
    const almaty = await h.call(coordinator, 'POST', '/api/v1/services/providers', body());
    expect((await h.call(shymkent, 'POST', '/api/v1/services/providers', body())).status).toBe(403);
    expect((await h.call(shymkent, 'PATCH', `/api/v1/services/providers/${almaty.json.id}`, { capacity: 1 })).status).toBe(403);
    expect((await h.call(shymkent, 'PUT', `/api/v1/services/providers/${almaty.json.id}/occupancy`, { occupancy: 1 })).status).toBe(403);
    // moving a provider out of one's region is refused too
    expect((await h.call(coordinator, 'PATCH', `/api/v1/services/providers/${almaty.json.id}`, { regionCode: 'KZ-79', districtCode: '791110000' })).status).toBe(403);
    // the administrator manages everywhere
    const moved = await h.call(h.admin, 'PATCH', `/api/v1/services/providers/${almaty.json.id}`, { regionCode: 'KZ-79', districtCode: '791110000', lat: 42.3, lon: 69.6 });
    expect(moved.status, JSON.stringify(moved.json)).toBe(200);
    expect((await h.call(shymkent, 'PATCH', `/api/v1/services/providers/${almaty.json.id}`, { capacity: 1 })).status).toBe(200);
    expect((await h.call(worker, 'POST', '/api/v1/services/providers', body())).status).toBe(403);
    expect((await h.call(staff, 'PATCH', `/api/v1/services/providers/${almaty.json.id}`, { capacity: 3 })).status).toBe(403);
    // a role outside cases, referrals and the directory does not search it
    expect((await h.call(await h.user('analyst'), 'GET', '/api/v1/services/providers')).status).toBe(403);
    expect((await h.call(await h.user('teacher', { regionCode: 'KZ-75' }), 'GET', '/api/v1/services/providers')).status).toBe(403);
    // the directory is national: a regional worker finds providers of other regions
    expect(ids(await h.call(worker, 'GET', '/api/v1/services/providers?regionCode=KZ-79&limit=500'))).toContain(almaty.json.id);
  });

  it('searches by name in three languages, kind, service, territory, age, language and free places', async () => {
    const t = tag();
    const a = (await h.call(coordinator, 'POST', '/api/v1/services/providers', body({
      nameKk: `Үміт ${t}`, nameRu: `Надежда ${t}`, nameEn: `Hope ${t}`, kind: 'crisis_centre', services: ['crisis_accommodation'], ageMin: 0, ageMax: 10, languages: ['kk'], capacity: 5, occupancy: 5,
    }))).json.id as string;
    const b = (await h.call(coordinator, 'POST', '/api/v1/services/providers', body({
      nameKk: `Сенім ${t}`, nameRu: `Доверие ${t}`, nameEn: `Trust ${t}`, kind: 'legal_aid', services: ['legal_advice'], districtCode: '751410000', ageMin: 12, ageMax: 25, languages: ['ru', 'en'], capacity: null,
    }))).json.id as string;
    const c = (await h.call(shymkent, 'POST', '/api/v1/services/providers', body({
      nameRu: `Доверие-Юг ${t}`, regionCode: 'KZ-79', districtCode: '791310000', lat: 42.3, lon: 69.6, ageMin: 0, ageMax: 18, capacity: 8, occupancy: 2,
    }))).json.id as string;
    const find = async (query: string) => {
      const res = await h.call(worker, 'GET', `/api/v1/services/providers?limit=500&${query}`);
      expect(res.status, `${query}: ${JSON.stringify(res.json)}`).toBe(200);
      return ids(res).filter((id) => [a, b, c].includes(id)).sort();
    };
    const sorted = (...x: string[]) => x.sort();
    expect(await find(`q=${encodeURIComponent(`үміт ${t}`)}`)).toEqual([a]);
    expect(await find(`q=${encodeURIComponent(`НАДЕЖДА ${t}`)}`)).toEqual([a]);
    expect(await find(`q=${encodeURIComponent(`trust ${t}`)}`)).toEqual([b]);
    expect(await find(`q=${encodeURIComponent(`доверие`)}`)).toEqual(sorted(b, c));
    expect(await find('kind=crisis_centre')).toEqual([a]);
    expect(await find('service=legal_advice')).toEqual([b]);
    expect(await find('regionCode=KZ-79')).toEqual([c]);
    expect(await find('districtCode=751410000')).toEqual([b]);
    expect(await find('age=5')).toEqual(sorted(a, c));
    expect(await find('age=20')).toEqual([b]);
    expect(await find('language=en')).toEqual([b]);
    expect(await find('available=true')).toEqual(sorted(b, c));
    expect(await find(`available=true&age=5&q=${t}`)).toEqual([c]);
    // inactive providers leave the default search
    await h.call(coordinator, 'PATCH', `/api/v1/services/providers/${b}`, { active: false });
    expect(await find('service=legal_advice')).toEqual([]);
    expect(await find('service=legal_advice&active=all')).toEqual([b]);
    expect(await find('service=legal_advice&active=false')).toEqual([b]);
    // free places in the list
    const one = (await h.call(worker, 'GET', `/api/v1/services/providers?q=${t}&regionCode=KZ-79`)).json.items[0];
    expect(one).toMatchObject({ capacity: 8, occupancy: 2, freePlaces: 6 });
    const full = (await h.call(worker, 'GET', `/api/v1/services/providers?q=${encodeURIComponent(`Надежда ${t}`)}`)).json.items[0];
    expect(full).toMatchObject({ capacity: 5, occupancy: 5, freePlaces: 0 });
    // bad filters name their field
    const bad = await h.call(worker, 'GET', '/api/v1/services/providers?age=40');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.json)).toContain('age');
    // pages
    const page = await h.call(worker, 'GET', '/api/v1/services/providers?limit=1&offset=1');
    expect(page.json).toMatchObject({ limit: 1, offset: 1 });
    expect(page.json.items).toHaveLength(1);
    expect(page.json.total).toBeGreaterThan(2);
  });

  it('occupancy: the provider\'s own staff report it, audited with both numbers', async () => {
    const mine = await h.call(coordinator, 'POST', '/api/v1/services/providers', body({ unitId, capacity: 10, occupancy: 4 }));
    const other = await h.call(coordinator, 'POST', '/api/v1/services/providers', body());
    const res = await h.call(staff, 'PUT', `/api/v1/services/providers/${mine.json.id}/occupancy`, { occupancy: 9 });
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    expect(res.json).toMatchObject({ occupancy: 9, freePlaces: 1 });
    expect(res.json.occupancyUpdatedAt).not.toBeNull();
    // over capacity is possible (an emergency placement); no place is free then
    expect((await h.call(staff, 'PUT', `/api/v1/services/providers/${mine.json.id}/occupancy`, { occupancy: 11 })).json.freePlaces).toBe(0);
    expect((await h.call(staff, 'PUT', `/api/v1/services/providers/${other.json.id}/occupancy`, { occupancy: 1 })).status).toBe(403);
    expect((await h.call(worker, 'PUT', `/api/v1/services/providers/${mine.json.id}/occupancy`, { occupancy: 1 })).status).toBe(403);
    expect((await h.call(staff, 'PUT', `/api/v1/services/providers/${mine.json.id}/occupancy`, { occupancy: -1 })).status).toBe(400);
    expect((await h.call(coordinator, 'PUT', `/api/v1/services/providers/${mine.json.id}/occupancy`, { occupancy: 2 })).status).toBe(200);
    const audits = await h.deps.db.select().from(auditLog).where(and(eq(auditLog.entityId, mine.json.id), eq(auditLog.action, 'update')));
    expect(audits.map((a) => a.details)).toEqual([
      { fields: ['occupancy'], occupancy: { from: 4, to: 9 }, capacity: 10 },
      { fields: ['occupancy'], occupancy: { from: 9, to: 11 }, capacity: 10 },
      { fields: ['occupancy'], occupancy: { from: 11, to: 2 }, capacity: 10 },
    ]);
    expect(audits[0]?.userId).toBe(staff.id);
    // occupancy is not edited through PATCH
    expect((await h.call(coordinator, 'PATCH', `/api/v1/services/providers/${mine.json.id}`, { occupancy: 1 })).status).toBe(400);
    expect((await h.call(worker, 'GET', '/api/v1/services/providers/not-an-id')).status).toBe(404);
  });

  it('import: a dry run lists every bad row; a real run is all or nothing and idempotent', async () => {
    const t = tag();
    const rows = [
      good(`IMP-${t}-1`),
      good(`IMP-${t}-2`, { kind: 'spa', age_min: '12', age_max: '5' }),
      good(`IMP-${t}-3`, { district_code: '791110000', lat: 'north' }),
      good(`IMP-${t}-1`),
      good(`IMP-${t}-5`, { services: 'crisis_accommodation;massage', capacity: '-3', active: 'maybe' }),
      good(`IMP-${t}-6`, { region_code: 'KZ-79', district_code: '791110000', lat: '42.3', lon: '69.6' }),
    ];
    const dry = await upload(coordinator, csv(rows), true);
    expect(dry.status, JSON.stringify(dry.json)).toBe(200);
    const problems = dry.json.errors.map((e: { row: number; field: string }) => `${e.row}:${e.field}`);
    expect(problems).toEqual(expect.arrayContaining(['3:kind', '3:age_max', '4:lat', '5:external_id', '6:services', '6:active', '7:region_code']));
    expect(dry.json).toMatchObject({ dryRun: true, rows: 6, created: 1 });
    const real = await upload(coordinator, csv(rows), false);
    expect(real.status).toBe(400);
    expect(await h.deps.db.select().from(serviceProviders).where(eq(serviceProviders.externalId, `IMP-${t}-1`))).toHaveLength(0);

    const clean = [good(`IMP-${t}-1`), good(`IMP-${t}-7`, { capacity: '', occupancy: '', languages: 'kk;ru;uz' })];
    const first = await upload(coordinator, csv(clean), false);
    expect(first.json, JSON.stringify(first.json)).toMatchObject({ dryRun: false, created: 2, updated: 0, unchanged: 0, errorCount: 0 });
    const again = await upload(coordinator, csv(clean), false);
    expect(again.json).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
    const changed = await upload(coordinator, csv([good(`IMP-${t}-1`, { capacity: '30' }), clean[1]!]), false);
    expect(changed.json).toMatchObject({ created: 0, updated: 1, unchanged: 1 });
    const [stored] = await h.deps.db.select().from(serviceProviders).where(eq(serviceProviders.externalId, `IMP-${t}-1`));
    expect(stored).toMatchObject({ capacity: 30, occupancy: 5, kind: 'crisis_centre', services: ['crisis_accommodation', 'psychological_counselling'] });
    const [open] = await h.deps.db.select().from(serviceProviders).where(eq(serviceProviders.externalId, `IMP-${t}-7`));
    expect(open).toMatchObject({ capacity: null, occupancy: 0, languages: ['kk', 'ru', 'uz'] });
    // another region's coordinator cannot overwrite them
    const theirs = await upload(shymkent, csv([good(`IMP-${t}-1`, { region_code: 'KZ-79', district_code: '791110000', lat: '42.3', lon: '69.6' })]), true);
    expect(theirs.json.errors.map((e: { field: string }) => e.field)).toEqual(['external_id']);
    expect((await upload(worker, csv(clean), true)).status).toBe(403);
    const template = await h.app.inject({ method: 'GET', url: '/api/v1/services/providers/import/template.csv', headers: { authorization: `Bearer ${coordinator.token}` } });
    expect(template.body.split('\r\n')[0]).toBe(`\uFEFF${HEADER.join(',')}`);
  });

  it('seeds the demo directory once, linking one Almaty provider to the provider unit', async () => {
    await seedDemoServices(h.deps);
    await seedDemoServices(h.deps);
    const all = await h.deps.db.select().from(serviceProviders);
    const demo = all.filter((p) => p.externalId?.startsWith('DEMO-'));
    expect(demo).toHaveLength(DEMO_PROVIDERS.length);
    expect(demo.length).toBeGreaterThanOrEqual(25);
    expect(new Set(demo.map((p) => p.regionCode))).toEqual(new Set(['KZ-75', 'KZ-79', 'KZ-71', 'KZ-61', 'KZ-35', 'KZ-55']));
    // every demo provider passes the directory's own rules
    for (const p of DEMO_PROVIDERS) {
      const res = await h.call(h.admin, 'POST', '/api/v1/services/providers', {
        kind: p.kind, nameKk: p.kk, nameRu: p.ru, nameEn: p.en, services: p.services, regionCode: p.regionCode, districtCode: p.districtCode,
        lat: p.lat, lon: p.lon, ageMin: p.ages[0], ageMax: p.ages[1], languages: p.languages, capacity: p.capacity, occupancy: p.occupancy, phone: p.phone,
      });
      expect(res.status, `${p.externalId}: ${JSON.stringify(res.json)}`).toBe(201);
    }
  });
});
