import { useState, type ReactNode } from 'react';
import { Alert, Anchor, Badge, Button, Card, Group, Modal, NativeSelect, Stack, Text, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { REFERRAL_DECLINE_REASONS, REFERRAL_OUTCOMES, type ReferralDeclineReason, type ReferralOutcome } from '@qorgau/core';
import { ErrorAlert } from '../components/error-alert.tsx';
import { formatDate, formatDateTime, localName } from '../format.ts';
import { fieldErrors } from '../i18n/errors.ts';
import { isFullRefusal, useReferralStep } from './api.ts';
import type { Referral } from './types.ts';
import { REFERRAL_STATUS_COLORS, useServiceVocab } from './vocab.ts';

export function personLine(p: Referral['person']): string {
  return p ? [p.lastName, p.firstName, p.middleName].filter(Boolean).join(' ') : '—';
}

function Line({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Text size="sm"><Text span c="dimmed">{label}: </Text>{children}</Text>
  );
}

/** The provider's and the case side's answers: what happened after the referral was sent. */
export function ReferralAnswers({ r }: { r: Referral }) {
  const { t } = useTranslation();
  const vocab = useServiceVocab();
  return (
    <>
      {r.decidedAt && r.status !== 'cancelled' && (
        <Line label={r.declineReason ? t('services.ref.declinedAt') : t('services.ref.acceptedAt')}>
          {formatDateTime(r.decidedAt, vocab.locale)}{r.decidedByName ? ` · ${r.decidedByName}` : ''}
        </Line>
      )}
      {r.declineReason && <Line label={t('services.ref.declineReason')}>{vocab.declineReason(r.declineReason)}{r.declineNote ? ` — ${r.declineNote}` : ''}</Line>}
      {r.status === 'cancelled' && <Line label={t('services.ref.cancelNote')}>{r.declineNote ?? '—'}</Line>}
      {r.deliveredAt && <Line label={t('services.ref.deliveredAt')}>{formatDateTime(r.deliveredAt, vocab.locale)}</Line>}
      {r.outcome && <Line label={t('services.ref.outcome')}>{vocab.outcome(r.outcome)}</Line>}
      {r.feedback && (
        <Alert color="teal" variant="light" title={t('services.ref.feedback')} data-testid="referral-feedback">
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>{r.feedback}</Text>
        </Alert>
      )}
    </>
  );
}

function DeclineDialog({ r, opened, onClose }: { r: Referral; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const vocab = useServiceVocab();
  const step = useReferralStep(r.id);
  const [reason, setReason] = useState<ReferralDeclineReason>('no_capacity');
  const [note, setNote] = useState('');
  const errors = fieldErrors(step.error);
  return (
    <Modal opened={opened} onClose={onClose} title={t('services.ref.declineTitle')}>
      <form onSubmit={(e) => { e.preventDefault(); step.mutate({ step: 'decline', reason, ...(note.trim() ? { note: note.trim() } : {}) }, { onSuccess: onClose }); }}>
        <Stack>
          <NativeSelect label={t('services.ref.declineReason')} value={reason} data-testid="decline-reason"
            data={REFERRAL_DECLINE_REASONS.map((c) => ({ value: c, label: vocab.declineReason(c) }))} onChange={(e) => setReason(e.currentTarget.value as ReferralDeclineReason)} />
          <Textarea label={t('services.ref.declineNote')} required={reason === 'other'} autosize minRows={2} value={note} error={errors.note} data-testid="decline-note" onChange={(e) => setNote(e.currentTarget.value)} />
          {step.isError && <ErrorAlert error={step.error} fields={['note', 'reason']} />}
          <Group><Button type="submit" color="red" loading={step.isPending} data-testid="decline-submit">{t('services.ref.decline')}</Button></Group>
        </Stack>
      </form>
    </Modal>
  );
}

function FeedbackDialog({ r, opened, onClose }: { r: Referral; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const vocab = useServiceVocab();
  const step = useReferralStep(r.id);
  const [outcome, setOutcome] = useState<ReferralOutcome>('goals_met');
  const [feedback, setFeedback] = useState('');
  const errors = fieldErrors(step.error);
  return (
    <Modal opened={opened} onClose={onClose} title={t('services.ref.feedbackTitle')} size="lg">
      <form onSubmit={(e) => { e.preventDefault(); step.mutate({ step: 'feedback', outcome, feedback: feedback.trim() }, { onSuccess: onClose }); }}>
        <Stack>
          <NativeSelect label={t('services.ref.outcome')} value={outcome} data-testid="feedback-outcome"
            data={REFERRAL_OUTCOMES.map((c) => ({ value: c, label: vocab.outcome(c) }))} onChange={(e) => setOutcome(e.currentTarget.value as ReferralOutcome)} />
          <Textarea label={t('services.ref.feedback')} description={t('services.ref.feedbackHint')} required autosize minRows={4} value={feedback} error={errors.feedback} data-testid="feedback-text" onChange={(e) => setFeedback(e.currentTarget.value)} />
          {step.isError && <ErrorAlert error={step.error} fields={['feedback', 'outcome']} />}
          <Group><Button type="submit" loading={step.isPending} data-testid="feedback-submit">{t('services.ref.sendFeedback')}</Button></Group>
        </Stack>
      </form>
    </Modal>
  );
}

export function CancelDialog({ r, opened, onClose }: { r: Referral; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const step = useReferralStep(r.id);
  const [note, setNote] = useState('');
  const errors = fieldErrors(step.error);
  return (
    <Modal opened={opened} onClose={onClose} title={t('services.ref.cancelTitle')}>
      <form onSubmit={(e) => { e.preventDefault(); step.mutate({ step: 'cancel', note: note.trim() }, { onSuccess: onClose }); }}>
        <Stack>
          <Textarea label={t('services.ref.cancelNote')} required autosize minRows={2} value={note} error={errors.note} data-testid="cancel-note" onChange={(e) => setNote(e.currentTarget.value)} />
          {step.isError && <ErrorAlert error={step.error} fields={['note']} />}
          <Group><Button type="submit" color="red" loading={step.isPending} data-testid="cancel-submit">{t('services.ref.cancel')}</Button></Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** Accept, decline, delivered, feedback — what the provider may do now. Accepting when full asks first. */
function ProviderActions({ r }: { r: Referral }) {
  const { t } = useTranslation();
  const step = useReferralStep(r.id);
  const [dialog, setDialog] = useState<'decline' | 'feedback' | null>(null);
  const full = isFullRefusal(step.error);
  return (
    <Stack gap="xs">
      <Group gap="xs">
        {r.rights.accept && <Button size="xs" color="teal" loading={step.isPending} onClick={() => step.mutate({ step: 'accept' })} data-testid="referral-accept">{t('services.ref.accept')}</Button>}
        {r.rights.decline && <Button size="xs" variant="light" color="red" onClick={() => setDialog('decline')} data-testid="referral-decline">{t('services.ref.decline')}</Button>}
        {r.rights.deliver && <Button size="xs" variant="light" loading={step.isPending} onClick={() => step.mutate({ step: 'delivered' })} data-testid="referral-delivered">{t('services.ref.delivered')}</Button>}
        {r.rights.feedback && <Button size="xs" onClick={() => setDialog('feedback')} data-testid="referral-feedback-open">{t('services.ref.giveFeedback')}</Button>}
      </Group>
      {full && (
        <Alert color="orange" title={t('services.ref.fullTitle')} data-testid="referral-full">
          <Stack gap="xs">
            <Text size="sm">{t('services.ref.fullText', { occupancy: r.provider.occupancy, capacity: r.provider.capacity })}</Text>
            <Group gap="xs">
              <Button size="xs" color="orange" loading={step.isPending} onClick={() => step.mutate({ step: 'accept', overCapacity: true })} data-testid="referral-accept-over">{t('services.ref.acceptAnyway')}</Button>
              <Button size="xs" variant="default" onClick={() => step.reset()}>{t('common.cancel')}</Button>
            </Group>
          </Stack>
        </Alert>
      )}
      {step.isError && !full && <ErrorAlert error={step.error} />}
      {step.data?.overCapacity && <Text size="sm" c="orange" role="status">{t('services.ref.acceptedOver')}</Text>}
      <DeclineDialog r={r} opened={dialog === 'decline'} onClose={() => setDialog(null)} />
      <FeedbackDialog r={r} opened={dialog === 'feedback'} onClose={() => setDialog(null)} />
    </Stack>
  );
}

/** One referral in the provider's queue: the child, the service, why, who referred — and the next step. */
export function QueueCard({ r, showProvider }: { r: Referral; showProvider: boolean }) {
  const { t } = useTranslation();
  const vocab = useServiceVocab();
  return (
    <Card withBorder data-testid="referral-card" data-status={r.status}>
      <Stack gap={6}>
        <Group justify="space-between" align="start" wrap="wrap">
          <div>
            <Text fw={600} size="lg" data-testid="referral-person">{personLine(r.person)}</Text>
            <Text size="sm" c="dimmed">
              {r.person?.birthDate ? t('services.ref.born', { date: formatDate(r.person.birthDate, vocab.locale), age: r.person.age ?? '—' }) : t('services.ref.birthUnknown')}
            </Text>
          </div>
          <Group gap="xs">
            {r.urgency === 'urgent' && <Badge color="red" variant="filled">{t('services.ref.urgent')}</Badge>}
            <Badge color={REFERRAL_STATUS_COLORS[r.status]} variant="light" data-testid="referral-status">{vocab.status(r.status)}</Badge>
          </Group>
        </Group>
        <Line label={t('services.service')}>{vocab.service(r.service)}</Line>
        {showProvider && <Line label={t('services.provider')}>{localName(r.provider.name, vocab.locale)}</Line>}
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} data-testid="referral-reason"><Text span c="dimmed">{t('services.ref.reason')}: </Text>{r.reason}</Text>
        <Line label={t('services.ref.referredBy')}>
          {/* the unit's name already says the agency */}
          {[r.referredBy.name, r.referredBy.unitName ? localName(r.referredBy.unitName, vocab.locale) : vocab.agency(r.referredBy.agencyType)].filter(Boolean).join(' · ')}
          {r.referredBy.email ? <> · <Anchor href={`mailto:${r.referredBy.email}`} size="sm">{r.referredBy.email}</Anchor></> : null}
        </Line>
        <Line label={t('services.ref.caseAndDate')}>{`№ ${r.caseNumber} · ${formatDateTime(r.referredAt, vocab.locale)}`}</Line>
        <ReferralAnswers r={r} />
        <ProviderActions r={r} />
      </Stack>
    </Card>
  );
}
