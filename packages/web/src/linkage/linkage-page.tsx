import { useState } from 'react';
import { Alert, Anchor, Badge, Button, Group, Loader, Modal, NativeSelect, Stack, Table, Tabs, Text, Textarea } from '@mantine/core';
import { LINK_STATUSES } from '@qorgau/core';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../components/error-alert.tsx';
import { Page } from '../components/page.tsx';
import { formatDateTime } from '../format.ts';
import { useLocale } from '../i18n/use-locale.ts';
import { useCandidates, useMerges, useRuns, useStartRun, useUndoMerge } from './api.ts';
import { BandBadge, PersonLine } from './parts.tsx';
import type { Merge } from './types.ts';

/** The reviewer's screen: the queue of candidate pairs, the history of merges, and the runs. */
export function LinkagePage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'history' ? 'history' : 'queue';
  const setTab = (value: string | null) => {
    const next = new URLSearchParams(params);
    if (value === 'history') next.set('tab', 'history'); else next.delete('tab');
    setParams(next, { replace: true });
  };
  return (
    <Page title={t('linkage.title')} actions={<RunControl />}>
      <Text c="dimmed" maw={900}>{t('linkage.intro')}</Text>
      <Tabs value={tab} onChange={setTab}>
        <Tabs.List>
          <Tabs.Tab value="queue" data-testid="linkage-tab-queue">{t('linkage.tabs.queue')}</Tabs.Tab>
          <Tabs.Tab value="history" data-testid="linkage-tab-history">{t('linkage.tabs.history')}</Tabs.Tab>
        </Tabs.List>
      </Tabs>
      {tab === 'queue' ? <Queue /> : <History />}
    </Page>
  );
}

function RunControl() {
  const { t } = useTranslation();
  const locale = useLocale();
  const runs = useRuns();
  const start = useStartRun();
  const last = runs.data?.[0];
  const running = !!last && !last.finishedAt;
  return (
    <Stack gap={4} align="flex-end">
      <Button onClick={() => start.mutate()} loading={start.isPending || running} data-testid="linkage-run">{t('linkage.run.start')}</Button>
      {last && (
        <Text size="xs" c="dimmed" data-testid="linkage-last-run">
          {running ? t('linkage.run.running', { at: formatDateTime(last.startedAt, locale) })
            : last.failed ? t('linkage.run.failed', { at: formatDateTime(last.startedAt, locale) })
              : t('linkage.run.last', { at: formatDateTime(last.finishedAt, locale), persons: last.persons.toLocaleString(locale), candidates: last.candidates.toLocaleString(locale) })}
        </Text>
      )}
      {start.isError && <ErrorAlert error={start.error} />}
    </Stack>
  );
}

