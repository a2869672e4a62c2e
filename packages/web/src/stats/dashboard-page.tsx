import { useMemo, useState } from 'react';
import {
  Alert, Anchor, Button, Card, Grid, Group, Loader, NativeSelect, RingProgress, SegmentedControl, SimpleGrid, Stack, Table, Text, UnstyledButton,
} from '@mantine/core';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { roleHas, sexLabels, type Locale, type Sex } from '@qorgau/core';
import { withQuery } from '../api.ts';
import { useUser } from '../auth/session.ts';
import { ErrorAlert } from '../components/error-alert.tsx';
import { Page } from '../components/page.tsx';
import { formatDate, localName } from '../format.ts';
import { fieldErrors } from '../i18n/errors.ts';
import { useRegions } from '../reference/queries.ts';
import { useVocab } from '../reports/vocab.ts';
import { useDashboard, useStatsMap } from './api.ts';
import { EChart, type ChartOption } from './echart.tsx';
import { KzMap, type MapArea } from './kz-map.tsx';
import { useStatsParams } from './params.ts';
import { BarList, Growth, Panel, PeriodFilter, type BarItem } from './parts.tsx';
import { fillTrend, formatCount, formatDecimal, formatGrowth, pointLabel, pointPeriod, type Period } from './period.ts';
import type { Dashboard, MapItem, Measure, Totals } from './types.ts';

const AGE_ORDER = ['0-6', '7-10', '11-14', '15-17', 'unknown'];

/** The value an area is coloured by. */
function measureOf(item: MapItem, measure: Measure): number | null {
  return measure === 'count' ? item.incidents : measure === 'rate' ? item.ratePer10k : item.growthPercent;
}

/** Builds links into the reports list (reports-page.tsx reads these from the address). */
function reportsLink(period: Period, filter: Record<string, string | undefined>): string {
  return withQuery('/reports', { ...filter, from: period.from, to: period.to });
}

type SortKey = 'name' | 'incidents' | 'previous' | 'growth' | 'rate';

function sortItems(items: (MapItem & { label: string })[], key: SortKey, desc: boolean, locale: Locale) {
  const value = (i: MapItem & { label: string }) =>
    key === 'incidents' ? i.incidents : key === 'previous' ? i.previous : key === 'growth' ? i.growthPercent : key === 'rate' ? i.ratePer10k : null;
  return [...items].sort((a, b) => {
    if (key === 'name') return (desc ? -1 : 1) * a.label.localeCompare(b.label, locale);
    const x = value(a);
    const y = value(b);
    // figures that are missing go last whichever way the column is sorted
    if (x === null && y === null) return a.label.localeCompare(b.label, locale);
    if (x === null) return 1;
    if (y === null) return -1;
    return desc ? y - x : x - y;
  });
}

