import { lazy, Suspense, useState } from 'react';
import {
  Anchor, Badge, Button, Center, Checkbox, Group, Loader, NativeSelect, NumberInput, Pagination, SegmentedControl, Stack, Table, Text, TextInput,
} from '@mantine/core';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PROVIDER_KINDS, roleHas, SCHOOL_LANGUAGES, SERVICE_CODES } from '@qorgau/core';
import { useUser } from '../auth/session.ts';
import { ErrorAlert } from '../components/error-alert.tsx';
import { NotFoundPage } from '../components/not-found-page.tsx';
import { Page } from '../components/page.tsx';
import { localName } from '../format.ts';
import { useDistricts, useRegions } from '../reference/queries.ts';
import { useProviders } from './api.ts';
import { PlacesBadge, ProviderDrawer } from './provider-drawer.tsx';
import type { ProviderFilter } from './types.ts';
import { useServiceVocab } from './vocab.ts';

const ProviderMap = lazy(() => import('./provider-map.tsx'));

const PAGE = 50;

/** Who uses the directory: those who work on cases, answer referrals or keep it (as the server decides). */
export function usesDirectory(role: Parameters<typeof roleHas>[0]): boolean {
  return roleHas(role, 'cases.read') || roleHas(role, 'referrals.handle') || roleHas(role, 'services.manage');
}

export function ServicesPage() {
  const user = useUser();
  return usesDirectory(user.role) ? <Directory /> : <NotFoundPage />;
}

