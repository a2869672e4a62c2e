import { useState } from 'react';
import { Alert, Button, Group, Modal, NativeSelect, Stack, Stepper, Text, Textarea } from '@mantine/core';
import { CASE_CLOSE_REASONS, CASE_STATUSES, type CaseCloseReason } from '@qorgau/core';
import { useTranslation } from 'react-i18next';
import { useUser } from '../auth/session.ts';
import { ErrorAlert } from '../components/error-alert.tsx';
import { formatDateTime } from '../format.ts';
import { fieldErrors } from '../i18n/errors.ts';
import { useDecideApproval, useMoveStatus, useReopen, useRequestApproval } from './api.ts';
import type { Approval, CaseFile } from './types.ts';
import { useCaseVocab } from './vocab.ts';

/** open → assessment → plan → in progress → review → closed, the current step highlighted. */
export function StatusStepper({ c }: { c: CaseFile }) {
  const vocab = useCaseVocab();
  const index = CASE_STATUSES.indexOf(c.status);
  // a closed case has done every step
  const active = c.status === 'closed' ? CASE_STATUSES.length : index;
  return (
    <Stepper active={active} size="xs" iconSize={26} allowNextStepsSelect={false} data-testid="case-stepper" data-status={c.status}
      styles={{ stepLabel: { fontSize: 'var(--mantine-font-size-sm)' } }}>
      {CASE_STATUSES.map((s) => <Stepper.Step key={s} label={vocab.status(s)} aria-current={s === c.status ? 'step' : undefined} />)}
    </Stepper>
  );
}

export function pendingApproval(c: CaseFile): Approval | undefined {
  return c.approvals.find((a) => a.decision === null);
}

/** The pending plan or closure approval: what was asked and, for an approver, Approve / Reject. */
export function ApprovalBanner({ c }: { c: CaseFile }) {
  const { t } = useTranslation();
  const vocab = useCaseVocab();
  const user = useUser();
  const decide = useDecideApproval(c.id);
  const [rejecting, setRejecting] = useState(false);
  const [note, setNote] = useState('');
  const pending = pendingApproval(c);
  if (!pending) return null;
  const mayDecide = c.rights.approve && pending.requestedBy.id !== user.id;
  const errors = fieldErrors(decide.error);
  const title = pending.kind === 'plan' ? t('cases.approval.pendingPlan') : t('cases.approval.pendingClosure');
  return (
    <Alert color="grape" title={title} data-testid="case-approval-banner" data-kind={pending.kind}>
      <Stack gap="xs">
        <Text size="sm">
          {t('cases.approval.requestedBy', { name: pending.requestedBy.name ?? '—', at: formatDateTime(pending.requestedAt, vocab.locale) })}
        </Text>
        {pending.closeReason && <Text size="sm"><b>{t('cases.closure.reason')}:</b> {vocab.closeReason(pending.closeReason)}</Text>}
        {pending.note && <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>{pending.note}</Text>}
        {mayDecide ? (
          <>
            <Textarea label={rejecting ? t('cases.approval.rejectNote') : t('cases.approval.note')} required={rejecting} autosize minRows={1} maxLength={2000}
              value={note} onChange={(e) => setNote(e.currentTarget.value)} error={errors.note} data-testid="case-approval-note" />
            {decide.isError && <ErrorAlert error={decide.error} fields={['note']} />}
            <Group gap="xs">
              <Button color="teal" loading={decide.isPending && !rejecting} data-testid="case-approve"
                onClick={() => { setRejecting(false); decide.mutate({ approvalId: pending.id, decision: 'approved', ...(note.trim() ? { note: note.trim() } : {}) }, { onSuccess: () => setNote('') }); }}>
                {pending.kind === 'plan' ? t('cases.approval.approvePlan') : t('cases.approval.approveClosure')}
              </Button>
              <Button color="red" variant="light" loading={decide.isPending && rejecting} data-testid="case-reject"
                onClick={() => {
                  setRejecting(true);
                  if (note.trim()) decide.mutate({ approvalId: pending.id, decision: 'rejected', note: note.trim() }, { onSuccess: () => setNote('') });
                }}>
                {t('cases.approval.reject')}
              </Button>
            </Group>
            {rejecting && !note.trim() && <Text size="sm" c="red">{t('cases.approval.rejectNeedsNote')}</Text>}
          </>
        ) : (
          <Text size="sm" c="dimmed" data-testid="case-approval-waiting">{t('cases.approval.waiting')}</Text>
        )}
      </Stack>
    </Alert>
  );
}

