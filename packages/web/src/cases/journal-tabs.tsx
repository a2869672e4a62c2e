import { useState } from 'react';
import { Alert, Badge, Button, Card, Checkbox, Group, NativeSelect, SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { NOTE_SENSITIVITIES, REVIEW_DECISIONS, type NoteSensitivity, type ReviewDecision } from '@qorgau/core';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../components/error-alert.tsx';
import { formatDateTime } from '../format.ts';
import { fieldErrors } from '../i18n/errors.ts';
import { useAddNote, useAddReview, useAddVisit, useMoveStatus } from './api.ts';
import { DateText, Section } from './parts.tsx';
import { kzToday } from './dates.ts';
import type { CaseFile } from './types.ts';
import { useCaseVocab } from './vocab.ts';

const SENSITIVITY_COLORS: Record<NoteSensitivity, string> = { normal: 'gray', restricted: 'orange', confidential: 'red' };

const required = (tried: boolean, value: string, t: (k: string) => string) => (tried && !value.trim() ? t('intake.errors.required') : undefined);

export function VisitsTab({ c }: { c: CaseFile }) {
  const { t } = useTranslation();
  const visits = [...c.visits].sort((a, b) => b.visitedOn.localeCompare(a.visitedOn));
  return (
    <Stack gap="md">
      {c.rights.work && c.status !== 'closed' && <VisitForm c={c} />}
      <Section title={t('cases.visits.title')} testId="case-visits">
        {visits.length === 0 ? <Text c="dimmed" size="sm">{t('cases.visits.none')}</Text> : (
          <Stack gap="sm">
            {visits.map((v) => (
              <Card key={v.id} withBorder padding="sm" radius="md" data-testid="case-visit">
                <Group justify="space-between" wrap="wrap">
                  <Group gap="xs">
                    <Text fw={700}><DateText value={v.visitedOn} /></Text>
                    <Badge size="sm" variant="light" color={v.childrenSeen ? 'teal' : 'orange'}>{v.childrenSeen ? t('cases.visits.childrenSeen') : t('cases.visits.childrenNotSeen')}</Badge>
                  </Group>
                  {v.nextVisitOn && <Text size="sm" c="dimmed">{t('cases.visits.next')}: <DateText value={v.nextVisitOn} /></Text>}
                </Group>
                <Text size="sm" c="dimmed">{t('cases.visits.visitors')}: {v.visitors}</Text>
                <Text size="sm" mt={4} style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{v.observations}</Text>
                <Text size="xs" c="dimmed" mt={4}>{v.author.name ?? ''}</Text>
              </Card>
            ))}
          </Stack>
        )}
      </Section>
    </Stack>
  );
}

function VisitForm({ c }: { c: CaseFile }) {
  const { t } = useTranslation();
  const add = useAddVisit(c.id);
  const [visitedOn, setVisitedOn] = useState(kzToday);
  const [visitors, setVisitors] = useState('');
  const [childrenSeen, setChildrenSeen] = useState(true);
  const [observations, setObservations] = useState('');
  const [nextVisitOn, setNextVisitOn] = useState('');
  const [tried, setTried] = useState(false);
  const errors = fieldErrors(add.error);
  const submit = () => {
    setTried(true);
    if (!visitedOn || !visitors.trim() || !observations.trim()) return;
    add.mutate({ visitedOn, visitors: visitors.trim(), childrenSeen, observations: observations.trim(), nextVisitOn: nextVisitOn || null }, {
      onSuccess: () => { setVisitors(''); setObservations(''); setNextVisitOn(''); setTried(false); },
    });
  };
  return (
    <Section title={t('cases.visits.add')} testId="case-visit-form">
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <TextInput label={t('cases.visits.date')} type="date" required value={visitedOn} max={kzToday()} onChange={(e) => setVisitedOn(e.currentTarget.value)}
            error={errors.visitedOn ?? required(tried, visitedOn, t)} data-testid="case-visit-date" />
          <TextInput label={t('cases.visits.visitors')} description={t('cases.visits.visitorsHint')} required value={visitors} maxLength={500} onChange={(e) => setVisitors(e.currentTarget.value)}
            error={errors.visitors ?? required(tried, visitors, t)} data-testid="case-visit-visitors" />
          <TextInput label={t('cases.visits.next')} type="date" value={nextVisitOn} min={visitedOn} onChange={(e) => setNextVisitOn(e.currentTarget.value)}
            error={errors.nextVisitOn} data-testid="case-visit-next" />
        </SimpleGrid>
        <Checkbox label={t('cases.visits.childrenSeenLabel')} checked={childrenSeen} onChange={(e) => setChildrenSeen(e.currentTarget.checked)} data-testid="case-visit-children-seen" />
        <Textarea label={t('cases.visits.observations')} required autosize minRows={3} maxLength={10_000} value={observations} onChange={(e) => setObservations(e.currentTarget.value)}
          error={errors.observations ?? required(tried, observations, t)} data-testid="case-visit-observations" />
        {add.isError && <ErrorAlert error={add.error} fields={['visitedOn', 'visitors', 'observations', 'nextVisitOn']} />}
        <Group><Button loading={add.isPending} onClick={submit} data-testid="case-visit-save">{t('cases.visits.save')}</Button></Group>
      </Stack>
    </Section>
  );
}

export function NotesTab({ c }: { c: CaseFile }) {
  const { t } = useTranslation();
  const vocab = useCaseVocab();
  const notes = [...c.notes].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  return (
    <Stack gap="md">
      {c.rights.work && <NoteForm c={c} />}
      <Section title={t('cases.notes.title')} testId="case-notes">
        {c.hiddenNotes > 0 && (
          <Alert color="gray" variant="light" mb="sm" data-testid="case-hidden-notes" data-count={c.hiddenNotes}>
            {t('cases.notes.hidden', { n: c.hiddenNotes })}
          </Alert>
        )}
        {notes.length === 0 ? <Text c="dimmed" size="sm">{t('cases.notes.none')}</Text> : (
          <Stack gap="sm">
            {notes.map((n) => (
              <Card key={n.id} withBorder padding="sm" radius="md" data-testid="case-note" data-sensitivity={n.sensitivity}>
                <Group justify="space-between" wrap="wrap" mb={4}>
                  <Text size="xs" c="dimmed">{formatDateTime(n.createdAt, vocab.locale)} · {n.author.name ?? '—'}{n.authorAgency ? ` · ${vocab.agency(n.authorAgency)}` : ''}</Text>
                  <Badge size="sm" variant={n.sensitivity === 'normal' ? 'outline' : 'light'} color={SENSITIVITY_COLORS[n.sensitivity]}>{vocab.sensitivity(n.sensitivity)}</Badge>
                </Group>
                <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{n.body}</Text>
              </Card>
            ))}
          </Stack>
        )}
      </Section>
    </Stack>
  );
}

function NoteForm({ c }: { c: CaseFile }) {
  const { t } = useTranslation();
  const vocab = useCaseVocab();
  const add = useAddNote(c.id);
  const [sensitivity, setSensitivity] = useState<NoteSensitivity>('normal');
  const [body, setBody] = useState('');
  const [tried, setTried] = useState(false);
  const errors = fieldErrors(add.error);
  return (
    <Section title={t('cases.notes.add')} testId="case-note-form">
      <Stack gap="sm">
        <Textarea label={t('cases.notes.body')} required autosize minRows={3} maxLength={10_000} value={body} onChange={(e) => setBody(e.currentTarget.value)}
          error={errors.body ?? required(tried, body, t)} data-testid="case-note-body" />
        <NativeSelect label={t('cases.notes.sensitivity')} description={t(`cases.notes.sensitivityHint.${sensitivity}`)} value={sensitivity} w={{ base: '100%', sm: 420 }}
          onChange={(e) => setSensitivity(e.currentTarget.value as NoteSensitivity)} data-testid="case-note-sensitivity"
          data={NOTE_SENSITIVITIES.map((s) => ({ value: s, label: vocab.sensitivity(s) }))} />
        {add.isError && <ErrorAlert error={add.error} fields={['body', 'sensitivity']} />}
        <Group>
          <Button loading={add.isPending} data-testid="case-note-save"
            onClick={() => { setTried(true); if (body.trim()) add.mutate({ sensitivity, body: body.trim() }, { onSuccess: () => { setBody(''); setTried(false); } }); }}>
            {t('cases.notes.save')}
          </Button>
        </Group>
      </Stack>
    </Section>
  );
}

export function ReviewsTab({ c }: { c: CaseFile }) {
  const { t } = useTranslation();
  const vocab = useCaseVocab();
  const move = useMoveStatus(c.id);
  const reviews = [...c.reviews].sort((a, b) => b.heldOn.localeCompare(a.heldOn));
  return (
    <Stack gap="md">
      {c.rights.lead && c.status === 'review' && <ReviewForm c={c} />}
      {c.rights.lead && c.status === 'in_progress' && (
        <Alert color="blue" variant="light">
          <Group justify="space-between" wrap="wrap">
            <Text size="sm">{t('cases.reviews.startHint')}{c.nextReviewOn && <> {t('cases.reviews.due')} <DateText value={c.nextReviewOn} />.</>}</Text>
            <Button size="xs" loading={move.isPending} onClick={() => move.mutate({ to: 'review' })}>{t('cases.actions.startReview')}</Button>
          </Group>
          {move.isError && <ErrorAlert error={move.error} />}
        </Alert>
      )}
      <Section title={t('cases.reviews.title')} testId="case-reviews">
        {reviews.length === 0 ? <Text c="dimmed" size="sm">{t('cases.reviews.none')}</Text> : (
          <Stack gap="sm">
            {reviews.map((r) => (
              <Card key={r.id} withBorder padding="sm" radius="md" data-testid="case-review" data-decision={r.decision}>
                <Group gap="xs" wrap="wrap">
                  <Text fw={700}><DateText value={r.heldOn} /></Text>
                  <Badge variant="light">{vocab.reviewDecision(r.decision)}</Badge>
                  {r.dueOn && <Text size="xs" c="dimmed">{t('cases.reviews.wasDue')} <DateText value={r.dueOn} /></Text>}
                </Group>
                <Text size="sm" mt={4} style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{r.summary}</Text>
                <Text size="xs" c="dimmed" mt={4}>{r.heldBy.name ?? ''}</Text>
              </Card>
            ))}
          </Stack>
        )}
      </Section>
    </Stack>
  );
}

function ReviewForm({ c }: { c: CaseFile }) {
  const { t } = useTranslation();
  const vocab = useCaseVocab();
  const add = useAddReview(c.id);
  const [heldOn, setHeldOn] = useState(kzToday);
  const [decision, setDecision] = useState<ReviewDecision | ''>('');
  const [summary, setSummary] = useState('');
  const [tried, setTried] = useState(false);
  const errors = fieldErrors(add.error);
  const submit = () => {
    setTried(true);
    if (!heldOn || !decision || !summary.trim()) return;
    add.mutate({ heldOn, decision, summary: summary.trim() }, { onSuccess: () => { setSummary(''); setDecision(''); setTried(false); } });
  };
  return (
    <Section title={t('cases.reviews.add')} testId="case-review-form">
      <Stack gap="sm">
        <Text size="sm" c="dimmed">{t('cases.reviews.intro')}</Text>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" maw={640}>
          <TextInput label={t('cases.reviews.heldOn')} type="date" required value={heldOn} max={kzToday()} onChange={(e) => setHeldOn(e.currentTarget.value)}
            error={errors.heldOn ?? required(tried, heldOn, t)} data-testid="case-review-date" />
          <NativeSelect label={t('cases.reviews.decision')} required value={decision} onChange={(e) => setDecision(e.currentTarget.value as ReviewDecision | '')}
            error={errors.decision ?? required(tried, decision, t)} data-testid="case-review-decision"
            data={[{ value: '', label: t('common.choose') }, ...REVIEW_DECISIONS.map((d) => ({ value: d, label: vocab.reviewDecision(d) }))]} />
        </SimpleGrid>
        <Textarea label={t('cases.reviews.summary')} required autosize minRows={3} maxLength={10_000} value={summary} onChange={(e) => setSummary(e.currentTarget.value)}
          error={errors.summary ?? required(tried, summary, t)} data-testid="case-review-summary" />
        {decision === 'close' && <Text size="sm" c="dimmed">{t('cases.reviews.closeHint')}</Text>}
        {add.isError && <ErrorAlert error={add.error} fields={['heldOn', 'decision', 'summary']} />}
        <Group><Button loading={add.isPending} onClick={submit} data-testid="case-review-save">{t('cases.reviews.save')}</Button></Group>
      </Stack>
    </Section>
  );
}
