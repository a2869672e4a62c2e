import { Badge, Group, Text, Timeline } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../format.ts';
import { useDuration } from './time-left.ts';
import type { TaskDetail, TaskEvent, UnitMember } from './types.ts';
import { useTaskVocab } from './vocab.ts';
import { KindIcon } from './timeline-icons.tsx';

const EVENT_COLORS: Record<string, string> = {
  created: 'blue', accepted: 'yellow', assigned: 'yellow', action: 'cyan', completed: 'teal', cancelled: 'gray', escalated: 'red',
};

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/** The note of an event, or a line saying who holds it when the reader may not see it. */
export function NoteText({ note, withheld, agency, testId }: { note: string | null; withheld: boolean; agency: string | null; testId?: string }) {
  const { t } = useTranslation();
  const vocab = useTaskVocab();
  if (withheld) {
    return (
      <Text size="sm" c="dimmed" fs="italic" data-testid={testId ? `${testId}-withheld` : undefined}>
        {agency ? t('timeline.withheld', { agency: vocab.agency(agency) }) : t('timeline.withheldNoAgency')}
      </Text>
    );
  }
  if (!note) return null;
  return <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} data-testid={testId}>{note}</Text>;
}

/** What happened to a task, oldest first: who accepted, assigned, did and finished it. */
export function TaskHistory({ task, members }: { task: TaskDetail; members: UnitMember[] | undefined }) {
  const { t } = useTranslation();
  const vocab = useTaskVocab();
  const duration = useDuration();

  const line = (e: TaskEvent): string => {
    const d = e.details;
    switch (e.kind) {
      case 'created': return t('tasks.event.created', { due: formatDateTime(str(d.dueAt) ?? task.dueAt, vocab.locale) });
      case 'accepted': return t('tasks.event.accepted');
      case 'assigned': {
        const id = str(d.assigneeId);
        const name = members?.find((m) => m.id === id)?.fullName ?? (id === task.assigneeId ? task.assigneeName : null);
        return name ? t('tasks.event.assignedTo', { name }) : t('tasks.event.assigned');
      }
      case 'action': return d.attachmentId ? t('tasks.event.attachment') : t('tasks.event.action');
      case 'completed': {
        const outcome = vocab.outcome(str(d.outcome));
        return d.onTime === false ? t('tasks.event.completedLate', { outcome }) : t('tasks.event.completed', { outcome });
      }
      case 'cancelled': return d.reportClosed ? t('tasks.event.cancelledReportClosed') : t('tasks.event.cancelled');
      case 'escalated': {
        const level = vocab.escalation(str(d.level));
        const overdueMs = typeof d.overdueMinutes === 'number' ? d.overdueMinutes * 60_000 : null;
        return overdueMs ? t('tasks.event.escalatedOverdue', { level, duration: duration(overdueMs) }) : t('tasks.event.escalated', { level });
      }
    }
    return e.kind;
  };

  return (
    <Timeline bulletSize={24} lineWidth={2} data-testid="task-history" component="ol" style={{ listStyle: 'none', paddingInlineStart: 0 }}>
      {task.events.map((e) => (
        <Timeline.Item
          key={e.id}
          component="li"
          color={EVENT_COLORS[e.kind] ?? 'gray'}
          bullet={<KindIcon kind={e.kind === 'action' && e.details.attachmentId ? 'attachment_added' : `task_${e.kind}`} />}
          data-testid="task-event"
          data-kind={e.kind}
          title={
            <Group gap="xs" wrap="wrap">
              <Text fw={600} size="sm">{line(e)}</Text>
              {e.kind === 'escalated' && <Badge color="red" variant="light" size="sm">{vocab.escalation(str(e.details.level))}</Badge>}
            </Group>
          }
        >
          <NoteText note={e.note} withheld={e.noteWithheld} agency={task.agencyType} testId="task-event-note" />
          <Text size="xs" c="dimmed" mt={2}>
            <time dateTime={e.at}>{formatDateTime(e.at, vocab.locale)}</time> · {e.userName ?? t('timeline.system')}
          </Text>
        </Timeline.Item>
      ))}
    </Timeline>
  );
}
