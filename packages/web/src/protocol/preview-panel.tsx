// What the protocol being edited would do to a sample report: priority, the rules that set it,
// and the tasks with their due times and escalation times (Kazakhstan time).
import {
  Alert, Badge, Checkbox, Code, Divider, Group, Loader, MultiSelect, NativeSelect, Paper, SimpleGrid, Stack, Text, TextInput, Title,
} from '@mantine/core';
import {
  CHANNELS, PERPETRATOR_RELATIONS, PLACES, SCREENING_QUESTIONS, VIOLENCE_TYPES, type Channel, type PerpetratorRelation, type Place,
} from '@qorgau/core';
import type { PreviewResult } from './api.ts';
import { PriorityBadge } from './protocol-document.tsx';
import type { Sample } from './preview-sample.ts';
import { useProtocolText } from './text.ts';
import { formatDateTime } from '../format.ts';

export type PreviewState = 'incomplete' | 'invalid' | 'error' | 'loading' | 'ready';

function SampleForm({ sample, onChange }: { sample: Sample; onChange: (s: Sample) => void }) {
  const text = useProtocolText();
  const { t } = text;
  const set = <K extends keyof Sample>(key: K, value: Sample[K]) => onChange({ ...sample, [key]: value });
  const byLabel = (a: { label: string }, b: { label: string }) => a.label.localeCompare(b.label, text.locale);
  const none = { value: '', label: '—' };
  return (
    <Stack gap="xs" data-testid="preview-form">
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs" verticalSpacing="xs">
        <NativeSelect
          label={t('protocol.preview.channel')}
          data={CHANNELS.map((c) => ({ value: c, label: text.channel(c) }))}
          value={sample.channel}
          onChange={(e) => set('channel', e.currentTarget.value as Channel)}
          data-testid="preview-channel"
        />
        <TextInput
          type="datetime-local"
          label={t('protocol.preview.receivedAt')}
          value={sample.receivedAt}
          onChange={(e) => set('receivedAt', e.currentTarget.value)}
          data-testid="preview-received"
        />
      </SimpleGrid>
      <Stack gap={4} role="group" aria-label={t('protocol.cond.screening')}>
        {SCREENING_QUESTIONS.map((q) => (
          <Checkbox
            key={q}
            size="sm"
            label={t(`intake.screening.${q}`)}
            checked={sample.screening[q]}
            onChange={(e) => set('screening', { ...sample.screening, [q]: e.currentTarget.checked })}
            data-testid={`preview-screening-${q}`}
          />
        ))}
      </Stack>
      <MultiSelect
        label={t('protocol.preview.types')}
        data={VIOLENCE_TYPES.map((c) => ({ value: c, label: text.type(c) })).sort(byLabel)}
        value={sample.types}
        onChange={(v) => set('types', v)}
        searchable
        hidePickedOptions
        error={sample.types.length ? undefined : t('protocol.preview.needTypes')}
        data-testid="preview-types"
        comboboxProps={{ withinPortal: true }}
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs" verticalSpacing="xs">
        <NativeSelect
          label={t('protocol.preview.place')}
          data={[none, ...PLACES.map((c) => ({ value: c, label: text.place(c) }))]}
          value={sample.place}
          onChange={(e) => set('place', e.currentTarget.value as Place | '')}
          data-testid="preview-place"
        />
        <NativeSelect
          label={t('protocol.preview.relation')}
          data={[none, ...PERPETRATOR_RELATIONS.map((c) => ({ value: c, label: text.relation(c) }))]}
          value={sample.relation}
          onChange={(e) => set('relation', e.currentTarget.value as PerpetratorRelation | '')}
          data-testid="preview-relation"
        />
        <TextInput
          label={t('protocol.preview.article')}
          placeholder={t('protocol.preview.articlePlaceholder')}
          value={sample.article}
          onChange={(e) => set('article', e.currentTarget.value)}
          maxLength={20}
          data-testid="preview-article"
        />
        <Checkbox
          mt={{ base: 0, sm: 28 }}
          label={t('protocol.preview.school')}
          checked={sample.school}
          onChange={(e) => set('school', e.currentTarget.checked)}
          data-testid="preview-school"
        />
      </SimpleGrid>
    </Stack>
  );
}

