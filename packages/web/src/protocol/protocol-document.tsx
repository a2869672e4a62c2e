// The protocol as a readable document: how priority is decided, what each priority sets in motion,
// and who is told when a task is late.
import type { ReactNode } from 'react';
import { Badge, Card, Group, List, Paper, SimpleGrid, Stack, Table, Text, ThemeIcon, Timeline, Title } from '@mantine/core';
import { PRIORITIES, type Condition, type Priority, type ProtocolDefinition } from '@qorgau/core';
import { PRIORITY_COLORS } from '../reports/vocab.ts';
import { useProtocolText, type ProtocolText } from './text.ts';
import { rulesFor } from './words.ts';

export function Section({ title, intro, children, testId }: { title: string; intro?: ReactNode; children: ReactNode; testId: string }) {
  const id = `section-${testId}`;
  return (
    <Paper component="section" withBorder p="lg" radius="md" aria-labelledby={id} data-testid={testId}>
      <Title order={2} size="h3" mb="xs" id={id}>{title}</Title>
      {intro && <Text c="dimmed" size="sm" mb="md" maw={820}>{intro}</Text>}
      {children}
    </Paper>
  );
}

export function PriorityBadge({ priority, size = 'md', full = true }: { priority: Priority; size?: 'sm' | 'md' | 'lg'; full?: boolean }) {
  const text = useProtocolText();
  return (
    <Badge color={PRIORITY_COLORS[priority] ?? 'gray'} variant="filled" size={size} title={text.priority(priority)} tt={full ? 'none' : undefined}>
      {full ? text.priority(priority) : priority}
    </Badge>
  );
}

/** A condition as lines; `empty` is said when it has none (after leaving out priorities if asked). */
export function ConditionText({ when, omitPriorities, empty }: { when: Condition; omitPriorities?: boolean; empty?: string }) {
  const text = useProtocolText();
  const lines = text.lines(when, { omitPriorities });
  if (!lines.length) return <Text size="sm" c="dimmed" fs="italic">{empty ?? text.t('protocol.cond.always')}</Text>;
  return (
    <Stack gap={2}>
      {lines.map((line, i) => (
        <Text size="sm" key={line.key}>
          {i > 0 && <Text span c="dimmed" size="xs" tt="uppercase" fw={600}>{text.t('protocol.words.and')} </Text>}
          {line.label && <Text span fw={600}>{line.label}: </Text>}
          {line.text}
        </Text>
      ))}
    </Stack>
  );
}

