import { Anchor, Badge, Button, Checkbox, Group, Loader, NativeSelect, SimpleGrid, Table, Text } from '@mantine/core';
import { CASE_KINDS, CASE_STATUSES, RISK_LEVELS, roleHas } from '@qorgau/core';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useUser } from '../auth/session.ts';
import { ErrorAlert } from '../components/error-alert.tsx';
import { Page } from '../components/page.tsx';
import { fieldErrors } from '../i18n/errors.ts';
import { useCaseList } from './api.ts';
import { childrenText, ReviewDate, RiskBadge, StatusBadge } from './parts.tsx';
import type { CaseFilter } from './types.ts';
import { useCaseVocab } from './vocab.ts';

const FILTER_KEYS = ['status', 'kind', 'riskLevel', 'mine', 'reviewDue', 'awaitingMyApproval'] as const;
const STATUS_FILTERS = ['active', ...CASE_STATUSES] as const;

/** Family case files in the reader's scope; the filters live in the address so that a view can be shared. */
export function CasesPage() {
  const { t } = useTranslation();
  const vocab = useCaseVocab();
  const user = useUser();
  const [params, setParams] = useSearchParams();
  // "active" unless the address says otherwise ("all" is the empty choice)
  const statusParam = params.get('status');
  const status = statusParam === 'all' ? '' : STATUS_FILTERS.find((s) => s === statusParam) ?? 'active';
  const filter: CaseFilter = {
    status: status || undefined,
    kind: CASE_KINDS.find((k) => k === params.get('kind')),
    riskLevel: RISK_LEVELS.find((k) => k === params.get('riskLevel')),
    mine: params.get('mine') === 'true' ? 'true' : undefined,
    reviewDue: params.get('reviewDue') === 'true' ? 'true' : undefined,
    awaitingMyApproval: params.get('awaitingMyApproval') === 'true' ? 'true' : undefined,
  };
  const list = useCaseList(filter);
  const invalid = fieldErrors(list.error);
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];

  const set = (key: (typeof FILTER_KEYS)[number], value: string) => {
    const next = new URLSearchParams(window.location.search);
    if (value) next.set(key, value); else next.delete(key);
    setParams(next, { replace: true });
  };
  const all = t('cases.list.all');

  return (
    <Page title={t('cases.list.title')}
      actions={roleHas(user.role, 'cases.manage') ? <Button component={Link} to="/cases/new" data-testid="cases-new">{t('cases.list.new')}</Button> : undefined}>
      <form role="search" aria-label={t('cases.list.filters')} onSubmit={(e) => e.preventDefault()}>
        <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm" maw={760}>
          <NativeSelect label={t('cases.list.status')} value={statusParam === 'all' ? 'all' : status} error={invalid.status} data-testid="cases-filter-status"
            data={[...STATUS_FILTERS.map((s) => ({ value: s, label: s === 'active' ? t('cases.list.active') : vocab.status(s) })), { value: 'all', label: all }]}
            onChange={(e) => set('status', e.currentTarget.value === 'active' ? '' : e.currentTarget.value)} />
          <NativeSelect label={t('cases.list.kind')} value={filter.kind ?? ''} data-testid="cases-filter-kind"
            data={[{ value: '', label: all }, ...CASE_KINDS.map((k) => ({ value: k, label: vocab.kind(k) }))]}
            onChange={(e) => set('kind', e.currentTarget.value)} />
          <NativeSelect label={t('cases.list.risk')} value={filter.riskLevel ?? ''} data-testid="cases-filter-risk"
            data={[{ value: '', label: all }, ...RISK_LEVELS.map((k) => ({ value: k, label: vocab.risk(k) }))]}
            onChange={(e) => set('riskLevel', e.currentTarget.value)} />
        </SimpleGrid>
        <Group mt="sm" gap="lg">
          <Checkbox label={t('cases.list.mine')} checked={filter.mine === 'true'} onChange={(e) => set('mine', e.currentTarget.checked ? 'true' : '')} data-testid="cases-filter-mine" />
          <Checkbox label={t('cases.list.reviewDue')} checked={filter.reviewDue === 'true'} onChange={(e) => set('reviewDue', e.currentTarget.checked ? 'true' : '')} data-testid="cases-filter-review-due" />
          <Checkbox label={t('cases.list.awaitingMyApproval')} checked={filter.awaitingMyApproval === 'true'}
            onChange={(e) => set('awaitingMyApproval', e.currentTarget.checked ? 'true' : '')} data-testid="cases-filter-approval" />
          {list.isFetching && <Loader size="sm" aria-label={t('common.loading')} />}
        </Group>
      </form>

      <ErrorAlert error={list.error} fields={FILTER_KEYS} />
      {list.isPending && <Loader aria-label={t('common.loading')} />}
      {list.data && rows.length === 0 && <Text c="dimmed" data-testid="cases-none">{t('cases.list.none')}</Text>}
      {rows.length > 0 && (
        <Table.ScrollContainer minWidth={860}>
          <Table striped highlightOnHover verticalSpacing="xs" data-testid="cases-table" aria-busy={list.isFetching}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('cases.list.number')}</Table.Th>
                <Table.Th>{t('cases.list.children')}</Table.Th>
                <Table.Th>{t('cases.list.status')}</Table.Th>
                <Table.Th>{t('cases.list.risk')}</Table.Th>
                <Table.Th>{t('cases.list.lead')}</Table.Th>
                <Table.Th>{t('cases.list.nextReview')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((c) => (
                <Table.Tr key={c.id} data-testid="case-row" data-case-id={c.id} data-status={c.status}>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <Anchor component={Link} to={`/cases/${c.id}`} ff="monospace" fz="sm" fw={600}>{c.number}</Anchor>
                    <Text size="xs" c="dimmed">{vocab.kind(c.kind)}</Text>
                  </Table.Td>
                  <Table.Td>{c.children.length ? childrenText(c.children) : '—'}</Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      <StatusBadge status={c.status} size="sm" />
                      {c.pendingApproval && (
                        <Badge size="sm" color="grape" variant="dot" data-testid="case-row-pending">
                          {c.pendingApproval === 'plan' ? t('cases.approval.pendingPlanShort') : t('cases.approval.pendingClosureShort')}
                        </Badge>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td><RiskBadge level={c.riskLevel} size="sm" /></Table.Td>
                  <Table.Td>
                    {c.lead.name ?? '—'}
                    <Text size="xs" c="dimmed">{vocab.agency(c.leadAgencyType)}</Text>
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{c.status === 'closed' ? '—' : <ReviewDate value={c.nextReviewOn} />}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {list.hasNextPage && (
        <Group><Button variant="default" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage} data-testid="cases-more">{t('cases.list.more')}</Button></Group>
      )}
    </Page>
  );
}
