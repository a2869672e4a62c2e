import { describe, expect, it } from 'vitest';
import { checkIinAgainst, parseIin } from '../iin.ts';
import { CHANNELS, PERPETRATOR_RELATIONS, PLACES, REPORTER_RELATIONS, VIOLENCE_TYPES } from '../vocab.ts';
import type { ViolenceType } from '../vocab.ts';
import { ageOn, dayNumber, weekday } from './dates.ts';
import {
  type DemoDistrict,
  type DemoPerson,
  type DemoPersonInput,
  type DemoReport,
  generatePersons,
  generateReports,
  generateSchools,
} from './generate.ts';

const DISTRICTS: DemoDistrict[] = [
  { code: '751110000', regionCode: 'KZ-75', nameRu: 'Алмалинский район', nameKk: 'Алмалы ауданы' },
  { code: '751210000', regionCode: 'KZ-75', nameRu: 'Алатауский район', nameKk: 'Алатау ауданы' },
  { code: '711110000', regionCode: 'KZ-71', nameRu: 'район Алматы', nameKk: 'Алматы ауданы' },
  { code: '101000000', regionCode: 'KZ-10', nameRu: 'Семей Г.А.', nameKk: 'Семей Қ.Ә.' },
  { code: '103200000', regionCode: 'KZ-10', nameRu: 'Абайский район', nameKk: 'Абай ауданы' },
  { code: '431000000', regionCode: 'KZ-43', nameRu: 'Кызылорда Г.А.', nameKk: 'Қызылорда Қ.Ә.' },
  { code: '433200000', regionCode: 'KZ-43', nameRu: 'Аральский район', nameKk: 'Арал ауданы' },
  { code: '591000000', regionCode: 'KZ-59', nameRu: 'Петропавловск Г.А.', nameKk: 'Петропавл Қ.Ә.' },
  { code: '593200000', regionCode: 'KZ-59', nameRu: 'Айыртауский район', nameKk: 'Айыртау ауданы' },
];
const REGIONS = [{ code: 'KZ-75', weight: 3 }, { code: 'KZ-71', weight: 2 }, { code: 'KZ-10' }, { code: 'KZ-43' }, { code: 'KZ-59' }];
const SCHOOLS = generateSchools({ seed: 5, districts: DISTRICTS });
// One district without schools: school incidents there carry no schoolId.
const SCHOOL_REFS = SCHOOLS.filter((s) => s.districtCode !== '433200000').map((s) => ({ id: s.externalId, districtCode: s.districtCode, students: s.students }));

function reportOpts(seed: number, count: number) {
  return { seed, count, from: '2024-01-01', to: '2025-12-31', regions: REGIONS, districts: DISTRICTS, schools: SCHOOL_REFS };
}

