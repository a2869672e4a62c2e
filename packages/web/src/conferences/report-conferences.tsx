import { useState, type FormEvent } from 'react';
import {
  ActionIcon, Anchor, Badge, Button, Card, Checkbox, Divider, Group, MultiSelect, NativeSelect, SimpleGrid, Stack, Text, Textarea, TextInput, Title,
} from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { AGENCY_TYPES, roleHas, TASK_ACTIONS, type AgencyType, type TaskAction } from '@qorgau/core';
import { useUser } from '../auth/session.ts';
import { ErrorAlert } from '../components/error-alert.tsx';
import { formatDateTime, localName } from '../format.ts';
import { fieldErrors } from '../i18n/errors.ts';
import { TaskStatusBadge, TimeLeft } from '../tasks/task-bits.tsx';
import { useNow } from '../tasks/time-left.ts';
import type { Task } from '../tasks/types.ts';
import { useTaskVocab } from '../tasks/vocab.ts';
import { useCancelConference, useInvitablePeople, useRecordConference, useReportConferences, useScheduleConference } from './api.ts';
import { CONFERENCE_KINDS, CONFERENCE_STATUS_COLORS, type Conference, type ConferenceKind, type FollowUpBody, type Participant } from './types.ts';
import { fromKzInput, kzInputValue } from '../format.ts';


/** `YYYY-MM-DDTHH:mm` in Kazakhstan time, as a datetime-local input takes it; the app shows every time in that zone. */
const localInput = kzInputValue;
function localDate(d: Date): string {
  return localInput(d).slice(0, 10);
}
/** A follow-up's due date is the end of that working day in Kazakhstan (18:00, UTC+5). */
export function dueAtEndOfDay(date: string): string {
  return `${date}T18:00:00+05:00`;
}

function useAgencyOptions() {
  const vocab = useTaskVocab();
  return AGENCY_TYPES.map((a) => ({ value: a, label: vocab.agency(a) })).sort((a, b) => a.label.localeCompare(b.label, vocab.locale));
}

type Report = { id: string; status: string; regionCode: string; tasks: Task[] };

type OtherRow = { name: string; agencyType: AgencyType | '' };

