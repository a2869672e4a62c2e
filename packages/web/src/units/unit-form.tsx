import { useState, type FormEvent } from 'react';
import { Button, Group, NativeSelect, SimpleGrid, Stack, Switch, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { AGENCY_TYPES, type AgencyType } from '@qorgau/core';
import { ErrorAlert } from '../components/error-alert.tsx';
import { useFocusFirstError } from '../components/use-focus-first-error.ts';
import { localName } from '../format.ts';
import { fieldErrors } from '../i18n/errors.ts';
import { useLocale } from '../i18n/use-locale.ts';
import { useLabels } from '../labels.ts';
import { useDistricts, useRegions } from '../reference/queries.ts';
import { useCreateUnit, useUpdateUnit, type Unit, type UnitBody } from './api.ts';

const FIELDS = ['agencyType', 'nameKk', 'nameRu', 'nameEn', 'regionCode', 'districtCode', 'email', 'active'] as const;
type Field = (typeof FIELDS)[number];

interface Values {
  agencyType: AgencyType | '';
  nameKk: string;
  nameRu: string;
  nameEn: string;
  regionCode: string;
  districtCode: string;
  email: string;
  active: boolean;
}

function initial(unit: Unit | null, defaults: { agencyType?: AgencyType | ''; regionCode?: string }): Values {
  if (!unit) {
    return {
      agencyType: defaults.agencyType ?? '', nameKk: '', nameRu: '', nameEn: '', regionCode: defaults.regionCode ?? '', districtCode: '',
      email: '', active: true,
    };
  }
  return {
    agencyType: unit.agencyType, nameKk: unit.name.kk, nameRu: unit.name.ru, nameEn: unit.name.en, regionCode: unit.regionCode ?? '',
    districtCode: unit.districtCode ?? '', email: unit.email ?? '', active: unit.active,
  };
}

interface Props {
  /** null: a new unit */
  unit: Unit | null;
  defaults?: { agencyType?: AgencyType | ''; regionCode?: string };
  onDone: (unit: Unit) => void;
  onCancel: () => void;
}

export function UnitForm({ unit, defaults = {}, onDone, onCancel }: Props) {
  const { t } = useTranslation();
  const labels = useLabels();
  const locale = useLocale();
  const [values, setValues] = useState<Values>(() => initial(unit, defaults));
  const [localErrors, setLocalErrors] = useState<Partial<Record<Field, string>>>({});
  const create = useCreateUnit();
  const update = useUpdateUnit();
  const mutation = unit ? update : create;
  const focus = useFocusFirstError<HTMLFormElement>();
  const serverErrors = fieldErrors(mutation.error);
  const errorOf = (field: Field) => localErrors[field] ?? serverErrors[field];
  const regions = useRegions();
  const districts = useDistricts(values.regionCode || null);

  const set = <K extends keyof Values>(key: K, value: Values[K]) => {
    setValues((v) => ({ ...v, [key]: value }));
    setLocalErrors((e) => ({ ...e, [key]: undefined }));
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (mutation.isPending) return;
    const e: Partial<Record<Field, string>> = {};
    const required = t('validation.required');
    if (!values.agencyType) e.agencyType = required;
    if (!values.nameKk.trim()) e.nameKk = required;
    if (!values.nameRu.trim()) e.nameRu = required;
    if (!values.nameEn.trim()) e.nameEn = required;
    setLocalErrors(e);
    if (Object.keys(e).length || !values.agencyType) return focus.reportFailure();
    const body: UnitBody = {
      agencyType: values.agencyType,
      nameKk: values.nameKk.trim(),
      nameRu: values.nameRu.trim(),
      nameEn: values.nameEn.trim(),
      regionCode: values.regionCode || null,
      districtCode: values.regionCode && values.districtCode ? values.districtCode : null,
      email: values.email.trim() || null,
      active: values.active,
    };
    if (unit) update.mutate({ id: unit.id, body }, { onSuccess: onDone, onError: focus.reportFailure });
    else create.mutate(body, { onSuccess: onDone, onError: focus.reportFailure });
  };

  const byLabel = (a: { label: string }, b: { label: string }) => a.label.localeCompare(b.label, locale);

  return (
    <form ref={focus.ref} onSubmit={submit} noValidate data-testid="unit-form">
      <Stack gap="sm">
        <ErrorAlert error={mutation.error} fields={FIELDS} testId="unit-form-error" />
        <NativeSelect
          label={t('units.agency')}
          required
          data={[{ value: '', label: t('common.choose') }, ...AGENCY_TYPES.map((a) => ({ value: a, label: labels.agency(a) }))]}
          value={values.agencyType}
          error={errorOf('agencyType')}
          onChange={(e) => set('agencyType', e.currentTarget.value as AgencyType | '')}
          data-testid="unit-form-agency"
          data-autofocus
        />
        <TextInput label={t('units.nameKk')} required lang="kk" value={values.nameKk} error={errorOf('nameKk')}
          onChange={(e) => set('nameKk', e.currentTarget.value)} maxLength={200} data-testid="unit-form-name-kk" />
        <TextInput label={t('units.nameRu')} required lang="ru" value={values.nameRu} error={errorOf('nameRu')}
          onChange={(e) => set('nameRu', e.currentTarget.value)} maxLength={200} data-testid="unit-form-name-ru" />
        <TextInput label={t('units.nameEn')} required lang="en" value={values.nameEn} error={errorOf('nameEn')}
          onChange={(e) => set('nameEn', e.currentTarget.value)} maxLength={200} data-testid="unit-form-name-en" />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <NativeSelect
            label={t('territory.region')}
            description={t('units.regionHint')}
            data={[
              { value: '', label: t('territory.national') },
              ...(regions.data ?? []).map((r) => ({ value: r.code, label: localName(r.name, locale) })).sort(byLabel),
            ]}
            value={values.regionCode}
            error={errorOf('regionCode')}
            onChange={(e) => {
              const regionCode = e.currentTarget.value;
              setValues((v) => ({ ...v, regionCode, districtCode: '' }));
            }}
            data-testid="unit-form-region"
          />
          <NativeSelect
            label={t('territory.district')}
            description={t('units.districtHint')}
            disabled={!values.regionCode}
            data={[
              { value: '', label: t('units.wholeRegion') },
              ...(districts.data ?? []).map((d) => ({ value: d.code, label: localName(d.name, locale) })).sort(byLabel),
            ]}
            value={values.districtCode}
            error={errorOf('districtCode')}
            onChange={(e) => set('districtCode', e.currentTarget.value)}
            data-testid="unit-form-district"
          />
        </SimpleGrid>
        <TextInput
          label={t('units.email')}
          description={t('units.emailHint')}
          type="email"
          autoComplete="off"
          value={values.email}
          error={errorOf('email')}
          onChange={(e) => set('email', e.currentTarget.value)}
          maxLength={254}
          data-testid="unit-form-email"
        />
        {unit && (
          <Switch label={t('units.active')} checked={values.active} onChange={(e) => set('active', e.currentTarget.checked)} data-testid="unit-form-active" />
        )}
        <Group justify="flex-end" mt="sm">
          <Button variant="default" onClick={onCancel}>{t('common.cancel')}</Button>
          <Button type="submit" loading={mutation.isPending} data-testid="unit-form-submit">
            {unit ? t('common.save') : t('units.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
