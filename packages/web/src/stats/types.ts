import type { Locale } from '@qorgau/core';
import type { LocalisedName } from '../types.ts';

// Statistics as the server sends them (packages/server/src/stats/{dashboard,tables,population}.ts).

export interface Totals {
  incidents: number;
  reports: number;
  victims: number;
  contacts: number;
}

export interface AreaFigures {
  incidents: number;
  reports: number;
  victims: number;
  previous: number;
  growthPercent: number | null;
}

export interface Dashboard {
  from: string;
  to: string;
  previous: { from: string; to: string };
  /** days still being recounted: the figures are a few seconds behind the register */
  pending: number;
  totals: Totals;
  previousTotals: Totals;
  growthPercent: { [K in keyof Totals]: number | null };
  byRegion: (AreaFigures & { regionCode: string })[];
  byDistrict: (AreaFigures & { districtCode: string })[];
  byType: { key: string; incidents: number }[];
  byChannel: { key: string; incidents: number }[];
  byPlace: { key: string; incidents: number }[];
  bySex: { key: string; incidents: number; victims: number }[];
  byAgeGroup: { key: string; incidents: number; victims: number }[];
  byRelation: { key: string; incidents: number }[];
  /** `YYYY-MM`, or `YYYY-MM-DD` for periods up to 62 days; only periods with figures */
  trend: { period: string; incidents: number; reports: number }[];
  timeliness: { onTimePercent: number | null; done: number; doneOnTime: number; openOverdue: number } | null;
}

export type Measure = 'count' | 'rate' | 'growth';

export interface MapItem {
  /** ISO region code, or KATO district code when `level` is district */
  code: string;
  name: LocalisedName;
  incidents: number;
  previous: number;
  growthPercent: number | null;
  children: number | null;
  ratePer10k: number | null;
  value: number | null;
}

export interface MapData {
  level: 'region' | 'district';
  measure: Measure;
  from: string;
  to: string;
  /** the year of the child-population figures behind the rates; null when none are loaded */
  populationYear: number | null;
  items: MapItem[];
}

export type { OfficialTable } from '@qorgau/core';

export type ExportFormat = 'xlsx' | 'csv' | 'pdf';

export interface PopulationResult {
  dryRun: boolean;
  rows: number;
  valid: number;
  loaded: number;
  errors: { line: number; field: string; message: string }[];
}

export interface PopulationItem {
  year: number;
  regionCode: string;
  districtCode: string | null;
  children: number;
  source: string | null;
}

/** A published figure: `small` is 1–4 (shown "<5"), `protect` is hidden so that a small one cannot be worked out. */
export interface MarkedValue {
  value: number | null;
  mark: 'small' | 'protect' | null;
}

export interface PublicStats {
  year: number;
  locale: Locale;
  title: string;
  note: string;
  asOf: string;
  columns: { key: string; label: string }[];
  rows: { regionCode: string; label: string; cells: MarkedValue[]; total: MarkedValue }[];
  totals: { label: string; cells: MarkedValue[]; total: MarkedValue };
}
