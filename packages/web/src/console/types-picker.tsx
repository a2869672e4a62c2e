import { useState } from 'react';
import { Group, Pill, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { VIOLENCE_TYPES, type ViolenceType } from '@qorgau/core';
import { useVocab } from '../reports/vocab.ts';
import { fold } from './draft.ts';
import { TypeAhead } from './type-ahead.tsx';

interface Props {
  value: ViolenceType[];
  onChange: (types: ViolenceType[]) => void;
  error?: string;
  /** the types came from the CHI subcategory */
  preselected: boolean;
}

/**
 * Violence types, preselected from the CHI subcategory: type a few letters and Enter to add or
 * remove one, Backspace in the empty box removes the last.
 */
export function TypesPicker({ value, onChange, error, preselected }: Props) {
  const { t } = useTranslation();
  const vocab = useVocab();
  const [query, setQuery] = useState('');
  const words = fold(query).split(/\s+/).filter(Boolean);
  const options = VIOLENCE_TYPES
    .filter((v) => words.every((w) => fold(`${vocab.type(v)} ${v.replace(/_/g, ' ')}`).includes(w)))
    .map((v) => ({
      id: v,
      attrs: { 'data-type': v },
      content: (
        <Group gap={6} wrap="nowrap">
          <Text span w={16} ta="center" c="teal" aria-hidden="true">{value.includes(v) ? '✓' : ''}</Text>
          <Text span size="sm" fw={value.includes(v) ? 700 : undefined}>{vocab.type(v)}</Text>
          {value.includes(v) && <Text span size="xs" c="dimmed">({t('console.report.typeChosen')})</Text>}
        </Group>
      ),
    }));
  const toggle = (v: ViolenceType) => onChange(value.includes(v) ? value.filter((x) => x !== v) : [...value, v]);

  return (
    <Stack gap={6}>
      <TypeAhead
        id="console-report-types"
        testId="console-report-types"
        label={t('console.report.types')}
        description={preselected && value.length ? t('console.report.typesFromChi') : t('console.report.typesHint')}
        placeholder={t('console.report.typesPlaceholder')}
        query={query}
        onQueryChange={setQuery}
        groups={[{ id: 'types', label: null, options }]}
        onPick={(id) => {
          toggle(id as ViolenceType);
          setQuery('');
        }}
        keepOpenOnPick
        emptyText={t('console.report.noType')}
        error={error}
        required
        onOtherKey={(e) => {
          if (e.key === 'Backspace' && query === '' && value.length) {
            e.preventDefault();
            onChange(value.slice(0, -1));
          }
        }}
      />
      <Group gap={6} data-testid="console-report-types-chosen" aria-live="polite">
        {value.map((v) => (
          <Pill
            key={v}
            size="md"
            data-type={v}
            withRemoveButton
            onRemove={() => onChange(value.filter((x) => x !== v))}
            removeButtonProps={{ 'aria-label': t('console.report.removeType', { type: vocab.type(v) }), tabIndex: -1 }}
          >
            {vocab.type(v)}
          </Pill>
        ))}
      </Group>
    </Stack>
  );
}
