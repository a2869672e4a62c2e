import { useState } from 'react';
import {
  Alert, Badge, Button, Card, Checkbox, Group, List, Loader, Radio, SimpleGrid, Stack, Table, Text, Textarea, Title,
} from '@mantine/core';
import {
  checkAnswers, FACTOR_DOMAINS, scoreAssessment, type AssessmentAnswers, type InstrumentDefinition,
} from '@qorgau/core';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../components/error-alert.tsx';
import { formatDateTime } from '../format.ts';
import { fieldErrors } from '../i18n/errors.ts';
import { useAssessments, useInstrument, useSubmitAssessment } from './api.ts';
import { RiskBadge, Section } from './parts.tsx';
import { RiskChart } from './risk-chart.tsx';
import { SAFETY_COLORS, type Assessment, type AssessmentReason, type CaseFile } from './types.ts';
import { useCaseVocab } from './vocab.ts';

/** One reason of a result in words, with the instrument's own labels. */
function useReasonText(definition: InstrumentDefinition | undefined) {
  const { t } = useTranslation();
  const vocab = useCaseVocab();
  return (r: AssessmentReason): string => {
    switch (r.kind) {
      case 'threat': {
        const threat = definition?.threats.find((x) => x.code === r.threat);
        return t('cases.assessment.reason.threat', { threat: threat ? vocab.label(threat.label) : r.threat });
      }
      case 'item': {
        const item = definition?.items.find((x) => x.code === r.item);
        const option = item?.options.find((o) => o.code === r.option);
        return t('cases.assessment.reason.item', {
          item: item ? vocab.label(item.label) : r.item, option: option ? vocab.label(option.label) : r.option, weight: r.weight > 0 ? `+${r.weight}` : String(r.weight),
        });
      }
      case 'threshold':
        return t('cases.assessment.reason.threshold', { score: r.score, min: r.min, level: vocab.risk(r.level) });
      case 'policy_override': {
        const rule = definition?.policyOverrides.find((x) => x.code === r.code);
        return t('cases.assessment.reason.policy', { rule: rule ? vocab.label(rule.label) : r.code, level: vocab.risk(r.level) });
      }
      case 'discretionary_override':
        return t('cases.assessment.reason.raised', { from: vocab.risk(r.from), to: vocab.risk(r.to) });
    }
  };
}

function ResultCard({ a, definition, testId }: { a: Pick<Assessment, 'level' | 'scoredLevel' | 'score' | 'safetyDecision' | 'reasons' | 'overrideReason'> & Partial<Pick<Assessment, 'assessedAt' | 'assessedBy' | 'instrumentVersion'>>; definition: InstrumentDefinition | undefined; testId: string }) {
  const { t } = useTranslation();
  const vocab = useCaseVocab();
  const reasonText = useReasonText(definition);
  const reasons = a.reasons as AssessmentReason[];
  // threats first, then what raised the level, then the items by weight
  const order = { threat: 0, policy_override: 1, discretionary_override: 2, threshold: 3, item: 4 } as const;
  const sorted = [...reasons].sort((x, y) => order[x.kind] - order[y.kind] || (y.kind === 'item' && x.kind === 'item' ? y.weight - x.weight : 0));
  return (
    <Card withBorder padding="md" radius="md" data-testid={testId} data-level={a.level}>
      <Group gap="lg" align="flex-start" wrap="wrap">
        <Stack gap={4}>
          <Text size="xs" c="dimmed" tt="uppercase" fw={600}>{t('cases.assessment.level')}</Text>
          <RiskBadge level={a.level} size="lg" testId={`${testId}-level`} />
        </Stack>
        <Stack gap={4}>
          <Text size="xs" c="dimmed" tt="uppercase" fw={600}>{t('cases.assessment.safety')}</Text>
          <Badge size="lg" color={SAFETY_COLORS[a.safetyDecision]} variant="light" data-testid={`${testId}-safety`}>{vocab.safety(a.safetyDecision)}</Badge>
        </Stack>
        <Stack gap={4}>
          <Text size="xs" c="dimmed" tt="uppercase" fw={600}>{t('cases.assessment.score')}</Text>
          <Text fw={700} size="lg" data-testid={`${testId}-score`}>{a.score}</Text>
        </Stack>
        {a.scoredLevel !== a.level && (
          <Stack gap={4}>
            <Text size="xs" c="dimmed" tt="uppercase" fw={600}>{t('cases.assessment.scoredLevel')}</Text>
            <RiskBadge level={a.scoredLevel} />
          </Stack>
        )}
        {a.assessedAt && (
          <Stack gap={4}>
            <Text size="xs" c="dimmed" tt="uppercase" fw={600}>{t('cases.assessment.assessed')}</Text>
            <Text size="sm">{formatDateTime(a.assessedAt, vocab.locale)}{a.assessedBy?.name ? ` · ${a.assessedBy.name}` : ''}</Text>
          </Stack>
        )}
      </Group>
      <Text fw={600} size="sm" mt="md" mb={4}>{t('cases.assessment.why')}</Text>
      {sorted.length === 0 ? <Text size="sm" c="dimmed">{t('cases.assessment.noFactors')}</Text> : (
        <List size="sm" spacing={2} data-testid={`${testId}-reasons`}>
          {sorted.map((r, i) => <List.Item key={i} data-kind={r.kind}>{reasonText(r)}</List.Item>)}
        </List>
      )}
      {a.overrideReason && <Text size="sm" mt="xs"><b>{t('cases.assessment.raiseReason')}:</b> {a.overrideReason}</Text>}
    </Card>
  );
}

