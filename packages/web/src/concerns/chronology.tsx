import { Anchor, Badge, Group, Loader, Text, Timeline } from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api.ts';
import { ErrorAlert } from '../components/error-alert.tsx';
import { formatDateTime } from '../format.ts';
import { useStatusLabel } from '../reports/status.ts';
import { useVocab } from '../reports/vocab.ts';
import { useChronology } from './api.ts';
import { useConcernVocab } from './vocab.ts';

/** A child's concerns, the school's actions and the reports, merged by time (newest at the bottom). */
export function Chronology({ personId, currentConcernId }: { personId: string; currentConcernId?: string }) {
  const { t } = useTranslation();
  const vocab = useConcernVocab();
  const reportVocab = useVocab();
  const reportStatus = useStatusLabel();
  const list = useChronology(personId);
  if (list.isPending) return <Loader size="sm" aria-label={t('common.loading')} />;
  if (list.error instanceof ApiError && (list.error.status === 404 || list.error.status === 403)) return <Text c="dimmed" size="sm">{t('concerns.chronology.none')}</Text>;
  if (list.isError) return <ErrorAlert error={list.error} />;
  return (
    <Timeline bulletSize={14} lineWidth={2} data-testid="chronology">
      {list.data.map((e, i) => {
        const time = <Text size="xs" c="dimmed">{formatDateTime(e.at, vocab.locale)}{e.userName ? ` · ${e.userName}` : ''}</Text>;
        if (e.kind === 'report') {
          return (
            <Timeline.Item key={i} color="grape" data-testid="chronology-entry" data-kind="report"
              title={<Group gap={6}><Text fw={600} size="sm">{t('concerns.chronology.report')}</Text><Anchor component={Link} to={`/reports/${e.reportId}`} ff="monospace" size="sm">№ {e.reportNumber}</Anchor><Badge size="xs" variant="light">{reportStatus(e.status ?? '')}</Badge></Group>}>
              <Text size="sm">{e.types.map((x) => reportVocab.type(x)).join(', ')}</Text>
              {time}
            </Timeline.Item>
          );
        }
        if (e.kind === 'concern') {
          const current = e.concernId === currentConcernId;
          return (
            <Timeline.Item key={i} color="red" data-testid="chronology-entry" data-kind="concern"
              title={<Group gap={6}><Text fw={600} size="sm">{t('concerns.chronology.concern')}</Text>{current ? <Badge size="xs">{t('concerns.chronology.this')}</Badge> : <Anchor component={Link} to={`/concerns/${e.concernId}`} size="sm">{t('concerns.form.open')}</Anchor>}<Badge size="xs" variant="light">{vocab.status(e.status)}</Badge></Group>}>
              <Text size="sm">{e.categories.map((c) => vocab.category(c)).join(', ')}</Text>
              {time}
            </Timeline.Item>
          );
        }
        return (
          <Timeline.Item key={i} color="blue" data-testid="chronology-entry" data-kind="concern_action" title={<Text size="sm" fw={500}>{vocab.action(e.action)}{e.reportNumber ? ` · № ${e.reportNumber}` : ''}</Text>}>
            {e.note && e.action !== 'escalated' && <Text size="sm">{e.note}</Text>}
            {time}
          </Timeline.Item>
        );
      })}
    </Timeline>
  );
}
