import { describe, expect, it } from 'vitest';
import { makeIin } from '../iin.ts';
import { addressTokens, patronymicRoot, prepareRecords, type LinkRecord } from './prepare.ts';
import { blockPairs, PAIR_BASE } from './blocking.ts';
import { fastJaroWinkler, withinOneEdit } from './compare.ts';
import { estimateParameters, estimateU } from './em.ts';
import { generateLinkageSet } from './generate.ts';
import { compareRecords, linkRecords, thresholdsFor } from './link.ts';
import { LINKAGE_PARAMS_V1, validateParams } from './params.ts';
import { jaroWinkler } from '../names/similarity.ts';

let seq = 0;
const person = (over: Partial<LinkRecord>): LinkRecord => ({
  id: `p${String(++seq).padStart(4, '0')}`, iin: null, lastName: 'Мырзахметов', firstName: 'Асқар', middleName: null,
  birthDate: '2014-03-02', birthYearApprox: null, sex: 'male', address: null, regionCode: 'KZ-75', districtCode: '751110000', ...over,
});

/** The comparison of two records, with the band the small-register thresholds give it. */
function pairOf(_records: LinkRecord[], a: LinkRecord, b: LinkRecord) {
  const { score, fields } = compareRecords(a, b);
  return { score, fields, band: score >= LINKAGE_PARAMS_V1.thresholds.minScore.upper ? 'likely' : 'possible' };
}

