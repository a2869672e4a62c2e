import { Anchor, Badge, Group, Text, Timeline } from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../components/error-alert.tsx';
import { formatDateTime } from '../format.ts';
import { isMissingEndpoint } from '../reports/api.ts';
import { useStatusLabel } from '../reports/status.ts';
import { useReportTimeline } from './api.ts';
import { NoteText } from './task-history.tsx';
import { KindIcon } from './timeline-icons.tsx';
import type { Task, TimelineItem } from './types.ts';
import { useTaskVocab } from './vocab.ts';

const KIND_COLORS: Record<string, string> = {
  report_created: 'blue', report_updated: 'gray', status_changed: 'indigo', incident_added: 'grape', attachment_added: 'gray',
  task_created: 'blue', task_accepted: 'yellow', task_assigned: 'yellow', task_action: 'cyan', task_completed: 'teal',
  task_cancelled: 'gray', task_escalated: 'red', conference_scheduled: 'violet', conference_held: 'violet', conference_cancelled: 'gray',
};

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/** Tasks created together (at intake, by a conference) make one entry, not one per task. */
type Entry = { first: TimelineItem; items: TimelineItem[] };

function group(items: TimelineItem[]): Entry[] {
  const out: Entry[] = [];
  // a document of a task appears once, as the task's entry, not again as a file of the report
  const taskDocuments = new Set(items.filter((i) => i.kind === 'task_action' && isRecord(i.details) && i.details.attachmentId).map((i) => `${i.at}|${i.userId}`));
  // a conference held at the same instant as the tasks it decided comes before them
  const rank = (i: TimelineItem) => (i.kind.startsWith('conference_') ? 0 : 1);
  const sorted = [...items].sort((a, b) => a.at.localeCompare(b.at) || rank(a) - rank(b));
  for (const item of sorted) {
    if (item.kind === 'attachment_added' && taskDocuments.has(`${item.at}|${item.userId}`)) continue;
    const last = out.at(-1);
    if (last && item.kind === 'task_created' && last.first.kind === 'task_created' && last.first.at.slice(0, 19) === item.at.slice(0, 19)) {
      last.items.push(item);
    } else {
      out.push({ first: item, items: [item] });
    }
  }
  return out;
}

function useWhat(tasks: Task[]) {
  const { t } = useTranslation();
  const vocab = useTaskVocab();
  const statusLabel = useStatusLabel();
  return (e: TimelineItem): string => {
    const d = isRecord(e.details) ? e.details : {};
    const action = vocab.action(e.action);
    switch (e.kind) {
      case 'report_created': return t('timeline.kind.report_created');
      case 'report_updated': return t('timeline.kind.report_updated');
      case 'status_changed': {
        const s = isRecord(d.status) ? d.status : {};
        const from = str(s.from);
        const to = str(s.to);
        return from && to ? t('timeline.statusChange', { from: statusLabel(from), to: statusLabel(to) }) : t('timeline.kind.status_changed');
      }
      case 'incident_added': return t('timeline.kind.incident_added');
      case 'attachment_added': {
        const name = str(d.fileName);
        return name ? t('timeline.attachmentNamed', { name }) : t('timeline.kind.attachment_added');
      }
      case 'task_created': return t('timeline.kind.task_created');
      case 'task_accepted': return t('timeline.taskAccepted', { action });
      case 'task_assigned': {
        const id = str(d.assigneeId);
        const name = str(d.assigneeName) ?? tasks.find((x) => x.id === e.taskId && x.assigneeId === id)?.assigneeName ?? null;
        return name ? t('timeline.taskAssignedTo', { action, name }) : t('timeline.taskAssigned', { action });
      }
      case 'task_action': return d.attachmentId ? t('timeline.taskAttachment', { action }) : t('timeline.taskAction', { action });
      case 'task_completed': return t('timeline.taskCompleted', { action, outcome: vocab.outcome(str(d.outcome)) || '—' });
      case 'task_cancelled': return t('timeline.taskCancelled', { action });
      case 'task_escalated': return t('timeline.taskEscalated', { action, level: vocab.escalation(str(d.level)) || '—' });
      case 'conference_scheduled': {
        const at = str(d.scheduledAt);
        return at ? t('timeline.conferenceScheduledAt', { at: formatDateTime(at, vocab.locale) }) : t('timeline.kind.conference_scheduled');
      }
      case 'conference_held': return t('timeline.kind.conference_held');
      case 'conference_cancelled': return t('timeline.kind.conference_cancelled');
    }
    return e.kind;
  };
}