/** The next step of the workflow for those who steer the case; closure and reopening through a dialog. */
export function WorkflowActions({ c, onGoTo }: { c: CaseFile; onGoTo: (tab: string) => void }) {
  const { t } = useTranslation();
  const move = useMoveStatus(c.id);
  const request = useRequestApproval(c.id);
  const [closing, setClosing] = useState(false);
  const [reopening, setReopening] = useState(false);
  const pending = pendingApproval(c);
  // while a plan or closure waits for its decision the case stands still (the banner says so)
  if (!c.rights.lead || pending) return null;
  // the server asks for an open goal with an open action before the plan goes for approval
  const planned = c.plan.some((p) => p.kind === 'goal' && p.status === 'open') && c.plan.some((p) => p.kind === 'action' && p.status === 'open');

  return (
    <Stack gap="xs">
      <Group gap="xs" data-testid="case-actions">
        {c.status === 'open' && (
          <Button loading={move.isPending} onClick={() => move.mutate({ to: 'assessment' })} data-testid="case-start-assessment">{t('cases.actions.startAssessment')}</Button>
        )}
        {c.status === 'assessment' && (
          <>
            <Button variant="light" onClick={() => onGoTo('assessment')}>{t('cases.actions.assess')}</Button>
            <Button loading={move.isPending} disabled={!c.latestAssessment} onClick={() => move.mutate({ to: 'plan' })} data-testid="case-to-plan"
              title={c.latestAssessment ? undefined : t('cases.actions.needsAssessment')}>
              {t('cases.actions.toPlan')}
            </Button>
          </>
        )}
        {c.status === 'plan' && (
          <>
            <Button variant="light" onClick={() => onGoTo('plan')}>{t('cases.actions.editPlan')}</Button>
            <Button loading={request.isPending} disabled={!planned} onClick={() => request.mutate({ kind: 'plan' })} data-testid="case-request-plan-approval"
              title={planned ? undefined : t('cases.actions.needsGoal')}>
              {t('cases.actions.requestPlanApproval')}
            </Button>
          </>
        )}
        {c.status === 'in_progress' && (
          <Button loading={move.isPending} onClick={() => move.mutate({ to: 'review' })} data-testid="case-start-review">{t('cases.actions.startReview')}</Button>
        )}
        {c.status === 'review' && <Button variant="light" onClick={() => onGoTo('reviews')} data-testid="case-go-review">{t('cases.actions.recordReview')}</Button>}
        {c.status !== 'closed' && (
          <Button variant="default" color="gray" onClick={() => setClosing(true)} data-testid="case-request-closure">{t('cases.actions.requestClosure')}</Button>
        )}
        {c.status === 'closed' && <Button variant="light" onClick={() => setReopening(true)} data-testid="case-reopen">{t('cases.actions.reopen')}</Button>}
      </Group>
      {c.status === 'assessment' && !c.latestAssessment && <Text size="sm" c="dimmed">{t('cases.actions.needsAssessment')}</Text>}
      {c.status === 'plan' && !planned && <Text size="sm" c="dimmed">{t('cases.actions.needsGoal')}</Text>}
      {move.isError && <ErrorAlert error={move.error} />}
      {request.isError && <ErrorAlert error={request.error} />}
      {closing && <ClosureDialog c={c} onClose={() => setClosing(false)} />}
      {reopening && <ReopenDialog c={c} onClose={() => setReopening(false)} />}
    </Stack>
  );
}

function ClosureDialog({ c, onClose }: { c: CaseFile; onClose: () => void }) {
  const { t } = useTranslation();
  const vocab = useCaseVocab();
  const request = useRequestApproval(c.id);
  const [reason, setReason] = useState<CaseCloseReason | ''>('');
  const [note, setNote] = useState('');
  const [tried, setTried] = useState(false);
  const errors = fieldErrors(request.error);
  const submit = () => {
    setTried(true);
    if (!reason || !note.trim()) return;
    request.mutate({ kind: 'closure', closeReason: reason, note: note.trim() }, { onSuccess: onClose });
  };
  return (
    <Modal opened onClose={onClose} title={t('cases.closure.title')} size="lg">
      <Stack gap="sm">
        <Text size="sm" c="dimmed">{t('cases.closure.intro')}</Text>
        <NativeSelect label={t('cases.closure.reason')} required value={reason} data-testid="case-closure-reason"
          error={errors.closeReason ?? (tried && !reason ? t('intake.errors.required') : undefined)}
          data={[{ value: '', label: t('common.choose') }, ...CASE_CLOSE_REASONS.map((r) => ({ value: r, label: vocab.closeReason(r) }))]}
          onChange={(e) => setReason(e.currentTarget.value as CaseCloseReason | '')} />
        <Textarea label={t('cases.closure.note')} required autosize minRows={3} maxLength={2000} value={note} onChange={(e) => setNote(e.currentTarget.value)}
          error={errors.note ?? (tried && !note.trim() ? t('intake.errors.required') : undefined)} data-testid="case-closure-note" />
        {request.isError && <ErrorAlert error={request.error} fields={['closeReason', 'note']} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>{t('common.cancel')}</Button>
          <Button loading={request.isPending} onClick={submit} data-testid="case-closure-submit">{t('cases.closure.submit')}</Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function ReopenDialog({ c, onClose }: { c: CaseFile; onClose: () => void }) {
  const { t } = useTranslation();
  const reopen = useReopen(c.id);
  const [note, setNote] = useState('');
  const [tried, setTried] = useState(false);
  const errors = fieldErrors(reopen.error);
  return (
    <Modal opened onClose={onClose} title={t('cases.reopen.title')}>
      <Stack gap="sm">
        <Text size="sm" c="dimmed">{t('cases.reopen.intro')}</Text>
        <Textarea label={t('cases.reopen.note')} required autosize minRows={2} maxLength={2000} value={note} onChange={(e) => setNote(e.currentTarget.value)}
          error={errors.note ?? (tried && !note.trim() ? t('intake.errors.required') : undefined)} data-testid="case-reopen-note" />
        {reopen.isError && <ErrorAlert error={reopen.error} fields={['note']} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>{t('common.cancel')}</Button>
          <Button loading={reopen.isPending} data-testid="case-reopen-submit"
            onClick={() => { setTried(true); if (note.trim()) reopen.mutate({ note: note.trim() }, { onSuccess: onClose }); }}>
            {t('cases.reopen.submit')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
