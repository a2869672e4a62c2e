import { useState } from 'react';
import { Button, Checkbox, Group, MultiSelect, NativeSelect, NumberInput, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PROVIDER_KINDS, SCHOOL_LANGUAGES, SERVICE_CODES, type ProviderKind } from '@qorgau/core';
import { useUser } from '../auth/session.ts';
import { ErrorAlert } from '../components/error-alert.tsx';
import { localName } from '../format.ts';
import { fieldErrors } from '../i18n/errors.ts';
import { useDistricts, useRegions } from '../reference/queries.ts';
import { useSaveProvider, useUnits } from './api.ts';
import type { ProviderDetail, ProviderInput } from './types.ts';
import { useServiceVocab } from './vocab.ts';

const FIELDS = ['externalId', 'kind', 'nameKk', 'nameRu', 'nameEn', 'services', 'regionCode', 'districtCode', 'address', 'phone', 'email', 'lat', 'lon', 'ageMin', 'ageMax', 'languages', 'capacity', 'occupancy', 'unitId', 'active'];

function inputOf(p: ProviderDetail | null, regionCode: string): ProviderInput {
  if (!p) {
    return {
      externalId: null, kind: 'psychological_support', nameKk: '', nameRu: '', nameEn: '', services: [], regionCode, districtCode: null, address: null,
      phone: null, email: null, lat: null, lon: null, ageMin: 0, ageMax: 18, languages: ['kk', 'ru'], capacity: 20, occupancy: 0, unitId: null, active: true,
    };
  }
  return {
    externalId: p.externalId, kind: p.kind, nameKk: p.name.kk, nameRu: p.name.ru, nameEn: p.name.en, services: p.services, regionCode: p.regionCode,
    districtCode: p.districtCode, address: p.address, phone: p.phone, email: p.email, lat: p.lat, lon: p.lon, ageMin: p.ageMin, ageMax: p.ageMax,
    languages: p.languages, capacity: p.capacity, unitId: p.unitId, active: p.active,
  };
}

