import { Badge, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDateTime, localName } from '../format.ts';
import { PRIORITY_COLORS } from '../reports/vocab.ts';
import { URGENCY_COLORS, urgency, useDuration, useTimeLeftText } from './time-left.ts';
import type { Task } from './types.ts';
import { ESCALATION_COLORS, TASK_STATUS_COLORS, useTaskVocab } from './vocab.ts';

// Small pieces shared by the inbox, the task page and the report page.

export function TaskStatusBadge({ status, testId }: { status: string; testId?: string }) {
  const vocab = useTaskVocab();
  return (
    <Badge variant="light" color={TASK_STATUS_COLORS[status] ?? 'gray'} data-testid={testId} data-status={status}>
      {vocab.status(status)}
    </Badge>
  );
}

export function PriorityBadge({ priority }: { priority: string }) {
  const vocab = useTaskVocab();
  return (
    <Badge color={PRIORITY_COLORS[priority] ?? 'gray'} variant="filled" title={vocab.priority(priority)}>
      {priority}
    </Badge>
  );
}

export function EscalationBadge({ level }: { level: string | null }) {
  const { t } = useTranslation();
  const vocab = useTaskVocab();
  if (!level) return <Text span c="dimmed" size="sm">—</Text>;
  return (
    <Badge variant="outline" color={ESCALATION_COLORS[level] ?? 'red'} title={t('tasks.escalatedTo', { level: vocab.escalation(level) })} data-testid="task-escalation">
      {vocab.escalation(level)}
    </Badge>
  );
}

/**
 * Time left on an active task ("1 h 20 min left", orange under two hours, red when overdue);
 * for a finished one, whether it was done on time.
 */
export function TimeLeft({ task, now, withDue = false }: { task: Pick<Task, 'dueAt' | 'status' | 'completedAt'>; now: number; withDue?: boolean }) {
  const { t } = useTranslation();
  const vocab = useTaskVocab();
  const text = useTimeLeftText();
  const duration = useDuration();
  const due = withDue ? <Text size="xs" c="dimmed">{formatDateTime(task.dueAt, vocab.locale)}</Text> : null;
  if (task.status === 'done') {
    const late = task.completedAt ? Date.parse(task.completedAt) - Date.parse(task.dueAt) : 0;
    return (
      <div>
        <Text size="sm" c={late > 0 ? 'red.8' : 'teal.8'} fw={500} data-testid="task-time-left" data-urgency={late > 0 ? 'late' : 'on_time'}>
          {late > 0 ? t('tasks.time.doneLate', { duration: duration(late) }) : t('tasks.time.doneOnTime')}
        </Text>
        {due}
      </div>
    );
  }
  if (task.status === 'cancelled') {
    return (
      <div>
        <Text size="sm" c="dimmed" data-testid="task-time-left">—</Text>
        {due}
      </div>
    );
  }
  const u = urgency(task.dueAt, now);
  return (
    <div>
      <Text size="sm" c={URGENCY_COLORS[u]} fw={u === 'later' ? 400 : 600} data-testid="task-time-left" data-urgency={u}>
        {text(task.dueAt, now)}
      </Text>
      {due}
    </div>
  );
}

/**
 * Where a task is: the unit's name (which usually names the agency too), with the agency above it
 * when it does not; the agency alone while no unit has it.
 */
export function AgencyUnit({ task }: { task: Pick<Task, 'agencyType' | 'unitName'> }) {
  const { t } = useTranslation();
  const vocab = useTaskVocab();
  const agency = vocab.agency(task.agencyType);
  const unit = task.unitName ? localName(task.unitName, vocab.locale) : null;
  if (unit && unit.toLowerCase().includes(agency.toLowerCase())) return <Text size="sm">{unit}</Text>;
  return (
    <>
      <Text size="sm">{agency}</Text>
      <Text size="xs" c="dimmed">{unit ?? t('tasks.noUnit')}</Text>
    </>
  );
}
