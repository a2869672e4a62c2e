import { Card, Group, Loader, Pagination, ScrollArea, SegmentedControl, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { REFERRAL_STATUSES } from '@qorgau/core';
import { useUser } from '../auth/session.ts';
import { ErrorAlert } from '../components/error-alert.tsx';
import { Page } from '../components/page.tsx';
import { localName } from '../format.ts';
import { useProviders, useReferralQueue } from './api.ts';
import { OccupancyForm, PlacesBadge } from './provider-drawer.tsx';
import { QueueCard } from './referral-card.tsx';
import { useServiceVocab } from './vocab.ts';

const PAGE = 20;

/** The providers of the user's unit, with their places, and the occupancy they report. */
function OwnProviders({ unitId }: { unitId: string }) {
  const { t } = useTranslation();
  const vocab = useServiceVocab();
  const mine = useProviders({ unitId, active: 'all', limit: 20, offset: 0 });
  if (mine.isPending) return <Loader size="sm" aria-label={t('common.loading')} />;
  if (mine.isError) return <ErrorAlert error={mine.error} />;
  if (!mine.data.items.length) return <Text c="dimmed" size="sm">{t('services.queue.noProvider')}</Text>;
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }}>
      {mine.data.items.map((p) => (
        <Card withBorder key={p.id} data-testid="own-provider">
          <Stack gap="xs">
            <Group justify="space-between" align="start">
              <Text fw={600}>{localName(p.name, vocab.locale)}</Text>
              <PlacesBadge p={p} />
            </Group>
            <Text size="sm" c="dimmed">{t('services.referralCounts', { active: p.activeReferrals, waiting: p.waitingReferrals })}</Text>
            <OccupancyForm key={p.id} provider={p} />
          </Stack>
        </Card>
      ))}
    </SimpleGrid>
  );
}

/** The queue of referrals to the user's provider: what needs an answer first, urgent before routine. */
export function ReferralsPage() {
  const { t } = useTranslation();
  const vocab = useServiceVocab();
  const user = useUser();
  const [params, setParams] = useSearchParams();
  const status = params.get('status') ?? 'open';
  const page = Math.max(1, Number(params.get('page') ?? 1) || 1);
  const queue = useReferralQueue(status, (page - 1) * PAGE, PAGE);
  const providers = new Set(queue.data?.items.map((r) => r.provider.id));
  const set = (patch: Record<string, string>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) { if (v) next.set(k, v); else next.delete(k); }
    if (!('page' in patch)) next.delete('page');
    setParams(next, { replace: true });
  };
  return (
    <Page title={t('services.queue.title')}>
      {!user.unitId ? <Text c="dimmed" data-testid="queue-no-unit">{t('services.queue.noUnit')}</Text> : (
        <>
          <Stack gap="xs">
            <Title order={2} size="h4">{t('services.queue.ourProviders')}</Title>
            <OwnProviders unitId={user.unitId} />
          </Stack>
          <ScrollArea type="auto" offsetScrollbars>
            <SegmentedControl value={status} data-testid="queue-status" aria-label={t('services.queue.status')}
              data={[{ value: 'open', label: t('services.queue.open') }, ...REFERRAL_STATUSES.map((s) => ({ value: s, label: vocab.status(s) })), { value: 'all', label: t('services.queue.all') }]}
              onChange={(v) => set({ status: v === 'open' ? '' : v })} />
          </ScrollArea>
          {queue.isPending && <Loader aria-label={t('common.loading')} />}
          {queue.isError && <ErrorAlert error={queue.error} />}
          {queue.data && (
            <>
              <Text size="sm" c="dimmed" data-testid="queue-total">{t('services.queue.total', { n: queue.data.total })}</Text>
              {queue.data.items.length === 0 && <Text c="dimmed" data-testid="queue-empty">{t('services.queue.empty')}</Text>}
              <Stack data-testid="queue-list">
                {queue.data.items.map((r) => <QueueCard key={r.id} r={r} showProvider={providers.size > 1} />)}
              </Stack>
              {queue.data.total > PAGE && <Pagination total={Math.ceil(queue.data.total / PAGE)} value={page} onChange={(n) => set({ page: String(n) })} />}
            </>
          )}
        </>
      )}
    </Page>
  );
}