export function AssessmentTab({ c }: { c: CaseFile }) {
  const { t } = useTranslation();
  const vocab = useCaseVocab();
  const instrument = useInstrument();
  const history = useAssessments(c.id);
  const mayAssess = c.rights.lead && c.status !== 'closed';
  const [assessing, setAssessing] = useState(false);
  const definition = instrument.data?.definition;
  const showForm = mayAssess && (assessing || !c.latestAssessment);

  return (
    <Stack gap="md">
      {instrument.isError && <ErrorAlert error={instrument.error} />}
      {c.latestAssessment && (
        <Section title={t('cases.assessment.latest')} testId="case-assessment-latest"
          actions={mayAssess && !assessing ? <Button variant="light" onClick={() => setAssessing(true)} data-testid="case-reassess">{t('cases.assessment.reassess')}</Button> : undefined}>
          <ResultCard a={c.latestAssessment} definition={definition} testId="case-assessment-result" />
        </Section>
      )}
      {!c.latestAssessment && !mayAssess && <Text c="dimmed">{t('cases.assessment.none')}</Text>}
      {showForm && (definition && instrument.data ? (
        <AssessmentForm c={c} definition={definition} version={instrument.data.version} onDone={() => setAssessing(false)} onCancel={c.latestAssessment ? () => setAssessing(false) : undefined} />
      ) : instrument.isPending ? <Loader aria-label={t('common.loading')} /> : null)}
      {(history.data?.length ?? 0) > 0 && (
        <Section title={t('cases.assessment.history')} testId="case-assessment-history">
          <RiskChart assessments={history.data ?? []} definition={definition} />
          <Table.ScrollContainer minWidth={480} mt="sm">
            <Table verticalSpacing={4} data-testid="case-assessment-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('cases.assessment.assessed')}</Table.Th>
                  <Table.Th>{t('cases.assessment.score')}</Table.Th>
                  <Table.Th>{t('cases.assessment.level')}</Table.Th>
                  <Table.Th>{t('cases.assessment.safety')}</Table.Th>
                  <Table.Th>{t('cases.assessment.by')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {[...(history.data ?? [])].reverse().map((a) => (
                  <Table.Tr key={a.id}>
                    <Table.Td>{formatDateTime(a.assessedAt, vocab.locale)}</Table.Td>
                    <Table.Td>{a.score}</Table.Td>
                    <Table.Td><RiskBadge level={a.level} size="sm" /></Table.Td>
                    <Table.Td>{vocab.safety(a.safetyDecision)}</Table.Td>
                    <Table.Td>{a.assessedBy.name ?? '—'}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Section>
      )}
      {history.isError && <ErrorAlert error={history.error} />}
    </Stack>
  );
}

function AssessmentForm({ c, definition, version, onDone, onCancel }: { c: CaseFile; definition: InstrumentDefinition; version: number; onDone: () => void; onCancel?: (() => void) | undefined }) {
  const { t } = useTranslation();
  const vocab = useCaseVocab();
  const submit = useSubmitAssessment(c.id);
  const [threats, setThreats] = useState<Record<string, boolean>>({});
  const [safetyPlan, setSafetyPlan] = useState(false);
  const [items, setItems] = useState<Record<string, string>>({});
  const [raiseLevel, setRaiseLevel] = useState(false);
  const [raiseReason, setRaiseReason] = useState('');
  const [showWeights, setShowWeights] = useState(false);
  const [tried, setTried] = useState(false);
  const server = fieldErrors(submit.error);

  const answers: AssessmentAnswers = { threats, safetyPlan, items, ...(raiseLevel ? { raiseLevel: true, raiseReason: raiseReason.trim() } : {}) };
  const problems = checkAnswers(definition, answers);
  const problemAt = new Map(problems.map((p) => [p.path, p.message]));
  const complete = problems.length === 0;
  const preview = complete ? scoreAssessment(definition, answers) : null;
  const answered = definition.items.filter((i) => items[i.code] !== undefined).length;
  const anyThreat = Object.values(threats).some(Boolean);

  const send = () => {
    setTried(true);
    if (!complete) return;
    submit.mutate({ threats, safetyPlan: anyThreat && safetyPlan, items, ...(raiseLevel ? { raiseLevel: true, raiseReason: raiseReason.trim() } : {}) }, { onSuccess: onDone });
  };
  const restNo = () => setItems((xs) => Object.fromEntries(definition.items.map((i) => [i.code, xs[i.code] ?? i.options[0]?.code ?? ''])));

  return (
    <Section title={`${vocab.label(definition.name)} · v${version}`} testId="case-assessment-form">
      <Stack gap="md">
        <Card withBorder padding="sm" radius="md">
          <Title order={3} size="h5" mb={4}>{t('cases.assessment.threats')}</Title>
          <Text size="sm" c="dimmed" mb="xs">{t('cases.assessment.threatsHint')}</Text>
          <Stack gap={6} data-testid="assess-threats">
            {definition.threats.map((th) => (
              <Checkbox key={th.code} label={vocab.label(th.label)} checked={threats[th.code] === true} data-testid={`assess-threat-${th.code}`}
                onChange={(e) => { const on = e.currentTarget.checked; setThreats((xs) => ({ ...xs, [th.code]: on })); }} />
            ))}
          </Stack>
          {anyThreat && (
            <Alert color="red" variant="light" mt="sm">
              <Checkbox label={t('cases.assessment.safetyPlan')} description={t('cases.assessment.safetyPlanHint')} checked={safetyPlan}
                onChange={(e) => setSafetyPlan(e.currentTarget.checked)} data-testid="assess-safety-plan" />
            </Alert>
          )}
        </Card>

        <Card withBorder padding="sm" radius="md">
          <Group justify="space-between" mb="xs" wrap="wrap">
            <Title order={3} size="h5">{t('cases.assessment.items')}</Title>
            <Group gap="sm">
              <Text size="sm" c="dimmed" data-testid="assess-answered">{t('cases.assessment.answered', { n: answered, total: definition.items.length })}</Text>
              <Checkbox size="xs" label={t('cases.assessment.showWeights')} checked={showWeights} onChange={(e) => setShowWeights(e.currentTarget.checked)} />
              <Button size="xs" variant="default" onClick={restNo} disabled={answered === definition.items.length} data-testid="assess-rest-no">{t('cases.assessment.restNo')}</Button>
            </Group>
          </Group>
          <Stack gap="md">
            {FACTOR_DOMAINS.filter((d) => definition.items.some((i) => i.domain === d)).map((d) => (
              <div key={d}>
                <Text size="xs" c="dimmed" tt="uppercase" fw={700} mb={4}>{t(`cases.assessment.domain.${d}`)}</Text>
                <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg" verticalSpacing="xs">
                  {definition.items.filter((i) => i.domain === d).map((item) => {
                    const error = server[`items.${item.code}`] ?? (tried ? problemAt.get(`items.${item.code}`) && t('cases.assessment.answerThis') : undefined);
                    return (
                      <Radio.Group key={item.code} value={items[item.code] ?? null} error={error} data-testid={`assess-item-${item.code}`}
                        label={vocab.label(item.label)} description={item.hint ? vocab.label(item.hint) : undefined}
                        onChange={(v) => setItems((xs) => ({ ...xs, [item.code]: v }))}>
                        <Group gap="md" mt={4}>
                          {item.options.map((o) => (
                            <Radio key={o.code} value={o.code} data-testid={`assess-item-${item.code}-${o.code}`}
                              label={<>{vocab.label(o.label)}{showWeights && o.weight !== 0 && <Text span size="xs" c="dimmed"> (+{o.weight})</Text>}</>} />
                          ))}
                        </Group>
                      </Radio.Group>
                    );
                  })}
                </SimpleGrid>
              </div>
            ))}
          </Stack>
        </Card>

        <Card withBorder padding="sm" radius="md">
          <Checkbox label={t('cases.assessment.raise')} description={t('cases.assessment.raiseHint')} checked={raiseLevel} onChange={(e) => setRaiseLevel(e.currentTarget.checked)} data-testid="assess-raise" />
          {raiseLevel && (
            <Textarea mt="xs" label={t('cases.assessment.raiseReason')} required autosize minRows={2} maxLength={2000} value={raiseReason} onChange={(e) => setRaiseReason(e.currentTarget.value)}
              error={server.raiseReason ?? (tried && problemAt.has('raiseReason') ? t('intake.errors.required') : undefined)} data-testid="assess-raise-reason" />
          )}
        </Card>

        {preview ? (
          <div>
            <Text fw={600} size="sm" mb={4}>{t('cases.assessment.preview')}</Text>
            <ResultCard a={{ ...preview, overrideReason: raiseLevel ? raiseReason : null, reasons: preview.reasons }} definition={definition} testId="assess-preview" />
          </div>
        ) : tried && <Text c="red" size="sm" data-testid="assess-incomplete">{t('cases.assessment.incomplete', { n: definition.items.length - answered })}</Text>}
        {submit.isError && <ErrorAlert error={submit.error} fields={Object.keys(server)} />}
        <Group>
          <Button loading={submit.isPending} onClick={send} data-testid="assess-submit">{t('cases.assessment.submit')}</Button>
          {onCancel && <Button variant="default" onClick={onCancel}>{t('common.cancel')}</Button>}
        </Group>
      </Stack>
    </Section>
  );
}

