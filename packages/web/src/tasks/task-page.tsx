import { useState, type FormEvent, type ReactNode } from 'react';
import {
  Alert, Anchor, Badge, Button, Divider, FileInput, Group, Loader, Modal, NativeSelect, Paper, SimpleGrid, Stack, Text, Textarea, Title,
} from '@mantine/core';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { TASK_OUTCOMES, type TaskOutcome } from '@qorgau/core';
import { ApiError } from '../api.ts';
import { useUser } from '../auth/session.ts';
import { ErrorAlert } from '../components/error-alert.tsx';
import { Page } from '../components/page.tsx';
import { formatDateTime, localName } from '../format.ts';
import { fieldErrors } from '../i18n/errors.ts';
import { useAttachments } from '../reports/api.ts';
import { useTask, useTaskCommand, useUnitMembers, useUploadTaskAttachment, type TaskCommand } from './api.ts';
import { EscalationBadge, PriorityBadge, TaskStatusBadge, TimeLeft } from './task-bits.tsx';
import { TaskHistory } from './task-history.tsx';
import { useNow } from './time-left.ts';
import type { TaskDetail } from './types.ts';
import { useTaskVocab } from './vocab.ts';

function Fact({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>{label}</Text>
      <Text fw={500} mt={2} data-testid={testId} component="div">{children}</Text>
    </div>
  );
}

function Section({ title, children, testId }: { title: string; children: ReactNode; testId: string }) {
  return (
    <Paper component="section" withBorder p="md" radius="md" aria-labelledby={`section-${testId}`} data-testid={testId}>
      <Title order={2} size="h4" mb="sm" id={`section-${testId}`}>{title}</Title>
      {children}
    </Paper>
  );
}

/** Someone of the unit takes the task ("I take it"). */
function AcceptButton({ task }: { task: TaskDetail }) {
  const { t } = useTranslation();
  const command = useTaskCommand(task.id);
  return (
    <Stack gap="xs">
      <Group>
        <Button color="teal" loading={command.isPending} onClick={() => command.mutate({ kind: 'accept' })} data-testid="task-accept">
          {t('tasks.work.accept')}
        </Button>
        <Text size="sm" c="dimmed">{t('tasks.work.acceptHint')}</Text>
      </Group>
      <ErrorAlert error={command.error} />
    </Stack>
  );
}

/** The head of the unit or a coordinator gives the task to a member of the unit. */
function AssignForm({ task }: { task: TaskDetail }) {
  const { t } = useTranslation();
  const members = useUnitMembers(task.unitId, true);
  const command = useTaskCommand(task.id);
  const [userId, setUserId] = useState('');
  const server = fieldErrors(command.error);
  if (!task.unitId) return <Text size="sm" c="dimmed" data-testid="task-assign-no-unit">{t('tasks.work.noUnitToAssign')}</Text>;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!userId || command.isPending) return;
    command.mutate({ kind: 'assign', userId }, { onSuccess: () => setUserId('') });
  };
  const options = (members.data ?? []).filter((m) => m.id !== task.assigneeId);
  return (
    <form onSubmit={submit} noValidate aria-label={t('tasks.work.assignTitle')}>
      <Group align="flex-end" gap="sm" wrap="wrap">
        <NativeSelect
          label={t('tasks.work.assignTo')}
          data={[
            { value: '', label: t('common.choose') },
            ...options.map((m) => ({ value: m.id, label: m.isUnitHead ? t('tasks.work.memberHead', { name: m.fullName }) : m.fullName })),
          ]}
          value={userId}
          onChange={(e) => setUserId(e.currentTarget.value)}
          error={server.userId}
          disabled={members.isPending}
          w={{ base: '100%', sm: 360 }}
          data-testid="task-assign-select"
        />
        <Button type="submit" variant="light" disabled={!userId} loading={command.isPending} data-testid="task-assign-submit">
          {task.assigneeId ? t('tasks.work.reassign') : t('tasks.work.assign')}
        </Button>
      </Group>
      <ErrorAlert error={members.error ?? command.error} fields={['userId']} />
    </form>
  );
}

