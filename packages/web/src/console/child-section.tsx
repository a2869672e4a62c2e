import { useMemo } from 'react';
import { Alert, Badge, Button, Group, Kbd, Paper, SimpleGrid, Stack, Text, TextInput, VisuallyHidden } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { SEXES, type Sex } from '@qorgau/core';
import { formatDate } from '../format.ts';
import { usePersonMatches, usePersonSearch } from '../persons/api.ts';
import { maskIin, personName } from '../persons/person-text.ts';
import type { MatchQuery } from '../persons/types.ts';
import { useVocab } from '../reports/vocab.ts';
import type { ConsoleDraft, PickedPerson, Problems } from './draft.ts';
import { withOutcome } from './draft.ts';
import { KeyRadioGroup } from './key-radio-group.tsx';
import { TypeAhead } from './type-ahead.tsx';
import type { OpenReportRef } from '../persons/types.ts';

const NEW_CHILD = '__new__';

interface Props {
  draft: ConsoleDraft;
  update: (change: (d: ConsoleDraft) => ConsoleDraft) => void;
  errors: Partial<Record<keyof Problems, string>>;
  /** move the focus to an element by id once it is rendered */
  focusSoon: (id: string) => void;
}

/** The open reports (last 30 days, not closed) of the picked child, from `POST /persons/match`. */
function useOpenReports(person: PickedPerson | null): { reports: OpenReportRef[]; loading: boolean } {
  const q: MatchQuery = useMemo(() => {
    if (!person) return {};
    return {
      ...(person.iin ? { iin: person.iin } : {}),
      ...(person.lastName ? { lastName: person.lastName } : {}),
      firstName: person.firstName,
      ...(person.middleName ? { middleName: person.middleName } : {}),
      ...(person.birthDate ? { birthDate: person.birthDate } : {}),
    };
  }, [person]);
  const matches = usePersonMatches(q);
  const mine = matches.data?.find((m) => m.person.id === person?.id);
  return { reports: mine?.openReports ?? [], loading: matches.isFetching };
}

/**
 * The child: found while talking (instant search by IIN or a name in any script, with age), or
 * described with only a first name, an approximate age and sex.
 */