describe('record linkage: comparators and scores', () => {
  const upper = LINKAGE_PARAMS_V1.thresholds.minScore.upper;

  it('scores Kazakh Cyrillic, Russian Cyrillic, passport Latin and 2021 Latin spellings of one child high', () => {
    const spellings = [
      person({ lastName: 'Мырзахметов', firstName: 'Асқар' }),
      person({ lastName: 'Мырзахметов', firstName: 'Аскар', regionCode: 'KZ-75', districtCode: '751110000' }),
      person({ lastName: 'Myrzakhmetov', firstName: 'Askar' }),
      person({ lastName: 'Myrzahmetov', firstName: 'Asqar', sex: null }),
    ];
    const { candidates } = linkRecords(spellings);
    expect(candidates).toHaveLength(6); // every pair
    for (const c of candidates) {
      expect(c.band).toBe('likely');
      expect(c.score).toBeGreaterThanOrEqual(upper);
      expect(c.fields.lastName.level).toBe('exact');
      expect(c.fields.firstName.level).toBe('exact');
      expect(c.fields.birthDate).toEqual({ level: 'exact', weight: expect.any(Number) });
    }
  });

  it('scores namesakes with another birth date low, and with two different IINs lower still', () => {
    const a = person({ birthDate: '2014-03-02' });
    const b = person({ birthDate: '2009-11-20', districtCode: '751210000' });
    const same = person({ lastName: 'Myrzakhmetov', firstName: 'Askar', birthDate: '2014-03-02' });
    const namesake = pairOf([a, b, same], a, b);
    const duplicate = pairOf([a, b, same], a, same);
    expect(namesake?.fields.birthDate.level).toBe('disagree');
    expect(namesake.score).toBeLessThan(upper);
    expect(namesake.score).toBeLessThan(duplicate.score - 15);
    const withIins = [person({ iin: makeIin('2014-03-02', 'male', 11) }), person({ iin: makeIin('2014-03-02', 'male', 12) })];
    const twoIins = pairOf(withIins, withIins[0]!, withIins[1]!);
    expect(twoIins?.fields.iin).toEqual({ level: 'disagree', weight: expect.any(Number) });
    expect(twoIins.fields.iin.weight).toBeLessThan(-9);
    // two different valid IINs are two persons: never a candidate
    expect(linkRecords(withIins).candidates).toHaveLength(0);
    expect(linkRecords(withIins, { params: { ...LINKAGE_PARAMS_V1, iinConflictExcludes: false } }).candidates).toHaveLength(1);
  });

  it('agrees on one IIN whatever else is written; the IIN stands in for a missing birth date and sex', () => {
    const iin = makeIin('2012-07-15', 'female', 31)!;
    const a = person({ lastName: 'Сейітова', firstName: 'Аружан', iin, birthDate: null, sex: null });
    const b = person({ lastName: 'Seitova', firstName: 'Aruzhan', iin, birthDate: '2012-07-15', sex: 'female', districtCode: null });
    const c = pairOf([a, b], a, b);
    expect(c.fields.iin.level).toBe('agree');
    expect(c.fields.birthDate.level).toBe('exact');
    expect(c.fields.sex.level).toBe('agree');
    expect(c.band).toBe('likely');
  });

  it('handles first and last name written the other way round, and a missing patronymic', () => {
    const a = person({ lastName: 'Нұрланова', firstName: 'Айару', middleName: 'Асқарқызы', sex: 'female', birthDate: '2013-05-04' });
    const b = person({ lastName: 'Ayaru', firstName: 'Nurlanova', middleName: null, sex: 'female', birthDate: '2013-05-04' });
    const c = pairOf([a, b], a, b);
    expect(c.fields.swappedNames).toBe(true);
    expect(c.fields.lastName.level).toBe('exact');
    expect(c.fields.middleName).toEqual({ level: 'missing', weight: 0 });
    expect(c.band).toBe('likely');
  });

  it('compares patronymics by their root: Асқарұлы = Askarovich, Асқарқызы = Аскаровна', () => {
    expect(patronymicRoot('askaruli')).toBe('askar');
    expect(patronymicRoot('askarovich')).toBe('askar');
    expect(patronymicRoot('askarkizi')).toBe('askar');
    expect(patronymicRoot('sergevna')).toBe('serg');
    const a = person({ middleName: 'Асқарұлы' });
    const b = person({ middleName: 'Askarovich', lastName: 'Myrzakhmetov', firstName: 'Askar' });
    expect(pairOf([a, b], a, b)?.fields.middleName.level).toBe('exact');
  });

  it('grades birth dates: a mistyped day, day and month transposed, an approximate year', () => {
    const base = person({ birthDate: '2014-03-09' });
    const day = person({ birthDate: '2014-03-08' });
    const transposed = person({ birthDate: '2014-09-03' });
    const year = person({ birthDate: null, birthYearApprox: 2015 });
    const far = person({ birthDate: '2011-10-20' });
    const all = [base, day, transposed, year, far];
    expect(pairOf(all, base, day)?.fields.birthDate.level).toBe('close');
    expect(pairOf(all, base, transposed)?.fields.birthDate.level).toBe('close');
    expect(pairOf(all, base, year)?.fields.birthDate.level).toBe('year');
    expect(pairOf(all, base, far)?.fields.birthDate.level).toBe('disagree');
  });

  it('does not take names that differ only in digits for one name', () => {
    const a = person({ lastName: 'Демо29ов', firstName: 'Дәурен' });
    const b = person({ lastName: 'Демо101ов', firstName: 'Дәурен' });
    expect(pairOf([a, b], a, b).fields.lastName.level).toBe('disagree');
  });

  it('keeps one-letter typos of short names at the "high" level', () => {
    expect(withinOneEdit('jansaia', 'jnsaia')).toBe(true);
    expect(withinOneEdit('ivan', 'iavn')).toBe(true);
    expect(withinOneEdit('ivan', 'ivanov')).toBe(false);
    const a = person({ firstName: 'Жансая', lastName: 'Ахметова', sex: 'female' });
    const b = person({ firstName: 'Жнсая', lastName: 'Ахметова', sex: 'female' });
    expect(pairOf([a, b], a, b)?.fields.firstName.level).toBe('high');
  });

  it('does not count household agreement for twins: same surname, patronymic, birth date and address, another first name', () => {
    const address = 'г. Алматы, ул. Абая, д. 15, кв. 7';
    const a = person({ firstName: 'Аружан', lastName: 'Сейітова', middleName: 'Болатқызы', sex: 'female', address });
    const b = person({ firstName: 'Айару', lastName: 'Сейітова', middleName: 'Болатқызы', sex: 'female', address: 'Алматы қ., Абай көшесі, 15 үй, 7 пәтер' });
    const c = pairOf([a, b], a, b);
    expect(c.fields.householdOnly).toBe(true);
    expect(c.fields.address).toEqual({ level: 'exact', weight: 0, notCounted: true });
    expect(c.fields.lastName.notCounted).toBe(true);
    expect(c.band).not.toBe('likely');
  });

  it('folds addresses written in Russian, Kazakh and Latin to the same tokens', () => {
    const ru = addressTokens('г. Алматы, ул. Абая, д. 15, кв. 7');
    const kk = addressTokens('Алматы қ., Абай көшесі, 15 үй, 7 пәтер');
    const lat = addressTokens('Almaty, Abay str. 15, apt 7');
    expect(new Set(ru)).toEqual(new Set(['alma', 'abai', '15', '7']));
    expect(new Set(kk)).toEqual(new Set(ru));
    expect(new Set(lat)).toEqual(new Set(ru));
  });

  it('computes Jaro–Winkler like the names module', () => {
    for (const [a, b] of [['martha', 'marhta'], ['ahmetov', 'ahmetova'], ['dixon', 'dicksonx'], ['', 'a'], ['abc', 'abc']] as const) {
      expect(fastJaroWinkler(a, b)).toBeCloseTo(jaroWinkler(a, b), 12);
    }
  });

  it('raises the score thresholds with the size of the register (the prior of a match falls)', () => {
    const small = thresholdsFor(LINKAGE_PARAMS_V1, 20_000);
    const big = thresholdsFor(LINKAGE_PARAMS_V1, 1_000_000);
    expect(big.upper - small.upper).toBeCloseTo(Math.log2(999_999 / 19_999), 1);
    expect(thresholdsFor(LINKAGE_PARAMS_V1, 10)).toEqual(LINKAGE_PARAMS_V1.thresholds.minScore);
    expect(small.upper).toBeGreaterThan(small.lower);
  });

  it('checks a parameter object', () => {
    expect(validateParams(LINKAGE_PARAMS_V1)).toEqual([]);
    const bad = structuredClone(LINKAGE_PARAMS_V1);
    bad.fields.iin.agree.m = 0;
    bad.thresholds.upper = 2;
    expect(validateParams(bad)).toEqual(['iin.agree: m and u must be in (0, 1]', 'thresholds: upper and lower are probabilities in (0, 1)']);
  });
});

