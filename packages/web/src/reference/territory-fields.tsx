import { NativeSelect, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { localName } from '../format.ts';
import { useLocale } from '../i18n/use-locale.ts';
import { useDistricts, useRegions, useSchools } from './queries.ts';
import type { TerritoryLevel } from './territory.tsx';

export interface TerritoryValue {
  level: TerritoryLevel;
  regionCode: string;
  districtCode: string;
  schoolId: string;
}

interface Props {
  value: TerritoryValue;
  onChange: (value: TerritoryValue) => void;
  errors: Partial<Record<'level' | 'regionCode' | 'districtCode' | 'schoolId', string>>;
  testIdPrefix: string;
}

/** Scope of work: national, or a region, district or school chosen from the reference lists. */
export function TerritoryFields({ value, onChange, errors, testIdPrefix }: Props) {
  const { t } = useTranslation();
  const locale = useLocale();
  const needsRegion = value.level !== 'national';
  const needsDistrict = value.level === 'district' || value.level === 'school';
  const needsSchool = value.level === 'school';
  const regions = useRegions();
  const districts = useDistricts(needsDistrict ? value.regionCode : null);
  const schools = useSchools(needsSchool ? value.districtCode : null);

  const levels = [
    { value: 'national', label: t('territory.level.national') },
    { value: 'region', label: t('territory.level.region') },
    { value: 'district', label: t('territory.level.district') },
    { value: 'school', label: t('territory.level.school') },
  ];
  const choose = t('common.choose');

  return (
    <Stack gap="sm">
      <NativeSelect
        label={t('territory.scope')}
        data={levels}
        value={value.level}
        error={errors.level}
        onChange={(e) => onChange({ ...value, level: e.currentTarget.value as TerritoryLevel })}
        data-testid={`${testIdPrefix}-scope`}
      />
      {needsRegion && (
        <NativeSelect
          label={t('territory.region')}
          required
          data={[
            { value: '', label: regions.isPending ? t('common.loading') : choose },
            ...(regions.data ?? [])
              .map((r) => ({ value: r.code, label: localName(r.name, locale) }))
              .sort((a, b) => a.label.localeCompare(b.label, locale)),
          ]}
          value={value.regionCode}
          error={errors.regionCode ?? (regions.isError ? t('territory.loadFailed') : undefined)}
          onChange={(e) => onChange({ ...value, regionCode: e.currentTarget.value, districtCode: '', schoolId: '' })}
          data-testid={`${testIdPrefix}-region`}
        />
      )}
      {needsDistrict && (
        <NativeSelect
          label={t('territory.district')}
          required
          disabled={!value.regionCode}
          data={[
            { value: '', label: districts.isFetching ? t('common.loading') : choose },
            ...(districts.data ?? [])
              .map((d) => ({ value: d.code, label: localName(d.name, locale) }))
              .sort((a, b) => a.label.localeCompare(b.label, locale)),
          ]}
          value={value.districtCode}
          error={errors.districtCode ?? (districts.isError ? t('territory.loadFailed') : undefined)}
          onChange={(e) => onChange({ ...value, districtCode: e.currentTarget.value, schoolId: '' })}
          data-testid={`${testIdPrefix}-district`}
        />
      )}
      {needsSchool && (
        <NativeSelect
          label={t('territory.school')}
          required
          disabled={!value.districtCode}
          data={[
            {
              value: '',
              label: schools.isFetching ? t('common.loading')
                : schools.data && schools.data.length === 0 ? t('territory.noSchools') : choose,
            },
            ...(schools.data ?? [])
              .map((s) => ({ value: s.id, label: localName(s.name, locale) }))
              .sort((a, b) => a.label.localeCompare(b.label, locale)),
          ]}
          value={value.schoolId}
          error={errors.schoolId ?? (schools.isError ? t('territory.loadFailed') : undefined)}
          onChange={(e) => onChange({ ...value, schoolId: e.currentTarget.value })}
          data-testid={`${testIdPrefix}-school`}
        />
      )}
    </Stack>
  );
}
