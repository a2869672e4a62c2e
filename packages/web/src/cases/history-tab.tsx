import { Anchor, Group, Text, Timeline } from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { formatDate, formatDateTime } from '../format.ts';
import { Section } from './parts.tsx';
import type { CaseEvent, CaseFile } from './types.ts';
import { useCaseVocab } from './vocab.ts';

const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');

/** One event of the case in words (details hold codes and ids only). */
function useEventText() {
  const { t } = useTranslation();
  const vocab = useCaseVocab();
  return (e: CaseEvent): string => {
    const d = e.details;
    const kind = str(d.kind);
    switch (e.kind) {
      case 'opened': return t('cases.history.opened', { kind: vocab.kind(kind) });
      case 'status':
        if (d.reopened === true) return t('cases.history.statusReopened', { to: vocab.status(e.toStatus) });
        return t('cases.history.status', { from: vocab.status(e.fromStatus), to: vocab.status(e.toStatus) });
      case 'assessed': return t('cases.history.assessed', { level: vocab.risk(str(d.level)), score: str(d.score), safety: vocab.safety(str(d.safetyDecision)) });
      case 'member_added': return t('cases.history.memberAdded', { relation: vocab.relation(str(d.relation)) });
      case 'member_updated': return t('cases.history.memberUpdated');
      case 'member_removed': return t('cases.history.memberRemoved');
      case 'agency_added': return t('cases.history.agencyAdded', { agency: vocab.agency(str(d.agencyType)) });
      case 'agency_removed': return t('cases.history.agencyRemoved', { agency: vocab.agency(str(d.agencyType)) });
      case 'report_linked': return t('cases.history.reportLinked', { number: str(d.reportNumber) });
      case 'approval_requested':
        return kind === 'closure' ? t('cases.history.closureRequested', { reason: vocab.closeReason(str(d.closeReason)) }) : t('cases.history.planRequested');
      case 'approved': return kind === 'closure' ? t('cases.history.closureApproved') : t('cases.history.planApproved');
      case 'rejected': return kind === 'closure' ? t('cases.history.closureRejected') : t('cases.history.planRejected');
      case 'reopened': return t('cases.history.reopened');
      case 'transfer_requested': return t('cases.history.transferRequested', { agency: vocab.agency(str(d.toAgencyType)) });
      case 'transferred': return t('cases.history.transferred', { from: vocab.agency(str(d.fromAgencyType)), to: vocab.agency(str(d.toAgencyType)) });
      case 'transfer_declined': return t('cases.history.transferDeclined', { agency: vocab.agency(str(d.toAgencyType)) });
      case 'transfer_cancelled': return t('cases.history.transferCancelled');
      case 'plan_item_added': return kind === 'action' ? t('cases.history.actionAdded') : t('cases.history.goalAdded');
      case 'plan_item_updated':
        return d.status === 'done' ? t('cases.history.planItemDone') : d.status === 'dropped' ? t('cases.history.planItemDropped') : t('cases.history.planItemUpdated');
      case 'visit': return t('cases.history.visit', { date: formatDate(str(d.visitedOn), vocab.locale) });
      case 'note': return t('cases.history.note', { sensitivity: vocab.sensitivity(str(d.sensitivity)) });
      case 'fact': return t('cases.history.fact', { section: vocab.section(str(d.section)) });
      case 'reviewed': return t('cases.history.reviewed', { decision: vocab.reviewDecision(str(d.decision)) });
      default: return e.kind;
    }
  };
}

const COLORS: Record<string, string> = {
  opened: 'blue', status: 'teal', approved: 'teal', rejected: 'red', approval_requested: 'grape', reopened: 'orange', assessed: 'cyan', reviewed: 'yellow',
  transferred: 'grape', transfer_requested: 'grape',
};

export function HistoryTab({ c }: { c: CaseFile }) {
  const { t } = useTranslation();
  const vocab = useCaseVocab();
  const text = useEventText();
  return (
    <Section title={t('cases.history.title')} testId="case-history">
      <Timeline bulletSize={14} lineWidth={2} active={c.history.length - 1} data-testid="case-history-list">
        {c.history.map((e) => (
          <Timeline.Item key={e.id} color={COLORS[e.kind] ?? 'gray'} data-testid="case-event" data-kind={e.kind} data-to={e.toStatus ?? ''}
            title={<Text size="sm" fw={600}>{text(e)}</Text>}>
            {e.note && <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{e.note}</Text>}
            {e.kind === 'opened' && typeof e.details.reportId === 'string' && (
              <Anchor component={Link} to={`/reports/${e.details.reportId}`} size="sm">
                {t('cases.history.fromReport', { number: c.reports.find((r) => r.id === e.details.reportId)?.number ?? '' })}
              </Anchor>
            )}
            <Group gap={4}>
              <Text size="xs" c="dimmed">{formatDateTime(e.at, vocab.locale)}{e.user?.name ? ` · ${e.user.name}` : ''}</Text>
            </Group>
          </Timeline.Item>
        ))}
      </Timeline>
    </Section>
  );
}
