// Editing the "when" of a rule: lists of codes (any of them will do) and yes/no/any flags.
import { Input, MultiSelect, SegmentedControl, SimpleGrid } from '@mantine/core';
import {
  CHANNELS, PERPETRATOR_RELATIONS, PLACES, PRIORITIES, SCREENING_QUESTIONS, VIOLENCE_TYPES, type Condition,
} from '@qorgau/core';
import { problemAt, type Problem } from './editor-state.ts';
import { useProtocolText } from './text.ts';

type ListKey = 'priorities' | 'screening' | 'types' | 'places' | 'perpetratorRelations' | 'channels';
type FlagKey = 'criminal' | 'schoolInvolved';

interface Props {
  value: Condition;
  onChange: (value: Condition) => void;
  /** task rules may ask for a priority; priority rules may not */
  withPriorities: boolean;
  /** `taskRules.3.when`: where the server's problems for these fields are */
  path: string;
  problems: readonly Problem[];
  testId: string;
}

export function ConditionEditor({ value, onChange, withPriorities, path, problems, testId }: Props) {
  const text = useProtocolText();
  const { t } = text;
  const setList = (key: ListKey, v: string[]) => onChange({ ...value, [key]: v.length ? v : undefined });
  const setFlag = (key: FlagKey, v: string) => onChange({ ...value, [key]: v === 'any' ? undefined : v === 'yes' });
  const flagValue = (v: boolean | undefined) => (v === undefined ? 'any' : v ? 'yes' : 'no');
  const err = (key: keyof Condition) => {
    const message = problemAt(problems, `${path}.${key}`);
    return message ? text.problem(message) : undefined;
  };
  const byLabel = (a: { label: string }, b: { label: string }) => a.label.localeCompare(b.label, text.locale);

  const list = (key: ListKey, label: string, description: string, data: { value: string; label: string }[]) => (
    <MultiSelect
      label={label}
      description={description}
      data={data}
      value={(value[key]) ?? []}
      onChange={(v) => setList(key, v)}
      searchable
      clearable
      hidePickedOptions
      placeholder={(value[key] as string[] | undefined)?.length ? undefined : t('protocol.editor.anyValue')}
      error={err(key)}
      id={`pf-${path}.${key}`}
      data-testid={`${testId}-${key}`}
      comboboxProps={{ withinPortal: true }}
    />
  );

  const flag = (key: FlagKey, label: string, yes: string, no: string) => (
    <Input.Wrapper label={label} error={err(key)} id={`pf-${path}.${key}`}>
      <div>
        <SegmentedControl
          fullWidth
          value={flagValue(value[key])}
          onChange={(v) => setFlag(key, v)}
          data={[
            { value: 'any', label: t('protocol.editor.flagAny') },
            { value: 'yes', label: yes },
            { value: 'no', label: no },
          ]}
          data-testid={`${testId}-${key}`}
          aria-label={label}
        />
      </div>
    </Input.Wrapper>
  );

  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm" verticalSpacing="sm" data-testid={testId}>
      {withPriorities && list('priorities', t('protocol.cond.priorities'), t('protocol.editor.prioritiesHint'),
        PRIORITIES.map((p) => ({ value: p, label: text.priority(p) })))}
      {list('screening', t('protocol.cond.screening'), t('protocol.editor.screeningHint'),
        SCREENING_QUESTIONS.map((q) => ({ value: q, label: text.screening(q) })))}
      {list('types', t('protocol.cond.types'), t('protocol.editor.anyOfHint'),
        VIOLENCE_TYPES.map((c) => ({ value: c, label: text.type(c) })).sort(byLabel))}
      {list('places', t('protocol.cond.places'), t('protocol.editor.anyOfHint'),
        PLACES.map((c) => ({ value: c, label: text.place(c) })))}
      {list('perpetratorRelations', t('protocol.cond.relations'), t('protocol.editor.anyOfHint'),
        PERPETRATOR_RELATIONS.map((c) => ({ value: c, label: text.relation(c) })))}
      {list('channels', t('protocol.cond.channels'), t('protocol.editor.anyOfHint'),
        CHANNELS.map((c) => ({ value: c, label: text.channel(c) })))}
      {flag('criminal', t('protocol.field.criminal'), t('protocol.editor.criminalYes'), t('protocol.editor.criminalNo'))}
      {flag('schoolInvolved', t('protocol.field.school'), t('protocol.editor.schoolYes'), t('protocol.editor.schoolNo'))}
    </SimpleGrid>
  );
}