const LATIN = /^[A-Za-zÄäĞğÑñÖöŪūÜüŞşIı' -]+$/u;
const CYRILLIC = /^[А-ЯЁа-яёӘәҒғҚқҢңӨөҰұҮүҺһІі -]+$/u;

/** What is wrong with a person, or null. (Plain checks: expect() per field is slow over 10⁵ persons.) */
function personProblem(p: DemoPersonInput): string | null {
  if (p.lastName.length === 0 || p.firstName.length === 0) return 'empty name';
  const full = [p.lastName, p.firstName, p.middleName ?? ''].join(' ').trim();
  // One script per person: all Cyrillic or all Latin.
  if (!CYRILLIC.test(full) && !LATIN.test(full)) return `mixed or unexpected script: ${full}`;
  if (p.iin !== null) {
    if (!parseIin(p.iin).ok) return `invalid IIN ${p.iin}`;
    const mismatch = checkIinAgainst(p.iin, { birthDate: p.birthDate, sex: p.sex });
    if (mismatch) return `${mismatch}: ${p.iin} ${p.birthDate ?? ''} ${p.sex}`;
  }
  return null;
}

function expectValidPerson(p: DemoPersonInput): void {
  expect(personProblem(p)).toBeNull();
}

describe('determinism', () => {
  it('gives byte-identical output for the same seed and different output for another seed', () => {
    const persons = (seed: number): string => JSON.stringify([...generatePersons({ seed, count: 2000, refDate: '2026-05-01' })]);
    const reports = (seed: number): string => JSON.stringify([...generateReports(reportOpts(seed, 500))]);
    const schools = (seed: number): string => JSON.stringify(generateSchools({ seed, districts: DISTRICTS }));
    expect(persons(1)).toBe(persons(1));
    expect(persons(1)).not.toBe(persons(2));
    expect(reports(1)).toBe(reports(1));
    expect(reports(1)).not.toBe(reports(2));
    expect(schools(1)).toBe(schools(1));
    expect(schools(1)).not.toBe(schools(2));
  });

  it('keeps entities independent: more persons or more districts change nothing already generated', () => {
    const short = [...generatePersons({ seed: 9, count: 100, refDate: '2026-05-01', kind: 'child' })];
    const long = [...generatePersons({ seed: 9, count: 1000, refDate: '2026-05-01', kind: 'child' })];
    expect(long.slice(0, 100)).toEqual(short);

    const few = generateSchools({ seed: 9, districts: DISTRICTS.slice(0, 3) });
    const all = generateSchools({ seed: 9, districts: DISTRICTS });
    expect(all.filter((s) => few.some((f) => f.districtCode === s.districtCode))).toEqual(few);
  });
});

describe('generatePersons', () => {
  it('streams 1,000,000 persons with valid IINs', () => {
    // lazy: a billion persons cost nothing until they are read (memory is measured by bench/generator.ts)
    const huge = generatePersons({ seed: 1, count: 1_000_000_000, refDate: '2026-05-01' });
    expect(Array.isArray(huge)).toBe(false);
    expect(huge.next().done).toBe(false);
    let n = 0;
    let withIin = 0;
    let checked = 0;
    for (const p of generatePersons({ seed: 2026, count: 1_000_000, refDate: '2026-05-01' })) {
      n++;
      if (p.iin !== null) withIin++;
      if (n % 997 === 0) {
        expectValidPerson(p);
        checked++;
      }
    }
    expect(n).toBe(1_000_000);
    expect(checked).toBeGreaterThan(1000);
    expect(withIin / n).toBeGreaterThan(0.83);
    expect(withIin / n).toBeLessThan(0.87);
  });

  it('gives unique IINs that agree with birth date and sex, and plausible ages', () => {
    const ref = dayNumber('2026-05-01');
    const seen = new Set<string>();
    const persons: DemoPerson[] = [...generatePersons({ seed: 11, count: 60_000, refDate: '2026-05-01' })];
    let adults = 0;
    let noBirthDate = 0;
    const problems: string[] = [];
    for (const p of persons) {
      const problem = personProblem(p);
      if (problem) problems.push(problem);
      if (p.iin !== null) {
        if (seen.has(p.iin)) problems.push(`duplicate IIN ${p.iin}`);
        seen.add(p.iin);
      }
      if (p.birthDate === null) {
        noBirthDate++;
        continue;
      }
      const age = ageOn(dayNumber(p.birthDate), ref);
      if (age < 0 || age > 80) problems.push(`age ${age}`);
      if (age >= 18) adults++;
    }
    expect(problems).toEqual([]);
    expect(new Set(persons.map((p) => p.externalId)).size).toBe(persons.length);
    const dated = persons.length - noBirthDate;
    expect(adults / dated).toBeGreaterThan(0.12);
    expect(adults / dated).toBeLessThan(0.18);
    expect(noBirthDate / persons.length).toBeGreaterThan(0.04);
    expect(noBirthDate / persons.length).toBeLessThan(0.08);

    const kids = [...generatePersons({ seed: 11, count: 5000, refDate: '2026-05-01', kind: 'child' })];
    expect(kids.every((p) => p.birthDate === null || ageOn(dayNumber(p.birthDate), ref) <= 17)).toBe(true);
    const grownUps = [...generatePersons({ seed: 11, count: 5000, refDate: '2026-05-01', kind: 'adult' })];
    expect(grownUps.every((p) => p.birthDate === null || ageOn(dayNumber(p.birthDate), ref) >= 18)).toBe(true);
  });

  it('mixes Kazakh, Russian and Latin spellings in about the intended shares', () => {
    const persons = [...generatePersons({ seed: 12, count: 40_000, refDate: '2026-05-01' })];
    const share = (f: (p: DemoPerson) => boolean): number => persons.filter(f).length / persons.length;
    const latin = share((p) => LATIN.test(p.lastName));
    expect(latin).toBeGreaterThan(0.04);
    expect(latin).toBeLessThan(0.06);
    // Kazakh names: a Kazakh letter somewhere, or a typical Kazakh patronymic.
    const kazakh = share((p) => /[әғқңөұүһі]|(ұлы|қызы|улы|кызы)$/iu.test(`${p.lastName} ${p.firstName} ${p.middleName ?? ''}`));
    expect(kazakh).toBeGreaterThan(0.5);
    expect(kazakh).toBeLessThan(0.8);
    const female = share((p) => p.sex === 'female');
    expect(female).toBeGreaterThan(0.46);
    expect(female).toBeLessThan(0.52);
    // Surnames agree with sex.
    for (const p of persons.slice(0, 5000)) {
      if (p.sex === 'female' && /(ов|ев|ин)$/u.test(p.lastName)) throw new Error(`masculine surname for a woman: ${p.lastName}`);
      if (p.sex === 'male' && /(ова|ева|ина|ская|қызы|кызы)$/u.test(p.lastName)) throw new Error(`feminine surname for a man: ${p.lastName}`);
    }
  });
});

describe('generateSchools', () => {
  it('names schools in three languages with plausible sizes', () => {
    expect(SCHOOLS.length).toBeGreaterThan(DISTRICTS.length * 8 - 1);
    expect(new Set(SCHOOLS.map((s) => s.externalId)).size).toBe(SCHOOLS.length);
    for (const s of SCHOOLS) {
      expect(s.name.kk).toMatch(/№ \d+ /u);
      expect(s.name.ru).toMatch(/№ \d+/u);
      expect(s.name.en).toMatch(/No\. \d+/u);
      expect(s.students).toBeGreaterThanOrEqual(50);
      expect(s.students).toBeLessThanOrEqual(3000);
      expect(s.studentsSen).toBeGreaterThanOrEqual(0);
      expect(s.studentsSen).toBeLessThanOrEqual(s.students);
      expect(s.languages.length).toBeGreaterThan(0);
      expect(s.languages.every((l) => l === 'kk' || l === 'ru' || l === 'en')).toBe(true);
      expect(DISTRICTS.find((d) => d.code === s.districtCode)?.regionCode).toBe(s.regionCode);
    }
    expect(SCHOOLS.some((s) => s.name.ru.startsWith('Общеобразовательная школа №'))).toBe(true);
    expect(SCHOOLS.some((s) => s.name.kk.endsWith('жалпы білім беретін мектеп'))).toBe(true);
    expect(SCHOOLS.some((s) => /Гимназия|гимназия/u.test(s.name.ru))).toBe(true);
    expect(SCHOOLS.some((s) => /Лицей|лицей/u.test(s.name.ru))).toBe(true);
    // Kyzylorda teaches mostly in Kazakh, North Kazakhstan mostly in Russian.
    const kkOnly = (region: string): number => {
      const list = SCHOOLS.filter((s) => s.regionCode === region);
      return list.filter((s) => !s.languages.includes('ru')).length / list.length;
    };
    expect(kkOnly('KZ-43')).toBeGreaterThan(kkOnly('KZ-59'));
    const fixed = generateSchools({ seed: 5, districts: DISTRICTS, perDistrict: 3 });
    expect(fixed.length).toBe(DISTRICTS.length * 3);
  });
});

describe('generateReports', () => {
  const reports: DemoReport[] = [...generateReports(reportOpts(77, 12_000))];
  const incidents = reports.flatMap((r) => r.incidents);
  const share = <T>(items: readonly T[], f: (x: T) => boolean): number => items.filter(f).length / items.length;

  it('produces valid API bodies using the shared vocabularies', () => {
    const from = dayNumber('2024-01-01');
    const to = dayNumber('2025-12-31');
    const problems: string[] = [];
    const check = (ok: boolean, what: string, r: DemoReport): void => {
      if (!ok && problems.length < 20) problems.push(`${r.externalId}: ${what}`);
    };
    const unnamedRelations: readonly string[] = ['unknown', 'stranger', 'online_contact', 'other'];
    let previous = '';
    for (const r of reports) {
      check(CHANNELS.includes(r.channel), `channel ${r.channel}`, r);
      check(REGIONS.some((x) => x.code === r.regionCode), `region ${r.regionCode}`, r);
      check(DISTRICTS.find((d) => d.code === r.districtCode)?.regionCode === r.regionCode, `district ${r.districtCode}`, r);
      check(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+05:00$/u.test(r.receivedAt), `receivedAt ${r.receivedAt}`, r);
      check(r.receivedAt >= previous, 'not in order of receipt', r);
      previous = r.receivedAt;
      const received = dayNumber(r.receivedAt.slice(0, 10));
      check(received >= from && received <= to, 'received outside the period', r);
      check(r.narrative.length > 30, 'short narrative', r);
      if (!r.reporter.anonymous) {
        check(REPORTER_RELATIONS.includes(r.reporter.relation), `reporter ${r.reporter.relation}`, r);
        check(personProblem(r.reporter) === null, `reporter: ${personProblem(r.reporter)}`, r);
      }
      check(r.incidents.length > 0, 'no incident', r);
      for (const inc of r.incidents) {
        check(inc.types.length > 0 && inc.types.every((t) => VIOLENCE_TYPES.includes(t)), `types ${inc.types.join()}`, r);
        check(new Set(inc.types).size === inc.types.length, 'repeated type', r);
        check(PLACES.includes(inc.place), `place ${inc.place}`, r);
        check(dayNumber(inc.occurredOn) <= received, 'occurred after receipt', r);
        if (inc.schoolId !== undefined) {
          check(inc.place === 'school', `schoolId at ${inc.place}`, r);
          check(SCHOOL_REFS.find((s) => s.id === inc.schoolId)?.districtCode === inc.districtCode, 'school of another district', r);
        }
        check(inc.victims.length > 0, 'no victim', r);
        for (const v of inc.victims) {
          check(personProblem(v) === null, `victim: ${personProblem(v)}`, r);
          if (v.birthDate !== null) {
            const age = ageOn(dayNumber(v.birthDate), dayNumber(inc.occurredOn));
            check(age >= 0 && age <= 17, `victim aged ${age}`, r);
          }
          check(!r.narrative.includes(v.lastName), 'narrative names the victim', r); // narratives name nobody
        }
        for (const p of inc.perpetrators) {
          check(PERPETRATOR_RELATIONS.includes(p.relation), `relation ${p.relation}`, r);
          if (p.lastName === undefined || p.firstName === undefined) check(unnamedRelations.includes(p.relation), `unnamed ${p.relation}`, r);
          else {
            const problem = personProblem({ iin: p.iin ?? null, lastName: p.lastName, firstName: p.firstName, middleName: p.middleName ?? null, birthDate: p.birthDate ?? null, sex: p.sex ?? 'male' });
            check(problem === null, `perpetrator: ${problem}`, r);
          }
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('has the intended distributions', () => {
    const channels = new Map<string, number>();
    for (const r of reports) channels.set(r.channel, (channels.get(r.channel) ?? 0) + 1);
    const byCount = [...channels].sort((a, b) => b[1] - a[1]);
    expect(byCount[0]?.[0]).toBe('hotline');
    expect(share(reports, (r) => r.channel === 'hotline')).toBeGreaterThan(0.31);
    expect(share(reports, (r) => r.channel === 'hotline')).toBeLessThan(0.41);

    const primary = incidents.map((i) => i.types[0] as ViolenceType);
    const common: ViolenceType[] = ['physical', 'psychological', 'neglect', 'bullying'];
    expect(share(primary, (t) => common.includes(t))).toBeGreaterThan(0.6);
    const sexual = share(primary, (t) => t === 'sexual');
    expect(sexual).toBeGreaterThan(0.02);
    expect(sexual).toBeLessThan(0.08);
    for (const t of common) expect(share(primary, (x) => x === t)).toBeGreaterThan(share(primary, (x) => x === 'sexual'));

    const places = new Map<string, number>();
    for (const i of incidents) places.set(i.place, (places.get(i.place) ?? 0) + 1);
    const placeOrder = [...places].sort((a, b) => b[1] - a[1]).map(([p]) => p);
    expect(placeOrder.slice(0, 2)).toEqual(['home', 'school']);

    expect(share(reports, (r) => r.incidents.length === 1)).toBeGreaterThan(0.88);
    const victims = share(incidents, (i) => i.victims.length === 1);
    expect(victims).toBeGreaterThan(0.75);
    expect(victims).toBeLessThan(0.97);
    // Siblings share a surname stem.
    const withSiblings = incidents.filter((i) => i.victims.length > 1);
    expect(withSiblings.length).toBeGreaterThan(100);

    // School incidents get a school from their district when the district has schools.
    const atSchool = incidents.filter((i) => i.place === 'school');
    const inDistrictsWithSchools = atSchool.filter((i) => i.districtCode !== '433200000');
    expect(share(inDistrictsWithSchools, (i) => i.schoolId !== undefined)).toBe(1);
    expect(atSchool.filter((i) => i.districtCode === '433200000').every((i) => i.schoolId === undefined)).toBe(true);

    const relations = incidents.flatMap((i) => i.perpetrators.map((p) => p.relation));
    const parents = share(relations, (r) => r === 'mother' || r === 'father' || r === 'stepparent');
    expect(parents).toBeGreaterThan(0.3);
    expect(share(relations, (r) => r === 'peer')).toBeGreaterThan(0.15);

    const kk = share(reports, (r) => r.narrativeLanguage === 'kk');
    expect(kk).toBeGreaterThan(0.3);
    expect(kk).toBeLessThan(0.6);
    for (const r of reports.slice(0, 500)) {
      if (r.narrativeLanguage === 'kk') expect(r.narrative).toMatch(/[әғқңөұүһі]/u);
      else expect(r.narrative).not.toMatch(/[әғқңөұүһі]/u);
    }
    expect(share(reports, (r) => r.reporter.anonymous)).toBeGreaterThan(0.1);
    expect(share(reports, (r) => r.screening.immediateDanger)).toBeLessThan(0.3);
  });

  it('grows year on year and is busier on weekdays', () => {
    const year = (y: string): number => reports.filter((r) => r.receivedAt.startsWith(y)).length;
    expect(year('2025') / year('2024')).toBeGreaterThan(1.08);
    expect(year('2025') / year('2024')).toBeLessThan(1.3);
    const byWeekday = Array.from({ length: 7 }, () => 0);
    for (const r of reports) {
      const d = weekday(dayNumber(r.receivedAt.slice(0, 10)));
      byWeekday[d] = (byWeekday[d] ?? 0) + 1;
    }
    const weekend = ((byWeekday[0] ?? 0) + (byWeekday[6] ?? 0)) / 2;
    const weekdays = byWeekday.slice(1, 6).reduce((s, x) => s + x, 0) / 5;
    expect(weekdays / weekend).toBeGreaterThan(1.2);
    const night = share(reports, (r) => Number(r.receivedAt.slice(11, 13)) < 6);
    expect(night).toBeLessThan(0.06);
  });

  it('repeats some children across reports (the same IIN in several reports)', () => {
    const counts = new Map<string, number>();
    for (const r of reports) {
      const iins = new Set(r.incidents.flatMap((i) => i.victims.map((v) => v.iin)).filter((x) => x !== null));
      for (const iin of iins) counts.set(iin, (counts.get(iin) ?? 0) + 1);
    }
    const repeated = [...counts.values()].filter((c) => c > 1).length;
    expect(repeated).toBeGreaterThan(50);
  });

  it('rejects an empty or reversed period', () => {
    expect(() => generateReports({ ...reportOpts(1, 1), from: '2025-01-02', to: '2025-01-01' }).next()).toThrow(RangeError);
    expect(() => generateReports({ ...reportOpts(1, 1), regions: [] }).next()).toThrow(RangeError);
  });
});
