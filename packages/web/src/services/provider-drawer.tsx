import { useState, type ReactNode } from 'react';
import { Anchor, Badge, Button, Divider, Drawer, Group, Loader, NumberInput, SimpleGrid, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../components/error-alert.tsx';
import { formatDateTime, localName } from '../format.ts';
import { useDistricts, useRegions } from '../reference/queries.ts';
import { useProvider, useSaveProvider, useSetOccupancy } from './api.ts';
import { ProviderForm } from './provider-form.tsx';
import type { Provider, ProviderDetail } from './types.ts';
import { placesColor, useServiceVocab } from './vocab.ts';

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>{label}</Text>
      <Text>{children}</Text>
    </div>
  );
}

/** "12 of 40 free", "no limit" — coloured by how many are left. */
export function PlacesBadge({ p, size = 'md' }: { p: Pick<Provider, 'freePlaces' | 'capacity'>; size?: 'sm' | 'md' | 'lg' }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" size={size} tt="none" color={placesColor(p.freePlaces, p.capacity)} data-testid="places-badge">
      {p.freePlaces === null ? t('services.places.unlimited') : t('services.places.free', { free: p.freePlaces, capacity: p.capacity })}
    </Badge>
  );
}

/** The provider's staff (or its managers) report the places taken now. */
export function OccupancyForm({ provider }: { provider: Pick<Provider, 'id' | 'occupancy' | 'capacity' | 'occupancyUpdatedAt'> }) {
  const { t } = useTranslation();
  const vocab = useServiceVocab();
  const [value, setValue] = useState<number | string>(provider.occupancy);
  const save = useSetOccupancy(provider.id);
  // a newer figure from the server (another colleague's report) replaces what the field shows
  const [shown, setShown] = useState(provider.occupancy);
  if (shown !== provider.occupancy) {
    setShown(provider.occupancy);
    setValue(provider.occupancy);
  }
  return (
    <form onSubmit={(e) => { e.preventDefault(); save.mutate(Number(value) || 0); }} data-testid="occupancy-form">
      <Stack gap="xs">
        <Group align="end" wrap="wrap">
          <NumberInput label={t('services.occupancy')} min={0} allowDecimal={false} value={value} onChange={setValue} w={140} data-testid="occupancy-input"
            rightSection={provider.capacity !== null ? <Text size="xs" c="dimmed" pr={6}>/ {provider.capacity}</Text> : undefined} rightSectionWidth={56} />
          <Button type="submit" variant="light" loading={save.isPending} data-testid="occupancy-save">{t('services.occupancyUpdate')}</Button>
        </Group>
        <Text size="xs" c="dimmed">
          {provider.occupancyUpdatedAt ? t('services.occupancyAsOf', { at: formatDateTime(provider.occupancyUpdatedAt, vocab.locale) }) : t('services.occupancyNever')}
        </Text>
        {save.isSuccess && <Text size="sm" c="teal" role="status">{t('services.occupancySaved')}</Text>}
        {save.isError && <ErrorAlert error={save.error} />}
      </Stack>
    </form>
  );
}

function Details({ p }: { p: ProviderDetail }) {
  const { t } = useTranslation();
  const vocab = useServiceVocab();
  const regions = useRegions();
  const districts = useDistricts(p.regionCode);
  const region = regions.data?.find((r) => r.code === p.regionCode);
  const district = districts.data?.find((d) => d.code === p.districtCode);
  return (
    <Stack data-testid="provider-details">
      <Group gap="xs">
        <Badge variant="outline">{vocab.kind(p.kind)}</Badge>
        <PlacesBadge p={p} />
        {!p.active && <Badge color="gray">{t('services.inactive')}</Badge>}
      </Group>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Fact label={t('services.services')}>{p.services.map(vocab.service).join(', ')}</Fact>
        <Fact label={t('services.ages')}>{t('services.ageRange', { min: p.ageMin, max: p.ageMax })}</Fact>
        <Fact label={t('services.territory')}>{[region ? localName(region.name, vocab.locale) : p.regionCode, district ? localName(district.name, vocab.locale) : null].filter(Boolean).join(', ')}</Fact>
        <Fact label={t('services.address')}>{p.address ?? '—'}</Fact>
        <Fact label={t('services.phone')}>{p.phone ? <Anchor href={`tel:${p.phone.replace(/[^+\d]/g, '')}`}>{p.phone}</Anchor> : '—'}</Fact>
        <Fact label={t('services.email')}>{p.email ? <Anchor href={`mailto:${p.email}`}>{p.email}</Anchor> : '—'}</Fact>
        <Fact label={t('services.languages')}>{p.languages.map(vocab.language).join(', ') || '—'}</Fact>
        <Fact label={t('services.unit')}>{p.unitName ? localName(p.unitName, vocab.locale) : t('services.noUnit')}</Fact>
      </SimpleGrid>
      <Divider />
      <SimpleGrid cols={{ base: 2, sm: 4 }}>
        <Fact label={t('services.capacity')}>{p.capacity ?? t('services.places.unlimitedShort')}</Fact>
        <Fact label={t('services.occupancy')}>{p.occupancy}</Fact>
        <Fact label={t('services.activeReferrals')}>{p.activeReferrals}</Fact>
        <Fact label={t('services.waitingReferrals')}>{p.waitingReferrals}</Fact>
      </SimpleGrid>
      <Text size="xs" c="dimmed">{t('services.activeReferralsHint')}</Text>
    </Stack>
  );
}

/** A provider in a side panel: its details, occupancy for its staff, editing for its managers. `id` "new" opens an empty form. */
export function ProviderDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const vocab = useServiceVocab();
  const isNew = id === 'new';
  const one = useProvider(isNew ? null : id);
  const [editing, setEditing] = useState(false);
  const toggle = useSaveProvider(isNew ? null : id);
  const p = one.data;
  const close = () => { setEditing(false); onClose(); };
  const title = isNew ? t('services.new') : p ? localName(p.name, vocab.locale) : t('services.provider');
  return (
    <Drawer opened={id !== null} onClose={close} position="right" size="xl" title={title} data-testid="provider-drawer"
      styles={{ title: { fontSize: 'var(--mantine-h3-font-size)', fontWeight: 700, lineHeight: 1.3 } }}>
      {isNew && <ProviderForm provider={null} onDone={close} onCancel={close} />}
      {!isNew && one.isPending && <Loader aria-label={t('common.loading')} />}
      {!isNew && one.isError && <ErrorAlert error={one.error} />}
      {!isNew && p && (editing ? (
        <ProviderForm key={p.id} provider={p} onDone={() => setEditing(false)} onCancel={() => setEditing(false)} />
      ) : (
        <Stack>
          <Details p={p} />
          {p.rights.occupancy && (
            <>
              <Divider />
              <OccupancyForm key={p.id} provider={p} />
            </>
          )}
          {p.rights.manage && (
            <Group>
              <Button variant="light" onClick={() => setEditing(true)} data-testid="provider-edit">{t('common.edit')}</Button>
              <Button variant="subtle" color={p.active ? 'red' : 'teal'} loading={toggle.isPending} onClick={() => toggle.mutate({ active: !p.active })} data-testid="provider-toggle-active">
                {p.active ? t('services.deactivate') : t('services.activate')}
              </Button>
            </Group>
          )}
          {toggle.isError && <ErrorAlert error={toggle.error} />}
        </Stack>
      ))}
    </Drawer>
  );
}