/** What was done: a visit, a call, a referral. */
function ActionForm({ task }: { task: TaskDetail }) {
  const { t } = useTranslation();
  const command = useTaskCommand(task.id);
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (command.isPending) return;
    if (!note.trim()) {
      setError(t('tasks.work.noteRequired'));
      return;
    }
    command.mutate({ kind: 'action', note: note.trim() }, {
      onSuccess: () => {
        setNote('');
        setSaved(true);
      },
    });
  };
  return (
    <form onSubmit={submit} noValidate aria-label={t('tasks.work.actionTitle')}>
      <Stack gap="xs" maw={720}>
        <Textarea
          label={t('tasks.work.actionLabel')}
          description={t('tasks.work.actionHint')}
          autosize
          minRows={3}
          maxLength={10_000}
          value={note}
          error={error ?? fieldErrors(command.error).note}
          onChange={(e) => {
            setNote(e.currentTarget.value);
            setError(null);
            setSaved(false);
          }}
          data-testid="task-action-note"
        />
        <Group>
          <Button type="submit" variant="light" loading={command.isPending} data-testid="task-action-submit">{t('tasks.work.actionSubmit')}</Button>
          {saved && <Text size="sm" c="teal.8" role="status">{t('tasks.work.actionSaved')}</Text>}
        </Group>
        <ErrorAlert error={command.error} fields={['note']} />
      </Stack>
    </form>
  );
}

/** A document for the task (an act of inspection, a referral); it joins the report's attachments. */
function AttachForm({ task }: { task: TaskDetail }) {
  const { t } = useTranslation();
  const uploader = useUploadTaskAttachment(task.id, task.reportId);
  const [file, setFile] = useState<File | null>(null);
  const [done, setDone] = useState<string | null>(null);
  return (
    <form
      aria-label={t('tasks.work.attachTitle')}
      onSubmit={(e) => {
        e.preventDefault();
        if (!file || uploader.isPending) return;
        setDone(null);
        uploader.mutate(file, {
          onSuccess: () => {
            setDone(file.name);
            setFile(null);
          },
        });
      }}
    >
      <Group align="flex-end" gap="sm" wrap="wrap">
        <FileInput
          label={t('tasks.work.attachLabel')}
          description={t('report.attachments.hint')}
          placeholder={t('report.attachments.placeholder')}
          value={file}
          onChange={(f) => {
            setFile(f);
            uploader.reset();
          }}
          clearable
          w={{ base: '100%', sm: 360 }}
          data-testid="task-attachment-file"
        />
        <Button type="submit" variant="light" disabled={!file} loading={uploader.isPending} data-testid="task-attachment-upload">
          {t('report.attachments.upload')}
        </Button>
      </Group>
      <ErrorAlert error={uploader.error} />
      {done && <Text size="sm" c="teal.8" role="status" mt="xs">{t('report.attachments.uploaded', { name: done })}</Text>}
    </form>
  );
}

/** A finishing step (complete, cancel) asks once more before it is sent: it cannot be undone. */
function Confirm({ opened, title, text, confirmLabel, color, pending, onConfirm, onClose }: {
  opened: boolean; title: string; text: string; confirmLabel: string; color: string; pending: boolean; onConfirm: () => void; onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={title} centered>
      <Text size="sm">{text}</Text>
      <Group justify="flex-end" mt="md">
        <Button variant="default" onClick={onClose} data-testid="confirm-back">{t('tasks.work.back')}</Button>
        <Button color={color} loading={pending} onClick={onConfirm} data-testid="confirm-ok">{confirmLabel}</Button>
      </Group>
    </Modal>
  );
}

function CompleteForm({ task }: { task: TaskDetail }) {
  const { t } = useTranslation();
  const vocab = useTaskVocab();
  const command = useTaskCommand(task.id);
  const [outcome, setOutcome] = useState<TaskOutcome | ''>('');
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!outcome) {
      setError(t('tasks.work.outcomeRequired'));
      return;
    }
    setConfirming(true);
  };
  const confirm = () => {
    if (!outcome) return;
    const body: TaskCommand = { kind: 'complete', outcome, ...(note.trim() ? { note: note.trim() } : {}) };
    command.mutate(body, { onSettled: () => setConfirming(false) });
  };
  return (
    <form onSubmit={submit} noValidate aria-label={t('tasks.work.completeTitle')}>
      <Stack gap="xs" maw={720}>
        <NativeSelect
          label={t('tasks.work.outcome')}
          data={[{ value: '', label: t('common.choose') }, ...TASK_OUTCOMES.map((o) => ({ value: o, label: vocab.outcome(o) }))]}
          value={outcome}
          error={error ?? fieldErrors(command.error).outcome}
          onChange={(e) => {
            setOutcome(e.currentTarget.value as TaskOutcome | '');
            setError(null);
          }}
          required
          w={{ base: '100%', sm: 360 }}
          data-testid="task-complete-outcome"
        />
        <Textarea
          label={t('tasks.work.completeNote')}
          autosize
          minRows={2}
          maxLength={10_000}
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
          data-testid="task-complete-note"
        />
        <Group>
          <Button type="submit" color="teal" data-testid="task-complete-submit">{t('tasks.work.complete')}</Button>
        </Group>
        <ErrorAlert error={command.error} fields={['outcome']} />
      </Stack>
      <Confirm
        opened={confirming}
        title={t('tasks.work.completeConfirmTitle')}
        text={t('tasks.work.completeConfirmText', { action: vocab.action(task.action), outcome: vocab.outcome(outcome) })}
        confirmLabel={t('tasks.work.complete')}
        color="teal"
        pending={command.isPending}
        onConfirm={confirm}
        onClose={() => setConfirming(false)}
      />
    </form>
  );
}

