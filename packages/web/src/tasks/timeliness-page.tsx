import { Group, Loader, NativeSelect, Progress, SimpleGrid, Table, Text, TextInput } from '@mantine/core';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { kzLocal } from '@qorgau/core';
import { useUser } from '../auth/session.ts';
import { ErrorAlert } from '../components/error-alert.tsx';
import { Page } from '../components/page.tsx';
import { formatNumber, localName } from '../format.ts';
import { fieldErrors } from '../i18n/errors.ts';
import { useRegions } from '../reference/queries.ts';
import { useTimeliness, type TimelinessQuery } from './api.ts';
import type { TimelinessRow } from './types.ts';
import { useTaskVocab } from './vocab.ts';

function queryFrom(params: URLSearchParams): TimelinessQuery {
  const today = kzLocal(new Date()).toISOString().slice(0, 10);
  return {
    groupBy: params.get('groupBy') === 'region' ? 'region' : 'agency',
    from: params.get('from') || `${today.slice(0, 4)}-01-01`,
    to: params.get('to') || today,
    regionCode: params.get('regionCode') ?? '',
  };
}

/** On-time share as a bar: green from 90 %, yellow from 70 %, red below. */
function Share({ percent, locale }: { percent: number | null; locale: 'kk' | 'ru' | 'en' }) {
  if (percent === null) return <Text size="sm" c="dimmed">—</Text>;
  const color = percent >= 90 ? 'teal' : percent >= 70 ? 'yellow' : 'red';
  return (
    <Group gap="xs" wrap="nowrap" miw={160}>
      <Progress value={percent} color={color} size="lg" radius="sm" style={{ flex: 1 }} aria-hidden="true" />
      <Text size="sm" fw={600} w={52} ta="end" data-testid="timeliness-percent">{formatNumber(Math.round(percent * 10) / 10, locale)} %</Text>
    </Group>
  );
}

function totals(rows: TimelinessRow[]): TimelinessRow {
  const sum = (k: keyof Omit<TimelinessRow, 'key' | 'onTimePercent'>) => rows.reduce((n, r) => n + r[k], 0);
  const done = sum('done');
  const doneOnTime = sum('doneOnTime');
  const openOverdue = sum('openOverdue');
  return {
    key: '', total: sum('total'), done, doneOnTime, doneLate: sum('doneLate'), openOverdue, open: sum('open'),
    // as the server counts it: done on time ÷ (done + open past due)
    onTimePercent: done + openOverdue ? Math.round((doneOnTime / (done + openOverdue)) * 1000) / 10 : null,
  };
}