function Result({ result }: { result: PreviewResult }) {
  const text = useProtocolText();
  const { t, locale } = text;
  return (
    <Stack gap="sm" data-testid="preview-result">
      <Group gap="sm" align="center" data-testid="preview-priority" data-priority={result.priority}>
        <Text fw={600}>{t('protocol.preview.priority')}</Text>
        <PriorityBadge priority={result.priority} size="lg" />
      </Group>
      <Text size="sm" c="dimmed" data-testid="preview-priority-rules">
        {result.priorityRuleIds.length
          ? <>{t('protocol.preview.setBy')} {result.priorityRuleIds.map((id, i) => <Code key={id}>{i > 0 ? ' ' : ''}{id}</Code>)}</>
          : t('protocol.preview.byDefault')}
      </Text>
      <Text fw={600} size="sm">{t('protocol.preview.tasks', { n: result.tasks.length })}</Text>
      <Stack gap="xs">
        {result.tasks.map((task) => (
          <Paper key={`${task.agencyType}-${task.action}`} withBorder p="xs" radius="sm" data-testid={`preview-task-${task.ruleId}`} data-due={task.dueAt}>
            <Group justify="space-between" gap={4} wrap="nowrap" align="flex-start">
              <div>
                <Text size="sm" fw={600}>{text.agency(task.agencyType)}</Text>
                <Text size="sm">{text.action(task.action)}</Text>
              </div>
              {task.mandatory
                ? <Badge color="dark" variant="light" size="sm">{t('protocol.view.required')}</Badge>
                : <Badge color="gray" variant="outline" size="sm">{t('protocol.view.optional')}</Badge>}
            </Group>
            <Text size="sm" mt={4}>
              <Text span c="dimmed">{t('protocol.preview.due')} </Text>
              <Text span fw={600} data-testid={`preview-task-${task.ruleId}-due`}>{formatDateTime(task.dueAt, locale)}</Text>
              <Text span c="dimmed" size="xs"> · <Code fz="xs">{task.ruleId}</Code></Text>
            </Text>
            {task.escalation.length > 0 && (
              <Text size="xs" c="dimmed" mt={2}>
                {t('protocol.preview.ifLate')}{' '}
                {task.escalation.map((e, i) => (
                  <span key={`${e.to}-${i}`}>
                    {i > 0 && ' → '}
                    {text.level(e.to)} <Text span fw={500} c="dark.4" fz="xs">{formatDateTime(e.at, locale)}</Text>
                  </span>
                ))}
              </Text>
            )}
          </Paper>
        ))}
      </Stack>
    </Stack>
  );
}

export function PreviewPanel({ sample, onSample, result, state, fetching }: {
  sample: Sample; onSample: (s: Sample) => void; result: PreviewResult | undefined; state: PreviewState; fetching: boolean;
}) {
  const { t } = useProtocolText();
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="preview-title" data-testid="protocol-preview" className="protocol-preview">
      <Group justify="space-between" mb={4}>
        <Title order={2} size="h4" id="preview-title">{t('protocol.preview.title')}</Title>
        {fetching && <Loader size="xs" aria-label={t('common.loading')} />}
      </Group>
      <Text size="xs" c="dimmed" mb="sm">{t('protocol.preview.intro')}</Text>
      <div className="protocol-preview-body">
        <SampleForm sample={sample} onChange={onSample} />
        <Divider my="md" className="protocol-preview-divider" />
        <div aria-live="polite" data-testid="preview-state" data-state={state}>
          {state === 'incomplete' && <Text size="sm" c="dimmed">{t('protocol.preview.needTypes')}</Text>}
          {state === 'invalid' && <Alert color="orange" py="xs">{t('protocol.preview.invalid')}</Alert>}
          {state === 'error' && <Alert color="red" py="xs">{t('protocol.preview.failed')}</Alert>}
          {state === 'loading' && !result && <Loader size="sm" aria-label={t('common.loading')} />}
          {result && (state === 'ready' || state === 'loading') && <Result result={result} />}
        </div>
      </div>
      <Text size="xs" c="dimmed" mt="sm">{t('protocol.preview.timeNote')}</Text>
    </Paper>
  );
}