function ScheduleForm({ report, onDone }: { report: Report; onDone: () => void }) {
  const { t } = useTranslation();
  const user = useUser();
  const vocab = useTaskVocab();
  const agencyOptions = useAgencyOptions();
  const schedule = useScheduleConference(report.id);
  const [kind, setKind] = useState<ConferenceKind>('interagency');
  const [at, setAt] = useState(() => {
    const d = new Date(Date.now() + 86_400_000);
    d.setHours(10, 0, 0, 0);
    return localInput(d);
  });
  const [location, setLocation] = useState('');
  const [agenda, setAgenda] = useState('');
  const [agencies, setAgencies] = useState<string[]>(() => [...new Set(report.tasks.map((x) => x.agencyType))]);
  const [people, setPeople] = useState<string[]>([]);
  const [others, setOthers] = useState<OtherRow[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const invitable = useInvitablePeople(report.regionCode, agencies, user.role);
  const server = fieldErrors(schedule.error);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (schedule.isPending) return;
    const local: Record<string, string> = {};
    const when = new Date(fromKzInput(at) ?? NaN);
    if (!at || Number.isNaN(when.getTime())) local.scheduledAt = t('conferences.form.atRequired');
    const named = others.filter((o) => o.name.trim());
    named.forEach((o, i) => { if (!o.agencyType) local[`other.${i}`] = t('conferences.form.agencyRequired'); });
    if (!agencies.length && !people.length && !named.length) local.participants = t('conferences.form.participantsRequired');
    setErrors(local);
    if (Object.keys(local).length) return;
    const byId = new Map(invitable.map((p) => [p.id, p]));
    schedule.mutate({
      kind,
      scheduledAt: when.toISOString(),
      ...(location.trim() ? { location: location.trim() } : {}),
      ...(agenda.trim() ? { agenda: agenda.trim() } : {}),
      participants: [
        ...agencies.map((a) => ({ agencyType: a as AgencyType })),
        ...people.flatMap((id) => {
          const p = byId.get(id);
          return p ? [{ userId: p.id, agencyType: p.agencyType }] : [];
        }),
        ...named.map((o) => ({ name: o.name.trim(), agencyType: o.agencyType as AgencyType })),
      ],
    }, { onSuccess: onDone });
  };

  return (
    <form onSubmit={submit} noValidate aria-label={t('conferences.schedule')} data-testid="conference-schedule-form">
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <NativeSelect
            label={t('conferences.form.kind')}
            data={CONFERENCE_KINDS.map((k) => ({ value: k, label: t(`conferences.kind.${k}`) }))}
            value={kind}
            onChange={(e) => setKind(e.currentTarget.value === 'commission' ? 'commission' : 'interagency')}
            data-testid="conference-kind"
          />
          <TextInput
            type="datetime-local"
            label={t('conferences.form.at')}
            required
            value={at}
            error={errors.scheduledAt ?? server.scheduledAt}
            onChange={(e) => setAt(e.currentTarget.value)}
            data-testid="conference-at"
          />
          <TextInput
            label={t('conferences.form.location')}
            placeholder={t('conferences.form.locationPlaceholder')}
            maxLength={300}
            value={location}
            onChange={(e) => setLocation(e.currentTarget.value)}
            data-testid="conference-location"
          />
          <MultiSelect
            label={t('conferences.form.agencies')}
            description={t('conferences.form.agenciesHint')}
            data={agencyOptions}
            value={agencies}
            onChange={setAgencies}
            error={errors.participants ?? server.participants}
            searchable
            clearable
            data-testid="conference-agencies"
          />
        </SimpleGrid>
        {invitable.length > 0 && (
          <MultiSelect
            label={t('conferences.form.people')}
            description={t('conferences.form.peopleHint')}
            data={invitable.map((p) => ({ value: p.id, label: `${p.fullName} — ${localName(p.unitName, vocab.locale)}` }))}
            value={people}
            onChange={setPeople}
            searchable
            clearable
            data-testid="conference-people"
          />
        )}
        <Stack gap={6}>
          <Text size="sm" fw={500}>{t('conferences.form.others')}</Text>
          {others.map((o, i) => (
            <Group key={i} gap="xs" align="flex-start" wrap="wrap">
              <TextInput
                aria-label={t('conferences.form.otherName')}
                placeholder={t('conferences.form.otherName')}
                maxLength={200}
                value={o.name}
                onChange={(e) => {
                  const name = e.currentTarget.value;
                  setOthers((rows) => rows.map((r, j) => (j === i ? { ...r, name } : r)));
                }}
                w={{ base: '100%', sm: 280 }}
                data-testid={`conference-other-${i}-name`}
              />
              <NativeSelect
                aria-label={t('conferences.form.otherAgency')}
                data={[{ value: '', label: t('conferences.form.otherAgency') }, ...agencyOptions]}
                value={o.agencyType}
                error={errors[`other.${i}`]}
                onChange={(e) => {
                  const agencyType = e.currentTarget.value as AgencyType | '';
                  setOthers((rows) => rows.map((r, j) => (j === i ? { ...r, agencyType } : r)));
                }}
                w={{ base: '100%', sm: 280 }}
                data-testid={`conference-other-${i}-agency`}
              />
              <ActionIcon
                variant="subtle"
                color="gray"
                size="lg"
                aria-label={t('conferences.form.remove')}
                onClick={() => setOthers((rows) => rows.filter((_, j) => j !== i))}
              >
                ×
              </ActionIcon>
            </Group>
          ))}
          <Group>
            <Button variant="subtle" size="xs" onClick={() => setOthers((rows) => [...rows, { name: '', agencyType: '' }])} data-testid="conference-other-add">
              {t('conferences.form.addOther')}
            </Button>
          </Group>
        </Stack>
        <Textarea
          label={t('conferences.form.agenda')}
          autosize
          minRows={2}
          maxLength={5000}
          value={agenda}
          onChange={(e) => setAgenda(e.currentTarget.value)}
          data-testid="conference-agenda"
        />
        <ErrorAlert error={schedule.error} fields={['scheduledAt', 'participants', 'kind']} />
        <Group>
          <Button type="submit" loading={schedule.isPending} data-testid="conference-schedule-submit">{t('conferences.form.submit')}</Button>
          <Button variant="default" onClick={onDone}>{t('common.cancel')}</Button>
        </Group>
      </Stack>
    </form>
  );
}

type FollowUpRow = { agencyType: AgencyType | ''; action: TaskAction; instructions: string; due: string };

