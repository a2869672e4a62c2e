// /admin/units (administrators): agencies' units, and the routing that sends each agency's tasks
// to one of them, per region and district.
import { useState } from 'react';
import { Alert, Anchor, Badge, Button, Group, Loader, Modal, NativeSelect, Paper, Stack, Table, Tabs, Text, VisuallyHidden } from '@mantine/core';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { AGENCY_TYPES, type AgencyType } from '@qorgau/core';
import { ErrorAlert } from '../components/error-alert.tsx';
import { Page } from '../components/page.tsx';
import { localName } from '../format.ts';
import { useLocale } from '../i18n/use-locale.ts';
import { useLabels } from '../labels.ts';
import { useRegions } from '../reference/queries.ts';
import { TerritoryText } from '../reference/territory.tsx';
import { useUnits, type Unit } from './api.ts';
import { RoutingTable } from './routing-table.tsx';
import { UnitForm } from './unit-form.tsx';

type Dialog = { kind: 'create' } | { kind: 'edit'; unit: Unit } | null;
type Tab = 'units' | 'routing';

function RegionSelect({ value, onChange, withAll, testId }: { value: string; onChange: (v: string) => void; withAll: boolean; testId: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const regions = useRegions();
  return (
    <NativeSelect
      label={t('territory.region')}
      data={[
        ...(withAll ? [{ value: '', label: t('units.allRegions') }] : []),
        ...(regions.data ?? []).map((r) => ({ value: r.code, label: localName(r.name, locale) })).sort((a, b) => a.label.localeCompare(b.label, locale)),
      ]}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      w={{ base: '100%', sm: 300 }}
      data-testid={testId}
    />
  );
}

function UnitsList({ regionCode, agencyType, onEdit }: { regionCode: string; agencyType: AgencyType | ''; onEdit: (unit: Unit) => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const labels = useLabels();
  const units = useUnits({ regionCode, agencyType });
  if (units.isPending) return <Loader aria-label={t('common.loading')} />;
  if (units.isError) return <ErrorAlert error={units.error} />;
  if (!units.data.length) return <Text c="dimmed" ta="center" py="md">{t('units.none')}</Text>;
  return (
    <Table.ScrollContainer minWidth={860}>
      <Table striped highlightOnHover verticalSpacing="xs" data-testid="units-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('units.name')}</Table.Th>
            <Table.Th>{t('units.agency')}</Table.Th>
            <Table.Th>{t('units.territory')}</Table.Th>
            <Table.Th>{t('units.email')}</Table.Th>
            <Table.Th>{t('units.status')}</Table.Th>
            <Table.Th><VisuallyHidden>{t('common.actions')}</VisuallyHidden></Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {units.data.map((unit) => (
            <Table.Tr key={unit.id} data-testid={`unit-row-${unit.id}`}>
              <Table.Td><Text size="sm" fw={500}>{localName(unit.name, locale)}</Text></Table.Td>
              <Table.Td>{labels.agency(unit.agencyType)}</Table.Td>
              <Table.Td><TerritoryText fields={{ regionCode: unit.regionCode, districtCode: unit.districtCode, schoolId: null }} /></Table.Td>
              <Table.Td>{unit.email ? <Anchor href={`mailto:${unit.email}`} size="sm">{unit.email}</Anchor> : '—'}</Table.Td>
              <Table.Td>
                {unit.active
                  ? <Badge color="teal" variant="light">{t('units.active')}</Badge>
                  : <Badge color="gray" variant="light">{t('units.inactive')}</Badge>}
              </Table.Td>
              <Table.Td>
                <Button variant="subtle" size="compact-sm" onClick={() => onEdit(unit)} data-testid={`unit-edit-${unit.id}`}
                  aria-label={t('units.editNamed', { name: localName(unit.name, locale) })}>
                  {t('common.edit')}
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

export function UnitsPage() {
  const { t } = useTranslation();
  const labels = useLabels();
  const locale = useLocale();
  const [params, setParams] = useSearchParams();
  const tab: Tab = params.get('tab') === 'routing' ? 'routing' : 'units';
  const regions = useRegions();
  const firstRegion = regions.data ? [...regions.data].sort((a, b) => localName(a.name, locale).localeCompare(localName(b.name, locale), locale))[0]?.code : undefined;
  const listRegion = params.get('region') ?? '';
  const routingRegion = params.get('region') || firstRegion || '';
  const agency = (params.get('agency') ?? '') as AgencyType | '';
  const [dialog, setDialog] = useState<Dialog>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const setParam = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };

  return (
    <Page
      title={t('units.title')}
      actions={<Button onClick={() => setDialog({ kind: 'create' })} data-testid="unit-create">{t('units.new')}</Button>}
    >
      <Text c="dimmed" size="sm" maw={820} mt={-8}>{t('units.intro')}</Text>
      {notice && (
        <Alert color="teal" withCloseButton onClose={() => setNotice(null)} role="status" data-testid="units-notice">{notice}</Alert>
      )}
      <Tabs value={tab} onChange={(v) => setParam('tab', v === 'routing' ? 'routing' : '')}>
        <Tabs.List mb="md">
          <Tabs.Tab value="units" data-testid="units-tab-units">{t('units.tabUnits')}</Tabs.Tab>
          <Tabs.Tab value="routing" data-testid="units-tab-routing">{t('units.tabRouting')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="units">
          <Stack gap="md">
            <Group align="flex-end" gap="sm" role="search" aria-label={t('units.filters')}>
              <RegionSelect value={listRegion} onChange={(v) => setParam('region', v)} withAll testId="units-filter-region" />
              <NativeSelect
                label={t('units.agency')}
                data={[{ value: '', label: t('units.allAgencies') }, ...AGENCY_TYPES.map((a) => ({ value: a, label: labels.agency(a) }))]}
                value={agency}
                onChange={(e) => setParam('agency', e.currentTarget.value)}
                w={{ base: '100%', sm: 300 }}
                data-testid="units-filter-agency"
              />
            </Group>
            {listRegion && <Text size="xs" c="dimmed">{t('units.withNational')}</Text>}
            <UnitsList regionCode={listRegion} agencyType={agency} onEdit={(unit) => setDialog({ kind: 'edit', unit })} />
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="routing">
          <Stack gap="md">
            <RegionSelect value={routingRegion} onChange={(v) => setParam('region', v)} withAll={false} testId="routing-region" />
            <Paper bg="gray.0" p="sm" radius="sm">
              <Text size="sm">{t('units.routing.intro')}</Text>
            </Paper>
            {routingRegion ? <RoutingTable regionCode={routingRegion} /> : <Loader aria-label={t('common.loading')} />}
          </Stack>
        </Tabs.Panel>
      </Tabs>

      <Modal opened={dialog !== null} onClose={() => setDialog(null)} title={dialog?.kind === 'edit' ? t('units.editTitle') : t('units.new')} size="lg">
        {dialog && (
          <UnitForm
            key={dialog.kind === 'edit' ? dialog.unit.id : 'new'}
            unit={dialog.kind === 'edit' ? dialog.unit : null}
            defaults={{ agencyType: agency, regionCode: tab === 'routing' ? routingRegion : listRegion }}
            onCancel={() => setDialog(null)}
            onDone={(unit) => {
              setNotice(t(dialog.kind === 'edit' ? 'units.saved' : 'units.created', { name: localName(unit.name, locale) }));
              setDialog(null);
            }}
          />
        )}
      </Modal>
    </Page>
  );
}