/** The service directory: search by name, kind, service, territory, age, language and free places; a list or a map; a provider opens in a side panel. */
function Directory() {
  const { t } = useTranslation();
  const vocab = useServiceVocab();
  const user = useUser();
  const [params, setParams] = useSearchParams();
  // a regional user starts in their region; the directory is national, so "all regions" stays one click away
  const regionParam = params.get('region') ?? user.regionCode ?? 'all';
  const regionCode = regionParam === 'all' ? '' : regionParam;
  const districtCode = params.get('district') ?? '';
  const view = params.get('view') === 'map' ? 'map' : 'list';
  const page = Math.max(1, Number(params.get('page') ?? 1) || 1);
  const ageParam = params.get('age');
  const [q, setQ] = useState(params.get('q') ?? '');
  const regions = useRegions();
  const districts = useDistricts(regionCode || null);
  const filter: ProviderFilter = {
    q: params.get('q') ?? '', kind: params.get('kind') ?? '', service: params.get('service') ?? '', regionCode,
    districtCode, age: ageParam ? Number(ageParam) : null, language: params.get('language') ?? '', available: params.get('available') === 'true',
    active: params.get('inactive') === 'true' ? 'all' : 'true',
    limit: view === 'map' ? 500 : PAGE, offset: view === 'map' ? 0 : (page - 1) * PAGE,
  };
  const list = useProviders(filter);
  const selected = params.get('provider');
  const set = (patch: Record<string, string>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) { if (v) next.set(k, v); else next.delete(k); }
    if (!('page' in patch) && !('provider' in patch)) next.delete('page');
    setParams(next, { replace: true });
  };
  const manage = roleHas(user.role, 'services.manage');
  // within a chosen region the district says more than the region
  const placeName = (p: { regionCode: string; districtCode: string | null }) => {
    const d = p.districtCode ? districts.data?.find((x) => x.code === p.districtCode) : undefined;
    if (d) return localName(d.name, vocab.locale);
    const r = regions.data?.find((x) => x.code === p.regionCode);
    return r ? localName(r.name, vocab.locale) : p.regionCode;
  };

  return (
    <Page title={t('services.title')} actions={manage && <Button onClick={() => set({ provider: 'new' })} data-testid="provider-new">{t('services.new')}</Button>}>
      <Text c="dimmed" size="sm" maw={900}>{t('services.intro')}</Text>
      <Stack gap="xs" data-testid="services-filters">
        <Group align="end" wrap="wrap">
          <form onSubmit={(e) => { e.preventDefault(); set({ q: q.trim() }); }}>
            <Group align="end" gap="xs">
              <TextInput label={t('services.search')} value={q} onChange={(e) => setQ(e.currentTarget.value)} placeholder={t('services.searchHint')} data-testid="services-search" w={260} />
              <Button type="submit" variant="default">{t('services.find')}</Button>
            </Group>
          </form>
          <NativeSelect label={t('services.kind')} value={filter.kind} data-testid="services-kind"
            data={[{ value: '', label: t('services.anyKind') }, ...PROVIDER_KINDS.map((k) => ({ value: k, label: vocab.kind(k) }))]}
            onChange={(e) => set({ kind: e.currentTarget.value })} />
          <NativeSelect label={t('services.service')} value={filter.service} data-testid="services-service"
            data={[{ value: '', label: t('services.anyService') }, ...SERVICE_CODES.map((c) => ({ value: c, label: vocab.service(c) }))]}
            onChange={(e) => set({ service: e.currentTarget.value })} />
        </Group>
        <Group align="end" wrap="wrap">
          <NativeSelect label={t('services.region')} value={regionCode || 'all'} data-testid="services-region"
            data={[{ value: 'all', label: t('services.allRegions') }, ...(regions.data ?? []).map((r) => ({ value: r.code, label: localName(r.name, vocab.locale) }))]}
            onChange={(e) => set({ region: e.currentTarget.value, district: '' })} />
          <NativeSelect label={t('services.district')} value={districtCode} disabled={!filter.regionCode} data-testid="services-district"
            data={[{ value: '', label: t('services.allDistricts') }, ...(districts.data ?? []).map((d) => ({ value: d.code, label: localName(d.name, vocab.locale) }))]}
            onChange={(e) => set({ district: e.currentTarget.value })} />
          <NumberInput label={t('services.age')} min={0} max={25} allowDecimal={false} w={150} value={ageParam ?? ''} data-testid="services-age"
            onChange={(n) => set({ age: n === '' ? '' : String(Math.max(0, Math.min(25, Number(n)))) })} />
          <NativeSelect label={t('services.language')} value={filter.language} data-testid="services-language"
            data={[{ value: '', label: t('services.anyLanguage') }, ...SCHOOL_LANGUAGES.map((l) => ({ value: l, label: vocab.language(l) }))]}
            onChange={(e) => set({ language: e.currentTarget.value })} />
          <Stack gap={6} pb={4}>
            <Checkbox label={t('services.availableOnly')} checked={filter.available} data-testid="services-available" onChange={(e) => set({ available: e.currentTarget.checked ? 'true' : '' })} />
            <Checkbox label={t('services.showInactive')} checked={filter.active === 'all'} onChange={(e) => set({ inactive: e.currentTarget.checked ? 'true' : '' })} />
          </Stack>
        </Group>
      </Stack>
      <Group justify="space-between" wrap="wrap">
        <Text size="sm" c="dimmed" data-testid="services-total">{list.data ? t('services.total', { n: list.data.total }) : ' '}</Text>
        <SegmentedControl value={view} data-testid="services-view" aria-label={t('services.view')}
          data={[{ value: 'list', label: t('services.list') }, { value: 'map', label: t('services.map.title') }]}
          onChange={(v) => set({ view: v === 'map' ? 'map' : '' })} />
      </Group>
      {list.isPending && <Loader aria-label={t('common.loading')} />}
      {list.isError && <ErrorAlert error={list.error} />}
      {list.data && view === 'map' && (
        <Suspense fallback={<Center h={520}><Loader aria-label={t('common.loading')} /></Center>}>
          <ProviderMap providers={list.data.items} regionCode={filter.regionCode || null} onSelect={(id) => set({ provider: id })} />
        </Suspense>
      )}
      {list.data && view === 'list' && (
        list.data.items.length === 0 ? <Text c="dimmed" data-testid="services-empty">{t('services.none')}</Text> : (
          <>
            <Table.ScrollContainer minWidth={860}>
              <Table striped highlightOnHover data-testid="services-table">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('services.provider')}</Table.Th>
                    <Table.Th>{t('services.services')}</Table.Th>
                    <Table.Th>{t('services.territory')}</Table.Th>
                    <Table.Th>{t('services.ages')}</Table.Th>
                    <Table.Th>{t('services.languages')}</Table.Th>
                    <Table.Th>{t('services.places.title')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {list.data.items.map((p) => (
                    <Table.Tr key={p.id} data-testid="services-row">
                      <Table.Td>
                        <Anchor component="button" type="button" ta="start" fw={500} onClick={() => set({ provider: p.id })}>{localName(p.name, vocab.locale)}</Anchor>
                        <Group gap={4}>
                          <Text size="xs" c="dimmed">{vocab.kind(p.kind)}</Text>
                          {!p.active && <Badge size="xs" color="gray">{t('services.inactive')}</Badge>}
                        </Group>
                      </Table.Td>
                      <Table.Td><Text size="sm">{p.services.map(vocab.service).join(', ')}</Text></Table.Td>
                      <Table.Td><Text size="sm">{placeName(p)}</Text></Table.Td>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>{t('services.ageRange', { min: p.ageMin, max: p.ageMax })}</Table.Td>
                      <Table.Td><Text size="sm">{p.languages.map(vocab.language).join(', ')}</Text></Table.Td>
                      <Table.Td>
                        <PlacesBadge p={p} />
                        {(p.activeReferrals > 0 || p.waitingReferrals > 0) && (
                          <Text size="xs" c="dimmed" mt={2}>{t('services.referralCounts', { active: p.activeReferrals, waiting: p.waitingReferrals })}</Text>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            {list.data.total > PAGE && <Pagination total={Math.ceil(list.data.total / PAGE)} value={page} onChange={(n) => set({ page: String(n) })} />}
          </>
        )
      )}
      <ProviderDrawer id={selected === 'new' && !manage ? null : selected} onClose={() => set({ provider: '' })} />
    </Page>
  );
}