/** Create or edit a provider (services.manage); the server's field errors are shown under the fields. */
export function ProviderForm({ provider, onDone, onCancel }: { provider: ProviderDetail | null; onDone: (p: ProviderDetail) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const vocab = useServiceVocab();
  const user = useUser();
  const [v, setV] = useState<ProviderInput>(() => inputOf(provider, user.regionCode ?? ''));
  const regions = useRegions();
  const districts = useDistricts(v.regionCode || null);
  const unitList = useUnits(v.regionCode || null);
  const save = useSaveProvider(provider?.id ?? null);
  const errors = fieldErrors(save.error);
  const err = (k: string) => errors[k] ?? Object.entries(errors).find(([path]) => path.startsWith(`${k}.`))?.[1];
  const set = (patch: Partial<ProviderInput>) => setV((cur) => ({ ...cur, ...patch }));
  const num = (n: string | number) => (n === '' ? null : Number(n));
  const text = (s: string) => (s.trim() === '' ? null : s);
  const unlimited = v.capacity === null;

  return (
    <form
      data-testid="provider-form"
      onSubmit={(e) => {
        e.preventDefault();
        const { occupancy, ...rest } = v;
        save.mutate(provider ? rest : { ...rest, occupancy: occupancy ?? 0 }, { onSuccess: onDone });
      }}
    >
      <Stack>
        {save.isError && <ErrorAlert error={save.error} fields={FIELDS} testId="provider-form-errors" />}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <NativeSelect label={t('services.kind')} required value={v.kind} error={err('kind')} data-testid="provider-form-kind"
            data={PROVIDER_KINDS.map((k) => ({ value: k, label: vocab.kind(k) }))} onChange={(e) => set({ kind: e.currentTarget.value as ProviderKind })} />
          <TextInput label={t('services.form.externalId')} value={v.externalId ?? ''} error={err('externalId')} onChange={(e) => set({ externalId: text(e.currentTarget.value) })} />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <TextInput label={t('services.form.nameKk')} lang="kk" required value={v.nameKk} error={err('nameKk')} data-testid="provider-form-name-kk" onChange={(e) => set({ nameKk: e.currentTarget.value })} />
          <TextInput label={t('services.form.nameRu')} lang="ru" required value={v.nameRu} error={err('nameRu')} data-testid="provider-form-name-ru" onChange={(e) => set({ nameRu: e.currentTarget.value })} />
          <TextInput label={t('services.form.nameEn')} lang="en" required value={v.nameEn} error={err('nameEn')} data-testid="provider-form-name-en" onChange={(e) => set({ nameEn: e.currentTarget.value })} />
        </SimpleGrid>
        <MultiSelect label={t('services.services')} required searchable value={v.services} error={err('services')} data-testid="provider-form-services"
          data={SERVICE_CODES.map((c) => ({ value: c, label: vocab.service(c) }))} onChange={(s) => set({ services: s })} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <NativeSelect label={t('services.region')} required value={v.regionCode} error={err('regionCode')} disabled={Boolean(user.regionCode)} data-testid="provider-form-region"
            data={[{ value: '', label: t('common.choose') }, ...(regions.data ?? []).map((r) => ({ value: r.code, label: localName(r.name, vocab.locale) }))]}
            onChange={(e) => set({ regionCode: e.currentTarget.value, districtCode: null, unitId: null })} />
          <NativeSelect label={t('services.district')} value={v.districtCode ?? ''} error={err('districtCode')} disabled={!v.regionCode}
            data={[{ value: '', label: t('services.form.wholeRegion') }, ...(districts.data ?? []).map((d) => ({ value: d.code, label: localName(d.name, vocab.locale) }))]}
            onChange={(e) => set({ districtCode: e.currentTarget.value || null })} />
          <TextInput label={t('services.address')} value={v.address ?? ''} error={err('address')} onChange={(e) => set({ address: text(e.currentTarget.value) })} />
          <Group grow align="start">
            <NumberInput label={t('services.form.lat')} decimalScale={5} value={v.lat ?? ''} error={err('lat')} onChange={(n) => set({ lat: num(n) })} />
            <NumberInput label={t('services.form.lon')} decimalScale={5} value={v.lon ?? ''} error={err('lon')} onChange={(n) => set({ lon: num(n) })} />
          </Group>
          <TextInput label={t('services.phone')} type="tel" value={v.phone ?? ''} error={err('phone')} onChange={(e) => set({ phone: text(e.currentTarget.value) })} />
          <TextInput label={t('services.email')} type="email" value={v.email ?? ''} error={err('email')} onChange={(e) => set({ email: text(e.currentTarget.value) })} />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 2, sm: 4 }}>
          <NumberInput label={t('services.form.ageMin')} min={0} max={25} allowDecimal={false} value={v.ageMin} error={err('ageMin')} data-testid="provider-form-age-min" onChange={(n) => set({ ageMin: Number(n) || 0 })} />
          <NumberInput label={t('services.form.ageMax')} min={0} max={25} allowDecimal={false} value={v.ageMax} error={err('ageMax')} data-testid="provider-form-age-max" onChange={(n) => set({ ageMax: Number(n) || 0 })} />
          <NumberInput label={t('services.capacity')} min={0} allowDecimal={false} value={v.capacity ?? ''} disabled={unlimited} error={err('capacity')} data-testid="provider-form-capacity"
            onChange={(n) => set({ capacity: num(n) ?? 0 })} />
          {!provider && (
            <NumberInput label={t('services.occupancy')} min={0} allowDecimal={false} value={v.occupancy ?? 0} error={err('occupancy')} onChange={(n) => set({ occupancy: Number(n) || 0 })} />
          )}
        </SimpleGrid>
        <Checkbox label={t('services.form.unlimited')} checked={unlimited} onChange={(e) => set({ capacity: e.currentTarget.checked ? null : 0 })} />
        <MultiSelect label={t('services.languages')} value={v.languages} error={err('languages')}
          data={SCHOOL_LANGUAGES.map((l) => ({ value: l, label: vocab.language(l) }))} onChange={(languages) => set({ languages })} />
        <NativeSelect label={t('services.form.unit')} description={t('services.form.unitHint')} value={v.unitId ?? ''} error={err('unitId')} disabled={!v.regionCode}
          data={[{ value: '', label: t('services.form.noUnit') }, ...(unitList.data ?? []).filter((u) => u.active).map((u) => ({ value: u.id, label: localName(u.name, vocab.locale) }))]}
          onChange={(e) => set({ unitId: e.currentTarget.value || null })} />
        {provider && <Checkbox label={t('services.form.active')} checked={v.active} onChange={(e) => set({ active: e.currentTarget.checked })} />}
        <Group>
          <Button type="submit" loading={save.isPending} data-testid="provider-save">{t('common.save')}</Button>
          <Button variant="default" onClick={onCancel}>{t('common.cancel')}</Button>
        </Group>
      </Stack>
    </form>
  );
}
