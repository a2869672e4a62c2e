import { Anchor, Badge, Button, Group, Loader, NativeSelect, Table, Text } from '@mantine/core';
import { CONCERN_CATEGORIES, CONCERN_STATUSES, roleHas } from '@qorgau/core';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useUser } from '../auth/session.ts';
import { ErrorAlert } from '../components/error-alert.tsx';
import { Page } from '../components/page.tsx';
import { formatDateTime } from '../format.ts';
import { useConcernList } from './api.ts';
import { CONCERN_STATUS_COLORS, type ConcernSummary } from './types.ts';
import { useConcernVocab } from './vocab.ts';

const STATUS_FILTERS = ['open', ...CONCERN_STATUSES, 'all'] as const;

/** New ones first, then the rest newest first: the lead's queue. */
function queueOrder(items: ConcernSummary[]): ConcernSummary[] {
  return [...items].sort((a, b) => Number(b.status === 'new') - Number(a.status === 'new') || b.createdAt.localeCompare(a.createdAt));
}

/** The safeguarding lead's queue of the school's concerns; a teacher's own concerns. */
export function ConcernsPage() {
  const { t } = useTranslation();
  const vocab = useConcernVocab();
  const user = useUser();
  const reviewer = roleHas(user.role, 'concerns.review');
  const [params, setParams] = useSearchParams();
  const status = STATUS_FILTERS.find((s) => s === params.get('status')) ?? (reviewer ? 'open' : 'all');
  const category = CONCERN_CATEGORIES.find((c) => c === params.get('category'));
  const list = useConcernList({ status: status === 'all' ? undefined : status, category });
  const items = queueOrder(list.data?.pages.flatMap((p) => p.items) ?? []);
  const set = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value); else next.delete(key);
    setParams(next, { replace: true });
  };

  return (
    <Page title={reviewer ? t('concerns.queue.title') : t('concerns.queue.mine')}
      actions={roleHas(user.role, 'concerns.create') ? <Button component={Link} to="/concerns/new" data-testid="concern-new">{t('concerns.form.title')}</Button> : undefined}>
      <Group>
        <NativeSelect label={t('concerns.queue.status')} value={status} data-testid="concerns-status"
          data={STATUS_FILTERS.map((s) => ({ value: s, label: s === 'open' ? t('concerns.queue.open') : s === 'all' ? t('concerns.queue.all') : vocab.status(s) }))}
          onChange={(e) => set('status', e.currentTarget.value)} />
        <NativeSelect label={t('concerns.queue.category')} value={category ?? ''}
          data={[{ value: '', label: t('concerns.queue.all') }, ...CONCERN_CATEGORIES.map((c) => ({ value: c, label: vocab.category(c) }))]}
          onChange={(e) => set('category', e.currentTarget.value)} />
      </Group>
      {list.isPending && <Loader aria-label={t('common.loading')} />}
      {list.isError && <ErrorAlert error={list.error} />}
      {list.data && items.length === 0 && <Text c="dimmed" data-testid="concerns-none">{t('concerns.queue.none')}</Text>}
      {items.length > 0 && (
        <Table.ScrollContainer minWidth={640}>
          <Table striped highlightOnHover data-testid="concerns-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('concerns.queue.logged')}</Table.Th>
                <Table.Th>{t('concerns.queue.child')}</Table.Th>
                <Table.Th>{t('concerns.form.grade')}</Table.Th>
                <Table.Th>{t('concerns.form.categories')}</Table.Th>
                {reviewer && <Table.Th>{t('concerns.queue.author')}</Table.Th>}
                <Table.Th>{t('concerns.queue.status')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((c) => (
                <Table.Tr key={c.id} data-testid="concern-row" data-concern-id={c.id} data-status={c.status}>
                  <Table.Td><Anchor component={Link} to={`/concerns/${c.id}`}>{formatDateTime(c.createdAt, vocab.locale)}</Anchor></Table.Td>
                  <Table.Td>{`${c.child.lastName} ${c.child.firstName}`.trim()}</Table.Td>
                  <Table.Td>{c.grade ?? '—'}</Table.Td>
                  <Table.Td>
                    <Group gap={4}>{c.categories.map((k) => <Badge key={k} variant="outline" size="sm">{vocab.category(k)}</Badge>)}</Group>
                  </Table.Td>
                  {reviewer && <Table.Td>{c.authorName ?? '—'}</Table.Td>}
                  <Table.Td>
                    <Group gap={4}>
                      <Badge color={CONCERN_STATUS_COLORS[c.status]} variant={c.status === 'new' ? 'filled' : 'light'}>{vocab.status(c.status)}</Badge>
                      {c.reportNumber && <Text size="xs" ff="monospace">№ {c.reportNumber}</Text>}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {list.hasNextPage && <Button variant="subtle" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>{t('concerns.queue.more')}</Button>}
    </Page>
  );
}
