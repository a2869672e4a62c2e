import { Anchor, Badge, Group, Loader, NativeSelect, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { get, withQuery } from '../api.ts';
import { ErrorAlert } from '../components/error-alert.tsx';
import { Page } from '../components/page.tsx';
import { formatDateTime } from '../format.ts';
import { useLocale } from '../i18n/use-locale.ts';
import type { Items } from '../types.ts';
import type { Conference, ConferenceStatus } from './types.ts';

const STATUS_COLORS: Record<ConferenceStatus, string> = { scheduled: 'violet', held: 'teal', cancelled: 'gray' };
const STATUSES: ConferenceStatus[] = ['scheduled', 'held', 'cancelled'];

/** The case conferences of the user's territory (commission, coordinators, supervisors, guardianship), soonest first. */
export function ConferencesPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const [params, setParams] = useSearchParams();
  const status = (STATUSES as string[]).includes(params.get('status') ?? '') ? params.get('status') as ConferenceStatus : 'scheduled';
  const list = useQuery({
    queryKey: ['conferences', status],
    queryFn: () => get<Items<Conference>>(withQuery('/v1/conferences', { status })),
    select: (d) => d.items,
  });
  return (
    <Page title={t('conferences.title')}>
      <Group mb="md">
        <NativeSelect label={t('conferences.status.label')} value={status} data-testid="conferences-status"
          data={STATUSES.map((s) => ({ value: s, label: t(`conferences.status.${s}`) }))}
          onChange={(e) => setParams({ status: e.currentTarget.value }, { replace: true })} />
      </Group>
      {list.isPending && <Loader aria-label={t('common.loading')} />}
      {list.isError && <ErrorAlert error={list.error} />}
      {list.data && list.data.length === 0 && <Text c="dimmed">{t('conferences.none')}</Text>}
      {list.data && list.data.length > 0 && (
        <Table striped highlightOnHover data-testid="conferences-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('conferences.when')}</Table.Th>
              <Table.Th>{t('conferences.kind.label')}</Table.Th>
              <Table.Th>{t('conferences.report')}</Table.Th>
              <Table.Th>{t('conferences.location')}</Table.Th>
              <Table.Th>{t('conferences.participants')}</Table.Th>
              <Table.Th>{t('conferences.status.label')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.data.map((c) => (
              <Table.Tr key={c.id}>
                <Table.Td>{formatDateTime(c.scheduledAt, locale)}</Table.Td>
                <Table.Td>{t(`conferences.kind.${c.kind}`)}</Table.Td>
                <Table.Td>
                  {c.reportId ? <Anchor component={Link} to={`/reports/${c.reportId}`} ff="monospace">{c.reportNumber}</Anchor> : '—'}
                </Table.Td>
                <Table.Td>{c.location ?? '—'}</Table.Td>
                <Table.Td>{c.participants.length}</Table.Td>
                <Table.Td><Badge color={STATUS_COLORS[c.status]} variant="light">{t(`conferences.status.${c.status}`)}</Badge></Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Page>
  );
}