function RecordForm({ conference, reportId, onDone }: { conference: Conference; reportId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const vocab = useTaskVocab();
  const agencyOptions = useAgencyOptions();
  const record = useRecordConference(reportId, conference.id);
  const [attended, setAttended] = useState<boolean[]>(() => conference.participants.map(() => true));
  const [decisions, setDecisions] = useState('');
  const defaultDue = localDate(new Date(Date.now() + 7 * 86_400_000));
  const [rows, setRows] = useState<FollowUpRow[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const server = fieldErrors(record.error);
  const update = (i: number, change: Partial<FollowUpRow>) => setRows((list) => list.map((r, j) => (j === i ? { ...r, ...change } : r)));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (record.isPending) return;
    const local: Record<string, string> = {};
    if (!decisions.trim()) local.decisions = t('conferences.record.decisionsRequired');
    rows.forEach((r, i) => {
      if (!r.agencyType) local[`followUps.${i}.agencyType`] = t('conferences.form.agencyRequired');
      if (!r.due) local[`followUps.${i}.dueAt`] = t('conferences.record.dueRequired');
      else if (Date.parse(dueAtEndOfDay(r.due)) <= Date.now()) local[`followUps.${i}.dueAt`] = t('conferences.record.dueFuture');
    });
    setErrors(local);
    if (Object.keys(local).length) return;
    const present = conference.participants.filter((_, i) => attended[i]);
    const followUps: FollowUpBody[] = rows.map((r) => ({
      agencyType: r.agencyType as AgencyType, action: r.action, dueAt: dueAtEndOfDay(r.due),
      ...(r.instructions.trim() ? { instructions: r.instructions.trim() } : {}),
    }));
    record.mutate({
      attendedUserIds: present.flatMap((p) => (p.userId ? [p.userId] : [])),
      attendedAgencies: [...new Set(present.filter((p) => !p.userId).map((p) => p.agencyType as AgencyType))],
      decisions: decisions.trim(),
      followUps,
    }, { onSuccess: onDone });
  };
  const err = (key: string) => errors[key] ?? server[key];

  return (
    <form onSubmit={submit} noValidate aria-label={t('conferences.record.title')} data-testid="conference-record-form">
      <Stack gap="sm">
        <Checkbox.Group label={t('conferences.record.attendance')} value={attended.flatMap((a, i) => (a ? [String(i)] : []))}
          onChange={(values) => setAttended(conference.participants.map((_, i) => values.includes(String(i))))}
        >
          <Stack gap={6} mt={6}>
            {conference.participants.map((p, i) => (
              <Checkbox key={i} value={String(i)} label={participantLabel(p, vocab.agency)} data-testid={`conference-attended-${i}`} />
            ))}
          </Stack>
        </Checkbox.Group>
        <Textarea
          label={t('conferences.record.decisions')}
          required
          autosize
          minRows={3}
          maxLength={20_000}
          value={decisions}
          error={err('decisions')}
          onChange={(e) => setDecisions(e.currentTarget.value)}
          data-testid="conference-decisions"
        />
        <div>
          <Text size="sm" fw={500}>{t('conferences.record.followUps')}</Text>
          <Text size="xs" c="dimmed" mb={6}>{t('conferences.record.followUpsHint')}</Text>
          <Stack gap="xs">
            {rows.map((r, i) => (
              <Card key={i} withBorder p="xs" radius="sm" data-testid={`followup-${i}`}>
                <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }} spacing="xs">
                  <NativeSelect
                    label={t('tasks.col.agency')}
                    data={[{ value: '', label: t('common.choose') }, ...agencyOptions]}
                    value={r.agencyType}
                    error={err(`followUps.${i}.agencyType`)}
                    onChange={(e) => update(i, { agencyType: e.currentTarget.value as AgencyType | '' })}
                    data-testid={`followup-${i}-agency`}
                  />
                  <NativeSelect
                    label={t('tasks.col.action')}
                    data={TASK_ACTIONS.map((a) => ({ value: a, label: vocab.action(a) }))}
                    value={r.action}
                    onChange={(e) => update(i, { action: e.currentTarget.value as TaskAction })}
                    data-testid={`followup-${i}-action`}
                  />
                  <TextInput
                    label={t('conferences.record.instructions')}
                    maxLength={2000}
                    value={r.instructions}
                    onChange={(e) => update(i, { instructions: e.currentTarget.value })}
                    data-testid={`followup-${i}-instructions`}
                  />
                  <TextInput
                    type="date"
                    label={t('conferences.record.due')}
                    description={t('conferences.record.dueHint')}
                    value={r.due}
                    min={localDate(new Date())}
                    error={err(`followUps.${i}.dueAt`)}
                    onChange={(e) => update(i, { due: e.currentTarget.value })}
                    data-testid={`followup-${i}-due`}
                  />
                </SimpleGrid>
                <Group justify="flex-end" mt={4}>
                  <Button variant="subtle" color="gray" size="xs" onClick={() => setRows((list) => list.filter((_, j) => j !== i))}>
                    {t('conferences.form.remove')}
                  </Button>
                </Group>
              </Card>
            ))}
          </Stack>
          <Button
            variant="subtle"
            size="xs"
            mt={4}
            onClick={() => setRows((list) => [...list, { agencyType: '', action: 'follow_up', instructions: '', due: defaultDue }])}
            data-testid="followup-add"
          >
            {t('conferences.record.addFollowUp')}
          </Button>
        </div>
        <ErrorAlert error={record.error} fields={['decisions', ...rows.flatMap((_, i) => [`followUps.${i}.agencyType`, `followUps.${i}.dueAt`])]} />
        <Group>
          <Button type="submit" color="teal" loading={record.isPending} data-testid="conference-record-submit">{t('conferences.record.submit')}</Button>
          <Button variant="default" onClick={onDone}>{t('common.cancel')}</Button>
        </Group>
      </Stack>
    </form>
  );
}

