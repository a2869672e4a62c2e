import { Anchor, Badge, Group, Loader, Paper, Stack, Tabs, Text } from '@mantine/core';
import { Link, useParams, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api.ts';
import { ErrorAlert } from '../components/error-alert.tsx';
import { Page } from '../components/page.tsx';
import { personName } from '../persons/person-text.ts';
import { CaseReferrals } from '../services/case-referrals.tsx';
import { useCase } from './api.ts';
import { AssessmentTab } from './assessment-tab.tsx';
import { FactsTab } from './facts-tab.tsx';
import { HistoryTab } from './history-tab.tsx';
import { HouseholdTab } from './household-tab.tsx';
import { NotesTab, ReviewsTab, VisitsTab } from './journal-tabs.tsx';
import { OverviewTab } from './overview-tab.tsx';
import { RiskBadge, StatusBadge } from './parts.tsx';
import { PlanTab } from './plan-tab.tsx';
import { TransferBanner, TransferTab } from './transfer-tab.tsx';
import { ApprovalBanner, StatusStepper, WorkflowActions } from './workflow.tsx';
import { useCaseVocab } from './vocab.ts';

const TABS = ['overview', 'household', 'assessment', 'plan', 'visits', 'notes', 'facts', 'reviews', 'services', 'transfer', 'history'] as const;
type Tab = (typeof TABS)[number];

export function CasePage() {
  const { t } = useTranslation();
  const vocab = useCaseVocab();
  const { id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const kase = useCase(id);
  const tab: Tab = TABS.find((x) => x === params.get('tab')) ?? 'overview';
  const goTo = (next: string) => {
    const p = new URLSearchParams(window.location.search);
    if (next === 'overview') p.delete('tab'); else p.set('tab', next);
    setParams(p, { replace: true });
  };

  if (kase.isPending) return <Loader aria-label={t('common.loading')} />;
  if (kase.error instanceof ApiError && (kase.error.status === 404 || kase.error.status === 400)) {
    return (
      <Page title={t('cases.page.notFound')}>
        <Text data-testid="case-not-found">{t('cases.page.notFoundText')}</Text>
        <Anchor component={Link} to="/cases">{t('cases.page.back')}</Anchor>
      </Page>
    );
  }
  if (kase.isError) return <ErrorAlert error={kase.error} />;
  const c = kase.data;
  const count = (n: number) => (n > 0 ? <Badge size="xs" variant="light" color="gray" ml={4}>{n}</Badge> : null);

  return (
    <Page title={t('cases.page.title', { number: c.number })}
      actions={
        <Group gap="xs">
          <Badge size="lg" variant="outline" color="gray">{vocab.kind(c.kind)}</Badge>
          <StatusBadge status={c.status} size="lg" testId="case-status" />
          <RiskBadge level={c.riskLevel} size="lg" testId="case-risk" />
        </Group>
      }>
      <Paper withBorder p="md" radius="md">
        <Stack gap="md">
          <StatusStepper c={c} />
          <WorkflowActions c={c} onGoTo={goTo} />
        </Stack>
      </Paper>
      <ApprovalBanner c={c} />
      <TransferBanner c={c} />
      <Tabs value={tab} onChange={(v) => goTo(v ?? 'overview')} keepMounted={false} data-testid="case-tabs">
        <Tabs.List style={{ flexWrap: 'wrap' }}>
          <Tabs.Tab value="overview" data-testid="case-tab-overview">{t('cases.tabs.overview')}</Tabs.Tab>
          <Tabs.Tab value="household" data-testid="case-tab-household">{t('cases.tabs.household')}{count(c.members.length)}</Tabs.Tab>
          <Tabs.Tab value="assessment" data-testid="case-tab-assessment">{t('cases.tabs.assessment')}</Tabs.Tab>
          <Tabs.Tab value="plan" data-testid="case-tab-plan">{t('cases.tabs.plan')}{count(c.plan.filter((p) => p.kind === 'goal').length)}</Tabs.Tab>
          <Tabs.Tab value="visits" data-testid="case-tab-visits">{t('cases.tabs.visits')}{count(c.visits.length)}</Tabs.Tab>
          <Tabs.Tab value="notes" data-testid="case-tab-notes">{t('cases.tabs.notes')}{count(c.notes.length)}</Tabs.Tab>
          <Tabs.Tab value="facts" data-testid="case-tab-facts">{t('cases.tabs.facts')}{count(c.facts.length)}</Tabs.Tab>
          <Tabs.Tab value="reviews" data-testid="case-tab-reviews">{t('cases.tabs.reviews')}{count(c.reviews.length)}</Tabs.Tab>
          <Tabs.Tab value="services" data-testid="case-tab-services">{t('cases.tabs.services')}</Tabs.Tab>
          <Tabs.Tab value="transfer" data-testid="case-tab-transfer">{t('cases.tabs.transfer')}</Tabs.Tab>
          <Tabs.Tab value="history" data-testid="case-tab-history">{t('cases.tabs.history')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="overview" pt="md"><OverviewTab c={c} /></Tabs.Panel>
        <Tabs.Panel value="household" pt="md"><HouseholdTab c={c} /></Tabs.Panel>
        <Tabs.Panel value="assessment" pt="md"><AssessmentTab c={c} /></Tabs.Panel>
        <Tabs.Panel value="plan" pt="md"><PlanTab c={c} /></Tabs.Panel>
        <Tabs.Panel value="visits" pt="md"><VisitsTab c={c} /></Tabs.Panel>
        <Tabs.Panel value="notes" pt="md"><NotesTab c={c} /></Tabs.Panel>
        <Tabs.Panel value="facts" pt="md"><FactsTab c={c} /></Tabs.Panel>
        <Tabs.Panel value="reviews" pt="md"><ReviewsTab c={c} /></Tabs.Panel>
        <Tabs.Panel value="services" pt="md">
          <Paper withBorder p="md" radius="md">
            <CaseReferrals caseId={c.id} canRefer={c.rights.work && c.status !== 'closed'}
              members={c.members.map((m) => ({ personId: m.person.id, name: personName(m.person), birthDate: m.person.birthDate, relation: m.relation }))} />
          </Paper>
        </Tabs.Panel>
        <Tabs.Panel value="transfer" pt="md"><TransferTab c={c} /></Tabs.Panel>
        <Tabs.Panel value="history" pt="md"><HistoryTab c={c} /></Tabs.Panel>
      </Tabs>
    </Page>
  );
}
