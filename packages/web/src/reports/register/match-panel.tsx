import { Badge, Button, Group, Paper, Stack, Text, Title, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDate, formatDateTime } from '../../format.ts';
import { MaskedIin } from '../../persons/masked-iin.tsx';
import { ageOn, personName } from '../../persons/person-text.ts';
import type { OpenReportRef, PersonMatch } from '../../persons/types.ts';
import { useStatusLabel } from '../status.ts';
import { useVocab } from '../vocab.ts';

const REASON_KEYS: Record<string, string> = {
  iin: 'intake.match.reason.iin',
  name: 'intake.match.reason.name',
  similar_name: 'intake.match.reason.similar_name',
  birth_date: 'intake.match.reason.birth_date',
  birth_date_differs: 'intake.match.reason.birth_date_differs',
};

const OPEN_WINDOW_MS = 30 * 86_400_000;

/** Open reports received in the last 30 days: the ones worth adding to instead of a new report. */
export function recentOpenReports(reports: readonly OpenReportRef[], now = Date.now()): OpenReportRef[] {
  return reports.filter((r) => r.status !== 'closed' && now - Date.parse(r.receivedAt) <= OPEN_WINDOW_MS);
}

interface Props {
  matches: PersonMatch[];
  testId: string;
  onUse: (match: PersonMatch) => void;
  onAddToReport: (match: PersonMatch, report: OpenReportRef) => void;
}

/** Persons already in the register who may be the child being entered, and why. */
export function MatchPanel({ matches, testId, onUse, onAddToReport }: Props) {
  const { t, i18n } = useTranslation();
  const vocab = useVocab();
  const statusLabel = useStatusLabel();
  const reason = (r: string) => (REASON_KEYS[r] && i18n.exists(REASON_KEYS[r]) ? t(REASON_KEYS[r]) : r);
  if (matches.length === 0) return null;
  return (
    <Paper withBorder p="sm" radius="md" bg="yellow.0" data-testid={`${testId}-matches`} role="region" aria-label={t('intake.match.title')}>
      <Title order={4} size="h6" mb={4}>{t('intake.match.title')}</Title>
      <Text size="sm" c="dimmed" mb="xs">{t('intake.match.intro')}</Text>
      <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
        {matches.map((m) => {
          const open = recentOpenReports(m.openReports);
          const age = ageOn(m.person.birthDate);
          return (
            <Paper component="li" key={m.person.id} withBorder p="xs" radius="sm" data-testid={`${testId}-match`}>
              <Group justify="space-between" align="flex-start" wrap="wrap" gap="xs">
                <Stack gap={2}>
                  <Text fw={600}>{personName(m.person)}</Text>
                  <Text size="sm" c="dimmed">
                    {m.person.birthDate ? t('persons.born', { date: formatDate(m.person.birthDate, vocab.locale) }) : t('persons.noBirthDate')}
                    {age !== null && ` · ${t('persons.ageYears', { n: age })}`}
                    {m.person.sex && ` · ${vocab.sex(m.person.sex)}`}
                    {m.person.iin && <> · {t('persons.iin')} <MaskedIin iin={m.person.iin} /></>}
                  </Text>
                  <Group gap={4} wrap="wrap" aria-label={t('intake.match.why')}>
                    <VisuallyHidden>{t('intake.match.why')}:</VisuallyHidden>
                    {m.reasons.map((r) => (
                      <Badge key={r} size="sm" variant="light" color={r === 'birth_date_differs' ? 'gray' : r === 'iin' ? 'red' : 'orange'}>
                        {reason(r)}
                      </Badge>
                    ))}
                    <Badge size="sm" variant="outline" color="gray">{t('persons.scoreValue', { value: Math.round(m.score * 100) })}</Badge>
                  </Group>
                </Stack>
                <Button size="xs" onClick={() => onUse(m)} data-testid={`${testId}-match-use`}>
                  {t('intake.match.use')}
                  <VisuallyHidden>: {personName(m.person)}</VisuallyHidden>
                </Button>
              </Group>
              {open.length > 0 && (
                <Stack gap={4} mt="xs">
                  {open.map((r) => (
                    <Group key={r.id} gap="xs" wrap="wrap" justify="space-between">
                      <Text size="sm">
                        {t('intake.match.openReport', { number: r.number, date: formatDateTime(r.receivedAt, vocab.locale), status: statusLabel(r.status) })}
                      </Text>
                      <Button size="xs" variant="light" color="orange" onClick={() => onAddToReport(m, r)} data-testid={`${testId}-match-add-${r.number}`}>
                        {t('intake.match.addInstead', { number: r.number })}
                      </Button>
                    </Group>
                  ))}
                </Stack>
              )}
            </Paper>
          );
        })}
      </Stack>
    </Paper>
  );
}
