import { useRef, useState, type FormEvent } from 'react';
import { Button, Group, NativeSelect, Stack, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../components/error-alert.tsx';
import { blockingTaskIds, ClosingBlocked } from '../tasks/report-tasks.tsx';
import { fieldErrors } from '../i18n/errors.ts';
import { useChangeStatus } from './api.ts';
import { useStatusLabel } from './status.ts';
import type { Report, ReportStatus } from './types.ts';

/** Where a report may go from each status (the server decides; this only offers the sensible ones). */
const NEXT: Record<ReportStatus, ReportStatus[]> = {
  registered: ['in_progress', 'closed'],
  in_progress: ['closed', 'registered'],
  closed: ['in_progress'],
};

/** Change of status; closing and reopening need a reason. */
export function StatusChange({ report }: { report: Report }) {
  const { t } = useTranslation();
  const statusLabel = useStatusLabel();
  const change = useChangeStatus(report.id);
  const options = NEXT[report.status] ?? [];
  const [status, setStatus] = useState<ReportStatus | ''>('');
  const [reason, setReason] = useState('');
  const [localError, setLocalError] = useState<string | null>(null);
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  const needsReason = status === 'closed' || report.status === 'closed';
  const server = fieldErrors(change.error);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!status || change.isPending) return;
    if (needsReason && !reason.trim()) {
      setLocalError(t('report.statusChange.reasonRequired'));
      reasonRef.current?.focus();
      return;
    }
    change.mutate(
      { status, ...(reason.trim() ? { statusReason: reason.trim() } : {}) },
      {
        onSuccess: () => {
          setStatus('');
          setReason('');
        },
        onError: () => reasonRef.current?.focus(),
      },
    );
  };

  if (options.length === 0) return null;
  return (
    <form onSubmit={submit} noValidate data-testid="status-form" aria-label={t('report.statusChange.title')}>
      <Stack gap="sm" maw={560}>
        {blockingTaskIds(change.error).length ? (
          <ClosingBlocked error={change.error} tasks={report.tasks} />
        ) : (
          <ErrorAlert error={change.error} fields={['status', 'statusReason']} />
        )}
        <NativeSelect
          label={t('report.statusChange.newStatus')}
          data={[{ value: '', label: t('common.choose') }, ...options.map((s) => ({ value: s, label: statusLabel(s) }))]}
          value={status}
          error={server.status}
          onChange={(e) => {
            setStatus(e.currentTarget.value as ReportStatus | '');
            setLocalError(null);
          }}
          data-testid="status-select"
        />
        {status === 'closed' && !change.error && <ClosingBlocked tasks={report.tasks} preview />}
        {status && (
          <Textarea
            ref={reasonRef}
            label={t('report.statusChange.reason')}
            description={needsReason ? t('report.statusChange.reasonHint') : undefined}
            required={needsReason}
            autosize
            minRows={2}
            maxLength={2000}
            value={reason}
            error={localError ?? server.statusReason}
            onChange={(e) => {
              setReason(e.currentTarget.value);
              setLocalError(null);
            }}
            data-testid="status-reason"
          />
        )}
        <Group>
          <Button type="submit" disabled={!status} loading={change.isPending} data-testid="status-submit">
            {t('report.statusChange.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