function CancelForm({ conference, reportId, onDone }: { conference: Conference; reportId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const cancel = useCancelConference(reportId, conference.id);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      noValidate
      aria-label={t('conferences.cancel.title')}
      onSubmit={(e) => {
        e.preventDefault();
        if (cancel.isPending) return;
        if (!reason.trim()) {
          setError(t('conferences.cancel.reasonRequired'));
          return;
        }
        cancel.mutate(reason.trim(), { onSuccess: onDone });
      }}
    >
      <Stack gap="xs" maw={640}>
        <Textarea
          label={t('conferences.cancel.reason')}
          autosize
          minRows={2}
          maxLength={2000}
          value={reason}
          error={error ?? fieldErrors(cancel.error).reason}
          onChange={(e) => {
            setReason(e.currentTarget.value);
            setError(null);
          }}
          data-testid="conference-cancel-reason"
        />
        <ErrorAlert error={cancel.error} fields={['reason']} />
        <Group>
          <Button type="submit" color="red" variant="light" loading={cancel.isPending} data-testid="conference-cancel-submit">{t('conferences.cancel.submit')}</Button>
          <Button variant="default" onClick={onDone}>{t('common.cancel')}</Button>
        </Group>
      </Stack>
    </form>
  );
}

function participantLabel(p: Participant, agency: (code: string) => string): string {
  return p.name ? `${p.name} (${agency(p.agencyType)})` : agency(p.agencyType);
}

function FollowUps({ tasks }: { tasks: Task[] }) {
  const { t } = useTranslation();
  const vocab = useTaskVocab();
  const now = useNow();
  if (tasks.length === 0) return null;
  return (
    <Stack gap={4} mt="xs">
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>{t('conferences.followUpTasks')}</Text>
      {tasks.map((task) => (
        <Group key={task.id} gap="xs" wrap="wrap" data-testid="conference-followup">
          <Anchor component={Link} to={`/tasks/${task.id}`} size="sm" fw={600}>{vocab.action(task.action)}</Anchor>
          <Text size="sm">— {vocab.agency(task.agencyType)}</Text>
          <TaskStatusBadge status={task.status} />
          <TimeLeft task={task} now={now} />
        </Group>
      ))}
    </Stack>
  );
}

