import { useState } from 'react';
import { Anchor, Badge, Button, Group, Loader, Paper, SimpleGrid, Stack, Text, TextInput, VisuallyHidden } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../components/error-alert.tsx';
import { formatDate } from '../format.ts';
import { fieldErrors } from '../i18n/errors.ts';
import { useLocale } from '../i18n/use-locale.ts';
import { useVocab } from '../reports/vocab.ts';
import { usePersonSearch } from './api.ts';
import { MaskedIin } from './masked-iin.tsx';
import { personName } from './person-text.ts';
import type { PersonHit } from './types.ts';

interface Props {
  /** pick a person (in a form); without it, results link to the person's page */
  onPick?: (person: PersonHit) => void;
  testId?: string;
  autoFocus?: boolean;
}

/**
 * Instant person search as one types: a name in any script (Kazakh or Russian Cyrillic, Latin)
 * or a 12-digit IIN, optionally narrowed by birth date. The server folds spellings.
 */
export function PersonLookup({ onPick, testId = 'person-lookup', autoFocus }: Props) {
  const { t } = useTranslation();
  const locale = useLocale();
  const vocab = useVocab();
  const [q, setQ] = useState('');
  const [birthDate, setBirthDate] = useState('');
  const [debouncedQ] = useDebouncedValue(q.trim(), 250);
  const search = usePersonSearch(debouncedQ, birthDate);
  const errors = fieldErrors(search.error);
  const hits = debouncedQ.length >= 2 ? (search.data ?? []) : [];

  return (
    <Stack gap="sm">
      <Group align="flex-end" gap="sm" wrap="wrap" role="search" aria-label={t('persons.searchLabel')}>
        <TextInput
          label={t('persons.query')}
          description={t('persons.queryHint')}
          type="search"
          autoComplete="off"
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
          error={errors.q}
          w={{ base: '100%', sm: 360 }}
          data-testid={`${testId}-q`}
          autoFocus={autoFocus}
        />
        <TextInput
          label={t('persons.birthDate')}
          type="date"
          value={birthDate}
          onChange={(e) => setBirthDate(e.currentTarget.value)}
          error={errors.birthDate}
          data-testid={`${testId}-birth`}
        />
        {search.isFetching && <Loader size="sm" aria-label={t('common.loading')} />}
      </Group>
      <ErrorAlert error={search.error} fields={['q', 'birthDate']} />
      <VisuallyHidden role="status" aria-live="polite">
        {debouncedQ.length >= 2 && search.data ? t('persons.resultCount', { n: hits.length }) : ''}
      </VisuallyHidden>
      {debouncedQ.length >= 2 && search.data && hits.length === 0 && (
        <Text c="dimmed" data-testid={`${testId}-none`}>
          {t('persons.none')}
        </Text>
      )}
      {hits.length > 0 && (
        <Stack component="ul" gap="xs" p={0} m={0} style={{ listStyle: 'none' }} data-testid={`${testId}-results`}>
          {hits.map((p) => (
            <Paper component="li" key={p.id} withBorder p="sm" radius="sm" data-testid={`${testId}-hit`}>
              <Group justify="space-between" wrap="wrap" gap="xs">
                <Stack gap={2}>
                  {onPick ? (
                    <Text fw={600}>{personName(p)}</Text>
                  ) : (
                    <Anchor component={Link} to={`/persons/${p.id}`} fw={600}>
                      {personName(p)}
                    </Anchor>
                  )}
                  <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="md" verticalSpacing={0}>
                    <Text size="sm">
                      <Text span c="dimmed" size="sm">{t('persons.birthDate')}: </Text>
                      {p.birthDate ? formatDate(p.birthDate, locale) : '—'}
                    </Text>
                    <Text size="sm">
                      <Text span c="dimmed" size="sm">{t('persons.age')}: </Text>
                      {p.age ?? '—'}
                    </Text>
                    <Text size="sm">
                      <Text span c="dimmed" size="sm">{t('persons.iin')}: </Text>
                      <MaskedIin iin={p.iin} />
                    </Text>
                    {p.sex && <Text size="sm">{vocab.sex(p.sex)}</Text>}
                  </SimpleGrid>
                </Stack>
                <Group gap="xs">
                  <Badge variant="light" color={p.score >= 0.9 ? 'teal' : p.score >= 0.75 ? 'blue' : 'gray'} title={t('persons.score')}>
                    {t('persons.scoreValue', { value: Math.round(p.score * 100) })}
                  </Badge>
                  {onPick && (
                    <Button size="xs" variant="light" onClick={() => onPick(p)} data-testid={`${testId}-pick`}>
                      {t('persons.pick')}
                      <VisuallyHidden>: {personName(p)}</VisuallyHidden>
                    </Button>
                  )}
                </Group>
              </Group>
            </Paper>
          ))}
        </Stack>
      )}
    </Stack>
  );
}
