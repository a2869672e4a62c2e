import { useState } from 'react';
import { Alert, Badge, Button, Card, Checkbox, Group, Loader, MultiSelect, NativeSelect, NumberInput, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { roleHas, SCHOOL_LANGUAGES, SPECIALIST_KINDS, specialistKindLabels, type SpecialistKind } from '@qorgau/core';
import { useUser } from '../auth/session.ts';
import { ErrorAlert } from '../components/error-alert.tsx';
import { Page } from '../components/page.tsx';
import { localName } from '../format.ts';
import { useLocale } from '../i18n/use-locale.ts';
import { useDistricts, useRegions } from '../reference/queries.ts';
import { fieldErrorsOf, useSaveSchool, useSaveSpecialist, useSchool, useSpecialists, type School, type SchoolInput } from './api.ts';

const blank: SchoolInput = { externalId: '', nameKk: '', nameRu: '', nameEn: '', districtCode: '', settlementCode: '', students: 0, studentsSen: 0, languages: ['kk'], lat: null, lon: null, active: true };

function inputOf(s: School): SchoolInput {
  return {
    externalId: s.externalId ?? '', nameKk: s.name.kk, nameRu: s.name.ru, nameEn: s.name.en, districtCode: s.districtCode, settlementCode: s.settlementCode ?? '',
    students: s.students, studentsSen: s.studentsSen, languages: s.languages, lat: s.lat, lon: s.lon, active: s.active,
  };
}

/** Create or edit a school; the server's field errors are shown under the fields. */
function SchoolForm({ school, onDone }: { school: School | null; onDone: (s: School) => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const user = useUser();
  const [v, setV] = useState<SchoolInput>(school ? inputOf(school) : blank);
  const [regionCode, setRegionCode] = useState(school?.regionCode ?? user.regionCode ?? '');
  const regions = useRegions();
  const districts = useDistricts(regionCode || null);
  const save = useSaveSchool(school?.id ?? null);
  const errors = fieldErrorsOf(save.error);
  const num = (n: string | number) => (n === '' ? null : Number(n));
  return (
    <form onSubmit={(e) => {
      e.preventDefault();
      const body = { ...v, externalId: v.externalId || null, settlementCode: v.settlementCode || null };
      save.mutate(body, { onSuccess: onDone });
    }} data-testid="school-form">
      <Stack>
        {save.isError && !Object.keys(errors).length && <ErrorAlert error={save.error} />}
        {save.isError && Object.keys(errors).length > 0 && <Alert color="red" data-testid="school-form-errors">{t('schools.form.fix')}</Alert>}
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <TextInput label={t('schools.form.nameKk')} required value={v.nameKk} error={errors.nameKk} onChange={(e) => setV({ ...v, nameKk: e.currentTarget.value })} />
          <TextInput label={t('schools.form.nameRu')} required value={v.nameRu} error={errors.nameRu} onChange={(e) => setV({ ...v, nameRu: e.currentTarget.value })} />
          <TextInput label={t('schools.form.nameEn')} required value={v.nameEn} error={errors.nameEn} onChange={(e) => setV({ ...v, nameEn: e.currentTarget.value })} />
          <NativeSelect label={t('schools.region')} value={regionCode} disabled={Boolean(user.regionCode)}
            data={[{ value: '', label: '—' }, ...(regions.data ?? []).map((r) => ({ value: r.code, label: localName(r.name, locale) }))]}
            onChange={(e) => { setRegionCode(e.currentTarget.value); setV({ ...v, districtCode: '' }); }} />
          <NativeSelect label={t('schools.district')} required value={v.districtCode} error={errors.districtCode} data-testid="school-form-district"
            data={[{ value: '', label: '—' }, ...(districts.data ?? []).map((d) => ({ value: d.code, label: `${localName(d.name, locale)} (${d.code})` }))]}
            onChange={(e) => setV({ ...v, districtCode: e.currentTarget.value })} />
          <TextInput label={t('schools.form.settlementCode')} value={v.settlementCode ?? ''} error={errors.settlementCode} onChange={(e) => setV({ ...v, settlementCode: e.currentTarget.value })} />
          <NumberInput label={t('schools.students')} min={0} allowDecimal={false} value={v.students} error={errors.students} data-testid="school-form-students" onChange={(n) => setV({ ...v, students: Number(n) || 0 })} />
          <NumberInput label={t('schools.studentsSen')} min={0} allowDecimal={false} value={v.studentsSen} error={errors.studentsSen} data-testid="school-form-sen" onChange={(n) => setV({ ...v, studentsSen: Number(n) || 0 })} />
          <MultiSelect label={t('schools.languages')} data={SCHOOL_LANGUAGES.map((l) => ({ value: l, label: t(`schools.lang.${l}`) }))} value={v.languages} error={errors.languages} onChange={(languages) => setV({ ...v, languages })} />
          <NumberInput label={t('schools.form.lat')} decimalScale={5} value={v.lat ?? ''} error={errors.lat} onChange={(n) => setV({ ...v, lat: num(n) })} />
          <NumberInput label={t('schools.form.lon')} decimalScale={5} value={v.lon ?? ''} error={errors.lon} onChange={(n) => setV({ ...v, lon: num(n) })} />
          <TextInput label={t('schools.externalId')} value={v.externalId ?? ''} error={errors.externalId} onChange={(e) => setV({ ...v, externalId: e.currentTarget.value })} />
        </SimpleGrid>
        <Checkbox label={t('schools.form.activeHint')} checked={v.active} onChange={(e) => setV({ ...v, active: e.currentTarget.checked })} />
        <Group><Button type="submit" loading={save.isPending} data-testid="school-save">{t('schools.form.save')}</Button></Group>
      </Stack>
    </form>
  );
}

function Specialists({ school }: { school: School }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const user = useUser();
  const list = useSpecialists(school.id);
  const add = useSaveSpecialist(null);
  const [v, setV] = useState({ kind: 'psychologist', fullName: '', fte: 1 });
  const errors = fieldErrorsOf(add.error);
  const manage = roleHas(user.role, 'workforce.manage') && (school.rights?.manage ?? false);
  const total = (k: string) => (list.data?.items ?? []).filter((s) => s.active && s.kind === k).reduce((a, s) => a + s.fte, 0);
  return (
    <Card withBorder>
      <Title order={2} size="h4" mb="sm">{t('schools.specialists.title')}</Title>
      <Group mb="sm">
        {SPECIALIST_KINDS.map((k) => (
          <Badge key={k} variant="light" size="lg">{specialistKindLabels[k][locale]}: {total(k).toLocaleString(locale)} · {school.students > 0 && total(k) > 0 ? t('schools.specialists.perFte', { value: Math.round(school.students / total(k)) }) : '—'}</Badge>
        ))}
      </Group>
      {list.isPending && <Loader size="sm" aria-label={t('common.loading')} />}
      {list.isError && <ErrorAlert error={list.error} />}
      {list.data && list.data.items.length === 0 && <Text c="dimmed">{t('schools.specialists.none')}</Text>}
      {list.data && list.data.items.length > 0 && (
        <Table data-testid="school-specialists">
          <Table.Thead><Table.Tr><Table.Th>{t('schools.specialists.name')}</Table.Th><Table.Th>{t('schools.specialists.kind')}</Table.Th><Table.Th ta="end">{t('schools.specialists.fte')}</Table.Th><Table.Th>{t('schools.status')}</Table.Th></Table.Tr></Table.Thead>
          <Table.Tbody>
            {list.data.items.map((s) => (
              <Table.Tr key={s.id}>
                <Table.Td>{s.fullName}</Table.Td>
                <Table.Td>{specialistKindLabels[s.kind as SpecialistKind]?.[locale] ?? s.kind}</Table.Td>
                <Table.Td ta="end">{s.fte.toLocaleString(locale)}</Table.Td>
                <Table.Td>{s.active ? t('schools.active') : t('schools.inactive')}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {manage && (
        <form onSubmit={(e) => { e.preventDefault(); add.mutate({ schoolId: school.id, ...v }, { onSuccess: () => setV({ ...v, fullName: '' }) }); }}>
          <Group align="end" mt="md">
            <NativeSelect label={t('schools.specialists.kind')} value={v.kind} data={SPECIALIST_KINDS.map((k) => ({ value: k, label: specialistKindLabels[k][locale] }))} onChange={(e) => setV({ ...v, kind: e.currentTarget.value })} />
            <TextInput label={t('schools.specialists.name')} required value={v.fullName} error={errors.fullName} onChange={(e) => setV({ ...v, fullName: e.currentTarget.value })} />
            <NumberInput label={t('schools.specialists.fte')} min={0.25} max={2} step={0.25} decimalScale={2} value={v.fte} error={errors.fte} onChange={(n) => setV({ ...v, fte: Number(n) || 0 })} w={120} />
            <Button type="submit" loading={add.isPending}>{t('schools.specialists.add')}</Button>
          </Group>
        </form>
      )}
    </Card>
  );
}

export function SchoolPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { id } = useParams();
  const navigate = useNavigate();
  const isNew = id === 'new';
  const school = useSchool(isNew ? undefined : id);
  const [editing, setEditing] = useState(false);
  if (isNew) {
    return <Page title={t('schools.new')}><SchoolForm school={null} onDone={(s) => navigate(`/schools/${s.id}`)} /></Page>;
  }
  if (school.isPending) return <Loader aria-label={t('common.loading')} />;
  if (school.isError) return <ErrorAlert error={school.error} />;
  const s = school.data;
  return (
    <Page title={localName(s.name, locale)} actions={s.rights?.manage && !editing && <Button variant="light" onClick={() => setEditing(true)} data-testid="school-edit">{t('schools.edit')}</Button>}>
      {editing ? <SchoolForm school={s} onDone={() => setEditing(false)} /> : (
        <Card withBorder data-testid="school-card">
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <Text><Text span c="dimmed">{t('schools.externalId')}: </Text>{s.externalId ?? '—'}</Text>
            <Text><Text span c="dimmed">{t('schools.region')}: </Text>{s.regionCode}</Text>
            <Text><Text span c="dimmed">{t('schools.districtCode')}: </Text>{s.districtCode}</Text>
            <Text><Text span c="dimmed">{t('schools.students')}: </Text>{s.students.toLocaleString(locale)}</Text>
            <Text><Text span c="dimmed">{t('schools.studentsSen')}: </Text>{s.studentsSen.toLocaleString(locale)}</Text>
            <Text><Text span c="dimmed">{t('schools.languages')}: </Text>{s.languages.map((l) => t(`schools.lang.${l}`)).join(', ')}</Text>
            <Text><Text span c="dimmed">{t('schools.coordinates')}: </Text>{s.lat !== null && s.lon !== null ? `${s.lat}, ${s.lon}` : '—'}</Text>
            <Text><Text span c="dimmed">{t('schools.status')}: </Text>{s.active ? t('schools.active') : t('schools.inactive')}</Text>
          </SimpleGrid>
        </Card>
      )}
      <Specialists school={s} />
    </Page>
  );
}
