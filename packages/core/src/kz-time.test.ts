import { describe, expect, it } from 'vitest';
import { kzDayEnd, kzDayStart, kzLocal } from './kz-time.ts';

describe('Kazakhstan time', () => {
  it('starts and ends days at local midnight', () => {
    expect(kzDayStart('2026-01-01').toISOString()).toBe('2025-12-31T19:00:00.000Z');
    expect(kzDayEnd('2026-01-01').toISOString()).toBe('2026-01-01T19:00:00.000Z');
  });

  it('reads local fields of an instant', () => {
    expect(kzLocal(new Date('2025-12-31T19:30:00Z')).getUTCFullYear()).toBe(2026);
  });
});
