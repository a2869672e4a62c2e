import { Anchor, Loader, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api.ts';
import { ErrorAlert } from '../components/error-alert.tsx';
import { useCaseList } from './api.ts';
import { DateText, RiskBadge, StatusBadge } from './parts.tsx';
import { kzDay } from './dates.ts';
import { useCaseVocab } from './vocab.ts';

/** The family case files a person is a member of (those the reader may see). */
export function PersonCases({ personId }: { personId: string }) {
  const { t } = useTranslation();
  const vocab = useCaseVocab();
  const list = useCaseList({ personId });
  if (list.isPending) return <Loader size="sm" aria-label={t('common.loading')} />;
  if (list.error instanceof ApiError && list.error.status < 500) return <Text c="dimmed" size="sm">{t('cases.person.none')}</Text>;
  if (list.isError) return <ErrorAlert error={list.error} />;
  const rows = list.data.pages.flatMap((p) => p.items);
  if (rows.length === 0) return <Text c="dimmed" size="sm" data-testid="person-cases-none">{t('cases.person.none')}</Text>;
  return (
    <Table.ScrollContainer minWidth={520}>
      <Table striped verticalSpacing="xs" data-testid="person-cases">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('cases.list.number')}</Table.Th>
            <Table.Th>{t('cases.list.status')}</Table.Th>
            <Table.Th>{t('cases.list.risk')}</Table.Th>
            <Table.Th>{t('cases.list.lead')}</Table.Th>
            <Table.Th>{t('cases.person.opened')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((c) => (
            <Table.Tr key={c.id} data-testid="person-case-row">
              <Table.Td>
                <Anchor component={Link} to={`/cases/${c.id}`} ff="monospace" fz="sm" fw={600}>{c.number}</Anchor>
                <Text size="xs" c="dimmed">{vocab.kind(c.kind)}</Text>
              </Table.Td>
              <Table.Td><StatusBadge status={c.status} size="sm" /></Table.Td>
              <Table.Td><RiskBadge level={c.riskLevel} size="sm" /></Table.Td>
              <Table.Td>{c.lead.name ?? '—'}</Table.Td>
              <Table.Td><DateText value={kzDay(c.openedAt)} /></Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
