import { Anchor, Badge, Button, Group, Loader, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../components/error-alert.tsx';
import { formatDate, formatDateTime } from '../format.ts';
import { useLocale } from '../i18n/use-locale.ts';
import { useChiCategories, useMyRecentContacts } from './api.ts';
import { elapsedSeconds, formatDuration } from './draft.ts';
import type { OutboxEntry } from './outbox.ts';

function timeOf(iso: string, locale: ReturnType<typeof useLocale>): string {
  const d = new Date(iso);
  const today = new Date();
  const hm = `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
  if (d.toDateString() === today.toDateString()) return hm;
  const y = d.getFullYear();
  const date = `${y}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  return `${formatDate(date, locale)} ${hm}`;
}

interface Props {
  pending: OutboxEntry[];
  /** put a refused contact back into the console (only while no call is open) */
  onRestore: (entry: OutboxEntry) => void;
  canRestore: boolean;
}

/** "My recent contacts": the operator's last ten, and those still on their way to the server. */
export function RecentContacts({ pending, onRestore, canRestore }: Props) {
  const { t } = useTranslation();
  const locale = useLocale();
  const recent = useMyRecentContacts();
  const chi = useChiCategories();
  const chiLabel = (code: string) => chi.data?.find((c) => c.code === code)?.label[locale] ?? code;
  const outcome = (o: string) => t(`console.outcome.${o}`, { defaultValue: o });

  return (
    <Paper withBorder p="sm" radius="md" component="section" aria-labelledby="console-recent-title" data-testid="console-recent">
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h5" id="console-recent-title">{t('console.recent.title')}</Title>
        {recent.isFetching && <Loader size="xs" aria-label={t('common.loading')} />}
      </Group>
      <ErrorAlert error={recent.error} />
      <Table fz="xs" verticalSpacing={4} horizontalSpacing={6} striped data-testid="console-recent-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('console.recent.time')}</Table.Th>
            <Table.Th>{t('console.recent.duration')}</Table.Th>
            <Table.Th>{t('console.recent.subjectOutcome')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {pending.map((e) => (
            <Table.Tr key={e.clientId} data-testid="console-recent-pending">
              <Table.Td>{timeOf(e.body.startedAt, locale)}</Table.Td>
              <Table.Td>{formatDuration(elapsedSeconds({ startedAt: e.body.startedAt, endedAt: e.body.endedAt }, new Date()))}</Table.Td>
              <Table.Td>
                <Stack gap={2}>
                  <Text size="xs">{chiLabel(e.body.chiCode)}</Text>
                  <Group gap={4}>
                    <Text size="xs" c="dimmed">{outcome(e.body.outcome)}</Text>
                    {e.state === 'failed' ? (
                      <Badge size="xs" color="red">{t('console.recent.refused')}</Badge>
                    ) : (
                      <Badge size="xs" color="yellow">{t('console.recent.sending')}</Badge>
                    )}
                  </Group>
                  {e.state === 'failed' && (
                    <Button size="compact-xs" variant="light" color="red" disabled={!canRestore} onClick={() => onRestore(e)} data-testid="console-recent-restore">
                      {t('console.recent.restore')}
                    </Button>
                  )}
                </Stack>
              </Table.Td>
            </Table.Tr>
          ))}
          {(recent.data ?? []).map((c) => (
            <Table.Tr key={c.id} data-testid="console-recent-row">
              <Table.Td title={formatDateTime(c.startedAt, locale)}>{timeOf(c.startedAt, locale)}</Table.Td>
              <Table.Td>{c.durationSeconds !== null ? formatDuration(c.durationSeconds) : '—'}</Table.Td>
              <Table.Td>
                <Stack gap={2}>
                  <Text size="xs">{chiLabel(c.chiCode)}</Text>
                  <Group gap={4}>
                    <Text size="xs" c="dimmed">{outcome(c.outcome)}</Text>
                    {c.reportId && c.reportNumber && (
                      <Anchor component={Link} to={`/reports/${c.reportId}`} size="xs" fw={600} data-testid="console-recent-report">
                        № {c.reportNumber}
                      </Anchor>
                    )}
                  </Group>
                </Stack>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {recent.data && recent.data.length === 0 && pending.length === 0 && (
        <Text size="sm" c="dimmed" mt="xs">{t('console.recent.none')}</Text>
      )}
    </Paper>
  );
}