function PriorityRules({ definition, text }: { definition: ProtocolDefinition; text: ProtocolText }) {
  const { t } = text;
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table verticalSpacing="sm" withTableBorder withColumnBorders data-testid="protocol-priority-rules">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={48}>№</Table.Th>
            <Table.Th>{t('protocol.view.when')}</Table.Th>
            <Table.Th w={260}>{t('protocol.view.priority')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {definition.priorityRules.map((rule, i) => (
            <Table.Tr key={rule.id} data-testid={`priority-rule-${rule.id}`} data-priority={rule.priority}>
              <Table.Td c="dimmed">{i + 1}</Table.Td>
              <Table.Td><ConditionText when={rule.when} /></Table.Td>
              <Table.Td><PriorityBadge priority={rule.priority} /></Table.Td>
            </Table.Tr>
          ))}
          <Table.Tr data-testid="priority-rule-default">
            <Table.Td />
            <Table.Td><Text size="sm" fs="italic">{t('protocol.view.otherwise')}</Text></Table.Td>
            <Table.Td><PriorityBadge priority={definition.defaultPriority} /></Table.Td>
          </Table.Tr>
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function ResponseTable({ definition, priority, text }: { definition: ProtocolDefinition; priority: Priority; text: ProtocolText }) {
  const { t } = text;
  const rules = rulesFor(definition, priority);
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table verticalSpacing="xs" striped withTableBorder data-testid={`protocol-response-${priority}`}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w="22%">{t('protocol.view.agency')}</Table.Th>
            <Table.Th w="24%">{t('protocol.view.action')}</Table.Th>
            <Table.Th w="16%">{t('protocol.view.deadline')}</Table.Th>
            <Table.Th w="11%">{t('protocol.view.mandatory')}</Table.Th>
            <Table.Th>{t('protocol.view.condition')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rules.map((rule) => (
            <Table.Tr key={rule.id} data-testid={`response-${priority}-${rule.id}`}>
              <Table.Td fw={500}>{text.agency(rule.agencyType)}</Table.Td>
              <Table.Td>{text.action(rule.action)}</Table.Td>
              <Table.Td fw={600} data-testid={`response-${priority}-${rule.id}-deadline`}>{text.within(rule.deadline)}</Table.Td>
              <Table.Td>
                {rule.mandatory
                  ? <Badge color="dark" variant="light">{t('protocol.view.required')}</Badge>
                  : <Badge color="gray" variant="outline">{t('protocol.view.optional')}</Badge>}
              </Table.Td>
              <Table.Td>
                <ConditionText
                  when={rule.when}
                  omitPriorities
                  empty={rule.when.priorities?.length ? t('protocol.view.everyOfPriority') : t('protocol.cond.always')}
                />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function EscalationChain({ definition, priority, text }: { definition: ProtocolDefinition; priority: Priority; text: ProtocolText }) {
  const { t } = text;
  const steps = definition.escalation[priority];
  return (
    <Card withBorder radius="md" p="md" data-testid={`protocol-escalation-${priority}`}>
      <Group mb="md" gap="xs" wrap="nowrap" align="flex-start">
        <PriorityBadge priority={priority} size="lg" full={false} />
        <Text fw={600} size="sm" mt={2}>{text.priority(priority).replace(/^P\d\s*—\s*/, '')}</Text>
      </Group>
      {steps.length === 0 ? (
        <Text size="sm" c="dimmed">{t('protocol.view.noEscalation')}</Text>
      ) : (
        <Timeline active={steps.length} bulletSize={26} lineWidth={2} color={PRIORITY_COLORS[priority] ?? 'gray'}>
          <Timeline.Item
            bullet={<Text span size="xs" fw={700} aria-hidden="true">!</Text>}
            title={<Text fw={600} size="sm">{t('protocol.view.overdue')}</Text>}
          >
            <Text size="xs" c="dimmed">{t('protocol.view.overdueText')}</Text>
          </Timeline.Item>
          {steps.map((step, i) => (
            <Timeline.Item
              key={`${step.to}-${i}`}
              bullet={<Text span size="xs" fw={700}>{i + 1}</Text>}
              title={<Text fw={600} size="sm">{text.level(step.to)}</Text>}
              data-testid={`escalation-${priority}-${i}`}
            >
              <Text size="sm" c="dimmed" data-testid={`escalation-${priority}-${i}-after`}>{text.after(step.after)}</Text>
            </Timeline.Item>
          ))}
        </Timeline>
      )}
    </Card>
  );
}

export function ProtocolDocument({ definition }: { definition: ProtocolDefinition }) {
  const text = useProtocolText();
  const { t } = text;
  return (
    <Stack gap="lg">
      <Section title={t('protocol.view.priorityTitle')} intro={t('protocol.view.priorityIntro')} testId="protocol-priority">
        <PriorityRules definition={definition} text={text} />
        <Paper bg="gray.0" p="sm" mt="md" radius="sm" data-testid="protocol-criminal">
          <Text size="sm">
            <Text span fw={600}>{t('protocol.view.criminalTitle')}: </Text>
            {definition.criminalTypes.length
              ? t('protocol.view.criminalText', { types: definition.criminalTypes.map((c) => text.type(c).toLowerCase()).join(', ') })
              : t('protocol.view.criminalArticleOnly')}
          </Text>
        </Paper>
      </Section>

      <Section title={t('protocol.view.responseTitle')} intro={t('protocol.view.responseIntro')} testId="protocol-response">
        <Stack gap="xl">
          {PRIORITIES.map((p) => (
            <div key={p}>
              <Group gap="sm" mb="xs">
                <ThemeIcon color={PRIORITY_COLORS[p] ?? 'gray'} radius="sm" size="md" aria-hidden="true">
                  <Text span size="xs" fw={700}>{p}</Text>
                </ThemeIcon>
                <Title order={3} size="h4">{text.priority(p)}</Title>
              </Group>
              <ResponseTable definition={definition} priority={p} text={text} />
            </div>
          ))}
        </Stack>
      </Section>

      <Section title={t('protocol.view.escalationTitle')} intro={t('protocol.view.escalationIntro')} testId="protocol-escalation">
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="md">
          {PRIORITIES.map((p) => <EscalationChain key={p} definition={definition} priority={p} text={text} />)}
        </SimpleGrid>
        <List size="sm" c="dimmed" mt="md" spacing={2}>
          <List.Item>{t('protocol.view.escalationNote1')}</List.Item>
          <List.Item>{t('protocol.view.escalationNote2')}</List.Item>
        </List>
      </Section>
    </Stack>
  );
}
