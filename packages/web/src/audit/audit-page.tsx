import { useState, type ChangeEvent, type FormEvent } from 'react';
import { Alert, Anchor, Badge, Button, Group, Loader, NativeSelect, SimpleGrid, Table, Text, TextInput } from '@mantine/core';
import { useInfiniteQuery, useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { get, post, withQuery } from '../api.ts';
import { ErrorAlert } from '../components/error-alert.tsx';
import { fieldErrors } from '../i18n/errors.ts';
import { Page } from '../components/page.tsx';
import { formatDateTimeSeconds, formatNumber } from '../format.ts';
import { useLocale } from '../i18n/use-locale.ts';
import type { AuditEntry, AuditVerifyResult, Page as ResultPage } from '../types.ts';
import { AUDIT_ACTIONS, isAuditAction } from './actions.ts';

interface AuditFilter {
  entityType: string;
  entityId: string;
  userId: string;
  action: string;
  /** YYYY-MM-DD, inclusive */
  from: string;
  /** YYYY-MM-DD, inclusive */
  to: string;
}

const EMPTY: AuditFilter = { entityType: '', entityId: '', userId: '', action: '', from: '', to: '' };

function trimmed(filter: AuditFilter): AuditFilter {
  return {
    entityType: filter.entityType.trim(),
    entityId: filter.entityId.trim(),
    userId: filter.userId.trim(),
    action: filter.action.trim(),
    from: filter.from,
    to: filter.to,
  };
}

function actionColor(action: string): string {
  if (action === 'denied' || action.endsWith('_failed')) return 'red';
  if (action === 'delete') return 'orange';
  if (action === 'create') return 'teal';
  if (action === 'update') return 'blue';
  return 'gray';
}

function detailsText(details: unknown): string {
  if (details === null || details === undefined) return '';
  if (typeof details === 'string') return details;
  const text = JSON.stringify(details);
  return text === '{}' ? '' : text;
}

export function AuditPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const [draft, setDraft] = useState<AuditFilter>(EMPTY);
  const [filter, setFilter] = useState<AuditFilter>(EMPTY);

  const entries = useInfiniteQuery({
    queryKey: ['audit', filter],
    queryFn: ({ pageParam }) => get<ResultPage<AuditEntry>>(withQuery('/v1/audit', { ...filter, cursor: pageParam })),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const verify = useMutation({ mutationFn: () => post<AuditVerifyResult>('/v1/audit/verify') });

  const invalid = fieldErrors(entries.error);
  const field = (key: keyof AuditFilter) => ({
    value: draft[key],
    error: invalid[key],
    onChange: (e: ChangeEvent<HTMLInputElement | HTMLSelectElement>) => setDraft({ ...draft, [key]: e.currentTarget.value }),
  });
  const actionLabel = (action: string) => (isAuditAction(action) ? t(`auditAction.${action}`) : action);
  const apply = (event: FormEvent) => {
    event.preventDefault();
    setFilter(trimmed(draft));
  };
  const applyOne = (key: keyof AuditFilter, value: string) => {
    const next = { ...filter, [key]: value };
    setDraft(next);
    setFilter(next);
  };

  const rows = entries.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <Page
      title={t('audit.title')}
      actions={
        <Button variant="light" onClick={() => verify.mutate()} loading={verify.isPending} data-testid="audit-verify">
          {t('audit.verify')}
        </Button>
      }
    >
      {verify.data && (
        <Alert
          color={verify.data.ok ? 'teal' : 'red'}
          title={verify.data.ok ? t('audit.verifyOk') : t('audit.verifyBroken')}
          role="status"
          withCloseButton
          onClose={() => verify.reset()}
          data-testid="audit-verify-result"
        >
          <Text size="sm">{t('audit.verifyChecked', { count: formatNumber(verify.data.checked, locale) })}</Text>
          {!verify.data.ok && verify.data.firstBadEntryId && (
            <Text size="sm">{t('audit.verifyFirstBad', { id: verify.data.firstBadEntryId })}</Text>
          )}
          {!verify.data.ok && verify.data.reason && <Text size="sm">{t('audit.verifyReason', { reason: verify.data.reason })}</Text>}
        </Alert>
      )}
      <ErrorAlert error={verify.error} />

      <form onSubmit={apply} role="search" aria-label={t('audit.filters')}>
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm">
          <TextInput label={t('audit.entityType')} {...field('entityType')} data-testid="audit-filter-entity-type" />
          <TextInput label={t('audit.entityId')} {...field('entityId')} data-testid="audit-filter-entity-id" />
          <TextInput label={t('audit.userId')} {...field('userId')} data-testid="audit-filter-user-id" />
          <NativeSelect
            label={t('audit.action')}
            data={[{ value: '', label: t('audit.allActions') }, ...AUDIT_ACTIONS.map((a) => ({ value: a, label: actionLabel(a) }))]}
            {...field('action')}
            data-testid="audit-filter-action"
          />
          <TextInput label={t('audit.from')} type="date" {...field('from')} data-testid="audit-filter-from" />
          <TextInput label={t('audit.to')} type="date" {...field('to')} data-testid="audit-filter-to" />
        </SimpleGrid>
        <Group mt="sm" gap="sm">
          <Button type="submit" data-testid="audit-apply">
            {t('audit.apply')}
          </Button>
          <Button
            variant="default"
            onClick={() => {
              setDraft(EMPTY);
              setFilter(EMPTY);
            }}
          >
            {t('audit.clear')}
          </Button>
          {entries.isFetching && <Loader size="sm" aria-label={t('common.loading')} />}
        </Group>
      </form>

      <ErrorAlert error={entries.error} fields={Object.keys(EMPTY)} />

      <Table.ScrollContainer minWidth={900}>
        <Table striped verticalSpacing="xs" data-testid="audit-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('audit.at')}</Table.Th>
              <Table.Th>{t('audit.user')}</Table.Th>
              <Table.Th>{t('audit.action')}</Table.Th>
              <Table.Th>{t('audit.entityType')}</Table.Th>
              <Table.Th>{t('audit.entityId')}</Table.Th>
              <Table.Th>{t('audit.details')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((entry) => (
              <Table.Tr key={entry.id} data-testid="audit-row">
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTimeSeconds(entry.at, locale)}</Table.Td>
                <Table.Td>
                  {entry.userId ? (
                    <Anchor
                      component="button"
                      type="button"
                      size="sm"
                      onClick={() => applyOne('userId', entry.userId ?? '')}
                      title={t('audit.filterByUser')}
                    >
                      {entry.username ?? entry.userId}
                    </Anchor>
                  ) : (
                    <Text size="sm" c="dimmed">
                      {entry.username ?? t('audit.system')}
                    </Text>
                  )}
                  {entry.ip && (
                    <Text size="xs" c="dimmed" title={t('audit.ip')}>
                      {entry.ip}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Badge variant="light" color={actionColor(entry.action)} tt="none" title={entry.action}>
                    {actionLabel(entry.action)}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" ff="monospace">
                    {entry.entityType}
                  </Text>
                </Table.Td>
                <Table.Td>
                  {entry.entityId && (
                    <Anchor
                      component="button"
                      type="button"
                      size="sm"
                      ff="monospace"
                      onClick={() => applyOne('entityId', entry.entityId ?? '')}
                      title={t('audit.filterByEntity')}
                    >
                      {entry.entityId}
                    </Anchor>
                  )}
                </Table.Td>
                <Table.Td>
                  <Text size="xs" ff="monospace" className="details-cell">
                    {detailsText(entry.details)}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {entries.isSuccess && rows.length === 0 && (
        <Text c="dimmed" ta="center" py="md">
          {t('audit.none')}
        </Text>
      )}
      {entries.hasNextPage && (
        <Group justify="center">
          <Button
            variant="default"
            onClick={() => void entries.fetchNextPage()}
            loading={entries.isFetchingNextPage}
            data-testid="audit-load-more"
          >
            {t('audit.loadMore')}
          </Button>
        </Group>
      )}
    </Page>
  );
}
