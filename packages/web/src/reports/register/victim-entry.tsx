import { useMemo, useState } from 'react';
import { Button, Fieldset, Group, Paper, Stack, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../format.ts';
import { usePersonMatches } from '../../persons/api.ts';
import { PersonLookup } from '../../persons/person-lookup.tsx';
import type { MatchQuery, OpenReportRef, Person } from '../../persons/types.ts';
import { useStatusLabel } from '../status.ts';
import { useVocab } from '../vocab.ts';
import type { PersonDraft } from './form-state.ts';
import { MatchPanel, recentOpenReports } from './match-panel.tsx';
import { PersonFields, PersonLine } from './person-fields.tsx';

/** The fields of a register person, as the form holds them. */
function personDraftOf(p: Person): Pick<PersonDraft, 'iin' | 'lastName' | 'firstName' | 'middleName' | 'birthDate'> {
  return { iin: p.iin ?? '', lastName: p.lastName, firstName: p.firstName, middleName: p.middleName ?? '', birthDate: p.birthDate ?? '' };
}

function matchQuery(p: Pick<PersonDraft, 'iin' | 'lastName' | 'firstName' | 'middleName' | 'birthDate'>): MatchQuery {
  const q: MatchQuery = {};
  const iin = p.iin.trim();
  if (/^\d{12}$/.test(iin)) q.iin = iin;
  if (p.lastName.trim()) q.lastName = p.lastName.trim();
  if (p.firstName.trim()) q.firstName = p.firstName.trim();
  if (p.middleName.trim()) q.middleName = p.middleName.trim();
  if (p.birthDate) q.birthDate = p.birthDate;
  return q;
}

interface Props {
  legend: string;
  value: PersonDraft;
  onChange: (value: PersonDraft) => void;
  onRemove?: () => void;
  errorOf: (path: string) => string | undefined;
  path: string;
  testId: string;
  onAddToReport: (person: Person, report: OpenReportRef) => void;
}

/**
 * A child named in an incident: typed in (with likely existing persons offered as one types), or
 * picked from the register. A picked child with a recent open report can be added to it instead.
 */
export function VictimEntry({ legend, value, onChange, onRemove, errorOf, path, testId, onAddToReport }: Props) {
  const { t } = useTranslation();
  const vocab = useVocab();
  const statusLabel = useStatusLabel();
  const [searching, setSearching] = useState(false);
  // debounced as text: a new object on every render would restart the timer for ever
  const [debouncedKey] = useDebouncedValue(JSON.stringify(matchQuery(value)), 400);
  const debounced = useMemo(() => JSON.parse(debouncedKey) as MatchQuery, [debouncedKey]);
  const matches = usePersonMatches(value.existing ? {} : debounced);
  // a person picked through search: ask once for their open reports
  const pickedQuery = useMemo(
    () => (value.existing && value.existingOpenReports === undefined ? matchQuery({ ...value, ...personDraftOf(value.existing) }) : {}),
    [value],
  );
  const picked = usePersonMatches(pickedQuery);
  const link = (person: Person, openReports?: OpenReportRef[]) => {
    onChange({ ...value, existing: person, existingOpenReports: openReports });
    setSearching(false);
  };
  const openReports = value.existingOpenReports
    ?? picked.data?.find((m) => m.person.id === value.existing?.id)?.openReports ?? [];
  const open = value.existing ? recentOpenReports(openReports) : [];
  const error = errorOf(path) ?? errorOf(`${path}.id`);

  return (
    <Fieldset legend={legend} data-testid={testId} radius="md">
      <Stack gap="sm">
        {error && <Text c="red" size="sm" role="alert">{error}</Text>}
        {value.existing ? (
          <Paper withBorder p="sm" radius="sm" bg="teal.0">
            <Group justify="space-between" wrap="wrap">
              <Stack gap={2}>
                <Text size="xs" c="dimmed" tt="uppercase" fw={600}>{t('intake.person.linked')}</Text>
                <PersonLine person={value.existing} testId={`${testId}-linked`} />
              </Stack>
              <Button variant="subtle" size="xs" onClick={() => onChange({ ...value, existing: null, existingOpenReports: undefined })} data-testid={`${testId}-unlink`}>
                {t('intake.person.unlink')}
              </Button>
            </Group>
            {open.map((r) => (
              <Group key={r.id} mt="xs" gap="xs" wrap="wrap" justify="space-between">
                <Text size="sm">{t('intake.match.openReport', { number: r.number, date: formatDateTime(r.receivedAt, vocab.locale), status: statusLabel(r.status) })}</Text>
                <Button size="xs" variant="light" color="orange" onClick={() => value.existing && onAddToReport(value.existing, r)} data-testid={`${testId}-add-${r.number}`}>
                  {t('intake.match.addInstead', { number: r.number })}
                </Button>
              </Group>
            ))}
          </Paper>
        ) : (
          <>
            <PersonFields value={value} onChange={onChange} errorOf={errorOf} path={path} testId={testId} />
            {matches.data && (
              <MatchPanel
                matches={matches.data}
                testId={testId}
                onUse={(m) => link(m.person, m.openReports)}
                onAddToReport={(m, r) => onAddToReport(m.person, r)}
              />
            )}
          </>
        )}
        <Group gap="xs">
          {!value.existing && (
            <Button
              variant="subtle"
              size="xs"
              aria-expanded={searching}
              onClick={() => setSearching((s) => !s)}
              data-testid={`${testId}-find`}
            >
              {searching ? t('intake.person.closeSearch') : t('intake.person.search')}
            </Button>
          )}
          {onRemove && (
            <Button variant="subtle" color="red" size="xs" onClick={onRemove} data-testid={`${testId}-remove`}>
              {t('intake.person.remove', { name: legend })}
            </Button>
          )}
        </Group>
        {searching && !value.existing && (
          <Paper withBorder p="sm" radius="sm">
            <PersonLookup testId={`${testId}-lookup`} onPick={(p) => link(p)} autoFocus />
          </Paper>
        )}
      </Stack>
    </Fieldset>
  );
}
