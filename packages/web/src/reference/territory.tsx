import { useTranslation } from 'react-i18next';
import { localName } from '../format.ts';
import { useLocale } from '../i18n/use-locale.ts';
import { useDistricts, useRegions, useSchools } from './queries.ts';

export type TerritoryLevel = 'national' | 'region' | 'district' | 'school';

export interface TerritoryFields {
  regionCode: string | null;
  districtCode: string | null;
  schoolId: string | null;
}

export function territoryLevel(t: TerritoryFields): TerritoryLevel {
  if (t.schoolId) return 'school';
  if (t.districtCode) return 'district';
  if (t.regionCode) return 'region';
  return 'national';
}

/** A user's territory in words: "All of Kazakhstan", or school, district, region from narrow to wide. */
export function useTerritoryWords(fields: TerritoryFields): string {
  const { t } = useTranslation();
  const locale = useLocale();
  const regions = useRegions();
  const districts = useDistricts(fields.districtCode ? fields.regionCode : null);
  const schools = useSchools(fields.schoolId ? fields.districtCode : null);
  if (!fields.regionCode) return t('territory.national');
  const region = regions.data?.find((r) => r.code === fields.regionCode);
  const parts: string[] = [];
  if (fields.schoolId) {
    const school = schools.data?.find((s) => s.id === fields.schoolId);
    parts.push(school ? localName(school.name, locale) : t('territory.schoolId', { id: fields.schoolId }));
  }
  if (fields.districtCode) {
    const district = districts.data?.find((d) => d.code === fields.districtCode);
    parts.push(district ? localName(district.name, locale) : fields.districtCode);
  }
  parts.push(region ? localName(region.name, locale) : fields.regionCode);
  return parts.join(', ');
}

export function TerritoryText({ fields }: { fields: TerritoryFields }) {
  return useTerritoryWords(fields);
}