/** Regions (or districts) with their figures, sortable by any column. */
function AreaTable({ items, level, linkFor, onPick, locale }: {
  items: (MapItem & { label: string })[];
  level: 'region' | 'district';
  /** the reports behind an area's figure; null for those who may not read reports */
  linkFor: (code: string) => string | null;
  onPick?: (code: string) => void;
  locale: Locale;
}) {
  const { t } = useTranslation();
  const [sort, setSort] = useState<{ key: SortKey; desc: boolean }>({ key: 'incidents', desc: true });
  const rows = sortItems(items, sort.key, sort.desc, locale);
  const header = (key: SortKey, label: string, end = true) => {
    const active = sort.key === key;
    return (
      <Table.Th ta={end ? 'end' : undefined} aria-sort={active ? (sort.desc ? 'descending' : 'ascending') : 'none'}>
        <UnstyledButton
          onClick={() => setSort({ key, desc: active ? !sort.desc : key !== 'name' })}
          fw={700} fz="sm" data-testid={`stats-sort-${key}`}
        >
          {label} <span aria-hidden="true">{active ? (sort.desc ? '↓' : '↑') : '↕'}</span>
        </UnstyledButton>
      </Table.Th>
    );
  };
  return (
    <Table.ScrollContainer minWidth={620}>
      <Table striped highlightOnHover verticalSpacing={6} data-testid={level === 'region' ? 'stats-region-table' : 'stats-district-table'}>
        <Table.Thead>
          <Table.Tr>
            {header('name', level === 'region' ? t('stats.col.region') : t('stats.col.district'), false)}
            {header('incidents', t('stats.col.incidents'))}
            {header('previous', t('stats.col.previous'))}
            {header('growth', t('stats.col.growth'))}
            {header('rate', t('stats.col.rate'))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={r.code} data-testid="stats-area-row" data-code={r.code}>
              <Table.Td>
                {onPick ? (
                  <Anchor component="button" type="button" size="sm" onClick={() => onPick(r.code)} data-testid="stats-area-pick">{r.label}</Anchor>
                ) : r.label}
              </Table.Td>
              <Table.Td ta="end">
                {linkFor(r.code) && r.incidents > 0 ? (
                  <Anchor
                    component={Link} size="sm" fw={600}
                    to={linkFor(r.code) ?? ''}
                    aria-label={t('stats.drill.area', { name: r.label, n: formatCount(r.incidents, locale) })}
                    data-testid={`stats-drill-${r.code}`}
                  >
                    {formatCount(r.incidents, locale)}
                  </Anchor>
                ) : formatCount(r.incidents, locale)}
              </Table.Td>
              <Table.Td ta="end">{formatCount(r.previous, locale)}</Table.Td>
              <Table.Td ta="end"><Group justify="flex-end"><Growth value={r.growthPercent} locale={locale} /></Group></Table.Td>
              <Table.Td ta="end">{formatDecimal(r.ratePer10k, locale)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function KpiCard({ label, value, growth, previous, locale, href, testId }: {
  label: string; value: number; growth: number | null; previous: number; locale: Locale; href?: string | null; testId: string;
}) {
  const { t } = useTranslation();
  return (
    <Card withBorder radius="md" padding="md" data-testid={testId}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={700}>{label}</Text>
      <Group justify="space-between" align="baseline" mt={4} wrap="nowrap">
        <Text fz={30} fw={700} lh={1.1} data-testid="stats-kpi-value">{formatCount(value, locale)}</Text>
        <Growth value={growth} locale={locale} size="md" />
      </Group>
      <Group justify="space-between" mt={6} gap="xs">
        <Text size="xs" c="dimmed">{t('stats.kpi.previous', { n: formatCount(previous, locale) })}</Text>
        {href && <Anchor component={Link} to={href} size="xs" data-testid="stats-drill">{t('stats.drill.open')}</Anchor>}
      </Group>
    </Card>
  );
}

/** Horizontal bars of the areas, largest first: the districts of a region have no boundaries to draw. */
function rankedOption(items: { label: string; value: number | null }[], format: (v: number) => string, color: string): ChartOption {
  const shown = items.filter((i) => i.value !== null).sort((a, b) => (a.value ?? 0) - (b.value ?? 0));
  return {
    grid: { left: 8, right: 56, top: 4, bottom: 4, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v) => (typeof v === 'number' ? format(v) : String(v)) },
    xAxis: { type: 'value', show: false },
    yAxis: { type: 'category', data: shown.map((i) => i.label), axisTick: { show: false }, axisLabel: { fontSize: 11, width: 170, overflow: 'truncate' } },
    series: [{
      type: 'bar', barMaxWidth: 16,
      // falls (growth below 0) in blue, as on the map
      data: shown.map((i) => ({ value: i.value, itemStyle: { color: (i.value ?? 0) < 0 ? '#2166ac' : color, borderRadius: (i.value ?? 0) < 0 ? [3, 0, 0, 3] : [0, 3, 3, 0] } })),
      label: { show: true, position: 'right', fontSize: 11, formatter: (p) => (typeof p.value === 'number' ? format(p.value) : '') },
    }],
  };
}

export function DashboardPage() {
  const { t } = useTranslation();
  const user = useUser();
  const vocab = useVocab();
  const locale = vocab.locale;
  const navigate = useNavigate();
  const canDrill = roleHas(user.role, 'reports.read');
  const fixedRegion = user.regionCode;
  const { preset, period, regionCode, measure, write } = useStatsParams(fixedRegion);
  const query = { from: period.from, to: period.to, regionCode };
  const dashboard = useDashboard(query);
  const pending = (dashboard.data?.pending ?? 0) > 0;
  const country = useStatsMap({ from: period.from, to: period.to, regionCode: '' }, pending);
  const districts = useStatsMap(query, pending);
  const regions = useRegions();
  const invalid = fieldErrors(dashboard.error);
  const data = dashboard.data;

  const regionName = (code: string) => localName(regions.data?.find((r) => r.code === code)?.name, locale) || code;
  const drill = (filter: Record<string, string | undefined>) => (canDrill ? reportsLink(period, { regionCode: regionCode || undefined, ...filter }) : null);
  const populationYear = country.data?.populationYear ?? null;
  const effectiveMeasure: Measure = measure === 'rate' && populationYear === null ? 'count' : measure;
  const formatMeasure = useMemo(() => (v: number) => (
    effectiveMeasure === 'count' ? formatCount(v, locale) : effectiveMeasure === 'rate' ? formatDecimal(v, locale) : formatGrowth(v, locale)
  ), [effectiveMeasure, locale]);
  const measureLegend = effectiveMeasure === 'count' ? t('stats.measure.countLegend')
    : effectiveMeasure === 'rate' ? t('stats.measure.rateLegend', { year: populationYear ?? '' }) : t('stats.measure.growthLegend');

  const countryItems = useMemo(() => (country.data?.items ?? []).map((i) => ({ ...i, label: localName(i.name, locale) })), [country.data, locale]);
  const districtItems = useMemo(
    () => (regionCode && districts.data?.level === 'district' ? districts.data.items : []).map((i) => ({ ...i, label: localName(i.name, locale) })),
    [districts.data, regionCode, locale],
  );

  const areas = useMemo<MapArea[]>(() => countryItems.map((i) => ({
    code: i.code,
    name: i.label,
    value: measureOf(i, effectiveMeasure),
    details: [
      `${t('stats.col.incidents')}: ${formatCount(i.incidents, locale)}`,
      `${t('stats.col.previous')}: ${formatCount(i.previous, locale)}`,
      `${t('stats.col.growth')}: ${formatGrowth(i.growthPercent, locale)}`,
      ...(i.ratePer10k !== null ? [`${t('stats.col.rate')}: ${formatDecimal(i.ratePer10k, locale)}`] : []),
      ...(i.children !== null ? [`${t('stats.col.children')}: ${formatCount(i.children, locale)}`] : []),
    ],
  })), [countryItems, effectiveMeasure, locale, t]);

  const pickRegion = (code: string) => {
    if (fixedRegion) return;
    write({ regionCode: code }, true);
  };
  const backToCountry = () => write({ regionCode: '' }, true);

  const ranked = regionCode ? districtItems : countryItems;
  const rankedChart = useMemo(
    () => rankedOption(ranked.map((i) => ({ label: i.label, value: measureOf(i, effectiveMeasure) })), formatMeasure, '#e8590c'),
    [ranked, effectiveMeasure, formatMeasure],
  );

  const trend = useMemo(() => (data ? fillTrend(data.trend, period) : []), [data, period]);
  const trendChart = useMemo<ChartOption>(() => ({
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    legend: { top: 0, left: 0, data: [t('stats.col.incidents'), t('stats.col.reports')] },
    tooltip: { trigger: 'axis', valueFormatter: (v) => (typeof v === 'number' ? formatCount(v, locale) : String(v)) },
    xAxis: { type: 'category', boundaryGap: false, data: trend.map((p) => pointLabel(p.period, locale)), axisLabel: { hideOverlap: true } },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { type: 'line', name: t('stats.col.incidents'), data: trend.map((p) => p.incidents), smooth: false, symbolSize: 7, lineStyle: { width: 3 }, color: '#e8590c', areaStyle: { opacity: 0.08 } },
      { type: 'line', name: t('stats.col.reports'), data: trend.map((p) => p.reports), symbolSize: 5, lineStyle: { width: 2, type: 'dashed' }, color: '#1971c2' },
    ],
  }), [trend, locale, t]);

  const ageLabel = useMemo(() => (k: string) => t(`stats.age.${AGE_ORDER.includes(k) ? k.replace('-', '_') : 'unknown'}`), [t]);
  const sexLabel = useMemo(() => (k: string) => (k === 'unknown' ? t('stats.unknown') : sexLabels[k as Sex]?.[locale] ?? k), [t, locale]);
  const ageChart = useMemo<ChartOption>(() => {
    const rows = [...(data?.byAgeGroup ?? [])].sort((a, b) => AGE_ORDER.indexOf(a.key) - AGE_ORDER.indexOf(b.key));
    return {
      grid: { left: 8, right: 8, top: 36, bottom: 8, containLabel: true },
      legend: { top: 0, left: 0 },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v) => (typeof v === 'number' ? formatCount(v, locale) : String(v)) },
      xAxis: { type: 'category', data: rows.map((r) => ageLabel(r.key)), axisLabel: { interval: 0, fontSize: 11, width: 76, overflow: 'break' } },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { type: 'bar', name: t('stats.col.victims'), data: rows.map((r) => r.victims), color: '#e8590c', barMaxWidth: 28 },
        { type: 'bar', name: t('stats.col.incidents'), data: rows.map((r) => r.incidents), color: '#adb5bd', barMaxWidth: 28 },
      ],
    };
  }, [data, locale, t, ageLabel]);
  const sexChart = useMemo<ChartOption>(() => ({
    tooltip: { trigger: 'item', valueFormatter: (v) => (typeof v === 'number' ? formatCount(v, locale) : String(v)) },
    legend: { bottom: 0, left: 'center' },
    series: [{
      type: 'pie', name: t('stats.col.victims'), radius: ['45%', '72%'], center: ['50%', '45%'],
      label: { formatter: (p) => `${formatCount(typeof p.value === 'number' ? p.value : 0, locale)} (${formatDecimal(p.percent ?? 0, locale)} %)` },
      data: (data?.bySex ?? []).map((r) => ({
        name: sexLabel(r.key), value: r.victims,
        itemStyle: { color: r.key === 'female' ? '#e8590c' : r.key === 'male' ? '#1971c2' : '#adb5bd' },
      })),
    }],
  }), [data, locale, t, sexLabel]);

  const summary = (rows: { label: string; value: number }[]) => rows.map((r) => `${r.label}: ${formatCount(r.value, locale)}`).join('; ');
  const bars = (rows: { key: string; incidents: number }[], label: (k: string) => string, href?: (k: string) => string | null): BarItem[] =>
    rows.map((r) => ({ key: r.key, label: label(r.key), value: r.incidents, href: href ? href(r.key) : null }));

  const kpi = (key: keyof Totals, label: string, href?: string | null) => data && (
    <KpiCard
      label={label} value={data.totals[key]} growth={data.growthPercent[key]} previous={data.previousTotals[key]}
      locale={locale} href={href} testId={`stats-kpi-${key}`}
    />
  );
  const periodLink = drill({});
  const periodReports = periodLink && <Anchor component={Link} to={periodLink} size="xs" data-testid="stats-drill">{t('stats.drill.period')}</Anchor>;

  return (
    <Page
      title={t('stats.title')}
      actions={(
        <Group gap="xs">
          <Button component={Link} to="/stats/tables" variant="light" data-testid="stats-to-tables">{t('stats.tables.nav')}</Button>
          <Button component={Link} to="/stats/timeliness" variant="default" data-testid="stats-to-timeliness">{t('timeliness.nav')}</Button>
          <Button component={Link} to="/stats/population" variant="default" data-testid="stats-to-population">{t('stats.population.nav')}</Button>
          <Button component={Link} to="/stats/profiles" variant="default" data-testid="stats-to-profiles">{t('risk.profiles.nav')}</Button>
        </Group>
      )}
    >
      <form role="search" aria-label={t('stats.filters')} onSubmit={(e) => e.preventDefault()}>
        <Grid gap="sm" align="flex-end">
          <Grid.Col span={{ base: 12, md: 8 }}>
            <PeriodFilter preset={preset} period={period} invalid={invalid} onChange={(p, custom) => write({ preset: p, ...(custom ? { period: custom } : {}) })} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 4 }}>
            {fixedRegion ? (
              <Stack gap={2}>
                <Text size="sm" fw={500}>{t('stats.region')}</Text>
                <Text size="sm" py={6} data-testid="stats-fixed-region">{regionName(fixedRegion)}</Text>
              </Stack>
            ) : (
              <NativeSelect
                label={t('stats.region')}
                data={[
                  { value: '', label: t('stats.wholeCountry') },
                  ...(regions.data ?? []).map((r) => ({ value: r.code, label: localName(r.name, locale) })).sort((a, b) => a.label.localeCompare(b.label, locale)),
                ]}
                value={regionCode}
                error={invalid.regionCode}
                onChange={(e) => write({ regionCode: e.currentTarget.value }, true)}
                data-testid="stats-region"
              />
            )}
          </Grid.Col>
        </Grid>
      </form>

      <Group gap="xs" justify="space-between" wrap="wrap">
        <Text size="sm" c="dimmed" data-testid="stats-period-text">
          {t('stats.periodText', { from: formatDate(period.from, locale), to: formatDate(period.to, locale) })}
          {data && ` · ${t('stats.comparedWith', { from: formatDate(data.previous.from, locale), to: formatDate(data.previous.to, locale) })}`}
        </Text>
        {(dashboard.isFetching || country.isFetching) && <Loader size="xs" aria-label={t('common.loading')} />}
      </Group>
      {pending && (
        <Alert color="blue" variant="light" py={6} data-testid="stats-pending" role="status">
          <Group gap="xs"><Loader size="xs" /><Text size="sm">{t('stats.pending')}</Text></Group>
        </Alert>
      )}
      <ErrorAlert error={dashboard.error} fields={['from', 'to', 'regionCode']} />

      {data && (
        <SimpleGrid cols={{ base: 1, xs: 2, lg: 4 }} spacing="md" data-testid="stats-kpis">
          {kpi('incidents', t('stats.kpi.incidents'), periodLink)}
          {kpi('reports', t('stats.kpi.reports'), periodLink)}
          {kpi('victims', t('stats.kpi.victims'))}
          {kpi('contacts', t('stats.kpi.contacts'))}
        </SimpleGrid>
      )}

      <Panel
        title={regionCode ? t('stats.map.districtsOf', { region: regionName(regionCode) }) : t('stats.map.title')}
        testId="stats-map-panel"
        actions={(
          <Group gap="sm" wrap="wrap">
            {regionCode && !fixedRegion && (
              <Button variant="subtle" size="compact-sm" onClick={backToCountry} data-testid="stats-back-country">← {t('stats.map.back')}</Button>
            )}
            <SegmentedControl
              size="xs"
              value={effectiveMeasure}
              onChange={(v) => write({ measure: v })}
              data={[
                { value: 'count', label: t('stats.measure.count') },
                { value: 'rate', label: t('stats.measure.rate'), disabled: populationYear === null },
                { value: 'growth', label: t('stats.measure.growth') },
              ]}
              aria-label={t('stats.measure.label')}
              data-testid="stats-measure"
            />
          </Group>
        )}
      >
        {populationYear === null && country.isSuccess && (
          <Text size="xs" c="dimmed" mb="xs" data-testid="stats-rate-disabled">
            {t('stats.measure.rateUnavailable')}{' '}
            <Anchor component={Link} to="/stats/population" size="xs">{t('stats.population.nav')}</Anchor>
          </Text>
        )}
        <Grid gap="md">
          {/* users of one region: their region's place in the country says nothing new, its districts do */}
          {!fixedRegion && (
            <Grid.Col span={{ base: 12, lg: 7 }}>
              <KzMap
                areas={areas}
                legend={measureLegend}
                formatValue={formatMeasure}
                diverging={effectiveMeasure === 'growth'}
                selected={regionCode || null}
                onSelect={pickRegion}
                label={t('stats.map.aria')}
              />
            </Grid.Col>
          )}
          <Grid.Col span={{ base: 12, lg: fixedRegion ? 12 : 5 }}>
            <Stack gap={4} data-testid={regionCode ? 'stats-districts' : 'stats-ranking'}>
              <Text size="sm" fw={600}>
                {regionCode ? t('stats.map.districtRanking') : t('stats.map.regionRanking')} · {measureLegend}
              </Text>
              {regionCode && districts.isSuccess && districtItems.length === 0 ? (
                <Text c="dimmed" size="sm">{t('stats.map.noDistricts')}</Text>
              ) : (
                <EChart
                  option={rankedChart}
                  height={Math.max(260, ranked.length * 21 + 16)}
                  label={summary(ranked.map((i) => ({ label: i.label, value: i.incidents })))}
                  onClick={(e) => {
                    const item = ranked.find((i) => i.label === e.name);
                    if (!item) return;
                    if (!regionCode) pickRegion(item.code);
                    else if (canDrill) void navigate(reportsLink(period, { regionCode, districtCode: item.code }));
                  }}
                  testId="stats-ranking-chart"
                />
              )}
              <Text size="xs" c="dimmed">{regionCode ? (canDrill ? t('stats.map.districtHint') : '') : fixedRegion ? '' : t('stats.map.regionHint')}</Text>
            </Stack>
          </Grid.Col>
        </Grid>
      </Panel>

      <Panel title={regionCode ? t('stats.table.districts') : t('stats.table.regions')} testId="stats-area-panel">
        {regionCode ? (
          <AreaTable key="district" items={districtItems} level="district" linkFor={(code) => drill({ regionCode, districtCode: code })} locale={locale} />
        ) : (
          <AreaTable key="region" items={countryItems} level="region" linkFor={(code) => drill({ regionCode: code })} onPick={fixedRegion ? undefined : pickRegion} locale={locale} />
        )}
        {populationYear !== null && <Text size="xs" c="dimmed" mt="xs">{t('stats.table.rateNote', { year: populationYear })}</Text>}
      </Panel>

      {data && (
        <>
          <Grid gap="md">
            <Grid.Col span={{ base: 12, lg: 8 }}>
              <Panel title={t('stats.trend.title')} testId="stats-trend" actions={periodReports}>
                <EChart
                  option={trendChart}
                  height={280}
                  label={summary(trend.map((p) => ({ label: pointLabel(p.period, locale), value: p.incidents })))}
                  onClick={canDrill ? (e) => {
                    const point = trend[e.dataIndex];
                    if (point) void navigate(reportsLink(pointPeriod(point.period, period), { regionCode: regionCode || undefined }));
                  } : undefined}
                />
                {canDrill && <Text size="xs" c="dimmed">{t('stats.trend.hint')}</Text>}
              </Panel>
            </Grid.Col>
            <Grid.Col span={{ base: 12, lg: 4 }}>
              <TimelinessPanel data={data} period={period} regionCode={regionCode} locale={locale} />
            </Grid.Col>
          </Grid>

          <SimpleGrid cols={{ base: 1, md: 2, xl: 3 }} spacing="md">
            <Panel title={t('stats.chart.type')} testId="stats-by-type">
              <BarList locale={locale} testId="stats-type-list" empty={t('stats.none')}
                items={bars(data.byType, (k) => vocab.type(k), (k) => drill({ type: k }))} />
            </Panel>
            <Panel title={t('stats.chart.channel')} testId="stats-by-channel">
              <BarList locale={locale} testId="stats-channel-list" empty={t('stats.none')}
                items={bars(data.byChannel, (k) => vocab.channel(k), (k) => drill({ channel: k }))} />
            </Panel>
            <Panel title={t('stats.chart.place')} testId="stats-by-place" actions={periodReports}>
              <BarList locale={locale} testId="stats-place-list" empty={t('stats.none')}
                items={bars(data.byPlace, (k) => (k === 'unknown' ? t('stats.unknown') : vocab.place(k)))} />
            </Panel>
            <Panel title={t('stats.chart.age')} testId="stats-by-age" actions={periodReports}>
              {data.byAgeGroup.length ? (
                <EChart option={ageChart} height={240} label={summary(data.byAgeGroup.map((r) => ({ label: ageLabel(r.key), value: r.victims })))} />
              ) : <Text c="dimmed" size="sm">{t('stats.none')}</Text>}
            </Panel>
            <Panel title={t('stats.chart.sex')} testId="stats-by-sex" actions={periodReports}>
              {data.bySex.length ? (
                <EChart option={sexChart} height={240} label={summary(data.bySex.map((r) => ({ label: sexLabel(r.key), value: r.victims })))} />
              ) : <Text c="dimmed" size="sm">{t('stats.none')}</Text>}
            </Panel>
            <Panel title={t('stats.chart.relation')} testId="stats-by-relation" actions={periodReports}>
              <BarList locale={locale} testId="stats-relation-list" empty={t('stats.none')}
                items={bars(data.byRelation, (k) => vocab.relation(k))} />
            </Panel>
          </SimpleGrid>
          <Text size="xs" c="dimmed">{t('stats.countingNote')}</Text>
        </>
      )}
    </Page>
  );
}

