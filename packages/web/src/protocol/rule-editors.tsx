// Priority rules and task rules as editable tables: one row of fields per rule, and under it the
// rule's condition in words, opened for editing on demand.
import { Fragment, useState, type ReactNode } from 'react';
import {
  ActionIcon, Alert, Button, Group, NativeSelect, NumberInput, SegmentedControl, Stack, Switch, Table, Text, TextInput, VisuallyHidden,
} from '@mantine/core';
import {
  AGENCY_TYPES, PRIORITIES, TASK_ACTIONS, type Deadline, type PriorityRule, type TaskAction, type TaskRule, type AgencyType,
} from '@qorgau/core';
import { ConditionEditor } from './condition-editor.tsx';
import {
  deadlineAmount, deadlineOf, deadlineUnit, move, newPriorityRule, newTaskRule, problemAt, problemExactly, type DeadlineUnit, type Keyed,
  type Problem,
} from './editor-state.ts';
import { ConditionText } from './protocol-document.tsx';
import { useProtocolText } from './text.ts';

function OrderButtons({ index, count, onMove, label }: { index: number; count: number; onMove: (delta: number) => void; label: string }) {
  const { t } = useProtocolText();
  return (
    <Group gap={2} wrap="nowrap">
      <ActionIcon variant="subtle" color="gray" size="sm" disabled={index === 0} onClick={() => onMove(-1)} aria-label={t('protocol.editor.moveUp', { name: label })}>
        <span aria-hidden="true">↑</span>
      </ActionIcon>
      <ActionIcon variant="subtle" color="gray" size="sm" disabled={index === count - 1} onClick={() => onMove(1)} aria-label={t('protocol.editor.moveDown', { name: label })}>
        <span aria-hidden="true">↓</span>
      </ActionIcon>
    </Group>
  );
}

/** A rule row's number with its order buttons, and its id: the same in every rule table. */
function RuleHeadCells({ index, count, id, path, testId, onMove, onId, error }: {
  index: number; count: number; id: string; path: string; testId: string;
  onMove: (delta: number) => void; onId: (id: string) => void; error: string | undefined;
}) {
  const { t } = useProtocolText();
  return (
    <>
      <Table.Td>
        <Group gap={4} wrap="nowrap">
          <Text size="sm" c="dimmed" w={18}>{index + 1}</Text>
          <OrderButtons index={index} count={count} onMove={onMove} label={id} />
        </Group>
      </Table.Td>
      <Table.Td>
        <TextInput
          id={`pf-${path}.id`}
          aria-label={t('protocol.field.id')}
          value={id}
          onChange={(e) => onId(e.currentTarget.value)}
          error={error}
          styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
          spellCheck={false}
          data-testid={`${testId}-id`}
        />
      </Table.Td>
    </>
  );
}

function RemoveButton({ onClick, label, testId }: { onClick: () => void; label: string; testId: string }) {
  return (
    <ActionIcon variant="subtle" color="red" onClick={onClick} aria-label={label} data-testid={testId}>
      <span aria-hidden="true">✕</span>
    </ActionIcon>
  );
}

/** Amount and unit of a deadline; the amount may be empty (NaN) while typing. */
export function DeadlineInput({ value, onChange, error, id, testId, label }: {
  value: Deadline; onChange: (d: Deadline) => void; error: string | undefined; id: string; testId: string; label: string;
}) {
  const { t } = useProtocolText();
  const amount = deadlineAmount(value);
  const unit = deadlineUnit(value);
  return (
    <Stack gap={2}>
      <Group gap={4} wrap="nowrap" align="flex-start">
        <NumberInput
          id={id}
          aria-label={label}
          value={Number.isFinite(amount) ? amount : ''}
          onChange={(v) => onChange(deadlineOf(typeof v === 'number' ? v : v === '' ? Number.NaN : Number(v), unit))}
          allowDecimal={false}
          allowNegative={false}
          clampBehavior="none"
          hideControls
          w={56}
          error={Boolean(error)}
          data-testid={testId}
        />
        <NativeSelect
          aria-label={t('protocol.editor.unit')}
          value={unit}
          onChange={(e) => onChange(deadlineOf(amount, e.currentTarget.value as DeadlineUnit))}
          data={[
            { value: 'hours', label: t('protocol.editor.unitHours') },
            { value: 'workingDays', label: t('protocol.editor.unitDays') },
          ]}
          w={144}
          data-testid={`${testId}-unit`}
        />
      </Group>
      {error && <Text c="red" size="xs" data-testid={`${testId}-error`} role="alert">{error}</Text>}
    </Stack>
  );
}

