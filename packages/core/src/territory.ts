// The 20 first-level units of Kazakhstan (17 regions, 3 cities of republican significance) with
// ISO 3166-2 codes, KATO prefixes and names in three languages. Generated from
// reference/regions.csv; territory.test.ts checks that the two agree. The public form uses this
// list because it works without signing in.
import type { Label } from './vocab-labels.ts';

export interface RegionRef {
  /** ISO 3166-2, numeric since 2022: `KZ-75` */
  code: string;
  katoPrefix: string;
  kind: 'region' | 'city';
  name: Label;
}

export const REGIONS: readonly RegionRef[] = [
  { code: 'KZ-10', katoPrefix: '10', kind: 'region', name: { kk: 'Абай облысы', ru: 'Абайская область', en: 'Abai Region' } },
  { code: 'KZ-11', katoPrefix: '11', kind: 'region', name: { kk: 'Ақмола облысы', ru: 'Акмолинская область', en: 'Akmola Region' } },
  { code: 'KZ-15', katoPrefix: '15', kind: 'region', name: { kk: 'Ақтөбе облысы', ru: 'Актюбинская область', en: 'Aktobe Region' } },
  { code: 'KZ-19', katoPrefix: '19', kind: 'region', name: { kk: 'Алматы облысы', ru: 'Алматинская область', en: 'Almaty Region' } },
  { code: 'KZ-23', katoPrefix: '23', kind: 'region', name: { kk: 'Атырау облысы', ru: 'Атырауская область', en: 'Atyrau Region' } },
  { code: 'KZ-27', katoPrefix: '27', kind: 'region', name: { kk: 'Батыс Қазақстан облысы', ru: 'Западно-Казахстанская область', en: 'West Kazakhstan Region' } },
  { code: 'KZ-31', katoPrefix: '31', kind: 'region', name: { kk: 'Жамбыл облысы', ru: 'Жамбылская область', en: 'Zhambyl Region' } },
  { code: 'KZ-33', katoPrefix: '33', kind: 'region', name: { kk: 'Жетісу облысы', ru: 'Жетысуская область', en: 'Zhetysu Region' } },
  { code: 'KZ-35', katoPrefix: '35', kind: 'region', name: { kk: 'Қарағанды облысы', ru: 'Карагандинская область', en: 'Karaganda Region' } },
  { code: 'KZ-39', katoPrefix: '39', kind: 'region', name: { kk: 'Қостанай облысы', ru: 'Костанайская область', en: 'Kostanay Region' } },
  { code: 'KZ-43', katoPrefix: '43', kind: 'region', name: { kk: 'Қызылорда облысы', ru: 'Кызылординская область', en: 'Kyzylorda Region' } },
  { code: 'KZ-47', katoPrefix: '47', kind: 'region', name: { kk: 'Маңғыстау облысы', ru: 'Мангистауская область', en: 'Mangystau Region' } },
  { code: 'KZ-55', katoPrefix: '55', kind: 'region', name: { kk: 'Павлодар облысы', ru: 'Павлодарская область', en: 'Pavlodar Region' } },
  { code: 'KZ-59', katoPrefix: '59', kind: 'region', name: { kk: 'Солтүстік Қазақстан облысы', ru: 'Северо-Казахстанская область', en: 'North Kazakhstan Region' } },
  { code: 'KZ-61', katoPrefix: '61', kind: 'region', name: { kk: 'Түркістан облысы', ru: 'Туркестанская область', en: 'Turkistan Region' } },
  { code: 'KZ-62', katoPrefix: '62', kind: 'region', name: { kk: 'Ұлытау облысы', ru: 'Улытауская область', en: 'Ulytau Region' } },
  { code: 'KZ-63', katoPrefix: '63', kind: 'region', name: { kk: 'Шығыс Қазақстан облысы', ru: 'Восточно-Казахстанская область', en: 'East Kazakhstan Region' } },
  { code: 'KZ-71', katoPrefix: '71', kind: 'city', name: { kk: 'Астана қаласы', ru: 'город Астана', en: 'Astana' } },
  { code: 'KZ-75', katoPrefix: '75', kind: 'city', name: { kk: 'Алматы қаласы', ru: 'город Алматы', en: 'Almaty' } },
  { code: 'KZ-79', katoPrefix: '79', kind: 'city', name: { kk: 'Шымкент қаласы', ru: 'город Шымкент', en: 'Shymkent' } },
];

export function regionByCode(code: string | null | undefined): RegionRef | undefined {
  return code ? REGIONS.find((r) => r.code === code) : undefined;
}
