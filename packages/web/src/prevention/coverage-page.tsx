// Coverage of prevention work: regions (map and bars coloured by the share of schools reached),
// a click drills to the districts of a region and the schools of a district; below, the schools
// never reached in the period, biggest first, with XLSX/CSV downloads.
import { useMemo, useState } from 'react';
import { Anchor, Breadcrumbs, Button, Group, Loader, Stack, Table, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useUser } from '../auth/session.ts';
import { ErrorAlert } from '../components/error-alert.tsx';
import { Page } from '../components/page.tsx';
import { formatDate, formatNumber, localName } from '../format.ts';
import { useLocale } from '../i18n/use-locale.ts';
import { useDistricts } from '../reference/queries.ts';
import { EChart, type ChartOption } from '../stats/echart.tsx';
import { KzMap } from '../stats/kz-map.tsx';
import { exportUrl, lastYear, useCoverage, useUnreached, type CoverageFilters, type CoverageLevel, type Figures } from './api.ts';
import { PreventionTabs, ProgrammeSelect } from './parts.tsx';

const pct = (n: number | null, locale: string) => (n === null ? '—' : `${n.toLocaleString(locale, { maximumFractionDigits: 1 })}%`);

export function CoveragePage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const user = useUser();
  const [params, setParams] = useSearchParams();
  const [{ from, to }, setPeriod] = useState(lastYear());
  const programmeId = params.get('programmeId') ?? '';
  // a coordinator of a region starts at its districts; a school's staff see their school
  const regionCode = params.get('regionCode') ?? user.regionCode ?? '';
  const districtCode = params.get('districtCode') ?? user.districtCode ?? '';
  const level: CoverageLevel = districtCode ? 'school' : regionCode ? 'district' : 'region';
  const filters: CoverageFilters = { from, to, ...(programmeId ? { programmeId } : {}), ...(regionCode ? { regionCode } : {}), ...(districtCode ? { districtCode } : {}) };
  const coverage = useCoverage(level, filters);
  const regions = useCoverage('region', { from, to, ...(programmeId ? { programmeId } : {}) });
  const [offset, setOffset] = useState(0);
  const unreached = useUnreached(filters, offset);
  const set = (next: Record<string, string>) => { setOffset(0); setParams(Object.fromEntries(Object.entries({ programmeId, regionCode, districtCode, ...next }).filter(([, v]) => v)), { replace: true }); };
  const drill = (code: string) => { if (level === 'region') set({ regionCode: code, districtCode: '' }); else if (level === 'district') set({ districtCode: code }); };
  const units = coverage.data?.units ?? [];
  const regionName = regions.data?.units.find((u) => u.code === regionCode)?.name;
  const districtList = useDistricts(regionCode || null);
  const district = districtList.data?.find((d) => d.code === districtCode);

  const bars = useMemo<ChartOption>(() => ({
    grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', valueFormatter: (v) => `${String(v)}%` },
    xAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
    yAxis: { type: 'category', inverse: true, data: units.map((u) => localName(u.name, locale)), axisLabel: { width: 220, overflow: 'truncate' } },
    series: [{ type: 'bar', data: units.map((u) => u.reachedPercent ?? 0), itemStyle: { color: '#f16913' }, label: { show: true, position: 'right', formatter: '{c}%' } }],
  }), [units, locale]);

  const row = (name: string, f: Figures, code?: string) => (
    <Table.Tr key={code ?? 'total'} fw={code ? undefined : 700}>
      <Table.Td>{code && level !== 'school' ? <Anchor component="button" ta="left" onClick={() => drill(code)} data-testid={`coverage-drill-${code}`}>{name}</Anchor> : name}</Table.Td>
      <Table.Td ta="right">{formatNumber(f.schoolsTotal, locale)}</Table.Td>
      <Table.Td ta="right">{formatNumber(f.schoolsReached, locale)}</Table.Td>
      <Table.Td ta="right">{pct(f.reachedPercent, locale)}</Table.Td>
      <Table.Td ta="right">{formatNumber(f.sessions, locale)}</Table.Td>
      <Table.Td ta="right">{formatNumber(f.participants, locale)}</Table.Td>
      <Table.Td ta="right">{formatNumber(f.students, locale)}</Table.Td>
      <Table.Td ta="right">{f.participantsPer100 === null ? '—' : f.participantsPer100.toLocaleString(locale)}</Table.Td>
    </Table.Tr>
  );
  const q = { ...filters, lang: locale };
  const download = (what: 'coverage' | 'unreached') => (
    <Group gap="xs">
      {(['xlsx', 'csv'] as const).map((format) => (
        <Button key={format} component="a" size="xs" variant="light" href={exportUrl(what, { ...q, format, ...(what === 'coverage' ? { level } : {}) })} download data-testid={`export-${what}-${format}`}>
          {format.toUpperCase()}
        </Button>
      ))}
    </Group>
  );

  return (
    <Page title={t('prevention.coverage.title')}>
      <PreventionTabs />
      <Group align="end" wrap="wrap">
        <ProgrammeSelect value={programmeId} onChange={(v) => set({ programmeId: v })} optional testId="coverage-programme" />
        <TextInput type="date" label={t('prevention.from')} value={from} onChange={(e) => setPeriod({ from: e.currentTarget.value, to })} data-testid="coverage-from" />
        <TextInput type="date" label={t('prevention.to')} value={to} onChange={(e) => setPeriod({ from, to: e.currentTarget.value })} data-testid="coverage-to" />
      </Group>
      <Breadcrumbs>
        {!user.regionCode ? <Anchor component="button" onClick={() => set({ regionCode: '', districtCode: '' })}>{t('prevention.coverage.country')}</Anchor> : null}
        {regionCode ? <Anchor component="button" onClick={() => set({ districtCode: '' })} disabled={!!user.districtCode}>{regionName ? localName(regionName, locale) : regionCode}</Anchor> : null}
        {districtCode ? <Text size="sm">{district ? localName(district.name, locale) : districtCode}</Text> : null}
      </Breadcrumbs>
      {coverage.isError && <ErrorAlert error={coverage.error} />}
      {coverage.isPending && <Loader aria-label={t('common.loading')} />}
      {coverage.data && (
        <Stack>
          {level === 'region' && regions.data ? (
            <KzMap testId="prevention-map" height={340} label={t('prevention.coverage.map')} legend={t('prevention.figures.reachedPercent')} formatValue={(v) => `${v.toFixed(0)}%`}
              areas={regions.data.units.map((u) => ({ code: u.code, name: localName(u.name, locale), value: u.reachedPercent, details: [
                `${t('prevention.figures.reachedPercent')}: ${pct(u.reachedPercent, locale)}`, `${t('prevention.figures.schoolsReached')}: ${u.schoolsReached} / ${u.schoolsTotal}`,
              ] }))}
              onSelect={(code) => drill(code)} />
          ) : (
            <EChart option={bars} height={Math.max(200, units.length * 28 + 40)} label={t('prevention.coverage.bars')} testId="prevention-bars"
              onClick={(e) => { const u = units[e.dataIndex]; if (u) drill(u.code); }} />
          )}
          <Table.ScrollContainer minWidth={720}>
          <Table striped highlightOnHover data-testid="coverage-table" fz="sm">
            <Table.Thead><Table.Tr>
              <Table.Th>{t(`prevention.coverage.level.${level}`)}</Table.Th>
              <Table.Th ta="right">{t('prevention.figures.schoolsTotal')}</Table.Th><Table.Th ta="right">{t('prevention.figures.schoolsReached')}</Table.Th>
              <Table.Th ta="right">{t('prevention.figures.reachedPercent')}</Table.Th><Table.Th ta="right">{t('prevention.figures.sessions')}</Table.Th>
              <Table.Th ta="right">{t('prevention.figures.participants')}</Table.Th><Table.Th ta="right">{t('prevention.figures.students')}</Table.Th>
              <Table.Th ta="right">{t('prevention.figures.per100')}</Table.Th>
            </Table.Tr></Table.Thead>
            <Table.Tbody>
              {units.map((u) => row(localName(u.name, locale), u, u.code))}
              {row(t('prevention.coverage.total'), coverage.data.totals)}
            </Table.Tbody>
          </Table>
          </Table.ScrollContainer>
        </Stack>
      )}
      <Group justify="space-between"><Text size="xs" c="dimmed">{t('prevention.coverage.note')}</Text>{download('coverage')}</Group>

      <Group justify="space-between" mt="md">
        <Text fw={700} size="lg">{t('prevention.unreached.title')}{unreached.data ? ` — ${formatNumber(unreached.data.total, locale)}` : ''}</Text>
        {download('unreached')}
      </Group>
      {unreached.isError && <ErrorAlert error={unreached.error} />}
      {unreached.data && unreached.data.total === 0 && <Text c="dimmed">{t('prevention.unreached.none')}</Text>}
      {unreached.data && unreached.data.total > 0 && (
        <>
          <Table striped data-testid="unreached-table" fz="sm">
            <Table.Thead><Table.Tr>
              <Table.Th>{t('prevention.school')}</Table.Th><Table.Th>{t('prevention.district')}</Table.Th>
              <Table.Th ta="right">{t('prevention.figures.students')}</Table.Th><Table.Th>{t('prevention.unreached.last')}</Table.Th>
            </Table.Tr></Table.Thead>
            <Table.Tbody>
              {unreached.data.items.map((s) => (
                <Table.Tr key={s.schoolId}>
                  <Table.Td>{localName(s.name, locale)}</Table.Td><Table.Td>{localName(s.districtName, locale)}</Table.Td>
                  <Table.Td ta="right">{formatNumber(s.students, locale)}</Table.Td>
                  <Table.Td>{s.lastSessionOn ? formatDate(s.lastSessionOn, locale) : t('prevention.unreached.never')}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Group>
            <Button variant="default" size="xs" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - 20))}>{t('prevention.previous')}</Button>
            <Button variant="default" size="xs" disabled={offset + 20 >= unreached.data.total} onClick={() => setOffset(offset + 20)}>{t('prevention.next')}</Button>
          </Group>
        </>
      )}
    </Page>
  );
}