function ConditionRow({ colSpan, expanded, onToggle, summary, editor, testId, warn }: {
  colSpan: number; expanded: boolean; onToggle: () => void; summary: ReactNode; editor: ReactNode; testId: string; warn?: ReactNode;
}) {
  const { t } = useProtocolText();
  return (
    <Table.Tr className="protocol-editor-when-row">
      <Table.Td />
      <Table.Td colSpan={colSpan - 1} pt={0}>
        <Group gap="xs" align="flex-start" wrap="nowrap">
          <Text size="xs" c="dimmed" tt="uppercase" fw={600} mt={3} style={{ whiteSpace: 'nowrap' }}>{t('protocol.view.when')}</Text>
          <div style={{ flex: 1 }}>{summary}{warn}</div>
          <Button variant="subtle" size="compact-xs" onClick={onToggle} aria-expanded={expanded} data-testid={`${testId}-toggle`}>
            {expanded ? t('protocol.editor.hideConditions') : t('protocol.editor.editConditions')}
          </Button>
        </Group>
        {expanded && <div style={{ marginTop: 8 }}>{editor}</div>}
      </Table.Td>
    </Table.Tr>
  );
}

function useExpanded() {
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  return {
    isOpen: (key: string) => open.has(key),
    toggle: (key: string) => setOpen((s) => {
      const next = new Set(s);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    }),
    open: (key: string) => setOpen((s) => new Set(s).add(key)),
  };
}

function ListProblem({ message }: { message: string | undefined }) {
  const text = useProtocolText();
  if (!message) return null;
  return <Alert color="red" py="xs" role="alert" id="pf-list-problem">{text.problem(message)}</Alert>;
}

export function PriorityRulesEditor({ rules, onChange, problems }: {
  rules: Keyed<PriorityRule>[]; onChange: (rules: Keyed<PriorityRule>[]) => void; problems: readonly Problem[];
}) {
  const text = useProtocolText();
  const { t } = text;
  const expanded = useExpanded();
  const set = (i: number, rule: Keyed<PriorityRule>) => onChange(rules.map((r, j) => (j === i ? rule : r)));
  const err = (path: string) => {
    const m = problemAt(problems, path);
    return m ? text.problem(m) : undefined;
  };
  const COLS = 4;
  return (
    <Stack gap="sm">
      <ListProblem message={problemExactly(problems, 'priorityRules')} />
      <Table verticalSpacing={6} data-testid="priority-rules-editor" className="protocol-editor-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={70}><VisuallyHidden>{t('protocol.editor.order')}</VisuallyHidden>№</Table.Th>
            <Table.Th w={220}>{t('protocol.field.id')}</Table.Th>
            <Table.Th>{t('protocol.field.priority')}</Table.Th>
            <Table.Th w={48}><VisuallyHidden>{t('common.actions')}</VisuallyHidden></Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rules.map((rule, i) => {
            const path = `priorityRules.${i}`;
            const open = expanded.isOpen(rule.key) || Boolean(problemAt(problems, `${path}.when`));
            const empty = Object.keys(rule.when).every((k) => {
              const v = rule.when[k as keyof typeof rule.when];
              return v === undefined || (Array.isArray(v) && v.length === 0);
            });
            return (
              <Fragment key={rule.key}>
                <Table.Tr data-testid={`priority-rule-${i}`} data-rule-id={rule.id} className="protocol-editor-main-row">
                  <RuleHeadCells index={i} count={rules.length} id={rule.id} path={path} testId={`priority-rule-${i}`}
                    onMove={(d) => onChange(move(rules, i, d))} onId={(id) => set(i, { ...rule, id })} error={err(`${path}.id`)} />
                  <Table.Td>
                    <SegmentedControl
                      id={`pf-${path}.priority`}
                      aria-label={t('protocol.field.priority')}
                      value={rule.priority}
                      onChange={(v) => set(i, { ...rule, priority: v })}
                      data={PRIORITIES.map((p) => ({ value: p, label: p }))}
                      color={{ P1: 'red', P2: 'orange', P3: 'blue', P4: 'gray' }[rule.priority]}
                      data-testid={`priority-rule-${i}-priority`}
                    />
                  </Table.Td>
                  <Table.Td>
                    <RemoveButton
                      onClick={() => onChange(rules.filter((_, j) => j !== i))}
                      label={t('protocol.editor.removeRule', { name: rule.id })}
                      testId={`priority-rule-${i}-remove`}
                    />
                  </Table.Td>
                </Table.Tr>
                <ConditionRow
                  colSpan={COLS}
                  expanded={open}
                  onToggle={() => expanded.toggle(rule.key)}
                  testId={`priority-rule-${i}-when`}
                  summary={<ConditionText when={rule.when} />}
                  warn={empty && <Text size="xs" c="orange.8">{t('protocol.editor.emptyPriorityRule')}</Text>}
                  editor={(
                    <ConditionEditor
                      value={rule.when}
                      onChange={(when) => set(i, { ...rule, when })}
                      withPriorities={false}
                      path={`${path}.when`}
                      problems={problems}
                      testId={`priority-rule-${i}-cond`}
                    />
                  )}
                />
              </Fragment>
            );
          })}
        </Table.Tbody>
      </Table>
      <Group>
        <Button
          variant="light"
          onClick={() => {
            const rule = newPriorityRule(rules.map((r) => r.id));
            expanded.open(rule.key);
            onChange([...rules, rule]);
          }}
          data-testid="priority-rule-add"
        >
          {t('protocol.editor.addPriorityRule')}
        </Button>
      </Group>
    </Stack>
  );
}

