import { describe, expect, it } from 'vitest';
import { ageOn, maskIin, personName } from './person-text.ts';

describe('person text', () => {
  it('masks all but the last four IIN digits', () => {
    expect(maskIin('061211600012')).toBe('••••••••0012');
    expect(maskIin(null)).toBe('');
  });
  it('computes the age in whole years', () => {
    const at = new Date(2026, 10, 20);
    expect(ageOn('2014-11-20', at)).toBe(12);
    expect(ageOn('2014-11-21', at)).toBe(11);
    expect(ageOn(null, at)).toBeNull();
    expect(ageOn('2030-01-01', at)).toBeNull();
  });
  it('writes names as written', () => {
    expect(personName({ lastName: 'Мырзахметов', firstName: 'Асқар', middleName: null })).toBe('Мырзахметов Асқар');
  });
});