export function ChildSection({ draft, update, errors, focusSoon }: Props) {
  const { t } = useTranslation();
  const vocab = useVocab();
  const locale = vocab.locale;
  const [debounced] = useDebouncedValue(draft.childQuery.trim(), 200);
  const search = usePersonSearch(draft.person ? '' : debounced, '');
  const hits = debounced.length >= 2 && !draft.person ? (search.data ?? []) : [];
  const open = useOpenReports(draft.person);

  const pick = (id: string) => {
    if (id === NEW_CHILD) {
      const typed = draft.childQuery.trim();
      update((d) => ({
        ...d,
        newChild: { ...d.newChild, firstName: d.newChild.firstName || (/\d/.test(typed) ? '' : typed) },
      }));
      focusSoon('console-child-first-name');
      return;
    }
    const hit = hits.find((h) => h.id === id);
    if (!hit) return;
    const { score: _score, ...person } = hit;
    update((d) => ({ ...d, person, openReport: null, outcome: d.outcome === 'added_to_report' ? null : d.outcome }));
    // on to the subject; the child's open reports, if any, are offered meanwhile (Alt+A)
    focusSoon('console-chi');
  };

  const change = () => {
    update((d) => ({ ...withOutcome(d, d.outcome === 'added_to_report' ? null : d.outcome), person: null, openReport: null }));
    focusSoon('console-child-search');
  };

  const addTo = (r: OpenReportRef) => {
    update((d) => ({ ...d, outcome: 'added_to_report', openReport: { id: r.id, number: r.number } }));
    focusSoon('console-report-types');
  };

  if (draft.person) {
    const p = draft.person;
    return (
      <Stack gap="sm">
        <Paper withBorder p="sm" radius="sm" bg="teal.0" data-testid="console-child-picked" data-person-id={p.id}>
          <Group justify="space-between" wrap="wrap" gap="xs">
            <Stack gap={2}>
              <Text fw={700} data-testid="console-child-name">{personName(p)}</Text>
              <Text size="sm">
                {t('console.child.born')}: {p.birthDate ? formatDate(p.birthDate, locale) : '—'}
                {' · '}
                <Text span fw={700}>{p.age !== null ? t('console.child.ageYears', { age: p.age }) : t('console.child.ageUnknown')}</Text>
                {p.sex ? ` · ${vocab.sex(p.sex)}` : ''}
                {p.iin ? ` · ${t('console.child.iin')} ${maskIin(p.iin)}` : ''}
              </Text>
            </Stack>
            <Button id="console-child-change" variant="default" size="xs" onClick={change} data-testid="console-child-change">
              {t('console.child.change')}
            </Button>
          </Group>
        </Paper>
        {open.reports.length > 0 && (
          <Alert
            color={draft.openReport ? 'teal' : 'yellow'}
            variant="light"
            py="xs"
            title={t('console.child.openReportsTitle', { n: open.reports.length })}
            data-testid="console-open-reports"
          >
            <Stack gap={4}>
              {open.reports.map((r, i) => {
                const chosen = draft.openReport?.id === r.id;
                return (
                  <Group key={r.id} justify="space-between" wrap="nowrap" gap="xs" data-testid="console-open-report">
                    <Text size="sm">
                      <b>№ {r.number}</b> · {t('console.child.received', { date: formatDate(r.receivedAt.slice(0, 10), locale) })}
                    </Text>
                    {chosen ? (
                      <Badge color="teal" tt="none">{t('console.child.addingTo')}</Badge>
                    ) : (
                      <Button
                        id={i === 0 ? 'console-open-report-add' : undefined}
                        size="compact-xs"
                        variant={i === 0 ? 'filled' : 'light'}
                        onClick={() => addTo(r)}
                        data-testid="console-open-report-add"
                      >
                        {t('console.child.addToReport')}
                        {i === 0 && <Kbd size="xs" ml={6}>Alt+A</Kbd>}
                      </Button>
                    )}
                  </Group>
                );
              })}
            </Stack>
          </Alert>
        )}
        {errors.openReport && <Text c="red" size="sm">{errors.openReport}</Text>}
      </Stack>
    );
  }

  const options = hits.map((h) => ({
    id: h.id,
    attrs: { 'data-person-id': h.id },
    content: (
      <Group justify="space-between" wrap="nowrap" gap="xs">
        <Stack gap={0}>
          <Text fw={600} size="sm">{personName(h)}</Text>
          <Text size="xs" c="dimmed">
            {t('console.child.born')}: {h.birthDate ? formatDate(h.birthDate, locale) : '—'}
            {h.iin ? ` · ${t('console.child.iin')} ${maskIin(h.iin)}` : ''}
            {h.sex ? ` · ${vocab.sex(h.sex)}` : ''}
          </Text>
        </Stack>
        <Badge variant="light" color="teal" size="lg" tt="none">
          {h.age !== null ? t('console.child.ageYears', { age: h.age }) : '—'}
        </Badge>
      </Group>
    ),
  }));
  if (debounced.length >= 2 && search.data) {
    options.push({
      id: NEW_CHILD,
      attrs: { 'data-person-id': 'new' },
      content: <Text size="sm" fs="italic">{t('console.child.registerNew', { name: draft.childQuery.trim() })}</Text>,
    });
  }
  const sexOptions = SEXES.map((s) => ({ value: s, label: vocab.sex(s) }));

  return (
    <Stack gap="sm">
      <TypeAhead
        id="console-child-search"
        testId="console-child-search"
        label={t('console.child.search')}
        description={t('console.child.searchHint')}
        query={draft.childQuery}
        onQueryChange={(q) => update((d) => ({ ...d, childQuery: q }))}
        groups={[{ id: 'hits', label: null, options }]}
        onPick={pick}
        loading={search.isFetching}
        emptyText={t('console.child.none')}
        error={errors.person}
      />
      <VisuallyHidden role="status" aria-live="polite">
        {debounced.length >= 2 && search.data ? t('console.child.resultCount', { n: hits.length }) : ''}
      </VisuallyHidden>
      <Text size="xs" c="dimmed">{t('console.child.orNew')}</Text>
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
        <TextInput
          id="console-child-first-name"
          label={t('console.child.firstName')}
          value={draft.newChild.firstName}
          onChange={(e) => {
            const firstName = e.currentTarget.value;
            update((d) => ({ ...d, newChild: { ...d.newChild, firstName } }));
          }}
          error={errors.childFirstName}
          autoComplete="off"
          data-testid="console-child-first-name"
        />
        <TextInput
          id="console-child-age"
          label={t('console.child.approxAge')}
          inputMode="numeric"
          value={draft.newChild.approxAge}
          onChange={(e) => {
            const approxAge = e.currentTarget.value;
            update((d) => ({ ...d, newChild: { ...d.newChild, approxAge } }));
          }}
          error={errors.childAge}
          autoComplete="off"
          data-testid="console-child-age"
        />
        <KeyRadioGroup<Sex>
          id="console-child-sex"
          name="console-child-sex"
          label={t('console.child.sex')}
          options={sexOptions}
          value={draft.newChild.sex || null}
          onChange={(sex) => update((d) => ({ ...d, newChild: { ...d.newChild, sex: sex ?? '' } }))}
          testId="console-child-sex"
          size="sm"
        />
      </SimpleGrid>
    </Stack>
  );
}

/** Alt+A: the first open report's "add to" button, when there is one. */
export function clickAddToOpenReport(): boolean {
  const button = document.getElementById('console-open-report-add');
  if (!button) return false;
  button.click();
  return true;
}
