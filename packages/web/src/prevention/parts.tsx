import { NativeSelect, Tabs } from '@mantine/core';
import { roleHas } from '@qorgau/core';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { useUser } from '../auth/session.ts';
import { localName } from '../format.ts';
import { useLocale } from '../i18n/use-locale.ts';
import { useDistricts, useRegions, useSchools } from '../reference/queries.ts';
import { usePrograms } from './api.ts';

const TABS = [
  { to: '/prevention', key: 'programmes' },
  { to: '/prevention/sessions', key: 'sessions' },
  { to: '/prevention/coverage', key: 'coverage' },
  { to: '/prevention/trainings', key: 'trainings' },
  { to: '/prevention/volunteers', key: 'volunteers' },
] as const;

/** The sections of prevention work, as tabs that are links. */
export function PreventionTabs() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const current = [...TABS].reverse().find((tab) => pathname === tab.to || pathname.startsWith(`${tab.to}/`))?.to ?? '/prevention';
  return (
    <Tabs value={current} onChange={(v) => { if (v) void navigate(v); }}>
      <Tabs.List>
        {TABS.map((tab) => <Tabs.Tab key={tab.to} value={tab.to} data-testid={`prevention-tab-${tab.key}`}>{t(`prevention.tabs.${tab.key}`)}</Tabs.Tab>)}
      </Tabs.List>
    </Tabs>
  );
}

export const useCanManage = () => roleHas(useUser().role, 'prevention.manage');

export interface Place { regionCode: string; districtCode: string; schoolId: string }

/** Region → district → school from the reference lists; `depth` stops at the region or district. */
export function PlacePicker({ value, onChange, depth = 'school', errors = {}, testId, optional = false }: {
  value: Place; onChange: (p: Place) => void; depth?: 'region' | 'district' | 'school'; errors?: Partial<Record<keyof Place, string>>; testId: string; optional?: boolean;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const regions = useRegions();
  const districts = useDistricts(depth !== 'region' ? value.regionCode || null : null);
  const schools = useSchools(depth === 'school' ? value.districtCode || null : null);
  const any = { value: '', label: optional ? t('prevention.all') : t('prevention.choose') };
  const sorted = (list: { value: string; label: string }[]) => list.sort((a, b) => a.label.localeCompare(b.label, locale));
  return (
    <>
      <NativeSelect label={t('prevention.region')} value={value.regionCode} error={errors.regionCode} data-testid={`${testId}-region`}
        data={[any, ...sorted((regions.data ?? []).map((r) => ({ value: r.code, label: localName(r.name, locale) })))]}
        onChange={(e) => onChange({ regionCode: e.currentTarget.value, districtCode: '', schoolId: '' })} />
      {depth !== 'region' && (
        <NativeSelect label={t('prevention.district')} value={value.districtCode} error={errors.districtCode} disabled={!value.regionCode} data-testid={`${testId}-district`}
          data={[any, ...sorted((districts.data ?? []).map((d) => ({ value: d.code, label: localName(d.name, locale) })))]}
          onChange={(e) => onChange({ ...value, districtCode: e.currentTarget.value, schoolId: '' })} />
      )}
      {depth === 'school' && (
        <NativeSelect label={t('prevention.school')} value={value.schoolId} error={errors.schoolId} disabled={!value.districtCode} data-testid={`${testId}-school`}
          data={[any, ...sorted((schools.data ?? []).map((s) => ({ value: s.id, label: localName(s.name, locale) })))]}
          onChange={(e) => onChange({ ...value, schoolId: e.currentTarget.value })} />
      )}
    </>
  );
}

export function ProgrammeSelect({ value, onChange, optional = false, error, testId }: { value: string; onChange: (v: string) => void; optional?: boolean; error?: string | undefined; testId: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const programmes = usePrograms();
  return (
    <NativeSelect label={t('prevention.programmeLabel')} value={value} error={error} data-testid={testId} required={!optional}
      data={[{ value: '', label: optional ? t('prevention.all') : t('prevention.choose') }, ...(programmes.data ?? []).filter((p) => p.active || p.id === value).map((p) => ({ value: p.id, label: localName(p.name, locale) }))]}
      onChange={(e) => onChange(e.currentTarget.value)} />
  );
}

/** Server field errors by path (first message each). */
export function fieldErrors(error: unknown): Record<string, string> {
  const details = (error as { details?: { path: string; message: string }[] } | null)?.details ?? [];
  const out: Record<string, string> = {};
  for (const d of details) out[d.path] ??= d.message;
  return out;
}
