import { Anchor, Badge, Group, List, Loader, Popover, Stack, Text, UnstyledButton } from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { caseRelationLabels, type CaseRelation } from '@qorgau/core';
import { ApiError } from '../api.ts';
import { ErrorAlert } from '../components/error-alert.tsx';
import { formatDate, formatDateTime } from '../format.ts';
import { useLocale } from '../i18n/use-locale.ts';
import { useCaseFlags, usePersonFlags } from './api.ts';
import { FLAG_COLORS, useFlagText } from './explain.tsx';
import type { Flag } from './types.ts';

const kzDay = (iso: string) => new Date(new Date(iso).getTime() + 5 * 3_600_000).toISOString().slice(0, 10);

/** One flag: a badge that opens why it is raised. */
export function FlagBadge({ flag, size = 'md' }: { flag: Flag; size?: 'sm' | 'md' }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const text = useFlagText()(flag);
  return (
    <Popover width={340} position="bottom-start" shadow="md" withArrow withinPortal trapFocus={false} returnFocus>
      <Popover.Target>
        <UnstyledButton aria-label={t('risk.why', { flag: text.title })} data-testid="risk-flag" data-kind={flag.kind} style={{ borderRadius: 16 }}>
          <Badge color={FLAG_COLORS[flag.kind]} variant="light" size={size} style={{ cursor: 'pointer', textTransform: 'none' }}>{text.title}</Badge>
        </UnstyledButton>
      </Popover.Target>
      <Popover.Dropdown data-testid="risk-flag-why">
        <Stack gap={6}>
          <Text fw={700} size="sm">{text.title}</Text>
          {text.lines.map((line, i) => <Text key={i} size="sm">{line}</Text>)}
          {text.refs.length > 0 && (
            <List size="xs" spacing={2}>
              {text.refs.map((ref, i) => <List.Item key={i}>{ref}</List.Item>)}
            </List>
          )}
          <Text size="xs" c="dimmed">
            {t('risk.since', { date: formatDate(kzDay(flag.since), locale) })} · {t('risk.computed', { date: formatDateTime(flag.computedAt, locale) })}
          </Text>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}

export function FlagBadges({ flags, size }: { flags: Flag[]; size?: 'sm' | 'md' }) {
  return (
    <Group gap={6} wrap="wrap" data-testid="risk-flags">
      {flags.map((f) => <FlagBadge key={f.kind} flag={f} size={size} />)}
    </Group>
  );
}

/** A child's early-warning flags (for the person page); nothing for readers who may not see them. */
export function RiskFlags({ personId }: { personId: string }) {
  const { t } = useTranslation();
  const flags = usePersonFlags(personId);
  if (flags.isPending) return <Loader size="sm" aria-label={t('common.loading')} />;
  if (flags.error instanceof ApiError && flags.error.status < 500) return <Text c="dimmed" size="sm" data-testid="risk-flags-none">{t('risk.none')}</Text>;
  if (flags.isError) return <ErrorAlert error={flags.error} />;
  if (flags.data.length === 0) return <Text c="dimmed" size="sm" data-testid="risk-flags-none">{t('risk.none')}</Text>;
  return <FlagBadges flags={flags.data} />;
}

/** The flags of a case's members (for the case page): each flagged member with their badges. */
export function CaseRiskFlags({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const flags = useCaseFlags(caseId);
  if (flags.isPending) return <Loader size="sm" aria-label={t('common.loading')} />;
  if (flags.error instanceof ApiError && flags.error.status < 500) return null;
  if (flags.isError) return <ErrorAlert error={flags.error} />;
  if (flags.data.length === 0) return <Text c="dimmed" size="sm" data-testid="case-risk-flags-none">{t('risk.noneInCase')}</Text>;
  return (
    <Stack gap="xs" data-testid="case-risk-flags">
      {flags.data.map((m) => (
        <Group key={m.personId} gap="sm" wrap="wrap" align="center" data-testid="case-risk-member">
          <Anchor component={Link} to={`/persons/${m.personId}`} size="sm" fw={600}>{[m.lastName, m.firstName].filter(Boolean).join(' ')}</Anchor>
          <Text size="xs" c="dimmed">{caseRelationLabels[m.relation as CaseRelation]?.[locale] ?? m.relation}</Text>
          <FlagBadges flags={m.flags} size="sm" />
        </Group>
      ))}
    </Stack>
  );
}
