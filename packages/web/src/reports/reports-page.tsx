import { Anchor, Badge, Button, Group, Loader, NativeSelect, SimpleGrid, Table, Text, TextInput } from '@mantine/core';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { CHANNELS, PRIORITIES, roleHas, VIOLENCE_TYPES } from '@qorgau/core';
import { useUser } from '../auth/session.ts';
import { ErrorAlert } from '../components/error-alert.tsx';
import { Page } from '../components/page.tsx';
import { formatDateTime, formatNumber, localName } from '../format.ts';
import { fieldErrors } from '../i18n/errors.ts';
import { useDistricts, useRegions } from '../reference/queries.ts';
import { useReportList } from './api.ts';
import { FILTER_KEYS, REPORT_STATUSES, type ReportFilter } from './types.ts';
import { PRIORITY_COLORS, STATUS_COLORS, useVocab } from './vocab.ts';
import { useStatusLabel } from './status.ts';

function filterFrom(params: URLSearchParams): ReportFilter {
  const f = {} as ReportFilter;
  for (const key of FILTER_KEYS) f[key] = params.get(key) ?? '';
  return f;
}

/** Reports in the caller's scope, newest first, filtered through the URL so that a view can be shared. */
export function ReportsPage() {
  const { t } = useTranslation();
  const user = useUser();
  const vocab = useVocab();
  const locale = vocab.locale;
  const statusLabel = useStatusLabel();
  const [params, setParams] = useSearchParams();
  const filter = filterFrom(params);
  const list = useReportList(filter);
  const regions = useRegions();
  const districts = useDistricts(filter.regionCode || null);
  const invalid = fieldErrors(list.error);

  const setFilter = (changes: Partial<ReportFilter>) => {
    // from the address itself: a navigation renders as a transition, so this render's params may lag behind
    const next = { ...filterFrom(new URLSearchParams(window.location.search)), ...changes };
    const out = new URLSearchParams();
    for (const key of FILTER_KEYS) if (next[key]) out.set(key, next[key]);
    setParams(out, { replace: true });
  };
  const select = (key: keyof ReportFilter) => ({
    value: filter[key],
    error: invalid[key],
    onChange: (e: React.ChangeEvent<HTMLSelectElement | HTMLInputElement>) => setFilter({ [key]: e.currentTarget.value }),
    'data-testid': `reports-filter-${key}`,
  });
  const all = t('reports.filter.all');
  const byLabel = (a: { label: string }, b: { label: string }) => a.label.localeCompare(b.label, locale);
  const regionName = (code: string) => {
    const r = regions.data?.find((x) => x.code === code);
    return r ? localName(r.name, locale) : code;
  };

  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  const active = FILTER_KEYS.some((k) => filter[k]);

  return (
    <Page
      title={t('reports.title')}
      actions={roleHas(user.role, 'reports.create') ? (
        <Button component={Link} to="/reports/new" data-testid="reports-new">
          {t('reports.new')}
        </Button>
      ) : undefined}
    >
      <form role="search" aria-label={t('reports.filters')} onSubmit={(e) => e.preventDefault()}>
        <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm">
          <NativeSelect
            label={t('reports.filter.region')}
            data={[{ value: '', label: all }, ...(regions.data ?? []).map((r) => ({ value: r.code, label: localName(r.name, locale) })).sort(byLabel)]}
            {...select('regionCode')}
            onChange={(e) => setFilter({ regionCode: e.currentTarget.value, districtCode: '' })}
          />
          <NativeSelect
            label={t('reports.filter.district')}
            disabled={!filter.regionCode}
            data={[{ value: '', label: all }, ...(districts.data ?? []).map((d) => ({ value: d.code, label: localName(d.name, locale) })).sort(byLabel)]}
            {...select('districtCode')}
          />
          <NativeSelect
            label={t('reports.filter.status')}
            data={[{ value: '', label: all }, ...REPORT_STATUSES.map((s) => ({ value: s, label: statusLabel(s) }))]}
            {...select('status')}
          />
          <NativeSelect
            label={t('reports.filter.type')}
            data={[{ value: '', label: all }, ...VIOLENCE_TYPES.map((c) => ({ value: c, label: vocab.type(c) }))]}
            {...select('type')}
          />
          <NativeSelect
            label={t('reports.filter.channel')}
            data={[{ value: '', label: all }, ...CHANNELS.map((c) => ({ value: c, label: vocab.channel(c) }))]}
            {...select('channel')}
          />
          <NativeSelect
            label={t('reports.filter.priority')}
            data={[{ value: '', label: all }, ...PRIORITIES.map((c) => ({ value: c, label: vocab.priority(c) }))]}
            {...select('priority')}
          />
          <TextInput label={t('reports.filter.from')} type="date" {...select('from')} />
          <TextInput label={t('reports.filter.to')} type="date" {...select('to')} />
        </SimpleGrid>
        <Group mt="sm" gap="sm">
          <Button variant="default" disabled={!active} onClick={() => setParams(new URLSearchParams(), { replace: true })} data-testid="reports-filter-clear">
            {t('reports.filter.clear')}
          </Button>
          {list.isFetching && <Loader size="sm" aria-label={t('common.loading')} />}
        </Group>
      </form>

      <ErrorAlert error={list.error} fields={FILTER_KEYS} />

      <Table.ScrollContainer minWidth={900}>
        <Table striped highlightOnHover verticalSpacing="xs" data-testid="reports-table" aria-busy={list.isFetching}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('reports.col.number')}</Table.Th>
              <Table.Th>{t('reports.col.received')}</Table.Th>
              <Table.Th>{t('reports.col.region')}</Table.Th>
              <Table.Th>{t('reports.col.types')}</Table.Th>
              <Table.Th>{t('reports.col.priority')}</Table.Th>
              <Table.Th>{t('reports.col.status')}</Table.Th>
              <Table.Th ta="end">{t('reports.col.victims')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => (
              <Table.Tr key={r.id} data-testid="report-row">
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <Anchor component={Link} to={`/reports/${r.id}`} ff="monospace" fz="sm" fw={600} data-testid="report-row-link">
                    {r.number}
                  </Anchor>
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(r.receivedAt, locale)}</Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{regionName(r.regionCode)}</Table.Td>
                <Table.Td>
                  <Text size="sm">{r.types.map((c) => vocab.type(c)).join(', ') || '—'}</Text>
                </Table.Td>
                <Table.Td>
                  <Badge color={PRIORITY_COLORS[r.priority] ?? 'gray'} variant="filled" title={vocab.priority(r.priority)}>
                    {r.priority}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Badge color={STATUS_COLORS[r.status] ?? 'gray'} variant="light">{statusLabel(r.status)}</Badge>
                </Table.Td>
                <Table.Td ta="end">{formatNumber(r.victimCount, locale)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {list.isSuccess && rows.length === 0 && (
        <Text c="dimmed" ta="center" py="md" data-testid="reports-none">
          {t('reports.none')}
        </Text>
      )}
      {list.hasNextPage && (
        <Group justify="center">
          <Button variant="light" loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()} data-testid="reports-load-more">
            {t('reports.loadMore')}
          </Button>
        </Group>
      )}
      {rows.length > 0 && (
        <Text size="sm" c="dimmed" ta="center" role="status">
          {t('reports.shown', { n: rows.length })}
        </Text>
      )}
    </Page>
  );
}