/** How promptly agencies respond: tasks done on time, late, and overdue still open, by agency or region. */
export function TimelinessPage() {
  const { t } = useTranslation();
  const user = useUser();
  const vocab = useTaskVocab();
  const locale = vocab.locale;
  const [params, setParams] = useSearchParams();
  const q = queryFrom(params);
  const rows = useTimeliness(q);
  const regions = useRegions();
  const invalid = fieldErrors(rows.error);

  const set = (changes: Partial<TimelinessQuery>) => {
    const next = { ...queryFrom(new URLSearchParams(window.location.search)), ...changes };
    const out = new URLSearchParams();
    if (next.groupBy !== 'agency') out.set('groupBy', next.groupBy);
    out.set('from', next.from);
    out.set('to', next.to);
    if (next.regionCode) out.set('regionCode', next.regionCode);
    setParams(out, { replace: true });
  };
  const regionName = (code: string) => {
    const r = regions.data?.find((x) => x.code === code);
    return r ? localName(r.name, locale) : code;
  };
  const keyLabel = (key: string) => (q.groupBy === 'agency' ? vocab.agency(key) : regionName(key));
  const data = rows.data ?? [];
  const sum = totals(data);
  const n = (v: number) => formatNumber(v, locale);

  const row = (r: TimelinessRow, testId: string, label: string) => (
    <Table.Tr key={r.key || 'total'} data-testid={testId} data-key={r.key}>
      <Table.Td fw={testId === 'timeliness-total' ? 700 : 500}>{label}</Table.Td>
      <Table.Td ta="end">{n(r.total)}</Table.Td>
      <Table.Td ta="end">{n(r.doneOnTime)}</Table.Td>
      <Table.Td ta="end" c={r.doneLate ? 'orange.8' : undefined}>{n(r.doneLate)}</Table.Td>
      <Table.Td ta="end" c={r.openOverdue ? 'red.8' : undefined} fw={r.openOverdue ? 600 : undefined}>{n(r.openOverdue)}</Table.Td>
      <Table.Td ta="end">{n(r.open)}</Table.Td>
      <Table.Td><Share percent={r.onTimePercent} locale={locale} /></Table.Td>
    </Table.Tr>
  );

  return (
    <Page title={t('timeliness.title')}>
      <Text c="dimmed">{t('timeliness.intro')}</Text>
      <form role="search" aria-label={t('timeliness.filters')} onSubmit={(e) => e.preventDefault()}>
        <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm">
          <TextInput
            type="date" label={t('timeliness.from')} value={q.from} error={invalid.from} max={q.to}
            onChange={(e) => e.currentTarget.value && set({ from: e.currentTarget.value })} data-testid="timeliness-from"
          />
          <TextInput
            type="date" label={t('timeliness.to')} value={q.to} error={invalid.to} min={q.from}
            onChange={(e) => e.currentTarget.value && set({ to: e.currentTarget.value })} data-testid="timeliness-to"
          />
          {!user.regionCode && (
            <NativeSelect
              label={t('timeliness.region')}
              data={[
                { value: '', label: t('timeliness.allRegions') },
                ...(regions.data ?? []).map((r) => ({ value: r.code, label: localName(r.name, locale) })).sort((a, b) => a.label.localeCompare(b.label, locale)),
              ]}
              value={q.regionCode}
              error={invalid.regionCode}
              onChange={(e) => set({ regionCode: e.currentTarget.value })}
              data-testid="timeliness-region"
            />
          )}
          <NativeSelect
            label={t('timeliness.groupBy')}
            data={[{ value: 'agency', label: t('timeliness.byAgency') }, { value: 'region', label: t('timeliness.byRegion') }]}
            value={q.groupBy}
            onChange={(e) => set({ groupBy: e.currentTarget.value === 'region' ? 'region' : 'agency' })}
            data-testid="timeliness-group"
          />
        </SimpleGrid>
      </form>

      <ErrorAlert error={rows.error} fields={['from', 'to', 'regionCode']} />

      <Table.ScrollContainer minWidth={820}>
        <Table striped verticalSpacing="xs" data-testid="timeliness-table" aria-busy={rows.isFetching}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{q.groupBy === 'agency' ? t('timeliness.col.agency') : t('timeliness.col.region')}</Table.Th>
              <Table.Th ta="end">{t('timeliness.col.total')}</Table.Th>
              <Table.Th ta="end">{t('timeliness.col.onTime')}</Table.Th>
              <Table.Th ta="end">{t('timeliness.col.late')}</Table.Th>
              <Table.Th ta="end">{t('timeliness.col.overdueOpen')}</Table.Th>
              <Table.Th ta="end">{t('timeliness.col.open')}</Table.Th>
              <Table.Th>{t('timeliness.col.share')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.map((r) => row(r, 'timeliness-row', keyLabel(r.key)))}
          </Table.Tbody>
          {data.length > 1 && <Table.Tfoot>{row(sum, 'timeliness-total', t('timeliness.total'))}</Table.Tfoot>}
        </Table>
      </Table.ScrollContainer>
      {rows.isFetching && <Loader size="sm" aria-label={t('common.loading')} />}
      {rows.isSuccess && data.length === 0 && <Text c="dimmed" ta="center" py="md" data-testid="timeliness-none">{t('timeliness.none')}</Text>}
      <Text size="xs" c="dimmed">{t('timeliness.note')}</Text>
    </Page>
  );
}