describe('record linkage: blocking and fitting', () => {
  const set = generateLinkageSet({ seed: 3, records: 5000 });

  it('compares far fewer pairs than all of them, and finds nearly every true pair', () => {
    const rec = prepareRecords(set.records);
    const { pairs } = blockPairs(rec, { maxBlock: 2000 });
    expect(pairs.length).toBeLessThan((5000 * 4999) / 2 / 500);
    let found = 0;
    for (let k = 0; k < pairs.length; k++) {
      const p = pairs[k]!;
      const a = Math.floor(p / PAIR_BASE);
      const b = p - a * PAIR_BASE;
      expect(a).toBeLessThan(b);
      if (k > 0) expect(p).toBeGreaterThan(pairs[k - 1]!); // sorted, no repeats
      if (set.entity[a] === set.entity[b]) found++;
    }
    expect(found / set.truePairs).toBeGreaterThan(0.95);
  });

  it('is deterministic: the same seed gives the same set', () => {
    const again = generateLinkageSet({ seed: 3, records: 5000 });
    expect(again.records.slice(0, 50)).toEqual(set.records.slice(0, 50));
    expect(again.truePairs).toBe(set.truePairs);
  });

  it('fits m by EM on unlabelled pairs, with u from random pairs, close to the truth', () => {
    const rec = prepareRecords(set.records);
    const u = estimateU(rec, LINKAGE_PARAMS_V1, { samples: 50_000, seed: 5 });
    const { levels } = linkRecords(set.records, { sampleLevels: 100_000, minScore: Number.POSITIVE_INFINITY });
    const fit = estimateParameters(levels!, LINKAGE_PARAMS_V1, { u });
    expect(fit.converged).toBe(true);
    expect(validateParams(fit.params)).toEqual([]);
    // most matches agree exactly on the birth date; random pairs almost never do
    expect(fit.params.fields.birthDate.exact.m).toBeGreaterThan(0.7);
    expect(fit.params.fields.birthDate.exact.u).toBeLessThan(0.01);
    expect(fit.params.fields.lastName.exact.m).toBeGreaterThan(0.7);
    // the share of matches among blocked pairs is found without labels
    const truth = set.truePairs / (levels!.length / 8);
    expect(fit.lambda).toBeGreaterThan(truth * 0.7);
    expect(fit.lambda).toBeLessThan(truth * 1.3);
  });
});
