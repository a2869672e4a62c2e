import { useMemo } from 'react';
import { Group, Loader, NativeSelect, Paper, Stack, Text, Title } from '@mantine/core';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../components/error-alert.tsx';
import { formatDateTime } from '../format.ts';
import { useLocale } from '../i18n/use-locale.ts';
import { KzMap, type MapArea } from '../stats/kz-map.tsx';
import { formatCount, kzToday } from '../stats/period.ts';
import type { MarkedValue, PublicStats } from '../stats/types.ts';
import { usePublicStats } from './api.ts';
import { PublicLayout } from './public-layout.tsx';
import '../stats/stats.css';

const YEARS_SHOWN = 5;

/** "<5" for 1–4, "×" for a figure hidden to protect a small one. */
function markText(mark: MarkedValue['mark']): string | null {
  return mark === 'small' ? '<5' : mark === 'protect' ? '×' : null;
}

function Cell({ v, locale, className }: { v: MarkedValue; locale: 'kk' | 'ru' | 'en'; className?: string }) {
  const mark = markText(v.mark);
  const classes = [className, mark ? 'stats-mark' : v.value === 0 ? 'stats-zero' : ''].filter(Boolean).join(' ') || undefined;
  return <td className={classes} data-mark={v.mark ?? undefined}>{mark ?? (v.value === null ? '—' : formatCount(v.value, locale))}</td>;
}

function PublicTable({ stats, locale }: { stats: PublicStats; locale: 'kk' | 'ru' | 'en' }) {
  const { t } = useTranslation();
  return (
    <div className="stats-scroll" tabIndex={0} role="region" aria-label={stats.title}>
      <table className="stats-grid" data-testid="public-stats-table">
        <thead>
          <tr>
            <th scope="col">{t('public.stats.region')}</th>
            {stats.columns.map((c) => <th key={c.key} scope="col">{c.label}</th>)}
            <th scope="col" className="stats-sum">{t('public.stats.total')}</th>
          </tr>
        </thead>
        <tbody>
          {stats.rows.map((r) => (
            <tr key={r.regionCode} data-testid="public-stats-row" data-code={r.regionCode}>
              <td>{r.label}</td>
              {r.cells.map((c, i) => <Cell key={stats.columns[i]?.key ?? i} v={c} locale={locale} />)}
              <Cell v={r.total} locale={locale} className="stats-sum" />
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr data-testid="public-stats-total">
            <td>{stats.totals.label}</td>
            {stats.totals.cells.map((c, i) => <Cell key={stats.columns[i]?.key ?? i} v={c} locale={locale} />)}
            <Cell v={stats.totals.total} locale={locale} className="stats-sum" />
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

/** Figures anyone may see, without signing in: no names, and counts under 5 hidden so that no child can be recognised. */
export function PublicStatsPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const [params, setParams] = useSearchParams();
  const thisYear = Number(kzToday().slice(0, 4));
  const years = Array.from({ length: YEARS_SHOWN }, (_, i) => thisYear - i);
  const asked = Number(params.get('year'));
  const year = years.includes(asked) ? asked : thisYear;
  const stats = usePublicStats(year, locale);
  const data = stats.data;

  const areas = useMemo<MapArea[]>(() => (data?.rows ?? []).map((r) => {
    const mark = markText(r.total.mark);
    return {
      code: r.regionCode,
      name: r.label,
      value: r.total.value,
      mark,
      details: [`${t('public.stats.mentions')}: ${mark ?? formatCount(r.total.value ?? 0, locale)}`],
    };
  }), [data, locale, t]);
  const format = useMemo(() => (v: number) => formatCount(v, locale), [locale]);

  return (
    <PublicLayout title={t('public.stats.title')}>
      <Text fz="lg">{t('public.stats.intro')}</Text>
      <Group align="flex-end" gap="md">
        <NativeSelect
          size="md"
          label={t('public.stats.year')}
          data={years.map((y) => ({ value: String(y), label: y === thisYear ? t('public.stats.yearSoFar', { year: y }) : String(y) }))}
          value={String(year)}
          onChange={(e) => setParams({ year: e.currentTarget.value }, { replace: true })}
          w={{ base: '100%', xs: 260 }}
          data-testid="public-stats-year"
        />
        {stats.isFetching && <Loader size="sm" mb={8} aria-label={t('common.loading')} />}
      </Group>
      <ErrorAlert error={stats.error} />
      {data && (
        <>
          <Paper withBorder radius="md" p="md">
            <Stack gap="sm">
              <div>
                <Title order={2} size="h4">{data.title}</Title>
                <Text size="sm" c="dimmed">{t('public.stats.tableSub', { year: data.year, date: formatDateTime(data.asOf, locale) })}</Text>
              </div>
              <PublicTable stats={data} locale={locale} />
              <Stack gap={4} data-testid="public-stats-legend" component="dl" style={{ margin: 0 }}>
                <Group gap="xs" wrap="nowrap" align="flex-start">
                  <Text component="dt" fw={700} w={28}>&lt;5</Text>
                  <Text component="dd" size="sm" m={0}>{t('public.stats.legendSmall')}</Text>
                </Group>
                <Group gap="xs" wrap="nowrap" align="flex-start">
                  <Text component="dt" fw={700} w={28}>×</Text>
                  <Text component="dd" size="sm" m={0}>{t('public.stats.legendProtect')}</Text>
                </Group>
              </Stack>
              <Text size="sm" c="dimmed" data-testid="public-stats-note">{data.note}</Text>
              <Text size="sm" c="dimmed">{t('public.stats.why')}</Text>
            </Stack>
          </Paper>
          <Paper withBorder radius="md" p="md">
            <Title order={2} size="h4" mb="xs">{t('public.stats.mapTitle', { year: data.year })}</Title>
            <KzMap
              areas={areas}
              legend={t('public.stats.mentions')}
              formatValue={format}
              label={t('public.stats.mapTitle', { year: data.year })}
              testId="public-stats-map"
              height={380}
              blankLabel={t('public.stats.mapHatched')}
            />
          </Paper>
        </>
      )}
    </PublicLayout>
  );
}