function CancelForm({ task }: { task: TaskDetail }) {
  const { t } = useTranslation();
  const vocab = useTaskVocab();
  const command = useTaskCommand(task.id);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!reason.trim()) {
      setError(t('tasks.work.reasonRequired'));
      return;
    }
    setConfirming(true);
  };
  return (
    <form onSubmit={submit} noValidate aria-label={t('tasks.work.cancelTitle')}>
      <Stack gap="xs" maw={720}>
        <Textarea
          label={t('tasks.work.cancelReason')}
          description={task.mandatory ? t('tasks.work.cancelMandatoryHint') : undefined}
          autosize
          minRows={2}
          maxLength={2000}
          value={reason}
          error={error ?? fieldErrors(command.error).reason}
          onChange={(e) => {
            setReason(e.currentTarget.value);
            setError(null);
          }}
          data-testid="task-cancel-reason"
        />
        <Group>
          <Button type="submit" color="red" variant="light" data-testid="task-cancel-submit">{t('tasks.work.cancel')}</Button>
        </Group>
        <ErrorAlert error={command.error} fields={['reason']} />
      </Stack>
      <Confirm
        opened={confirming}
        title={t('tasks.work.cancelConfirmTitle')}
        text={t('tasks.work.cancelConfirmText', { action: vocab.action(task.action) })}
        confirmLabel={t('tasks.work.cancel')}
        color="red"
        pending={command.isPending}
        onConfirm={() => command.mutate({ kind: 'cancel', reason: reason.trim() }, { onSettled: () => setConfirming(false) })}
        onClose={() => setConfirming(false)}
      />
    </form>
  );
}

/** Files attached to this task (from the report's attachments, when the reader may see them). */
function TaskAttachments({ task }: { task: TaskDetail }) {
  const { t } = useTranslation();
  const vocab = useTaskVocab();
  const list = useAttachments(task.reportId, true);
  const mine = (list.data ?? []).filter((a) => a.taskId === task.id);
  if (!list.isSuccess || mine.length === 0) return null;
  return (
    <Stack gap={4} data-testid="task-attachments">
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>{t('tasks.attachments')}</Text>
      {mine.map((a) => (
        <Text key={a.id} size="sm">
          <Anchor href={`/api/v1/attachments/${encodeURIComponent(a.id)}`} download={a.fileName}>{a.fileName}</Anchor>
          <Text span c="dimmed" size="xs"> · {formatDateTime(a.uploadedAt, vocab.locale)}</Text>
        </Text>
      ))}
    </Stack>
  );
}