export function TaskRulesEditor({ rules, onChange, problems }: {
  rules: Keyed<TaskRule>[]; onChange: (rules: Keyed<TaskRule>[]) => void; problems: readonly Problem[];
}) {
  const text = useProtocolText();
  const { t } = text;
  const expanded = useExpanded();
  const set = (i: number, rule: Keyed<TaskRule>) => onChange(rules.map((r, j) => (j === i ? rule : r)));
  const err = (path: string) => {
    const m = problemAt(problems, path);
    return m ? text.problem(m) : undefined;
  };
  const agencies = AGENCY_TYPES.map((a) => ({ value: a, label: text.agency(a) }));
  const actions = TASK_ACTIONS.map((a) => ({ value: a, label: text.action(a) }));
  const COLS = 7;
  return (
    <Stack gap="sm">
      <ListProblem message={problemExactly(problems, 'taskRules')} />
      <Table verticalSpacing={6} data-testid="task-rules-editor" className="protocol-editor-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={70}><VisuallyHidden>{t('protocol.editor.order')}</VisuallyHidden>№</Table.Th>
            <Table.Th w={160}>{t('protocol.field.id')}</Table.Th>
            <Table.Th>{t('protocol.field.agency')}</Table.Th>
            <Table.Th>{t('protocol.field.action')}</Table.Th>
            <Table.Th w={212}>{t('protocol.field.deadline')}</Table.Th>
            <Table.Th w={90}>{t('protocol.field.mandatory')}</Table.Th>
            <Table.Th w={48}><VisuallyHidden>{t('common.actions')}</VisuallyHidden></Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rules.map((rule, i) => {
            const path = `taskRules.${i}`;
            const open = expanded.isOpen(rule.key) || Boolean(problemAt(problems, `${path}.when`));
            return (
              <Fragment key={rule.key}>
                <Table.Tr data-testid={`task-rule-${i}`} data-rule-id={rule.id} className="protocol-editor-main-row">
                  <RuleHeadCells index={i} count={rules.length} id={rule.id} path={path} testId={`task-rule-${i}`}
                    onMove={(d) => onChange(move(rules, i, d))} onId={(id) => set(i, { ...rule, id })} error={err(`${path}.id`)} />
                  <Table.Td>
                    <NativeSelect
                      id={`pf-${path}.agencyType`}
                      aria-label={t('protocol.field.agency')}
                      data={agencies}
                      value={rule.agencyType}
                      onChange={(e) => set(i, { ...rule, agencyType: e.currentTarget.value as AgencyType })}
                      title={text.agency(rule.agencyType)}
                      error={err(`${path}.agencyType`)}
                      data-testid={`task-rule-${i}-agency`}
                    />
                  </Table.Td>
                  <Table.Td>
                    <NativeSelect
                      id={`pf-${path}.action`}
                      aria-label={t('protocol.field.action')}
                      data={actions}
                      value={rule.action}
                      onChange={(e) => set(i, { ...rule, action: e.currentTarget.value as TaskAction })}
                      title={text.action(rule.action)}
                      error={err(`${path}.action`)}
                      data-testid={`task-rule-${i}-action`}
                    />
                  </Table.Td>
                  <Table.Td>
                    <DeadlineInput
                      id={`pf-${path}.deadline`}
                      label={t('protocol.field.deadline')}
                      value={rule.deadline}
                      onChange={(deadline) => set(i, { ...rule, deadline })}
                      error={err(`${path}.deadline`)}
                      testId={`task-rule-${i}-deadline`}
                    />
                  </Table.Td>
                  <Table.Td>
                    <Switch
                      id={`pf-${path}.mandatory`}
                      aria-label={t('protocol.field.mandatory')}
                      checked={rule.mandatory}
                      onChange={(e) => set(i, { ...rule, mandatory: e.currentTarget.checked })}
                      data-testid={`task-rule-${i}-mandatory`}
                    />
                  </Table.Td>
                  <Table.Td>
                    <RemoveButton
                      onClick={() => onChange(rules.filter((_, j) => j !== i))}
                      label={t('protocol.editor.removeRule', { name: rule.id })}
                      testId={`task-rule-${i}-remove`}
                    />
                  </Table.Td>
                </Table.Tr>
                <ConditionRow
                  colSpan={COLS}
                  expanded={open}
                  onToggle={() => expanded.toggle(rule.key)}
                  testId={`task-rule-${i}-when`}
                  summary={<ConditionText when={rule.when} />}
                  editor={(
                    <ConditionEditor
                      value={rule.when}
                      onChange={(when) => set(i, { ...rule, when })}
                      withPriorities
                      path={`${path}.when`}
                      problems={problems}
                      testId={`task-rule-${i}-cond`}
                    />
                  )}
                />
              </Fragment>
            );
          })}
        </Table.Tbody>
      </Table>
      <Group>
        <Button
          variant="light"
          onClick={() => {
            const rule = newTaskRule(rules.map((r) => r.id));
            expanded.open(rule.key);
            onChange([...rules, rule]);
          }}
          data-testid="task-rule-add"
        >
          {t('protocol.editor.addTaskRule')}
        </Button>
      </Group>
    </Stack>
  );
}
