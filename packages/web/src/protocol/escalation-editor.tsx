// Escalation chains, one per priority: who is told, and how long after the task's due time.
import { ActionIcon, Alert, Button, Card, Group, NativeSelect, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { ESCALATION_LEVELS, PRIORITIES, type EscalationLevel, type EscalationStep, type Priority } from '@qorgau/core';
import { move, newStep, problemAt, problemExactly, type EditorDraft, type Keyed, type Problem } from './editor-state.ts';
import { PriorityBadge } from './protocol-document.tsx';
import { DeadlineInput } from './rule-editors.tsx';
import { useProtocolText } from './text.ts';

function Chain({ priority, steps, onChange, problems }: {
  priority: Priority; steps: Keyed<EscalationStep>[]; onChange: (steps: Keyed<EscalationStep>[]) => void; problems: readonly Problem[];
}) {
  const text = useProtocolText();
  const { t } = text;
  const path = `escalation.${priority}`;
  const own = problemExactly(problems, path);
  const set = (i: number, step: Keyed<EscalationStep>) => onChange(steps.map((s, j) => (j === i ? step : s)));
  const err = (p: string) => {
    const m = problemAt(problems, p);
    return m ? text.problem(m) : undefined;
  };
  return (
    <Card withBorder radius="md" p="md" data-testid={`escalation-editor-${priority}`} id={`pf-${path}`}>
      <Group mb="sm" justify="space-between">
        <PriorityBadge priority={priority} size="lg" />
      </Group>
      {own && <Alert color="red" py="xs" mb="sm" role="alert">{text.problem(own)}</Alert>}
      {steps.length === 0 ? (
        <Text size="sm" c="dimmed" mb="sm">{t('protocol.view.noEscalation')}</Text>
      ) : (
        <Table verticalSpacing={4} withRowBorders={false}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={30}>№</Table.Th>
              <Table.Th>{t('protocol.field.level')}</Table.Th>
              <Table.Th w={230}>{t('protocol.field.after')}</Table.Th>
              <Table.Th w={90}><VisuallyHidden>{t('common.actions')}</VisuallyHidden></Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {steps.map((step, i) => (
              <Table.Tr key={step.key} data-testid={`escalation-${priority}-step-${i}`}>
                <Table.Td c="dimmed">{i + 1}</Table.Td>
                <Table.Td>
                  <NativeSelect
                    maw={400}
                    id={`pf-${path}.${i}.to`}
                    aria-label={t('protocol.field.level')}
                    data={ESCALATION_LEVELS.map((l) => ({ value: l, label: text.level(l) }))}
                    value={step.to}
                    onChange={(e) => set(i, { ...step, to: e.currentTarget.value as EscalationLevel })}
                    error={err(`${path}.${i}.to`)}
                    data-testid={`escalation-${priority}-step-${i}-to`}
                  />
                </Table.Td>
                <Table.Td>
                  <DeadlineInput
                    id={`pf-${path}.${i}.after`}
                    label={t('protocol.field.after')}
                    value={step.after}
                    onChange={(after) => set(i, { ...step, after })}
                    error={err(`${path}.${i}.after`)}
                    testId={`escalation-${priority}-step-${i}-after`}
                  />
                </Table.Td>
                <Table.Td>
                  <Group gap={2} wrap="nowrap">
                    <ActionIcon variant="subtle" color="gray" size="sm" disabled={i === 0} onClick={() => onChange(move(steps, i, -1))}
                      aria-label={t('protocol.editor.moveUp', { name: text.level(step.to) })}>
                      <span aria-hidden="true">↑</span>
                    </ActionIcon>
                    <ActionIcon variant="subtle" color="gray" size="sm" disabled={i === steps.length - 1} onClick={() => onChange(move(steps, i, 1))}
                      aria-label={t('protocol.editor.moveDown', { name: text.level(step.to) })}>
                      <span aria-hidden="true">↓</span>
                    </ActionIcon>
                    <ActionIcon variant="subtle" color="red" onClick={() => onChange(steps.filter((_, j) => j !== i))}
                      aria-label={t('protocol.editor.removeStep', { n: i + 1 })} data-testid={`escalation-${priority}-step-${i}-remove`}>
                      <span aria-hidden="true">✕</span>
                    </ActionIcon>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Group mt="xs">
        <Button variant="light" size="xs" onClick={() => onChange([...steps, newStep(steps)])} disabled={steps.length >= 10}
          data-testid={`escalation-${priority}-add`}>
          {t('protocol.editor.addStep')}
        </Button>
      </Group>
    </Card>
  );
}

export function EscalationEditor({ escalation, onChange, problems }: {
  escalation: EditorDraft['escalation']; onChange: (escalation: EditorDraft['escalation']) => void; problems: readonly Problem[];
}) {
  const { t } = useProtocolText();
  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed" maw={820}>{t('protocol.editor.escalationHint')}</Text>
      <Stack gap="md">
        {PRIORITIES.map((p) => (
          <Chain key={p} priority={p} steps={escalation[p]} onChange={(steps) => onChange({ ...escalation, [p]: steps })} problems={problems} />
        ))}
      </Stack>
    </Stack>
  );
}