export function TaskPage() {
  const { t } = useTranslation();
  const user = useUser();
  const vocab = useTaskVocab();
  const locale = vocab.locale;
  const { id = '' } = useParams();
  const query = useTask(id);
  const now = useNow();
  const task = query.data;
  const members = useUnitMembers(task?.unitId ?? null, Boolean(task?.rights.assign));

  if (query.isPending) return <Loader aria-label={t('common.loading')} />;
  if (query.error instanceof ApiError && query.error.status === 404) {
    return (
      <Page title={t('tasks.notFoundTitle')}>
        <Text data-testid="task-not-found">{t('tasks.notFoundText')}</Text>
        <Anchor component={Link} to="/inbox">{t('tasks.backToInbox')}</Anchor>
      </Page>
    );
  }
  if (query.isError || !task) return <ErrorAlert error={query.error} />;

  const activeTask = task.status === 'open' || task.status === 'accepted';
  const mineNow = task.assigneeId === user.id;
  // "I take it" while nobody has it, or when it was given to me and I have not confirmed it yet
  const lastHandOver = task.events.filter((e) => e.kind === 'assigned' || e.kind === 'accepted').at(-1);
  const confirmedByMe = lastHandOver?.kind === 'accepted' && lastHandOver.userId === user.id;
  const canAccept = activeTask && task.rights.work && (task.status === 'open' || !task.assigneeId || (mineNow && !confirmedByMe));
  const { rights } = task;

  return (
    <Page
      title={vocab.action(task.action)}
      actions={
        <Group gap="xs">
          <PriorityBadge priority={task.priority} />
          <TaskStatusBadge status={task.status} testId="task-status" />
        </Group>
      }
    >
      <Group gap="xs">
        <Anchor component={Link} to={`/reports/${task.reportId}`} data-testid="task-report-link">
          {t('tasks.page.report', { number: task.reportNumber })}
        </Anchor>
        <Text c="dimmed">·</Text>
        <Anchor component={Link} to="/inbox">{t('tasks.backToInbox')}</Anchor>
      </Group>

      {activeTask && mineNow && (
        <Alert color="teal" variant="light" data-testid="task-yours">{t('tasks.page.yours')}</Alert>
      )}

      <Section title={t('tasks.page.facts')} testId="task-facts">
        <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="md">
          <Fact label={t('tasks.col.due')} testId="task-due">
            {formatDateTime(task.dueAt, locale)}
            <TimeLeft task={task} now={now} />
          </Fact>
          <Fact label={t('tasks.col.agency')} testId="task-agency">{vocab.agency(task.agencyType)}</Fact>
          <Fact label={t('tasks.col.unit')} testId="task-unit">{task.unitName ? localName(task.unitName, locale) : t('tasks.noUnit')}</Fact>
          <Fact label={t('tasks.col.assignee')} testId="task-assignee">{task.assigneeName ?? t('tasks.unassigned')}</Fact>
          <Fact label={t('tasks.page.kind')}>{task.mandatory ? t('tasks.mandatory') : t('tasks.optional')}</Fact>
          <Fact label={t('tasks.col.escalation')}>
            <EscalationBadge level={task.escalationLevel} />
            {activeTask && task.nextEscalationAt && (
              <Text size="xs" c="dimmed" mt={2}>{t('tasks.page.nextEscalation', { at: formatDateTime(task.nextEscalationAt, locale) })}</Text>
            )}
          </Fact>
          <Fact label={t('tasks.page.created')}>{formatDateTime(task.createdAt, locale)}</Fact>
          {task.acceptedAt && <Fact label={t('tasks.page.accepted')}>{formatDateTime(task.acceptedAt, locale)}</Fact>}
          {task.completedAt && <Fact label={t('tasks.page.completed')}>{formatDateTime(task.completedAt, locale)}</Fact>}
          {task.outcome && <Fact label={t('tasks.page.outcome')} testId="task-outcome">{vocab.outcome(task.outcome)}</Fact>}
          {task.statusReason && <Fact label={t('tasks.page.statusReason')}>{task.statusReason}</Fact>}
          {task.conferenceId && <Fact label={t('tasks.page.source')}><Badge variant="light" color="grape">{t('tasks.page.fromConference')}</Badge></Fact>}
        </SimpleGrid>
        {task.instructions && (
          <>
            <Divider my="md" />
            <Text size="xs" c="dimmed" tt="uppercase" fw={600}>{t('tasks.page.instructions')}</Text>
            <Text mt={2} style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} data-testid="task-instructions">{task.instructions}</Text>
          </>
        )}
        <Divider my="md" />
        <TaskAttachments task={task} />
      </Section>

      {activeTask && (rights.work || rights.assign || rights.cancel) && (
        <Section title={t('tasks.page.work')} testId="task-work">
          <Stack gap="lg">
            {canAccept && <AcceptButton task={task} />}
            {rights.assign && (
              <div>
                <Title order={3} size="h6" mb={4}>{t('tasks.work.assignTitle')}</Title>
                <AssignForm task={task} />
              </div>
            )}
            {rights.work && (
              <>
                <div>
                  <Title order={3} size="h6" mb={4}>{t('tasks.work.actionTitle')}</Title>
                  <ActionForm task={task} />
                </div>
                <div>
                  <Title order={3} size="h6" mb={4}>{t('tasks.work.attachTitle')}</Title>
                  <AttachForm task={task} />
                </div>
                <div>
                  <Title order={3} size="h6" mb={4}>{t('tasks.work.completeTitle')}</Title>
                  <CompleteForm task={task} />
                </div>
              </>
            )}
            {rights.cancel && (
              <div>
                <Title order={3} size="h6" mb={4}>{t('tasks.work.cancelTitle')}</Title>
                <CancelForm task={task} />
              </div>
            )}
          </Stack>
        </Section>
      )}
      {activeTask && !rights.work && !rights.assign && !rights.cancel && (
        <Text c="dimmed" data-testid="task-read-only">{t('tasks.page.readOnly')}</Text>
      )}

      <Section title={t('tasks.page.history')} testId="task-history-section">
        <TaskHistory task={task} members={members.data} />
      </Section>
    </Page>
  );
}