/** The case from the first call to today, oldest first: registration, tasks of every agency, conferences. */
export function ReportTimeline({ reportId, tasks = [] }: { reportId: string; tasks?: Task[] }) {
  const { t } = useTranslation();
  const vocab = useTaskVocab();
  const timeline = useReportTimeline(reportId);
  const what = useWhat(tasks);

  if (timeline.isError && isMissingEndpoint(timeline.error)) {
    return <Text c="dimmed" data-testid="timeline-unavailable">{t('timeline.unavailable')}</Text>;
  }
  if (timeline.isError) return <ErrorAlert error={timeline.error} />;
  if (!timeline.data) return <Text c="dimmed">{t('common.loading')}</Text>;
  if (timeline.data.length === 0) return <Text c="dimmed">{t('timeline.none')}</Text>;

  return (
    <Timeline bulletSize={26} lineWidth={2} data-testid="timeline" component="ol" style={{ listStyle: 'none', paddingInlineStart: 0 }}>
      {group(timeline.data).map(({ first: e, items }, i) => {
        const d = isRecord(e.details) ? e.details : {};
        return (
          <Timeline.Item
            key={`${e.at}-${i}`}
            component="li"
            color={KIND_COLORS[e.kind] ?? 'gray'}
            bullet={<KindIcon kind={e.kind === 'task_action' && d.attachmentId ? 'attachment_added' : e.kind} />}
            data-testid="timeline-item"
            data-kind={e.kind}
            title={
              <Group gap="xs" wrap="wrap">
                {e.agencyType && e.kind !== 'task_created' && <Badge variant="light" color="gray" size="sm" tt="none">{vocab.agency(e.agencyType)}</Badge>}
                <Text fw={600} size="sm" data-testid="timeline-what">
                  {e.taskId && items.length === 1 && e.kind !== 'task_created' ? (
                    <Anchor component={Link} to={`/tasks/${e.taskId}`} inherit>{what(e)}</Anchor>
                  ) : what(e)}
                </Text>
                {e.kind === 'task_completed' && typeof d.onTime === 'boolean' && (
                  <Badge size="sm" variant="light" color={d.onTime ? 'teal' : 'red'}>{d.onTime ? t('timeline.onTime') : t('timeline.late')}</Badge>
                )}
              </Group>
            }
          >
            {e.kind === 'task_created' && (
              <Group gap={6} mt={4} wrap="wrap">
                {items.map((x, j) => {
                  const label = `${x.agencyType ? `${vocab.agency(x.agencyType)}: ` : ''}${vocab.action(x.action)}`;
                  const badge = <Badge variant="outline" color="blue" tt="none" style={{ cursor: x.taskId ? 'pointer' : undefined }}>{label}</Badge>;
                  return x.taskId ? (
                    <Anchor key={x.taskId} component={Link} to={`/tasks/${x.taskId}`} underline="never" data-testid="timeline-task">{badge}</Anchor>
                  ) : <span key={j}>{badge}</span>;
                })}
              </Group>
            )}
            <NoteText note={e.note} withheld={e.noteWithheld} agency={e.agencyType} testId="timeline-note" />
            <Text size="xs" c="dimmed" mt={2}>
              <time dateTime={e.at}>{formatDateTime(e.at, vocab.locale)}</time> · {e.userName ?? t('timeline.system')}
            </Text>
          </Timeline.Item>
        );
      })}
    </Timeline>
  );
}
