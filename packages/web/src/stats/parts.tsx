import type { ReactNode } from 'react';
import { Anchor, Card, Group, NativeSelect, Progress, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Locale } from '@qorgau/core';
import { formatCount, formatGrowth, PRESETS, type Period, type Preset } from './period.ts';

/** Growth against the previous period: an arrow coloured by direction (red: more incidents), one decimal. */
export function Growth({ value, locale, size = 'sm' }: { value: number | null; locale: Locale; size?: 'xs' | 'sm' | 'md' }) {
  const { t } = useTranslation();
  if (value === null) {
    return <Text size={size} c="dimmed" title={t('stats.growth.none')} data-testid="stats-growth">—</Text>;
  }
  const arrow = value > 0 ? '▲' : value < 0 ? '▼' : '■';
  const color = value > 0 ? 'red.8' : value < 0 ? 'teal.8' : 'gray.7';
  const text = formatGrowth(value, locale);
  return (
    <Text size={size} fw={600} c={color} style={{ whiteSpace: 'nowrap' }} aria-label={t('stats.growth.aria', { value: text })} data-testid="stats-growth">
      <span aria-hidden="true">{arrow}</span> {text}
    </Text>
  );
}

/** A card with a heading, for one figure or chart. */
export function Panel({ title, actions, children, testId }: { title: string; actions?: ReactNode; children: ReactNode; testId?: string }) {
  return (
    <Card withBorder radius="md" padding="md" data-testid={testId} component="section" aria-label={title}>
      <Group justify="space-between" align="center" mb="sm" wrap="wrap" gap="xs">
        <Title order={2} size="h4">{title}</Title>
        {actions}
      </Group>
      {children}
    </Card>
  );
}

export interface BarItem {
  key: string;
  label: string;
  value: number;
  /** the reports behind the figure, for those who may read them */
  href?: string | null;
}

/** A ranked list of bars; each label opens the reports behind it where there is a link. */
export function BarList({ items, locale, testId, empty }: { items: BarItem[]; locale: Locale; testId: string; empty: string }) {
  const max = Math.max(1, ...items.map((i) => i.value));
  if (!items.length) return <Text c="dimmed" size="sm" data-testid={`${testId}-none`}>{empty}</Text>;
  return (
    <Stack gap={8} data-testid={testId} component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
      {items.map((item) => (
        <li key={item.key} data-testid={`${testId}-item`} data-key={item.key}>
          <Group justify="space-between" gap="xs" wrap="nowrap">
            {item.href ? (
              <Anchor component={Link} to={item.href} size="sm" lineClamp={1} title={item.label} data-testid="stats-drill">{item.label}</Anchor>
            ) : (
              <Text size="sm" lineClamp={1} title={item.label}>{item.label}</Text>
            )}
            <Text size="sm" fw={600} style={{ whiteSpace: 'nowrap' }}>{formatCount(item.value, locale)}</Text>
          </Group>
          <Progress value={(item.value / max) * 100} size="sm" radius="xs" color="orange.6" aria-hidden="true" mt={2} />
        </li>
      ))}
    </Stack>
  );
}

/** Period presets and the two dates; editing a date makes the period custom. */
export function PeriodFilter({ preset, period, onChange, invalid = {} }: {
  preset: Preset;
  period: Period;
  onChange: (preset: Preset, custom?: Period) => void;
  invalid?: Record<string, string | undefined>;
}) {
  const { t } = useTranslation();
  return (
    <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm">
      <NativeSelect
        label={t('stats.period.label')}
        data={PRESETS.map((p) => ({ value: p, label: t(`stats.period.${p}`) }))}
        value={preset}
        onChange={(e) => onChange(e.currentTarget.value as Preset, period)}
        data-testid="stats-period"
      />
      <TextInput
        type="date" label={t('stats.period.from')} value={period.from} max={period.to} error={invalid.from}
        onChange={(e) => e.currentTarget.value && onChange('custom', { from: e.currentTarget.value, to: period.to })}
        data-testid="stats-from"
      />
      <TextInput
        type="date" label={t('stats.period.to')} value={period.to} min={period.from} error={invalid.to}
        onChange={(e) => e.currentTarget.value && onChange('custom', { from: period.from, to: e.currentTarget.value })}
        data-testid="stats-to"
      />
    </SimpleGrid>
  );
}
