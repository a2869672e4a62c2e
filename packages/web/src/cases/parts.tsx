import type { ReactNode } from 'react';
import { Badge, Paper, Text, Title } from '@mantine/core';
import type { CaseStatus, RiskLevel } from '@qorgau/core';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../format.ts';
import { ageOn } from '../persons/person-text.ts';
import { RISK_COLORS, STATUS_COLORS, type CaseChild } from './types.ts';
import { kzToday } from './dates.ts';
import { useCaseVocab } from './vocab.ts';

export function StatusBadge({ status, size = 'md', testId }: { status: CaseStatus; size?: 'sm' | 'md' | 'lg'; testId?: string }) {
  const vocab = useCaseVocab();
  return <Badge color={STATUS_COLORS[status]} variant={status === 'closed' ? 'outline' : 'light'} size={size} data-testid={testId} data-status={status}>{vocab.status(status)}</Badge>;
}

export function RiskBadge({ level, size = 'md', testId }: { level: RiskLevel | null; size?: 'sm' | 'md' | 'lg'; testId?: string }) {
  const { t } = useTranslation();
  const vocab = useCaseVocab();
  if (!level) return <Text span c="dimmed" size="sm" data-testid={testId} data-level="">{t('cases.risk.none')}</Text>;
  return (
    <Badge color={RISK_COLORS[level]} variant={level === 'low' ? 'light' : 'filled'} size={size} data-testid={testId} data-level={level}>
      {vocab.risk(level)}
    </Badge>
  );
}

export function Fact({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>{label}</Text>
      <Text fw={500} mt={2} data-testid={testId} component="div">{children}</Text>
    </div>
  );
}

export function Section({ title, children, testId, actions }: { title: string; children: ReactNode; testId?: string; actions?: ReactNode }) {
  const id = `section-${testId ?? title}`;
  return (
    <Paper component="section" withBorder p="md" radius="md" aria-labelledby={id} data-testid={testId}>
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 8, flexWrap: 'wrap', marginBottom: 'var(--mantine-spacing-sm)' }}>
        <Title order={2} size="h4" id={id}>{title}</Title>
        {actions}
      </div>
      {children}
    </Paper>
  );
}

/** "Name (12)" for each child of the case. */
export function childrenText(children: CaseChild[]): string {
  return children.map((c) => {
    const age = ageOn(c.birthDate);
    return age === null ? c.name : `${c.name} (${age})`;
  }).join(', ');
}

export function DateText({ value }: { value: string | null | undefined }) {
  const vocab = useCaseVocab();
  return <>{value ? formatDate(value, vocab.locale) : '—'}</>;
}

/** The next review date, in red once it has passed. */
export function ReviewDate({ value, testId }: { value: string | null | undefined; testId?: string }) {
  const { t } = useTranslation();
  const vocab = useCaseVocab();
  if (!value) return <>—</>;
  const due = value <= kzToday();
  return (
    <Text span c={due ? 'red.7' : undefined} fw={due ? 700 : undefined} data-testid={testId} data-due={due} title={due ? t('cases.list.reviewDue') : undefined}>
      {formatDate(value, vocab.locale)}
    </Text>
  );
}
