// Profiles over closed cases: co-occurrence numbers on hand-made sets with known answers, the
// latest assessment before closure, the stored instrument version, small-count suppression, scope
// and the exports.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_INSTRUMENT, personNameKey, type InstrumentDefinition } from '@qorgau/core';
import { assessmentInstruments, caseAssessments, caseMembers, cases, persons } from '../db/schema.ts';
import { createHarness, type Harness, type TestUser } from '../test/harness.ts';
import { buildProfiles, factorsOf } from './profiles.ts';
import type { ProfileGroup, ProfilesDto } from './schema.ts';

const ITEMS = DEFAULT_INSTRUMENT.items.map((i) => ({ code: i.code, domain: i.domain, label: i.label }));
const DV = 'domestic_violence';
const SA = 'school_attendance';

/** Every count shown anywhere, with where it is. */
function shownCounts(p: Pick<ProfilesDto, 'groups'>): { where: string; value: number }[] {
  const out: { where: string; value: number }[] = [];
  const take = (where: string, c: { value: number | null; mark: string | null }) => { if (c.value !== null) out.push({ where, value: c.value }); };
  for (const g of p.groups) {
    take(`${g.key} children`, g.children);
    g.factors.forEach((f) => take(`${g.key} ${f.item}`, f.count));
    g.domains.forEach((d) => take(`${g.key} ${d.domain}`, d.count));
    g.pairs.forEach((x) => take(`${g.key} ${x.a}+${x.b}`, x.count));
  }
  return out;
}
const group = (p: Pick<ProfilesDto, 'groups'>, key: string) => p.groups.find((g) => g.key === key) as ProfileGroup;

describe('profiles: the numbers', () => {
  it('frequencies, pairs and lift on a hand-made set', () => {
    const girls = (n: number, factors: string[]) => Array.from({ length: n }, () => ({ ageGroup: '11-14' as const, sex: 'female' as const, factors }));
    const p = buildProfiles([...girls(6, [DV, SA]), ...girls(3, [DV]), ...girls(3, [SA]), ...girls(6, [])], ITEMS);
    const g = group(p, '11-14|female');
    expect(g.children).toEqual({ value: 18, mark: null });
    const dv = g.factors.find((f) => f.item === DV)!;
    expect(dv).toEqual({ item: DV, domain: 'social', count: { value: 9, mark: null }, share: 0.5 });
    expect(g.factors.find((f) => f.item === 'substance_abuse')).toEqual({ item: 'substance_abuse', domain: 'social', count: { value: 0, mark: null }, share: 0 });
    // P(dv ∧ sa) = 6/18; lift = (6/18) / (9/18 · 9/18) = 4/3
    expect(g.pairs).toEqual([{ a: DV, b: SA, domainA: 'social', domainB: 'pedagogical', count: { value: 6, mark: null }, share: 0.333, lift: 1.33 }]);
    expect(g.domains.find((d) => d.domain === 'pedagogical')).toEqual({ domain: 'pedagogical', count: { value: 9, mark: null }, share: 0.5 });
    expect(g.domains.find((d) => d.domain === 'social')!.count.value).toBe(9);
    // the margins say the same
    expect(group(p, 'all').children.value).toBe(18);
    expect(group(p, 'sex:female').pairs[0]!.lift).toBe(1.33);
    expect(group(p, 'age:11-14').factors[0]!.share).toBe(0.5);
    expect(p.sexes).toEqual(['female', 'male']);
    expect(p.ageGroups).toEqual(['0-6', '7-10', '11-14', '15-17']);
  });

  it('no count from 1 to 4 is ever shown, nor a share or lift computed from a hidden count', () => {
    const kids = [
      ...Array.from({ length: 12 }, (_, i) => ({ ageGroup: '11-14' as const, sex: 'female' as const, factors: i < 7 ? [DV, SA] : [DV] })),
      ...Array.from({ length: 3 }, () => ({ ageGroup: '7-10' as const, sex: 'male' as const, factors: [DV, 'harsh_discipline'] })),
      ...Array.from({ length: 6 }, (_, i) => ({ ageGroup: '15-17' as const, sex: 'male' as const, factors: i < 2 ? [SA] : ['child_behaviour'] })),
      { ageGroup: '0-6' as const, sex: 'female' as const, factors: null },
    ];
    const p = buildProfiles(kids, ITEMS);
    const small = shownCounts(p).filter((c) => c.value >= 1 && c.value <= 4);
    expect(small).toEqual([]);
    expect(group(p, '7-10|male').children).toEqual({ value: null, mark: 'small' });
    expect(group(p, '7-10|male').pairs).toEqual([]);
    // the total of the row (7-10) is small; the grand total would give it away with the other rows, so more is hidden
    expect(group(p, 'age:7-10').children.mark).toBe('small');
    const hidden = p.groups.flatMap((g) => [g.children, ...g.factors.map((f) => f.count)]).filter((c) => c.mark === 'protect');
    expect(hidden.length).toBeGreaterThan(0);
    for (const g of p.groups) {
      for (const f of g.factors) if (f.count.value === null) expect(f.share).toBeNull();
      if (g.children.value === null) expect(g.factors.every((f) => f.share === null)).toBe(true);
      for (const x of g.pairs) expect(x.count.mark).toBeNull();
    }
    expect(p.unassessed).toEqual({ value: null, mark: 'small' });
  });

  it('factors are the items answered with a positive weight, by the version the assessment used', () => {
    expect(factorsOf(DEFAULT_INSTRUMENT, { items: { [DV]: 'yes', [SA]: 'some', substance_abuse: 'no' } }).sort()).toEqual([DV, SA].sort());
    const v2: InstrumentDefinition = { ...DEFAULT_INSTRUMENT, items: DEFAULT_INSTRUMENT.items.map((i) => (i.code === SA ? { ...i, options: i.options.map((o) => ({ ...o, weight: o.code === 'persistent' ? 2 : 0 })) } : i)) };
    expect(factorsOf(v2, { items: { [DV]: 'yes', [SA]: 'some' } })).toEqual([DV]);
  });
});

