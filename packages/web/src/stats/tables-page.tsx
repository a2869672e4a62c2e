import { Button, Grid, Group, Loader, NativeSelect, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { LOCALES, type Locale } from '@qorgau/core';
import { ErrorAlert } from '../components/error-alert.tsx';
import { Page } from '../components/page.tsx';
import { formatDateTime } from '../format.ts';
import { fieldErrors } from '../i18n/errors.ts';
import { LANGUAGE_NAMES } from '../i18n/index.ts';
import { useLocale } from '../i18n/use-locale.ts';
import { tableFileUrl, useRegionTypeTable } from './api.ts';
import { useStatsParams } from './params.ts';
import { Growth, PeriodFilter } from './parts.tsx';
import { formatCount } from './period.ts';
import type { ExportFormat, OfficialTable } from './types.ts';
import './stats.css';

const FORMATS: { format: ExportFormat; label: string }[] = [
  { format: 'xlsx', label: 'XLSX' },
  { format: 'csv', label: 'CSV' },
  { format: 'pdf', label: 'PDF' },
];

function Num({ value, locale }: { value: number | null; locale: Locale }) {
  if (value === null) return <>—</>;
  return <span className={value === 0 ? 'stats-zero' : undefined}>{formatCount(value, locale)}</span>;
}

/** The official table as the document has it: region × type, totals, the previous period and growth. */
function OfficialGrid({ table }: { table: OfficialTable }) {
  const locale = table.locale;
  const line = (l: OfficialTable['totals'], key: string, testId: string) => (
    <tr key={key} data-testid={testId} data-key={key}>
      <td>{l.label}</td>
      {l.values.map((v, i) => <td key={table.columns[i]?.key ?? i}><Num value={v} locale={locale} /></td>)}
      <td className="stats-sum"><Num value={l.total} locale={locale} /></td>
      <td><Num value={l.previousTotal} locale={locale} /></td>
      <td><Group justify="flex-end" wrap="nowrap"><Growth value={l.growthPercent} locale={locale} /></Group></td>
    </tr>
  );
  return (
    <div className="stats-scroll" tabIndex={0} role="region" aria-label={table.title}>
      <table className="stats-grid" lang={locale} data-testid="stats-official-table">
        <thead>
          <tr>
            <th scope="col">{table.rowHeader}</th>
            {table.columns.map((c) => <th key={c.key} scope="col">{c.label}</th>)}
            <th scope="col" className="stats-sum">{table.totalHeader}</th>
            <th scope="col">{table.previousHeader}</th>
            <th scope="col">{table.growthHeader}</th>
          </tr>
        </thead>
        <tbody>{table.rows.map((r) => line(r, r.key, 'stats-official-row'))}</tbody>
        <tfoot>{line(table.totals, 'total', 'stats-official-total')}</tfoot>
      </table>
    </div>
  );
}

/** Official tables: pick the period and the document's language, read it here, download it as a file. */
export function TablesPage() {
  const { t } = useTranslation();
  const uiLocale = useLocale();
  const { preset, period, lang, write } = useStatsParams(null);
  const docLocale: Locale = lang || uiLocale;
  const q = { from: period.from, to: period.to, locale: docLocale };
  const table = useRegionTypeTable(q);
  const invalid = fieldErrors(table.error);

  return (
    <Page
      title={t('stats.tables.title')}
      actions={<Button component={Link} to="/stats" variant="default" data-testid="stats-to-dashboard">{t('stats.nav')}</Button>}
    >
      <Text c="dimmed">{t('stats.tables.intro')}</Text>
      <form role="search" aria-label={t('stats.filters')} onSubmit={(e) => e.preventDefault()}>
        <Grid gap="sm" align="flex-end">
          <Grid.Col span={{ base: 12, md: 9 }}>
            <PeriodFilter preset={preset} period={period} invalid={invalid} onChange={(p, custom) => write({ preset: p, ...(custom ? { period: custom } : {}) })} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 3 }}>
            <NativeSelect
              label={t('stats.tables.language')}
              data={LOCALES.map((l) => ({ value: l, label: LANGUAGE_NAMES[l] }))}
              value={docLocale}
              onChange={(e) => write({ lang: e.currentTarget.value as Locale })}
              data-testid="stats-table-language"
            />
          </Grid.Col>
        </Grid>
      </form>

      <Group gap="sm" data-testid="stats-downloads">
        <Text size="sm" fw={600}>{t('stats.tables.download')}</Text>
        {FORMATS.map(({ format, label }) => (
          <Button
            key={format}
            component="a"
            href={tableFileUrl(q, format)}
            download
            variant="light"
            size="sm"
            data-testid={`stats-download-${format}`}
            aria-label={t('stats.tables.downloadAs', { format: label })}
          >
            {label}
          </Button>
        ))}
        {table.isFetching && <Loader size="sm" aria-label={t('common.loading')} />}
      </Group>

      <ErrorAlert error={table.error} fields={['from', 'to']} />

      {table.data && (
        <Stack gap="xs">
          <div lang={table.data.locale}>
            <Title order={2} size="h4" data-testid="stats-table-title">{table.data.title}</Title>
            <Text size="sm" c="dimmed">{table.data.subtitle}</Text>
          </div>
          <OfficialGrid table={table.data} />
          {table.data.note && <Text size="xs" c="dimmed" lang={table.data.locale}>{table.data.note}</Text>}
          <Text size="xs" c="dimmed">{table.data.source} · {formatDateTime(table.data.generatedAt, uiLocale)}</Text>
        </Stack>
      )}
    </Page>
  );
}
