import { useState } from 'react';
import { Alert, Anchor, Badge, Button, Card, Group, List, Loader, NativeSelect, NumberInput, Pagination, SegmentedControl, SimpleGrid, Stack, Switch, Table, Tabs, Text, Title } from '@mantine/core';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { roleHas, SPECIALIST_KINDS, specialistKindLabels, type Locale, type SpecialistKind } from '@qorgau/core';
import { useUser } from '../auth/session.ts';
import { ErrorAlert } from '../components/error-alert.tsx';
import { Page } from '../components/page.tsx';
import { localName } from '../format.ts';
import { useLocale } from '../i18n/use-locale.ts';
import { useRegions } from '../reference/queries.ts';
import { KzMap } from '../stats/kz-map.tsx';
import { exportUrl, useNorms, usePlan, useSaveNorms, useSchoolMetrics, useSummary, type Plan, type PlanInput, type PlanRule } from './api.ts';

const PAGE = 50;
const n2 = (v: number, locale: Locale) => v.toLocaleString(locale, { maximumFractionDigits: 2 });
const kindLabel = (k: string, locale: Locale) => specialistKindLabels[k as SpecialistKind]?.[locale] ?? k;

function KindSelect({ value, onChange }: { value: string; onChange: (k: string) => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  return <NativeSelect label={t('workforce.kind')} value={value} data={SPECIALIST_KINDS.map((k) => ({ value: k, label: kindLabel(k, locale) }))} onChange={(e) => onChange(e.currentTarget.value)} data-testid="workforce-kind" />;
}

function Overview({ kind }: { kind: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const user = useUser();
  const [measure, setMeasure] = useState<'gap' | 'under'>('under');
  const [region, setRegion] = useState<string | null>(user.regionCode);
  const [onlyUnder, setOnlyUnder] = useState(true);
  const [page, setPage] = useState(1);
  const summary = useSummary(user.regionCode, kind);
  const schools = useSchoolMetrics({ regionCode: region, kind, underServedOnly: onlyUnder, limit: PAGE, offset: (page - 1) * PAGE });
  const nationalMap = summary.data?.level === 'region';
  return (
    <Stack>
      {summary.isError && <ErrorAlert error={summary.error} />}
      {summary.data && (
        <SimpleGrid cols={{ base: 2, sm: 4 }} data-testid="workforce-totals">
          <Card withBorder><Text size="xs" c="dimmed">{t('workforce.students')}</Text><Text fw={700} size="xl">{summary.data.total.students.toLocaleString(locale)}</Text></Card>
          <Card withBorder><Text size="xs" c="dimmed">{t('workforce.fte')}</Text><Text fw={700} size="xl">{n2(summary.data.total.fte, locale)}</Text></Card>
          <Card withBorder><Text size="xs" c="dimmed">{t('workforce.perFteVsNorm')}</Text><Text fw={700} size="xl">{summary.data.total.studentsPerFte === null ? '—' : Math.round(summary.data.total.studentsPerFte).toLocaleString(locale)} / {summary.data.studentsPerFteNorm}</Text></Card>
          <Card withBorder><Text size="xs" c="dimmed">{t('workforce.underServedSchools')}</Text><Text fw={700} size="xl" c="red">{summary.data.total.underServedSchools.toLocaleString(locale)} / {summary.data.total.schools.toLocaleString(locale)}</Text></Card>
        </SimpleGrid>
      )}
      {summary.data && nationalMap && (
        <Card withBorder>
          <Group justify="space-between" mb="xs">
            <Title order={2} size="h4">{t('workforce.map.title')}</Title>
            <SegmentedControl value={measure} onChange={(v) => setMeasure(v)} data={[{ value: 'under', label: t('workforce.map.under') }, { value: 'gap', label: t('workforce.map.gap') }]} />
          </Group>
          <KzMap
            label={t('workforce.map.title')} testId="workforce-map" selected={region}
            legend={measure === 'gap' ? t('workforce.map.gapLegend') : t('workforce.map.underLegend')}
            formatValue={(v) => n2(v, locale)}
            onSelect={(code) => { setRegion(code === region ? null : code); setPage(1); }}
            areas={summary.data.groups.map((g) => ({
              code: g.code, name: localName(g.name, locale), value: measure === 'gap' ? g.gapFte : g.underServedSchools,
              details: [t('workforce.map.tipUnder', { under: g.underServedSchools, schools: g.schools }), t('workforce.map.tipGap', { gap: n2(g.gapFte, locale) }), t('workforce.map.tipRatio', { ratio: g.studentsPerFte === null ? '—' : Math.round(g.studentsPerFte) })],
            }))}
          />
        </Card>
      )}
      {summary.data && !nationalMap && (
        <Table striped data-testid="workforce-districts">
          <Table.Thead><Table.Tr><Table.Th>{t('workforce.district')}</Table.Th><Table.Th ta="end">{t('workforce.students')}</Table.Th><Table.Th ta="end">{t('workforce.fte')}</Table.Th><Table.Th ta="end">{t('workforce.gap')}</Table.Th><Table.Th ta="end">{t('workforce.underServedSchools')}</Table.Th></Table.Tr></Table.Thead>
          <Table.Tbody>{summary.data.groups.map((g) => (
            <Table.Tr key={g.code}><Table.Td>{localName(g.name, locale)}</Table.Td><Table.Td ta="end">{g.students.toLocaleString(locale)}</Table.Td><Table.Td ta="end">{n2(g.fte, locale)}</Table.Td><Table.Td ta="end">{n2(g.gapFte, locale)}</Table.Td><Table.Td ta="end">{g.underServedSchools}</Table.Td></Table.Tr>
          ))}</Table.Tbody>
        </Table>
      )}
      <Group>
        <Title order={2} size="h4">{t('workforce.schools.title')}</Title>
        {region && !user.regionCode && <Badge variant="light" rightSection={<Anchor size="xs" component="button" onClick={() => setRegion(null)}>×</Anchor>}>{region}</Badge>}
        <Switch label={t('workforce.schools.onlyUnder')} checked={onlyUnder} onChange={(e) => { setOnlyUnder(e.currentTarget.checked); setPage(1); }} data-testid="workforce-only-under" />
      </Group>
      {schools.isError && <ErrorAlert error={schools.error} />}
      {schools.isPending && <Loader aria-label={t('common.loading')} />}
      {schools.data && (
        <>
          <Table.ScrollContainer minWidth={860}>
            <Table striped data-testid="workforce-schools">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('workforce.school')}</Table.Th>
                  <Table.Th ta="end">{t('workforce.students')}</Table.Th>
                  <Table.Th ta="end">{t('workforce.fte')}</Table.Th>
                  <Table.Th ta="end">{t('workforce.perFte')}</Table.Th>
                  <Table.Th ta="end">{t('workforce.norm')}</Table.Th>
                  <Table.Th ta="end">{t('workforce.need')}</Table.Th>
                  <Table.Th ta="end">{t('workforce.gap')}</Table.Th>
                  <Table.Th ta="end">{t('workforce.caseload')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {schools.data.items.map((s) => {
                  const k = s.kinds[0]!;
                  return (
                    <Table.Tr key={s.id}>
                      <Table.Td><Anchor component={Link} to={`/schools/${s.id}`}>{localName(s.name, locale)}</Anchor></Table.Td>
                      <Table.Td ta="end">{s.students.toLocaleString(locale)}</Table.Td>
                      <Table.Td ta="end">{n2(k.fte, locale)}</Table.Td>
                      <Table.Td ta="end" c={k.studentsPerFte === null || k.studentsPerFte > k.normStudentsPerFte ? 'red' : undefined}>{k.studentsPerFte === null ? t('workforce.nobody') : Math.round(k.studentsPerFte).toLocaleString(locale)}</Table.Td>
                      <Table.Td ta="end">{k.normStudentsPerFte}</Table.Td>
                      <Table.Td ta="end">{n2(k.needFte, locale)}</Table.Td>
                      <Table.Td ta="end" fw={k.gapFte > 0 ? 700 : undefined}>{n2(k.gapFte, locale)}</Table.Td>
                      <Table.Td ta="end" c={s.overloaded ? 'red' : undefined}>{s.openCaseload}{s.caseloadPerFte !== null ? ` (${n2(s.caseloadPerFte, locale)} / ${s.casesPerFte ?? '—'})` : ''}</Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <Text size="xs" c="dimmed">{t('workforce.caseloadNote')}</Text>
          {schools.data.total > PAGE && <Pagination total={Math.ceil(schools.data.total / PAGE)} value={page} onChange={setPage} />}
        </>
      )}
    </Stack>
  );
}

function ruleText(r: PlanRule, t: TFunction, locale: Locale): string {
  const n = (v: number | undefined) => (v === undefined ? '' : n2(v, locale));
  switch (r.code) {
    case 'greedy_largest_reduction': return t('workforce.rule.greedy', { step: n(r.step), steps: r.steps });
    case 'tie_break': return t('workforce.rule.tieBreak');
    case 'moved_from_surplus': return t('workforce.rule.moved', { fte: n(r.fte), donors: r.donors });
    case 'never_below_need': return t('workforce.rule.neverBelow');
    case 'all_gaps_closed': return t('workforce.rule.allClosed', { fte: n(r.unallocatedFte) });
    case 'no_gap': return t('workforce.rule.noGap');
    default: return r.code;
  }
}

function PlanResult({ plan, input }: { plan: Plan; input: PlanInput }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const better = plan.proportional.objectiveAfter - plan.objectiveAfter;
  return (
    <Stack data-testid="plan-result">
      <SimpleGrid cols={{ base: 2, sm: 4 }}>
        <Card withBorder><Text size="xs" c="dimmed">{t('workforce.plan.shortfall')}</Text><Text fw={700} size="lg" data-testid="plan-shortfall">{n2(plan.shortfallBefore, locale)} → {n2(plan.shortfallAfter, locale)}</Text></Card>
        <Card withBorder><Text size="xs" c="dimmed">{t('workforce.plan.objective')}</Text><Text fw={700} size="lg">{n2(plan.objectiveBefore, locale)} → {n2(plan.objectiveAfter, locale)}</Text></Card>
        <Card withBorder><Text size="xs" c="dimmed">{t('workforce.plan.proportional')}</Text><Text fw={700} size="lg" data-testid="plan-proportional">{n2(plan.proportional.objectiveAfter, locale)}</Text><Text size="xs">{better > 1e-9 ? t('workforce.plan.better', { value: n2(better, locale) }) : t('workforce.plan.same')}</Text></Card>
        <Card withBorder><Text size="xs" c="dimmed">{t('workforce.underServedSchools')}</Text><Text fw={700} size="lg">{plan.underServedBefore} → {plan.underServedAfter}</Text></Card>
      </SimpleGrid>
      <Alert color="blue" title={t('workforce.plan.why')} data-testid="plan-explanation">
        <List size="sm">
          {plan.explanation.rules.map((r) => <List.Item key={r.code}>{ruleText(r, t, locale)}</List.Item>)}
        </List>
        {plan.explanation.firstSteps.length > 0 && (
          <Text size="sm" mt="xs">{t('workforce.plan.firstSteps')}: {plan.explanation.firstSteps.slice(0, 5).map((s) => t('workforce.plan.step', { order: s.order, school: localName(s.schoolName, locale), before: n2(s.gapBefore, locale), after: n2(s.gapAfter, locale), reduction: n2(s.reduction, locale) })).join('; ')}</Text>
        )}
      </Alert>
      <Group>
        <Button component="a" href={exportUrl('xlsx', input, locale)} variant="light" data-testid="plan-xlsx">{t('workforce.plan.xlsx')}</Button>
        <Button component="a" href={exportUrl('csv', input, locale)} variant="default" data-testid="plan-csv">{t('workforce.plan.csv')}</Button>
      </Group>
      <Table.ScrollContainer minWidth={900}>
        <Table striped data-testid="plan-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('workforce.school')}</Table.Th>
              <Table.Th ta="end">{t('workforce.students')}</Table.Th>
              <Table.Th ta="end">{t('workforce.plan.have')}</Table.Th>
              <Table.Th ta="end">{t('workforce.need')}</Table.Th>
              <Table.Th ta="end">{t('workforce.plan.add')}</Table.Th>
              {plan.mode === 'reassign' && <Table.Th ta="end">{t('workforce.plan.remove')}</Table.Th>}
              <Table.Th ta="end">{t('workforce.plan.gapBeforeAfter')}</Table.Th>
              <Table.Th ta="end">{t('workforce.plan.perFteBeforeAfter')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {plan.schools.slice(0, 300).map((s) => (
              <Table.Tr key={s.id}>
                <Table.Td>{localName(s.name, locale)} <Text span size="xs" c="dimmed" ff="monospace">{s.districtCode}</Text></Table.Td>
                <Table.Td ta="end">{s.students.toLocaleString(locale)}</Table.Td>
                <Table.Td ta="end">{n2(s.haveFte, locale)}</Table.Td>
                <Table.Td ta="end">{n2(s.needFte, locale)}</Table.Td>
                <Table.Td ta="end" fw={700} c={s.add > 0 ? 'green' : undefined}>{s.add > 0 ? `+${n2(s.add, locale)}` : '—'}</Table.Td>
                {plan.mode === 'reassign' && <Table.Td ta="end" c={s.remove > 0 ? 'orange' : undefined}>{s.remove > 0 ? `−${n2(s.remove, locale)}` : '—'}</Table.Td>}
                <Table.Td ta="end">{n2(s.gapBefore, locale)} → {n2(s.gapAfter, locale)}</Table.Td>
                <Table.Td ta="end">{s.studentsPerFteBefore === null ? '—' : Math.round(s.studentsPerFteBefore)} → {s.studentsPerFteAfter === null ? '—' : Math.round(s.studentsPerFteAfter)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {plan.schools.length > 300 && <Text size="sm" c="dimmed">{t('workforce.plan.more', { n: plan.schools.length - 300 })}</Text>}
    </Stack>
  );
}

function Planner({ kind }: { kind: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const user = useUser();
  const regions = useRegions();
  const [input, setInput] = useState<PlanInput>({ regionCode: user.regionCode ?? '', kind, positions: 10, step: 0.5, mode: 'new' });
  const plan = usePlan();
  const body = { ...input, kind, regionCode: input.regionCode || undefined };
  return (
    <Stack>
      <form onSubmit={(e) => { e.preventDefault(); plan.mutate(body); }} data-testid="plan-form">
        <Group align="end" wrap="wrap">
          <NativeSelect label={t('workforce.region')} value={input.regionCode ?? ''} disabled={Boolean(user.regionCode)} data-testid="plan-region"
            data={[{ value: '', label: t('workforce.wholeCountry') }, ...(regions.data ?? []).map((r) => ({ value: r.code, label: localName(r.name, locale) }))]}
            onChange={(e) => setInput({ ...input, regionCode: e.currentTarget.value })} />
          <NumberInput label={t('workforce.plan.positions')} min={0} step={input.step} decimalScale={2} value={input.positions} w={140} data-testid="plan-positions"
            onChange={(v) => setInput({ ...input, positions: Number(v) || 0 })} />
          <NativeSelect label={t('workforce.plan.stepLabel')} value={String(input.step)} data={['0.25', '0.5', '1']} w={100} onChange={(e) => setInput({ ...input, step: Number(e.currentTarget.value) })} />
          <SegmentedControl value={input.mode} onChange={(v) => setInput({ ...input, mode: v })} data-testid="plan-mode"
            data={[{ value: 'new', label: t('workforce.plan.modeNew') }, { value: 'reassign', label: t('workforce.plan.modeReassign') }]} />
          <Button type="submit" loading={plan.isPending} data-testid="plan-run">{t('workforce.plan.run')}</Button>
        </Group>
      </form>
      <Text size="xs" c="dimmed">{input.mode === 'new' ? t('workforce.plan.modeNewHint') : t('workforce.plan.modeReassignHint')}</Text>
      {plan.isError && <ErrorAlert error={plan.error} />}
      {plan.data && <PlanResult plan={plan.data} input={body} />}
    </Stack>
  );
}

function Norms() {
  const { t } = useTranslation();
  const locale = useLocale();
  const user = useUser();
  const norms = useNorms();
  const save = useSaveNorms();
  const [edit, setEdit] = useState<Record<string, { studentsPerFte: number; casesPerFte: number | null }>>({});
  const canEdit = roleHas(user.role, 'workforce.manage') && !user.regionCode;
  if (norms.isPending) return <Loader aria-label={t('common.loading')} />;
  if (norms.isError) return <ErrorAlert error={norms.error} />;
  const value = (k: string) => edit[k] ?? norms.data.find((n) => n.kind === k) ?? { studentsPerFte: 500, casesPerFte: 25 };
  return (
    <Stack maw={640}>
      <Text size="sm">{t('workforce.norms.help')}</Text>
      <Table data-testid="norms-table">
        <Table.Thead><Table.Tr><Table.Th>{t('workforce.kind')}</Table.Th><Table.Th>{t('workforce.norms.students')}</Table.Th><Table.Th>{t('workforce.norms.cases')}</Table.Th></Table.Tr></Table.Thead>
        <Table.Tbody>
          {SPECIALIST_KINDS.map((k) => (
            <Table.Tr key={k}>
              <Table.Td>{kindLabel(k, locale)}</Table.Td>
              <Table.Td><NumberInput aria-label={t('workforce.norms.students')} disabled={!canEdit} min={50} max={10000} allowDecimal={false} value={value(k).studentsPerFte} onChange={(v) => setEdit({ ...edit, [k]: { ...value(k), studentsPerFte: Number(v) || 0 } })} /></Table.Td>
              <Table.Td><NumberInput aria-label={t('workforce.norms.cases')} disabled={!canEdit} min={1} max={1000} allowDecimal={false} value={value(k).casesPerFte ?? ''} onChange={(v) => setEdit({ ...edit, [k]: { ...value(k), casesPerFte: v === '' ? null : Number(v) } })} /></Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {save.isError && <ErrorAlert error={save.error} />}
      {canEdit ? (
        <Group>
          <Button disabled={Object.keys(edit).length === 0} loading={save.isPending} data-testid="norms-save"
            onClick={() => save.mutate(Object.entries(edit).map(([kind, v]) => ({ kind, ...v })), { onSuccess: () => setEdit({}) })}>{t('workforce.norms.save')}</Button>
        </Group>
      ) : <Text size="xs" c="dimmed">{t('workforce.norms.readOnly')}</Text>}
    </Stack>
  );
}

/** Workforce: coverage and under-served schools, the allocation planner, the norms. */
export function WorkforcePage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'overview';
  const [kind, setKind] = useState<string>('psychologist');
  return (
    <Page title={t('workforce.title')} actions={<KindSelect value={kind} onChange={setKind} />}>
      <Tabs value={tab} onChange={(v) => setParams({ tab: v ?? 'overview' }, { replace: true })} keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="overview" data-testid="tab-overview">{t('workforce.tab.overview')}</Tabs.Tab>
          <Tabs.Tab value="plan" data-testid="tab-plan">{t('workforce.tab.plan')}</Tabs.Tab>
          <Tabs.Tab value="norms" data-testid="tab-norms">{t('workforce.tab.norms')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="overview"><Overview kind={kind} /></Tabs.Panel>
        <Tabs.Panel value="plan"><Planner kind={kind} /></Tabs.Panel>
        <Tabs.Panel value="norms"><Norms /></Tabs.Panel>
      </Tabs>
    </Page>
  );
}
