import { useEffect, useMemo, useRef, useState } from 'react';
import { Badge, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useVocab } from '../reports/vocab.ts';
import { useChiCategories } from './api.ts';
import { filterChi } from './draft.ts';
import { TypeAhead } from './type-ahead.tsx';
import type { ChiCategory } from './types.ts';

interface Props {
  value: string;
  onChange: (chi: ChiCategory | undefined) => void;
  error?: string;
}

/**
 * The contact's subject as a Child Helpline International subcategory: type part of a label
 * (or of its category) in the reader's language, arrows, Enter. The list is grouped by category.
 */
export function ChiPicker({ value, onChange, error }: Props) {
  const { t } = useTranslation();
  const vocab = useVocab();
  const locale = vocab.locale;
  const chi = useChiCategories();
  const items = useMemo(() => chi.data ?? [], [chi.data]);
  const chosen = items.find((c) => c.code === value);
  const chosenLabel = chosen ? chosen.label[locale] : '';
  const [query, setQuery] = useState(chosenLabel);
  const editing = useRef(false);

  // show the chosen label (after a reload, a language change, or a choice elsewhere)
  useEffect(() => {
    if (!editing.current) setQuery(chosenLabel);
  }, [chosenLabel]);

  // the chosen label in the box means "nothing typed yet": show everything
  const groups = filterChi(items, query === chosenLabel ? '' : query, locale);

  return (
    <TypeAhead
      id="console-chi"
      testId="console-chi"
      label={t('console.subject.label')}
      description={
        chosen ? (
          <Group gap={6} component="span">
            <Text span size="xs">{chosen.categoryLabel[locale]} › <b>{chosen.label[locale]}</b></Text>
            {chosen.violenceTypes.map((v) => (
              <Badge key={v} size="xs" variant="light" color="grape" component="span" tt="none">{vocab.type(v)}</Badge>
            ))}
          </Group>
        ) : t('console.subject.hint')
      }
      placeholder={t('console.subject.placeholder')}
      query={query}
      onQueryChange={(q) => {
        editing.current = true;
        setQuery(q);
      }}
      groups={groups.map((g) => ({
        id: g.category,
        label: g.label,
        options: g.items.map((c) => ({
          id: c.code,
          attrs: { 'data-code': c.code },
          content: (
            <Text size="sm" fw={c.code === value ? 700 : undefined}>
              {c.label[locale]}
            </Text>
          ),
        })),
      }))}
      onPick={(code) => {
        editing.current = false;
        const picked = items.find((c) => c.code === code);
        setQuery(picked ? picked.label[locale] : '');
        onChange(picked);
      }}
      loading={chi.isPending}
      emptyText={t('console.subject.none')}
      error={error ?? (chi.isError ? t('console.subject.loadFailed') : undefined)}
      onBlur={() => {
        editing.current = false;
        setQuery(chosenLabel);
      }}
      selectOnFocus
      openOnFocus
      required
    />
  );
}
