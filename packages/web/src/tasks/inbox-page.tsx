import { useEffect } from 'react';
import { Anchor, Badge, Button, Checkbox, Group, Loader, NativeSelect, SimpleGrid, Table, Tabs, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { AGENCY_TYPES, PRIORITIES, type AgencyType, type Priority } from '@qorgau/core';
import { useUser } from '../auth/session.ts';
import { ErrorAlert } from '../components/error-alert.tsx';
import { Page } from '../components/page.tsx';
import { formatNumber } from '../format.ts';
import { TERRITORY_ROLES, useInbox } from './api.ts';
import { AgencyUnit, EscalationBadge, PriorityBadge, TaskStatusBadge, TimeLeft } from './task-bits.tsx';
import { useNow } from './time-left.ts';
import { INBOX_SCOPES, INBOX_STATUSES, type InboxFilter, type InboxScope, type InboxStatus } from './types.ts';
import { useTaskVocab } from './vocab.ts';

function oneOf<T extends string>(list: readonly T[], value: string | null, fallback: T): T {
  return value !== null && (list as readonly string[]).includes(value) ? (value as T) : fallback;
}

function filterFrom(params: URLSearchParams, territory: boolean): InboxFilter {
  const scope = oneOf(INBOX_SCOPES, params.get('scope'), 'unit');
  return {
    scope: scope === 'territory' && !territory ? 'unit' : scope,
    status: oneOf(INBOX_STATUSES, params.get('status'), 'active'),
    overdue: params.get('overdue') === 'true' ? 'true' : '',
    agencyType: oneOf<AgencyType | ''>(AGENCY_TYPES, params.get('agencyType'), ''),
    priority: oneOf<Priority | ''>(PRIORITIES, params.get('priority'), ''),
  };
}

/** The task inbox: my tasks, my unit's, or (for coordinators) the territory's, most urgent first. */
export function InboxPage() {
  const { t } = useTranslation();
  const user = useUser();
  const vocab = useTaskVocab();
  const locale = vocab.locale;
  const territory = TERRITORY_ROLES.includes(user.role);
  const [params, setParams] = useSearchParams();
  const filter = filterFrom(params, territory);
  const list = useInbox(filter);
  const now = useNow();

  const setFilter = (changes: Partial<InboxFilter>) => {
    const next = { ...filterFrom(new URLSearchParams(window.location.search), territory), ...changes };
    const out = new URLSearchParams();
    if (next.scope !== 'unit') out.set('scope', next.scope);
    if (next.status !== 'active') out.set('status', next.status);
    if (next.overdue) out.set('overdue', next.overdue);
    if (next.agencyType) out.set('agencyType', next.agencyType);
    if (next.priority) out.set('priority', next.priority);
    setParams(out, { replace: true });
  };

  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  const firstPage = list.data?.pages[0];
  const counts = firstPage?.counts;
  const client = useQueryClient();
  const unfiltered = filter.status === 'active' && !filter.overdue && !filter.agencyType && !filter.priority;
  // the navigation badge shows the same numbers as this page when nothing is filtered
  useEffect(() => {
    if (unfiltered && firstPage && !list.isPlaceholderData) client.setQueryData(['tasks', 'counts', filter.scope], firstPage);
  }, [client, unfiltered, firstPage, list.isPlaceholderData, filter.scope]);
  const all = t('tasks.filter.all');
  const scopes: InboxScope[] = territory ? ['mine', 'unit', 'territory'] : ['mine', 'unit'];
  const statusLabel = (s: InboxStatus) => (s === 'active' ? t('tasks.filter.active') : vocab.status(s));
  const active = filter.status !== 'active' || filter.overdue || filter.agencyType || filter.priority;

  return (
    <Page
      title={t('tasks.title')}
      actions={counts && (
        <Group gap="xs" data-testid="inbox-counts">
          <Badge size="lg" variant="light" color="blue">{t('tasks.counts.active', { n: formatNumber(counts.active, locale) })}</Badge>
          <Badge size="lg" variant={counts.overdue ? 'filled' : 'light'} color={counts.overdue ? 'red' : 'gray'} data-testid="inbox-overdue-count">
            {t('tasks.counts.overdue', { n: formatNumber(counts.overdue, locale) })}
          </Badge>
        </Group>
      )}
    >
      <Tabs value={filter.scope} onChange={(v) => setFilter({ scope: oneOf(INBOX_SCOPES, v, 'unit') })} keepMounted={false}>
        <Tabs.List aria-label={t('tasks.scopeLabel')}>
          {scopes.map((s) => (
            <Tabs.Tab key={s} value={s} data-testid={`inbox-tab-${s}`}>{t(`tasks.scope.${s}`)}</Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>

      <form role="search" aria-label={t('tasks.filters')} onSubmit={(e) => e.preventDefault()}>
        <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm">
          <NativeSelect
            label={t('tasks.filter.status')}
            data={INBOX_STATUSES.map((s) => ({ value: s, label: statusLabel(s) }))}
            value={filter.status}
            onChange={(e) => setFilter({ status: oneOf(INBOX_STATUSES, e.currentTarget.value, 'active') })}
            data-testid="inbox-filter-status"
          />
          <NativeSelect
            label={t('tasks.filter.priority')}
            data={[{ value: '', label: all }, ...PRIORITIES.map((p) => ({ value: p, label: vocab.priority(p) }))]}
            value={filter.priority}
            onChange={(e) => setFilter({ priority: oneOf<Priority | ''>(PRIORITIES, e.currentTarget.value, '') })}
            data-testid="inbox-filter-priority"
          />
          <NativeSelect
            label={t('tasks.filter.agency')}
            data={[
              { value: '', label: all },
              ...AGENCY_TYPES.map((a) => ({ value: a, label: vocab.agency(a) })).sort((a, b) => a.label.localeCompare(b.label, locale)),
            ]}
            value={filter.agencyType}
            onChange={(e) => setFilter({ agencyType: oneOf<AgencyType | ''>(AGENCY_TYPES, e.currentTarget.value, '') })}
            data-testid="inbox-filter-agency"
          />
          <Checkbox
            label={t('tasks.filter.overdueOnly')}
            checked={filter.overdue === 'true'}
            onChange={(e) => setFilter({ overdue: e.currentTarget.checked ? 'true' : '' })}
            mt={{ base: 0, md: 30 }}
            data-testid="inbox-filter-overdue"
          />
        </SimpleGrid>
        <Group mt="sm" gap="sm">
          <Button
            variant="default"
            disabled={!active}
            onClick={() => setFilter({ status: 'active', overdue: '', agencyType: '', priority: '' })}
            data-testid="inbox-filter-clear"
          >
            {t('tasks.filter.clear')}
          </Button>
          {list.isFetching && <Loader size="sm" aria-label={t('common.loading')} />}
        </Group>
      </form>

      <ErrorAlert error={list.error} />

      <Table.ScrollContainer minWidth={960}>
        <Table striped highlightOnHover verticalSpacing="xs" data-testid="inbox-table" aria-busy={list.isFetching}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('tasks.col.due')}</Table.Th>
              <Table.Th>{t('tasks.col.priority')}</Table.Th>
              <Table.Th>{t('tasks.col.report')}</Table.Th>
              <Table.Th>{t('tasks.col.action')}</Table.Th>
              <Table.Th>{t('tasks.col.agencyUnit')}</Table.Th>
              <Table.Th>{t('tasks.col.assignee')}</Table.Th>
              <Table.Th>{t('tasks.col.status')}</Table.Th>
              <Table.Th>{t('tasks.col.escalation')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((task) => (
              <Table.Tr key={task.id} data-testid="task-row" data-task-id={task.id} data-due-at={task.dueAt} data-priority={task.priority}>
                <Table.Td style={{ whiteSpace: 'nowrap' }}><TimeLeft task={task} now={now} withDue /></Table.Td>
                <Table.Td><PriorityBadge priority={task.priority} /></Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <Anchor component={Link} to={`/reports/${task.reportId}`} ff="monospace" fz="sm" fw={600} data-testid="task-row-report">
                    {task.reportNumber}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <Anchor component={Link} to={`/tasks/${task.id}`} fz="sm" fw={600} data-testid="task-row-link">
                    {vocab.action(task.action)}
                  </Anchor>
                  {task.mandatory && <Text size="xs" c="dimmed">{t('tasks.mandatory')}</Text>}
                </Table.Td>
                <Table.Td><AgencyUnit task={task} /></Table.Td>
                <Table.Td><Text size="sm" data-testid="task-row-assignee">{task.assigneeName ?? <Text span c="dimmed" size="sm">{t('tasks.unassigned')}</Text>}</Text></Table.Td>
                <Table.Td><TaskStatusBadge status={task.status} testId="task-row-status" /></Table.Td>
                <Table.Td><EscalationBadge level={task.escalationLevel} /></Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {list.isSuccess && rows.length === 0 && (
        <Text c="dimmed" ta="center" py="md" data-testid="inbox-none">
          {t(filter.status === 'active' && !filter.overdue ? 'tasks.noneActive' : 'tasks.none')}
        </Text>
      )}
      {list.hasNextPage && (
        <Group justify="center">
          <Button variant="light" loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()} data-testid="inbox-load-more">
            {t('tasks.loadMore')}
          </Button>
        </Group>
      )}
      {rows.length > 0 && (
        <Text size="sm" c="dimmed" ta="center" role="status">
          {t('tasks.shown', { n: rows.length })}
        </Text>
      )}
    </Page>
  );
}
