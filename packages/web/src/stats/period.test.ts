import { describe, expect, it } from 'vitest';
import { fillTrend, formatCount, formatGrowth, pointLabel, pointPeriod, presetPeriod, trendByDay } from './period.ts';

describe('statistics periods', () => {
  it('counts the presets from today in Kazakhstan', () => {
    expect(presetPeriod('thisYear', '2026-11-23')).toEqual({ from: '2026-01-01', to: '2026-11-23' });
    expect(presetPeriod('lastYear', '2026-11-23')).toEqual({ from: '2025-01-01', to: '2025-12-31' });
    expect(presetPeriod('last12', '2026-11-23')).toEqual({ from: '2025-12-01', to: '2026-11-23' });
    expect(presetPeriod('last12', '2026-12-05')).toEqual({ from: '2026-01-01', to: '2026-12-05' });
    expect(presetPeriod('quarter', '2026-11-23')).toEqual({ from: '2026-10-01', to: '2026-11-23' });
    expect(presetPeriod('quarter', '2026-03-31')).toEqual({ from: '2026-01-01', to: '2026-03-31' });
    expect(presetPeriod('custom', '2026-11-23', { from: '2024-02-01', to: '2024-02-29' })).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    expect(presetPeriod('custom', '2026-11-23', { from: 'nonsense' })).toEqual({ from: '2026-01-01', to: '2026-11-23' });
  });

  it('fills the months (or days) the server left out', () => {
    const filled = fillTrend([{ period: '2026-03', incidents: 4, reports: 3 }], { from: '2026-01-01', to: '2026-05-10' });
    expect(filled.map((p) => p.period)).toEqual(['2026-01', '2026-02', '2026-03', '2026-04', '2026-05']);
    expect(filled[2]).toEqual({ period: '2026-03', incidents: 4, reports: 3 });
    expect(filled[0]?.incidents).toBe(0);
    const days = fillTrend([], { from: '2026-02-27', to: '2026-03-02' });
    expect(days.map((p) => p.period)).toEqual(['2026-02-27', '2026-02-28', '2026-03-01', '2026-03-02']);
    expect(trendByDay({ from: '2026-01-01', to: '2026-03-04' })).toBe(true);
    expect(trendByDay({ from: '2026-01-01', to: '2026-03-05' })).toBe(false);
  });

  it('gives the dates behind a trend point, within the period', () => {
    expect(pointPeriod('2024-02', { from: '2024-01-15', to: '2024-12-31' })).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    expect(pointPeriod('2024-01', { from: '2024-01-15', to: '2024-12-31' })).toEqual({ from: '2024-01-15', to: '2024-01-31' });
    expect(pointPeriod('2024-03-05', { from: '2024-03-01', to: '2024-03-31' })).toEqual({ from: '2024-03-05', to: '2024-03-05' });
  });

  it('writes growth with one decimal and its sign, and labels months in each language', () => {
    expect(formatGrowth(58.9, 'en')).toBe('+58.9%');
    expect(formatGrowth(-37.1, 'ru')).toBe('-37,1 %');
    expect(formatGrowth(0, 'kk')).toBe('0,0 %');
    expect(formatGrowth(null, 'kk')).toBe('—');
    expect(formatCount(12345, 'en')).toBe('12,345');
    expect(formatCount(12345, 'ru').replace(/\s/g, ' ')).toBe('12 345');
    expect(pointLabel('2026-11', 'kk')).toBe('2026 ж. қар.');
    expect(pointLabel('2026-11', 'ru')).toBe('нояб. 2026');
    expect(pointLabel('2026-11', 'en')).toBe('Nov 2026');
    expect(pointLabel('2026-11-05', 'en')).toBe('5 Nov');
  });
});
