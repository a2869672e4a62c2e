import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { REGIONS, regionByCode } from './territory.ts';

const csv = readFileSync(fileURLToPath(new URL('../../../reference/regions.csv', import.meta.url)), 'utf8');

describe('REGIONS', () => {
  it('agrees with reference/regions.csv', () => {
    const rows = csv.trim().split('\n').slice(1).map((line) => line.split(','));
    expect(REGIONS.map((r) => [r.code, r.katoPrefix, r.kind, r.name.kk, r.name.ru, r.name.en]))
      .toEqual(rows.map((c) => c.slice(0, 6)));
  });

  it('finds a region by its code', () => {
    expect(regionByCode('KZ-75')?.name.en).toBe('Almaty');
    expect(regionByCode('KZ-00')).toBeUndefined();
    expect(regionByCode(null)).toBeUndefined();
  });
});