function ConferenceCard({ conference, reportId }: { conference: Conference; reportId: string }) {
  const { t } = useTranslation();
  const vocab = useTaskVocab();
  const [mode, setMode] = useState<'view' | 'record' | 'cancel'>('view');
  const c = conference;
  const manage = c.rights.manage && c.status === 'scheduled';
  return (
    <Card withBorder radius="md" p="md" data-testid="conference-card" data-status={c.status} data-conference-id={c.id}>
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Title order={3} size="h5">{t(`conferences.kind.${c.kind}`)}</Title>
        <Group gap="xs">
          <Text size="sm" fw={600}><time dateTime={c.scheduledAt}>{formatDateTime(c.scheduledAt, vocab.locale)}</time></Text>
          <Badge color={CONFERENCE_STATUS_COLORS[c.status]} variant="light" data-testid="conference-status">{t(`conferences.status.${c.status}`)}</Badge>
        </Group>
      </Group>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs" mt="xs">
        <Text size="sm"><Text span c="dimmed">{t('conferences.location')}: </Text>{c.location ?? '—'}</Text>
        <Text size="sm"><Text span c="dimmed">{t('conferences.organiser')}: </Text>{c.organiserName ?? '—'}</Text>
      </SimpleGrid>
      {c.agenda && (
        <Text size="sm" mt="xs" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
          <Text span c="dimmed">{t('conferences.agenda')}: </Text>{c.agenda}
        </Text>
      )}
      <Group gap={6} mt="xs" wrap="wrap" data-testid="conference-participants">
        {c.participants.map((p, i) => (
          <Badge
            key={i}
            variant={p.attended ? 'light' : 'outline'}
            color={p.attended === false ? 'gray' : 'blue'}
            tt="none"
            title={p.attended === null ? undefined : p.attended ? t('conferences.attended') : t('conferences.absent')}
          >
            {p.attended === true ? '✓ ' : p.attended === false ? '✗ ' : ''}{participantLabel(p, vocab.agency)}
          </Badge>
        ))}
      </Group>
      {c.status === 'held' && (
        <>
          <Divider my="sm" />
          <Text size="xs" c="dimmed" tt="uppercase" fw={600}>{t('conferences.decisions')}</Text>
          {c.decisions === null ? (
            <Text size="sm" c="dimmed" fs="italic">{t('conferences.decisionsWithheld')}</Text>
          ) : (
            <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} data-testid="conference-decisions-text">{c.decisions}</Text>
          )}
          <FollowUps tasks={c.followUpTasks} />
        </>
      )}
      {c.status === 'cancelled' && c.decisions && (
        <Text size="sm" mt="xs"><Text span c="dimmed">{t('conferences.cancelReason')}: </Text>{c.decisions}</Text>
      )}
      {manage && mode === 'view' && (
        <Group mt="sm" gap="xs">
          <Button size="xs" color="teal" onClick={() => setMode('record')} data-testid="conference-record-open">{t('conferences.record.title')}</Button>
          <Button size="xs" variant="default" onClick={() => setMode('cancel')} data-testid="conference-cancel-open">{t('conferences.cancel.title')}</Button>
        </Group>
      )}
      {manage && mode === 'record' && (
        <>
          <Divider my="sm" label={t('conferences.record.title')} labelPosition="left" />
          <RecordForm conference={c} reportId={reportId} onDone={() => setMode('view')} />
        </>
      )}
      {manage && mode === 'cancel' && (
        <>
          <Divider my="sm" label={t('conferences.cancel.title')} labelPosition="left" />
          <CancelForm conference={c} reportId={reportId} onDone={() => setMode('view')} />
        </>
      )}
    </Card>
  );
}

/** The report's case conferences: the list, scheduling one, recording what it decided. */
export function ReportConferences({ report }: { report: Report }) {
  const { t } = useTranslation();
  const user = useUser();
  const list = useReportConferences(report.id);
  const [scheduling, setScheduling] = useState(false);
  const mayManage = roleHas(user.role, 'conferences.manage') && report.status !== 'closed';
  const items = list.data ?? [];
  return (
    <Stack gap="sm">
      <ErrorAlert error={list.error} />
      {list.isSuccess && items.length === 0 && <Text c="dimmed" data-testid="conferences-none">{t('conferences.none')}</Text>}
      {items.map((c) => <ConferenceCard key={c.id} conference={c} reportId={report.id} />)}
      {mayManage && !scheduling && (
        <Group>
          <Button variant="light" onClick={() => setScheduling(true)} data-testid="conference-schedule-open">{t('conferences.schedule')}</Button>
        </Group>
      )}
      {mayManage && scheduling && (
        <Card withBorder radius="md" p="md">
          <Title order={3} size="h5" mb="sm">{t('conferences.schedule')}</Title>
          <ScheduleForm report={report} onDone={() => setScheduling(false)} />
        </Card>
      )}
    </Stack>
  );
}
