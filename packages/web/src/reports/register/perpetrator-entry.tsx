import { useState } from 'react';
import { Button, Checkbox, Fieldset, Group, NativeSelect, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PERPETRATOR_RELATIONS, SEXES, type PerpetratorRelation, type Sex } from '@qorgau/core';
import { PersonLookup } from '../../persons/person-lookup.tsx';
import { useVocab } from '../vocab.ts';
import type { PerpetratorDraft } from './form-state.ts';
import { PersonFields, PersonLine } from './person-fields.tsx';

interface Props {
  legend: string;
  value: PerpetratorDraft;
  onChange: (value: PerpetratorDraft) => void;
  onRemove: () => void;
  errorOf: (path: string) => string | undefined;
  path: string;
  testId: string;
}

/** An alleged perpetrator: the relation to the child, and who it is — or "not identified". */
export function PerpetratorEntry({ legend, value, onChange, onRemove, errorOf, path, testId }: Props) {
  const { t } = useTranslation();
  const vocab = useVocab();
  const [searching, setSearching] = useState(false);
  const person = value.person;
  const error = errorOf(path) ?? errorOf(`${path}.id`);

  return (
    <Fieldset legend={legend} data-testid={testId} radius="md">
      <Stack gap="sm">
        {error && <Text c="red" size="sm" role="alert">{error}</Text>}
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <NativeSelect
            label={t('intake.perpetrator.relation')}
            required
            data={[{ value: '', label: t('common.choose') }, ...PERPETRATOR_RELATIONS.map((r) => ({ value: r, label: vocab.relation(r) }))]}
            value={value.relation}
            error={errorOf(`${path}.relation`)}
            onChange={(e) => onChange({ ...value, relation: e.currentTarget.value as '' | PerpetratorRelation })}
            data-testid={`${testId}-relation`}
          />
          {!person.existing && (
            <Checkbox
              mt={{ base: 0, sm: 30 }}
              label={t('intake.perpetrator.unidentified')}
              description={t('intake.perpetrator.unidentifiedHint')}
              checked={value.unidentified}
              onChange={(e) => onChange({ ...value, unidentified: e.currentTarget.checked })}
              data-testid={`${testId}-unidentified`}
            />
          )}
        </SimpleGrid>
        {person.existing ? (
          <Paper withBorder p="sm" radius="sm" bg="gray.0">
            <Group justify="space-between" wrap="wrap">
              <PersonLine person={person.existing} testId={`${testId}-linked`} />
              <Button variant="subtle" size="xs" onClick={() => onChange({ ...value, person: { ...person, existing: null } })} data-testid={`${testId}-unlink`}>
                {t('intake.person.unlink')}
              </Button>
            </Group>
          </Paper>
        ) : value.unidentified ? (
          <NativeSelect
            label={t('intake.person.sex')}
            maw={280}
            data={[{ value: '', label: t('intake.person.sexUnknown') }, ...SEXES.map((s) => ({ value: s, label: vocab.sex(s) }))]}
            value={person.sex}
            onChange={(e) => onChange({ ...value, person: { ...person, sex: e.currentTarget.value as '' | Sex } })}
            data-testid={`${testId}-sex`}
          />
        ) : (
          <PersonFields value={person} onChange={(p) => onChange({ ...value, person: p })} errorOf={errorOf} path={path} testId={testId} />
        )}
        <Group gap="xs">
          {!person.existing && !value.unidentified && (
            <Button variant="subtle" size="xs" aria-expanded={searching} onClick={() => setSearching((s) => !s)} data-testid={`${testId}-find`}>
              {searching ? t('intake.person.closeSearch') : t('intake.person.search')}
            </Button>
          )}
          <Button variant="subtle" color="red" size="xs" onClick={onRemove} data-testid={`${testId}-remove`}>
            {t('intake.person.remove', { name: legend })}
          </Button>
        </Group>
        {searching && !person.existing && !value.unidentified && (
          <Paper withBorder p="sm" radius="sm">
            <PersonLookup
              testId={`${testId}-lookup`}
              autoFocus
              onPick={(p) => {
                onChange({ ...value, person: { ...person, existing: p } });
                setSearching(false);
              }}
            />
          </Paper>
        )}
      </Stack>
    </Fieldset>
  );
}
