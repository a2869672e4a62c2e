import { Alert, Anchor, Badge, List, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api.ts';
import { AgencyUnit, EscalationBadge, TaskStatusBadge, TimeLeft } from './task-bits.tsx';
import { useNow } from './time-left.ts';
import type { Task } from './types.ts';
import { useTaskVocab } from './vocab.ts';

const isActive = (t: Pick<Task, 'status'>) => t.status === 'open' || t.status === 'accepted';

/** The response to a report: its tasks by due time, with who has each and how much time is left. */
export function ReportTasks({ tasks }: { tasks: Task[] }) {
  const { t } = useTranslation();
  const vocab = useTaskVocab();
  const now = useNow();
  if (tasks.length === 0) return <Text c="dimmed" data-testid="report-tasks-none">{t('report.noTasks')}</Text>;
  const open = tasks.filter(isActive).length;
  return (
    <>
      <Text size="sm" c="dimmed" mb="xs" data-testid="report-tasks-summary">
        {t('tasks.report.summary', { open, done: tasks.filter((x) => x.status === 'done').length, total: tasks.length })}
      </Text>
      <Table.ScrollContainer minWidth={860}>
        <Table verticalSpacing="xs" data-testid="report-tasks-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('tasks.col.agencyUnit')}</Table.Th>
              <Table.Th>{t('tasks.col.action')}</Table.Th>
              <Table.Th>{t('tasks.col.assignee')}</Table.Th>
              <Table.Th>{t('tasks.col.due')}</Table.Th>
              <Table.Th>{t('tasks.col.status')}</Table.Th>
              <Table.Th>{t('tasks.col.escalation')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {tasks.map((task) => (
              <Table.Tr key={task.id} data-testid="report-task-row" data-task-id={task.id} data-status={task.status}>
                <Table.Td><AgencyUnit task={task} /></Table.Td>
                <Table.Td>
                  <Anchor component={Link} to={`/tasks/${task.id}`} fz="sm" fw={600} data-testid="report-task-link">{vocab.action(task.action)}</Anchor>
                  <Text size="xs" c="dimmed">
                    {task.mandatory ? t('tasks.mandatory') : t('tasks.optional')}
                    {task.conferenceId ? ` · ${t('tasks.page.fromConference')}` : ''}
                  </Text>
                </Table.Td>
                <Table.Td><Text size="sm">{task.assigneeName ?? <Text span c="dimmed" size="sm">{t('tasks.unassigned')}</Text>}</Text></Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}><TimeLeft task={task} now={now} withDue /></Table.Td>
                <Table.Td>
                  <TaskStatusBadge status={task.status} testId="report-task-status" />
                  {task.outcome && <Text size="xs" c="dimmed" mt={2}>{vocab.outcome(task.outcome)}</Text>}
                </Table.Td>
                <Table.Td><EscalationBadge level={task.escalationLevel} /></Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </>
  );
}

/** Ids of the tasks named by a refusal to close a report (`details[].path` = `tasks.<id>`). */
export function blockingTaskIds(error: unknown): string[] {
  if (!(error instanceof ApiError)) return [];
  return error.details.map((d) => /^(?:body\.)?tasks\.([^.]+)$/.exec(d.path)?.[1]).filter((id): id is string => Boolean(id));
}

function TaskList({ tasks, ids }: { tasks: Task[]; ids: string[] }) {
  const { t } = useTranslation();
  const vocab = useTaskVocab();
  return (
    <List size="sm" mt="xs" spacing={4}>
      {ids.map((id) => {
        const task = tasks.find((x) => x.id === id);
        if (!task) return <List.Item key={id}>{t('tasks.report.unknownTask')}</List.Item>;
        return (
          <List.Item key={id} data-testid="closing-blocked-task">
            <Anchor component={Link} to={`/tasks/${task.id}`} fw={600}>{vocab.action(task.action)}</Anchor>
            {' — '}{vocab.agency(task.agencyType)}
            {' · '}
            {task.assigneeName ?? t('tasks.unassigned')}
            {' '}
            <Badge size="xs" variant="light" color={task.status === 'open' ? 'blue' : 'yellow'}>{vocab.status(task.status)}</Badge>
          </List.Item>
        );
      })}
    </List>
  );
}

/**
 * Why a report cannot be closed: its open mandatory tasks, by name, with links. Shown after the
 * server refused (`error`), or ahead of it while closing is being chosen (`preview`).
 */
export function ClosingBlocked({ error, tasks, preview = false }: { error?: unknown; tasks: Task[]; preview?: boolean }) {
  const { t } = useTranslation();
  const ids = preview ? tasks.filter((x) => x.mandatory && isActive(x)).map((x) => x.id) : blockingTaskIds(error);
  if (ids.length === 0) return null;
  return (
    <Alert
      color={preview ? 'orange' : 'red'}
      variant="light"
      role={preview ? undefined : 'alert'}
      title={preview ? t('tasks.report.closeWarningTitle') : t('tasks.report.closeRefusedTitle')}
      data-testid={preview ? 'closing-warning' : 'closing-blocked'}
    >
      <Text size="sm">{t('tasks.report.closeBlockedText', { n: ids.length })}</Text>
      <TaskList tasks={tasks} ids={ids} />
      <Text size="sm" mt="xs" c="dimmed">{t('tasks.report.closeBlockedHint')}</Text>
    </Alert>
  );
}