function TimelinessPanel({ data, period, regionCode, locale }: { data: Dashboard; period: Period; regionCode: string; locale: Locale }) {
  const { t } = useTranslation();
  const tl = data.timeliness;
  const percent = tl?.onTimePercent ?? null;
  const color = percent === null ? 'gray' : percent >= 90 ? 'teal' : percent >= 70 ? 'yellow' : 'red';
  const link = withQuery('/stats/timeliness', { from: period.from, to: period.to, regionCode: regionCode || undefined });
  return (
    <Panel title={t('stats.timeliness.title')} testId="stats-timeliness" actions={<Anchor component={Link} to={link} size="xs">{t('stats.timeliness.open')}</Anchor>}>
      <Group gap="md" wrap="nowrap" align="center">
        <RingProgress
          size={140}
          thickness={14}
          roundCaps
          sections={percent === null ? [] : [{ value: percent, color }]}
          label={<Text ta="center" fw={700} fz="lg" data-testid="stats-timeliness-percent">{percent === null ? '—' : `${formatDecimal(percent, locale)} %`}</Text>}
        />
        <Stack gap={4}>
          <Text size="sm">{t('stats.timeliness.done', { n: formatCount(tl?.done ?? 0, locale) })}</Text>
          <Text size="sm">{t('stats.timeliness.onTime', { n: formatCount(tl?.doneOnTime ?? 0, locale) })}</Text>
          <Text size="sm" c={tl?.openOverdue ? 'red.8' : undefined}>{t('stats.timeliness.overdue', { n: formatCount(tl?.openOverdue ?? 0, locale) })}</Text>
        </Stack>
      </Group>
      <Text size="xs" c="dimmed" mt="xs">{t('stats.timeliness.note')}</Text>
    </Panel>
  );
}