describe('profiles: the API', () => {
  let h: Harness;
  let analyst: TestUser;
  let coordinator79: TestUser;
  let operator: TestUser;
  let lead: string;
  let n = 0;

  async function closedCase(opts: { regionCode: string; closedAt: string; birthDate: string; sex: string; assessments: { at: string; items: Record<string, string>; version?: number }[] }) {
    n += 1;
    const lastName = `Профиль${n}`;
    const [child] = await h.deps.db.insert(persons).values({
      lastName, firstName: 'Бала', birthDate: opts.birthDate, sex: opts.sex, nameKey: personNameKey({ lastName, firstName: 'Бала', middleName: null }),
      createdAt: new Date(), updatedAt: new Date(),
    }).returning();
    const [c] = await h.deps.db.insert(cases).values({
      number: `CF-P-${n}`, kind: 'protection', status: 'closed', regionCode: opts.regionCode, leadAgencyType: 'akimat', leadUserId: lead, createdBy: lead,
      openedAt: new Date('2026-01-10T05:00:00Z'), closedAt: new Date(opts.closedAt), closeReason: 'goals_achieved', createdAt: new Date(), updatedAt: new Date(),
    }).returning();
    await h.deps.db.insert(caseMembers).values([{ caseId: c!.id, personId: child!.id, relation: 'child', subject: true, addedAt: new Date('2026-01-10T05:00:00Z') }]);
    for (const a of opts.assessments) {
      await h.deps.db.insert(caseAssessments).values({
        caseId: c!.id, instrumentVersion: a.version ?? 1, answers: { threats: {}, safetyPlan: false, items: a.items }, safetyDecision: 'safe',
        score: 1, scoredLevel: 'low', level: 'low', assessedBy: lead, assessedAt: new Date(a.at),
      });
    }
  }

  beforeAll(async () => {
    h = await createHarness();
    await h.deps.db.insert(assessmentInstruments).values({ version: 1, status: 'active', definition: DEFAULT_INSTRUMENT, createdAt: new Date() }).onConflictDoNothing();
    // version 2: 'some' absence is no longer a risk factor
    const v2 = { ...DEFAULT_INSTRUMENT, items: DEFAULT_INSTRUMENT.items.map((i) => (i.code === SA ? { ...i, options: i.options.map((o) => ({ ...o, weight: o.code === 'persistent' ? 2 : 0 })) } : i)) };
    await h.deps.db.insert(assessmentInstruments).values({ version: 2, status: 'draft', definition: v2, createdAt: new Date() }).onConflictDoNothing();
    analyst = await h.user('analyst');
    coordinator79 = await h.user('regional_coordinator', { regionCode: 'KZ-79' });
    operator = await h.user('hotline_operator');
    lead = (await h.user('regional_coordinator', { regionCode: 'KZ-75' })).id;
    const girl = { regionCode: 'KZ-75', closedAt: '2026-06-15T06:00:00Z', birthDate: '2013-05-01', sex: 'female' };
    const yes = (codes: string[]) => Object.fromEntries(codes.map((c) => [c, c === SA ? 'persistent' : 'yes']));
    for (let i = 0; i < 6; i += 1) await closedCase({ ...girl, assessments: [{ at: '2026-03-01T06:00:00Z', items: yes([DV, SA]) }] });
    for (let i = 0; i < 3; i += 1) await closedCase({ ...girl, assessments: [{ at: '2026-03-01T06:00:00Z', items: yes([DV]) }] });
    // the last assessment before closure counts; one made after closure does not
    for (let i = 0; i < 3; i += 1) {
      await closedCase({ ...girl, assessments: [{ at: '2026-02-01T06:00:00Z', items: yes([DV]) }, { at: '2026-03-01T06:00:00Z', items: yes([SA]) }, { at: '2026-07-01T06:00:00Z', items: yes([DV, 'harsh_discipline']) }] });
    }
    // version 2: 'some' absence is not a factor there
    for (let i = 0; i < 5; i += 1) await closedCase({ ...girl, assessments: [{ at: '2026-03-01T06:00:00Z', items: { [SA]: 'some' }, version: 2 }] });
    await closedCase({ ...girl, assessments: [{ at: '2026-03-01T06:00:00Z', items: {} }] });
    // without an assessment; closed outside the period
    await closedCase({ ...girl, assessments: [] });
    await closedCase({ ...girl, closedAt: '2025-12-31T06:00:00Z', assessments: [{ at: '2025-11-01T06:00:00Z', items: yes([DV]) }] });
    // KZ-79: three boys aged 8 (a small cell) and seven girls aged 16
    for (let i = 0; i < 3; i += 1) await closedCase({ regionCode: 'KZ-79', closedAt: '2026-05-01T06:00:00Z', birthDate: '2018-02-01', sex: 'male', assessments: [{ at: '2026-02-01T06:00:00Z', items: yes([DV]) }] });
    for (let i = 0; i < 7; i += 1) await closedCase({ regionCode: 'KZ-79', closedAt: '2026-05-01T06:00:00Z', birthDate: '2009-08-01', sex: 'female', assessments: [{ at: '2026-02-01T06:00:00Z', items: yes(['child_behaviour']) }] });
  });
  afterAll(async () => { await h.close(); });

  it('counts the subject children of the cases closed in the period, with the numbers known by hand', async () => {
    const res = await h.call(analyst, 'GET', '/api/v1/stats/profiles?from=2026-01-01&to=2026-11-30&regionCode=KZ-75');
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    expect(res.json.threshold).toBe(5);
    expect(res.json.children).toEqual({ value: 18, mark: null });
    expect(res.json.unassessed).toEqual({ value: null, mark: 'small' });
    const g = res.json.groups.find((x: ProfileGroup) => x.key === '11-14|female') as ProfileGroup;
    expect(g.children.value).toBe(18);
    expect(g.factors.find((f) => f.item === DV)).toMatchObject({ count: { value: 9, mark: null }, share: 0.5 });
    expect(g.factors.find((f) => f.item === SA)).toMatchObject({ count: { value: 9, mark: null }, share: 0.5 });
    expect(g.factors.find((f) => f.item === 'harsh_discipline')!.count.value).toBe(0);
    expect(g.pairs[0]).toMatchObject({ a: DV, b: SA, count: { value: 6, mark: null }, share: 0.333, lift: 1.33 });
    expect(res.json.items.find((i: { code: string }) => i.code === DV)).toMatchObject({ domain: 'social', label: { ru: 'Бытовое насилие в семье' } });
  });

  it('regional users see their region; small cells are suppressed; others are refused', async () => {
    const res = await h.call(coordinator79, 'GET', '/api/v1/stats/profiles?from=2026-01-01&to=2026-11-30');
    expect(res.status).toBe(200);
    const small = shownCounts(res.json).filter((c) => c.value >= 1 && c.value <= 4);
    expect(small).toEqual([]);
    expect(res.json.groups.find((x: ProfileGroup) => x.key === '7-10|male').children).toEqual({ value: null, mark: 'small' });
    // 10 − 7 would give the 3 boys away: the 7 girls are hidden too, and so is any share of theirs
    const girls = res.json.groups.find((x: ProfileGroup) => x.key === '15-17|female') as ProfileGroup;
    expect(girls.children).toEqual({ value: null, mark: 'protect' });
    expect(girls.factors[0]).toEqual({ item: 'child_behaviour', domain: 'psychological', count: { value: 7, mark: null }, share: null });
    // the other region is not theirs
    const none = await h.call(coordinator79, 'GET', '/api/v1/stats/profiles?from=2026-01-01&to=2026-11-30&regionCode=KZ-75');
    expect(none.json.children.value).toBe(0);
    expect((await h.call(operator, 'GET', '/api/v1/stats/profiles?from=2026-01-01&to=2026-11-30')).status).toBe(403);
    const bad = await h.call(analyst, 'GET', '/api/v1/stats/profiles?from=2026-12-01&to=2026-01-01');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.json.error.details)).toMatch(/to/);
  });

  it('exports CSV and XLSX with the suppression marks', async () => {
    const csv = await h.app.inject({ method: 'GET', url: '/api/v1/stats/profiles?from=2026-01-01&to=2026-11-30&regionCode=KZ-79&format=csv&locale=en', headers: { authorization: `Bearer ${analyst.token}` } });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.body.charCodeAt(0)).toBe(0xfeff);
    expect(csv.body).toMatch(/Number of children/);
    expect(csv.body).toMatch(/<5/);
    expect(csv.body).not.toMatch(/Профиль/);
    const xlsx = await h.app.inject({ method: 'GET', url: '/api/v1/stats/profiles?from=2026-01-01&to=2026-11-30&format=xlsx&locale=kk', headers: { authorization: `Bearer ${analyst.token}` } });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-disposition']).toMatch(/qorgau-profiles-2026-01-01-2026-11-30\.xlsx/);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });
});
