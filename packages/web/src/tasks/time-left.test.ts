import { describe, expect, it } from 'vitest';
import { durationParts, urgency } from './time-left.ts';

const MIN = 60_000;
const H = 60 * MIN;

describe('time left on a task', () => {
  it('splits a duration into days, hours and minutes', () => {
    expect(durationParts(80 * MIN)).toEqual({ d: 0, h: 1, min: 20 });
    expect(durationParts(-3 * H)).toEqual({ d: 0, h: 3, min: 0 });
    expect(durationParts(59_999)).toEqual({ d: 0, h: 0, min: 0 });
  });

  it('leaves out minutes once a day has passed', () => {
    expect(durationParts(2 * 24 * H + 3 * H + 12 * MIN)).toEqual({ d: 2, h: 3, min: 0 });
  });

  it('is overdue after the due time, urgent within two hours of it', () => {
    const now = Date.parse('2026-03-01T10:00:00Z');
    expect(urgency('2026-03-01T09:59:00Z', now)).toBe('overdue');
    expect(urgency('2026-03-01T11:59:00Z', now)).toBe('soon');
    expect(urgency('2026-03-01T12:00:00Z', now)).toBe('later');
  });
});
