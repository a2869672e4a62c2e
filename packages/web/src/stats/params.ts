import { useSearchParams } from 'react-router';
import { LOCALES, type Locale } from '@qorgau/core';
import { isPreset, kzToday, presetPeriod, type Period, type Preset } from './period.ts';
import type { Measure } from './types.ts';

// The statistics screens keep their filters in the address, so that a view can be shared and the
// browser's Back returns from a region to the country.

export interface StatsParams {
  preset: Preset;
  period: Period;
  regionCode: string;
  measure: Measure;
  /** the language of an official table ('' = the reader's) */
  lang: Locale | '';
}

const MEASURES: readonly Measure[] = ['count', 'rate', 'growth'];

function read(params: URLSearchParams, fixedRegion: string | null): StatsParams {
  const preset = isPreset(params.get('period')) ? (params.get('period') as Preset) : 'thisYear';
  const custom = { from: params.get('from') ?? undefined, to: params.get('to') ?? undefined };
  const measure = params.get('measure') as Measure;
  return {
    preset,
    period: presetPeriod(preset, kzToday(), custom),
    regionCode: fixedRegion ?? (/^KZ-\d{2}$/.test(params.get('regionCode') ?? '') ? (params.get('regionCode') as string) : ''),
    measure: MEASURES.includes(measure) ? measure : 'count',
    lang: LOCALES.includes(params.get('lang') as Locale) ? (params.get('lang') as Locale) : '',
  };
}

/** Filters from the address; users of one region are held to it. */
export function useStatsParams(fixedRegion: string | null) {
  const [params, setParams] = useSearchParams();
  const state = read(params, fixedRegion);
  const write = (changes: Partial<StatsParams>, push = false) => {
    // from the address itself: a navigation renders as a transition, so this render's params may lag behind
    const next = { ...read(new URLSearchParams(window.location.search), fixedRegion), ...changes };
    const out = new URLSearchParams();
    if (next.preset !== 'thisYear') out.set('period', next.preset);
    if (next.preset === 'custom') {
      out.set('from', next.period.from);
      out.set('to', next.period.to);
    }
    if (next.regionCode && !fixedRegion) out.set('regionCode', next.regionCode);
    if (next.measure !== 'count') out.set('measure', next.measure);
    if (next.lang) out.set('lang', next.lang);
    setParams(out, { replace: !push });
  };
  return { ...state, write };
}
