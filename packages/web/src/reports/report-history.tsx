import { Badge, Group, Text, Timeline } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { isAuditAction } from '../audit/actions.ts';
import { ErrorAlert } from '../components/error-alert.tsx';
import { formatDateTimeSeconds } from '../format.ts';
import { useLocale } from '../i18n/use-locale.ts';
import { isMissingEndpoint, useReportHistory } from './api.ts';
import { useStatusLabel } from './status.ts';
import type { HistoryEntry } from './types.ts';

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A short line about what changed, from the audit entry's details (ids, field names, counts — never names). */
function useDetailsText() {
  const { t, i18n } = useTranslation();
  const statusLabel = useStatusLabel();
  const fieldLabel = (f: string) => (i18n.exists(`report.history.field.${f}`) ? t(`report.history.field.${f}`) : f);
  return (e: HistoryEntry): string => {
    const d = e.details;
    if (!isRecord(d)) return '';
    const parts: string[] = [];
    const status = d.status;
    if (isRecord(status) && typeof status.from === 'string' && typeof status.to === 'string') {
      parts.push(t('report.history.statusChange', { from: statusLabel(status.from), to: statusLabel(status.to) }));
    } else if (Array.isArray(d.fields) && d.fields.length) {
      if (d.addedIncident) parts.push(t('report.history.incidentAdded'));
      else parts.push(t('report.history.fields', { fields: d.fields.map((f) => fieldLabel(String(f))).join(', ') }));
    }
    if (typeof d.number === 'string') parts.push(t('report.history.number', { number: d.number }));
    if (typeof d.fileName === 'string') parts.push(d.fileName);
    return parts.join(' · ');
  };
}

/** Who did what and when, oldest first, drawn from the audit trail. */
export function ReportHistory({ reportId }: { reportId: string }) {
  const { t, i18n } = useTranslation();
  const locale = useLocale();
  const history = useReportHistory(reportId, true);
  const detailsText = useDetailsText();

  if (history.isError && isMissingEndpoint(history.error)) {
    return <Text c="dimmed" data-testid="history-unavailable">{t('report.history.unavailable')}</Text>;
  }
  if (history.isError) return <ErrorAlert error={history.error} />;
  if (!history.data) return <Text c="dimmed">{t('common.loading')}</Text>;
  if (history.data.length === 0) return <Text c="dimmed">{t('report.history.none')}</Text>;

  const actionLabel = (a: string) => (isAuditAction(a) ? t(`auditAction.${a}`) : a);
  const entityLabel = (type: string) => (i18n.exists(`report.history.entity.${type}`) ? t(`report.history.entity.${type}`) : type);

  return (
    <Timeline bulletSize={14} lineWidth={2} data-testid="history" component="ol" style={{ listStyle: 'none', paddingInlineStart: 0 }}>
      {history.data.map((e, i) => {
        const details = detailsText(e);
        return (
          <Timeline.Item
            key={`${e.at}-${i}`}
            component="li"
            data-testid="history-item"
            title={
              <Group gap="xs" wrap="wrap">
                <Badge variant="light" color={e.action === 'create' ? 'teal' : e.action === 'update' ? 'blue' : 'gray'}>
                  {actionLabel(e.action)}
                </Badge>
                <Text fw={600} size="sm">{entityLabel(e.entityType)}</Text>
              </Group>
            }
          >
            {details && <Text size="sm">{details}</Text>}
            <Text size="xs" c="dimmed" mt={2}>
              <time dateTime={e.at}>{formatDateTimeSeconds(e.at, locale)}</time> · {e.username ?? t('report.history.system')}
            </Text>
          </Timeline.Item>
        );
      })}
    </Timeline>
  );
}
