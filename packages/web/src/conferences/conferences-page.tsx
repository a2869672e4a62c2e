import { Anchor, Badge, Group, Loader, NativeSelect, Table, Text } from '@mantine/core';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../components/error-alert.tsx';
import { Page } from '../components/page.tsx';
import { formatDateTime } from '../format.ts';
import { useLocale } from '../i18n/use-locale.ts';
import { useConferences } from './api.ts';
import { CONFERENCE_STATUS_COLORS, CONFERENCE_STATUSES } from './types.ts';

/** The case conferences of the user's territory (commission, coordinators, supervisors, guardianship), soonest first. */
export function ConferencesPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const [params, setParams] = useSearchParams();
  const status = CONFERENCE_STATUSES.find((s) => s === params.get('status')) ?? 'scheduled';
  const list = useConferences(status);
  return (
    <Page title={t('conferences.title')}>
      <Group mb="md">
        <NativeSelect label={t('conferences.status.label')} value={status} data-testid="conferences-status"
          data={CONFERENCE_STATUSES.map((s) => ({ value: s, label: t(`conferences.status.${s}`) }))}
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
                <Table.Td><Badge color={CONFERENCE_STATUS_COLORS[c.status]} variant="light">{t(`conferences.status.${c.status}`)}</Badge></Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Page>
  );
}