function Queue() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const status = LINK_STATUSES.find((s) => s === params.get('status')) ?? 'pending';
  const band = ['likely', 'possible'].find((b) => b === params.get('band'));
  const list = useCandidates({ status, band });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const set = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value); else next.delete(key);
    setParams(next, { replace: true });
  };
  return (
    <Stack>
      <Group>
        <NativeSelect label={t('linkage.queue.status')} value={status} data-testid="linkage-status"
          data={LINK_STATUSES.map((s) => ({ value: s, label: t(`linkage.status.${s}`) }))} onChange={(e) => set('status', e.currentTarget.value === 'pending' ? '' : e.currentTarget.value)} />
        <NativeSelect label={t('linkage.queue.band')} value={band ?? ''}
          data={[{ value: '', label: t('linkage.queue.allBands') }, { value: 'likely', label: t('linkage.band.likely') }, { value: 'possible', label: t('linkage.band.possible') }]}
          onChange={(e) => set('band', e.currentTarget.value)} />
      </Group>
      {list.isPending && <Loader aria-label={t('common.loading')} />}
      {list.isError && <ErrorAlert error={list.error} />}
      {list.data && items.length === 0 && <Text c="dimmed" data-testid="linkage-none">{t('linkage.queue.none')}</Text>}
      {items.length > 0 && (
        <Table.ScrollContainer minWidth={760}>
          <Table striped highlightOnHover data-testid="linkage-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('linkage.queue.score')}</Table.Th>
                <Table.Th>{t('linkage.queue.recordA')}</Table.Th>
                <Table.Th>{t('linkage.queue.recordB')}</Table.Th>
                <Table.Th>{t('common.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((c) => (
                <Table.Tr key={c.id} data-testid="linkage-row" data-candidate-id={c.id}>
                  <Table.Td>
                    <Group gap={6} wrap="nowrap">
                      <Text fw={700} ff="monospace">{c.score.toFixed(1)}</Text>
                      <BandBadge band={c.band} />
                    </Group>
                  </Table.Td>
                  <Table.Td><PersonLine p={c.personA} /></Table.Td>
                  <Table.Td><PersonLine p={c.personB} /></Table.Td>
                  <Table.Td><Button component={Link} to={`/linkage/${c.id}`} size="xs" variant="light">{t('linkage.queue.review')}</Button></Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {list.hasNextPage && <Button variant="subtle" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>{t('linkage.more')}</Button>}
    </Stack>
  );
}

function History() {
  const { t } = useTranslation();
  const locale = useLocale();
  const merges = useMerges();
  const [undoing, setUndoing] = useState<Merge | null>(null);
  const items = merges.data?.pages.flatMap((p) => p.items) ?? [];
  const movedText = (m: Merge) => {
    const n = m.moved.incidentPersons + m.moved.concerns + m.moved.contacts + m.moved.caseMembers + m.moved.caseFacts + m.moved.referrals;
    return t('linkage.history.movedCount', { count: n });
  };
  return (
    <Stack>
      {merges.isPending && <Loader aria-label={t('common.loading')} />}
      {merges.isError && <ErrorAlert error={merges.error} />}
      {merges.data && items.length === 0 && <Text c="dimmed">{t('linkage.history.none')}</Text>}
      {items.length > 0 && (
        <Table.ScrollContainer minWidth={760}>
          <Table striped data-testid="merges-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('linkage.history.when')}</Table.Th>
                <Table.Th>{t('linkage.history.survivor')}</Table.Th>
                <Table.Th>{t('linkage.history.merged')}</Table.Th>
                <Table.Th>{t('linkage.history.moved')}</Table.Th>
                <Table.Th>{t('linkage.history.by')}</Table.Th>
                <Table.Th>{t('common.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((m) => (
                <Table.Tr key={m.id} data-testid="merge-row" data-merge-id={m.id}>
                  <Table.Td>{formatDateTime(m.mergedAt, locale)}</Table.Td>
                  <Table.Td><Anchor component={Link} to={`/persons/${m.survivor.id}`}><PersonLine p={m.survivor} /></Anchor></Table.Td>
                  <Table.Td><PersonLine p={m.merged} /></Table.Td>
                  <Table.Td>{movedText(m)}</Table.Td>
                  <Table.Td>{m.mergedByName ?? '—'}</Table.Td>
                  <Table.Td>
                    {m.undoneAt
                      ? <Badge color="gray" variant="light">{t('linkage.history.undone', { at: formatDateTime(m.undoneAt, locale) })}</Badge>
                      : <Button size="xs" variant="light" color="orange" onClick={() => setUndoing(m)} data-testid="merge-undo">{t('linkage.history.undo')}</Button>}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {merges.hasNextPage && <Button variant="subtle" onClick={() => void merges.fetchNextPage()} loading={merges.isFetchingNextPage}>{t('linkage.more')}</Button>}
      {undoing && <UndoDialog merge={undoing} onClose={() => setUndoing(null)} />}
    </Stack>
  );
}

export function UndoDialog({ merge, onClose }: { merge: Pick<Merge, 'id'>; onClose: () => void }) {
  const { t } = useTranslation();
  const undo = useUndoMerge();
  const [reason, setReason] = useState('');
  return (
    <Modal opened onClose={onClose} title={t('linkage.undo.title')}>
      <Stack>
        <Text size="sm">{t('linkage.undo.text')}</Text>
        <Textarea label={t('linkage.reason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} maxLength={1000} autosize minRows={2} />
        {undo.isError && <ErrorAlert error={undo.error} />}
        {undo.isSuccess && <Alert color="green">{t('linkage.undo.done')}</Alert>}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>{undo.isSuccess ? t('linkage.close') : t('common.cancel')}</Button>
          {!undo.isSuccess && (
            <Button color="orange" loading={undo.isPending} onClick={() => undo.mutate({ id: merge.id, ...(reason.trim() ? { reason: reason.trim() } : {}) })} data-testid="undo-confirm">
              {t('linkage.undo.confirm')}
            </Button>
          )}
        </Group>
      </Stack>
    </Modal>
  );
}
