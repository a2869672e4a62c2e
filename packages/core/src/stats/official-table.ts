// The shape of an official report table (region × type for a period, with totals and growth), as
// the server builds it (stats/tables.ts), exports it (stats/export.ts: XLSX, CSV, PDF) and the web
// shows it. All labels are already in the reader's language.
import type { Locale } from '../vocab.ts';

export type OfficialTable = {
  locale: Locale;
  /** e.g. "Incidents of violence against children by region and type" */
  title: string;
  /** e.g. "1 January – 31 December 2022 · received reports · Republic of Kazakhstan" */
  subtitle: string;
  /** the header of the first column, e.g. "Region" */
  rowHeader: string;
  /** one per type */
  columns: { key: string; label: string }[];
  rows: { key: string; label: string; values: (number | null)[]; total: number | null; previousTotal: number | null; growthPercent: number | null }[];
  totals: { label: string; values: (number | null)[]; total: number | null; previousTotal: number | null; growthPercent: number | null };
  /** headers of the last three columns: "Total", "Previous period", "Growth, %" */
  totalHeader: string;
  previousHeader: string;
  growthHeader: string;
  /** e.g. how incidents with several types are counted; null for none */
  note: string | null;
  /** ISO instant */
  generatedAt: string;
  /** shown in the footer, e.g. "Qorgau" */
  source: string;
};
