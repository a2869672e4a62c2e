import { Badge, Box, Group, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../format.ts';
import { useLocale } from '../i18n/use-locale.ts';
import { personName } from '../persons/person-text.ts';
import type { Band, Contribution, PairPerson } from './types.ts';

export function BandBadge({ band }: { band: Band }) {
  const { t } = useTranslation();
  return <Badge color={band === 'likely' ? 'red' : 'yellow'} variant={band === 'likely' ? 'filled' : 'light'} data-band={band}>{t(`linkage.band.${band}`)}</Badge>;
}

export function birthText(p: Pick<PairPerson, 'birthDate' | 'birthYearApprox'>, locale: ReturnType<typeof useLocale>): string {
  return p.birthDate ? formatDate(p.birthDate, locale) : p.birthYearApprox ? `≈ ${p.birthYearApprox}` : '—';
}

/** Name as written, birth date and region, on one line. */
export function PersonLine({ p }: { p: PairPerson }) {
  const locale = useLocale();
  return (
    <Box>
      <Text fw={500} component="span">{personName(p) || '—'}</Text>
      <Text size="xs" c="dimmed">{[birthText(p, locale), p.regionCode].filter(Boolean).join(' · ')}</Text>
    </Box>
  );
}

/** Largest weight drawn full width: an exact birth date or IIN agreement is about this. */
const SCALE = 20;

/**
 * A field's contribution as a signed bar around zero (green: for the same person, red: against),
 * with the number, and the agreement level in words.
 */
export function ContributionBar({ c, testId }: { c: Contribution; testId?: string }) {
  const { t } = useTranslation();
  const w = c.weight;
  const width = `${Math.min(50, (Math.abs(w) / SCALE) * 50)}%`;
  const label = `${w > 0 ? '+' : ''}${w.toFixed(1)}`;
  return (
    <Group gap="sm" wrap="nowrap" data-testid={testId} data-level={c.level}>
      <Box pos="relative" w={160} h={12} bg="var(--mantine-color-gray-1)" style={{ borderRadius: 3, flexShrink: 0 }} aria-hidden="true">
        <Box pos="absolute" left="50%" top={0} bottom={0} w={1} bg="var(--mantine-color-gray-5)" />
        {w !== 0 && (
          <Box pos="absolute" top={1} bottom={1} style={{ borderRadius: 2, width, ...(w > 0 ? { left: '50%' } : { right: '50%' }) }}
            bg={w > 0 ? 'var(--mantine-color-teal-6)' : 'var(--mantine-color-red-6)'} />
        )}
      </Box>
      <Text ff="monospace" size="sm" w={48} ta="right" c={w > 0 ? 'teal.8' : w < 0 ? 'red.8' : 'dimmed'}>{label}</Text>
      <Text size="sm">{t(`linkage.level.${c.level}`)}</Text>
      {c.notCounted && (
        <Tooltip label={t('linkage.pair.notCountedHint')} multiline w={260}>
          <Badge variant="outline" color="gray" size="sm">{t('linkage.pair.notCounted')}</Badge>
        </Tooltip>
      )}
    </Group>
  );
}
