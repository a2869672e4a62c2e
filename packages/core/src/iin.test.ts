import { describe, expect, it } from 'vitest';
import { checkIinAgainst, iinCheckDigit, isValidBin, makeIin, parseIin } from './iin.ts';

describe('iinCheckDigit', () => {
  it('uses the second weight set when the first gives 10', () => {
    // 0·1+6·2+1·3+2·4+1·5+1·6+6·7+0+0+0+1·11 = 87, 87 mod 11 = 10 → second pass gives 112 mod 11 = 2
    expect(iinCheckDigit('06121160001')).toBe(2);
  });
  it('first pass', () => {
    // 1·1 = 1
    expect(iinCheckDigit('10000000000')).toBe(1);
  });
  it('rejects non-11-digit input', () => {
    expect(iinCheckDigit('0612116000')).toBeNull();
    expect(iinCheckDigit('0612116000a')).toBeNull();
  });
  it('returns null when both passes give 10', () => {
    // search a prefix whose both passes are 10 and check the function agrees
    let found: string | null = null;
    for (let s = 0; s < 10000 && !found; s++) {
      const p = `0001015${String(s).padStart(4, '0')}`;
      const d = p.split('').map(Number);
      const w1 = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
      const w2 = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2];
      const s1 = d.reduce((a, x, i) => a + x * (w1[i] ?? 0), 0) % 11;
      const s2 = d.reduce((a, x, i) => a + x * (w2[i] ?? 0), 0) % 11;
      if (s1 === 10 && s2 === 10) found = p;
    }
    expect(found).not.toBeNull();
    expect(iinCheckDigit(found ?? '')).toBeNull();
    expect(makeIin('2000-01-01', 'male', Number((found ?? '').slice(7)))).toBeNull();
  });
});

describe('parseIin', () => {
  it('parses the reference example', () => {
    expect(parseIin('061211600012')).toEqual({ ok: true, birthDate: '2006-12-11', sex: 'female' });
  });
  it('rejects bad format', () => {
    for (const s of ['', '06121160001', '0612116000123', '06121160001x', ' 061211600012', '０６１２１１６０００１２']) {
      expect(parseIin(s)).toEqual({ ok: false, reason: 'format' });
    }
  });
  it('rejects a wrong check digit', () => {
    expect(parseIin('061211600013')).toEqual({ ok: false, reason: 'checksum' });
  });
  it('rejects a century digit outside 1–6', () => {
    for (const c of ['0', '7', '8', '9']) {
      const first11 = `061211${c}0001`;
      const check = iinCheckDigit(first11);
      const iin = check === null ? `061211${c}0002${iinCheckDigit(`061211${c}0002`) ?? 0}` : `${first11}${check}`;
      expect(parseIin(iin)).toEqual({ ok: false, reason: 'century' });
    }
  });
  it('rejects impossible dates', () => {
    const bad = (yymmdd: string, c: string): string => {
      for (let s = 0; s < 100; s++) {
        const p = `${yymmdd}${c}${String(s).padStart(4, '0')}`;
        const d = iinCheckDigit(p);
        if (d !== null) return `${p}${d}`;
      }
      throw new Error('no serial');
    };
    expect(parseIin(bad('061311', '6'))).toEqual({ ok: false, reason: 'date' });
    expect(parseIin(bad('060230', '6'))).toEqual({ ok: false, reason: 'date' });
    expect(parseIin(bad('060000', '6'))).toEqual({ ok: false, reason: 'date' });
    // 29 Feb: 2000 is a leap year, 1900 is not
    expect(parseIin(bad('000229', '5'))).toMatchObject({ ok: true, birthDate: '2000-02-29' });
    expect(parseIin(bad('000229', '3'))).toEqual({ ok: false, reason: 'date' });
  });
  it('decodes every century and sex', () => {
    const cases = [
      ['1', '1899-05-04', 'male'], ['2', '1899-05-04', 'female'],
      ['3', '1999-05-04', 'male'], ['4', '1999-05-04', 'female'],
      ['5', '2099-05-04', 'male'], ['6', '2099-05-04', 'female'],
    ] as const;
    for (const [digit, date, sex] of cases) {
      const iin = makeIin(date, sex, 17);
      expect(iin?.[6]).toBe(digit);
      expect(parseIin(iin ?? '')).toEqual({ ok: true, birthDate: date, sex });
    }
  });
});

describe('checkIinAgainst', () => {
  it('agrees when the facts match or are absent', () => {
    expect(checkIinAgainst('061211600012', { birthDate: '2006-12-11', sex: 'female' })).toBeNull();
    expect(checkIinAgainst('061211600012', {})).toBeNull();
    expect(checkIinAgainst('061211600012', { birthDate: null, sex: null })).toBeNull();
  });
  it('reports the first mismatch', () => {
    expect(checkIinAgainst('061211600012', { birthDate: '2006-12-12', sex: 'male' })).toBe('birth_date_mismatch');
    expect(checkIinAgainst('061211600012', { birthDate: '2006-12-11', sex: 'male' })).toBe('sex_mismatch');
    expect(checkIinAgainst('061211600012', { sex: 'male' })).toBe('sex_mismatch');
  });
});

describe('makeIin', () => {
  it('round-trips over many serials', () => {
    let nulls = 0;
    for (let serial = 0; serial < 2000; serial++) {
      const iin = makeIin('2014-03-02', serial % 2 ? 'male' : 'female', serial);
      if (iin === null) { nulls++; continue; }
      expect(iin).toMatch(/^\d{12}$/);
      expect(parseIin(iin)).toEqual({ ok: true, birthDate: '2014-03-02', sex: serial % 2 ? 'male' : 'female' });
    }
    expect(nulls).toBeLessThan(100);
  });
  it('reproduces the reference example', () => {
    expect(makeIin('2006-12-11', 'female', 1)).toBe('061211600012');
  });
  it('rejects bad input', () => {
    expect(makeIin('2006-13-11', 'female', 1)).toBeNull();
    expect(makeIin('1799-12-31', 'female', 1)).toBeNull();
    expect(makeIin('2100-01-01', 'female', 1)).toBeNull();
    expect(makeIin('2006-12-11', 'female', 10000)).toBeNull();
    expect(makeIin('2006-12-11', 'female', -1)).toBeNull();
    expect(makeIin('2006-12-11', 'female', 1.5)).toBeNull();
    expect(makeIin('06-12-11', 'female', 1)).toBeNull();
  });
});

describe('isValidBin', () => {
  it('applies the same check-digit rule', () => {
    const first11 = '04054000123';
    const d = iinCheckDigit(first11);
    expect(d).not.toBeNull();
    expect(isValidBin(`${first11}${d}`)).toBe(true);
    expect(isValidBin(`${first11}${((d ?? 0) + 1) % 10}`)).toBe(false);
    expect(isValidBin('12345')).toBe(false);
    expect(isValidBin('061211600012')).toBe(true);
  });
});
