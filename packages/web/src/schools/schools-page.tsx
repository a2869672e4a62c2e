import { useState } from 'react';
import { Anchor, Badge, Button, Group, Loader, NativeSelect, Pagination, Table, Text, TextInput } from '@mantine/core';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { roleHas } from '@qorgau/core';
import { useUser } from '../auth/session.ts';
import { ErrorAlert } from '../components/error-alert.tsx';
import { Page } from '../components/page.tsx';
import { localName } from '../format.ts';
import { useLocale } from '../i18n/use-locale.ts';
import { useDistricts, useRegions } from '../reference/queries.ts';
import { useSchoolList } from './api.ts';

const PAGE = 50;

/** The school registry: filters by territory, search in the three names, pages of 50. */
export function SchoolsPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const user = useUser();
  const [params, setParams] = useSearchParams();
  const regionCode = user.regionCode ?? params.get('region') ?? '';
  const districtCode = params.get('district') ?? '';
  const active = params.get('active') === 'false' ? 'false' : params.get('active') === 'all' ? null : 'true';
  const page = Math.max(1, Number(params.get('page') ?? 1) || 1);
  const [q, setQ] = useState(params.get('q') ?? '');
  const regions = useRegions();
  const districts = useDistricts(regionCode || null);
  const list = useSchoolList({ regionCode: regionCode || null, districtCode: districtCode || null, q: params.get('q') ?? '', active, limit: PAGE, offset: (page - 1) * PAGE });
  const set = (patch: Record<string, string>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) { if (v) next.set(k, v); else next.delete(k); }
    if (!('page' in patch)) next.delete('page');
    setParams(next, { replace: true });
  };
  const manage = roleHas(user.role, 'schools.manage');
  return (
    <Page title={t('schools.title')} actions={manage && (
      <Group>
        <Button component={Link} to="/schools/new" data-testid="school-new">{t('schools.new')}</Button>
        <Button component={Link} to="/schools/import" variant="light" data-testid="school-import">{t('schools.import.nav')}</Button>
      </Group>
    )}>
      <Group align="end" wrap="wrap">
        <NativeSelect label={t('schools.region')} value={regionCode} disabled={Boolean(user.regionCode)} data-testid="schools-region"
          data={[{ value: '', label: t('schools.allRegions') }, ...(regions.data ?? []).map((r) => ({ value: r.code, label: localName(r.name, locale) }))]}
          onChange={(e) => set({ region: e.currentTarget.value, district: '' })} />
        <NativeSelect label={t('schools.district')} value={districtCode} disabled={!regionCode} data-testid="schools-district"
          data={[{ value: '', label: t('schools.allDistricts') }, ...(districts.data ?? []).map((d) => ({ value: d.code, label: localName(d.name, locale) }))]}
          onChange={(e) => set({ district: e.currentTarget.value })} />
        <NativeSelect label={t('schools.status')} value={active ?? 'all'} data-testid="schools-active"
          data={[{ value: 'true', label: t('schools.active') }, { value: 'false', label: t('schools.inactive') }, { value: 'all', label: t('schools.any') }]}
          onChange={(e) => set({ active: e.currentTarget.value === 'true' ? '' : e.currentTarget.value })} />
        <form onSubmit={(e) => { e.preventDefault(); set({ q: q.trim() }); }}>
          <Group align="end" gap="xs">
            <TextInput label={t('schools.search')} value={q} onChange={(e) => setQ(e.currentTarget.value)} placeholder={t('schools.searchHint')} data-testid="schools-search" />
            <Button type="submit" variant="default">{t('schools.find')}</Button>
          </Group>
        </form>
      </Group>
      {list.isPending && <Loader aria-label={t('common.loading')} />}
      {list.isError && <ErrorAlert error={list.error} />}
      {list.data && (
        <>
          <Text size="sm" c="dimmed" data-testid="schools-total">{t('schools.total', { n: list.data.total.toLocaleString(locale) })}</Text>
          <Table.ScrollContainer minWidth={760}>
            <Table striped highlightOnHover data-testid="schools-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('schools.name')}</Table.Th>
                  <Table.Th>{t('schools.externalId')}</Table.Th>
                  <Table.Th>{t('schools.districtCode')}</Table.Th>
                  <Table.Th ta="end">{t('schools.students')}</Table.Th>
                  <Table.Th ta="end">{t('schools.studentsSen')}</Table.Th>
                  <Table.Th>{t('schools.languages')}</Table.Th>
                  <Table.Th>{t('schools.status')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.data.items.map((s) => (
                  <Table.Tr key={s.id}>
                    <Table.Td><Anchor component={Link} to={`/schools/${s.id}`}>{localName(s.name, locale)}</Anchor></Table.Td>
                    <Table.Td ff="monospace">{s.externalId ?? '—'}</Table.Td>
                    <Table.Td ff="monospace">{s.districtCode}</Table.Td>
                    <Table.Td ta="end">{s.students.toLocaleString(locale)}</Table.Td>
                    <Table.Td ta="end">{s.studentsSen.toLocaleString(locale)}</Table.Td>
                    <Table.Td>{s.languages.join(', ')}</Table.Td>
                    <Table.Td>{s.active ? <Badge variant="light" color="green">{t('schools.active')}</Badge> : <Badge variant="light" color="gray">{t('schools.inactive')}</Badge>}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {list.data.total > PAGE && (
            <Pagination total={Math.ceil(list.data.total / PAGE)} value={page} onChange={(p) => set({ page: String(p) })} />
          )}
        </>
      )}
    </Page>
  );
}
