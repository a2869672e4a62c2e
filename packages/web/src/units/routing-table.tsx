// The routing of one region: for each agency, the unit that receives its tasks in the whole region,
// and the districts that have their own unit. Each choice is saved at once.
import { useState } from 'react';
import { ActionIcon, Badge, Button, Group, Loader, NativeSelect, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { AGENCY_TYPES, type AgencyType } from '@qorgau/core';
import { ErrorAlert } from '../components/error-alert.tsx';
import { localName } from '../format.ts';
import { useLocale } from '../i18n/use-locale.ts';
import { useLabels } from '../labels.ts';
import { useDistricts } from '../reference/queries.ts';
import type { District } from '../types.ts';
import { useDeleteRoute, useRouting, useSetRoute, useUnits, type RoutingRule, type Unit } from './api.ts';

function unitOptions(units: Unit[], current: string | undefined, locale: ReturnType<typeof useLocale>, t: (k: string) => string) {
  return units
    .filter((u) => u.active || u.id === current)
    .map((u) => ({ value: u.id, label: `${localName(u.name, locale)}${u.active ? '' : ` (${t('units.inactive')})`}` }))
    .sort((a, b) => a.label.localeCompare(b.label, locale));
}

/** One cell: a unit for an agency in the region or a district; choosing "—" removes the rule. */
function RouteSelect({ agencyType, regionCode, districtCode, rule, units, label, testId, allowNone = true }: {
  agencyType: AgencyType; regionCode: string; districtCode: string | null; rule: RoutingRule | undefined; units: Unit[]; label: string;
  testId: string; allowNone?: boolean;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const setRoute = useSetRoute();
  const deleteRoute = useDeleteRoute();
  const busy = setRoute.isPending || deleteRoute.isPending;
  const error = setRoute.error ?? deleteRoute.error;
  const options = unitOptions(units, rule?.unitId, locale, t);
  return (
    <Stack gap={2}>
      <Group gap={6} wrap="nowrap">
        <NativeSelect
          aria-label={label}
          data={[
            ...(allowNone || !rule ? [{ value: '', label: districtCode ? t('units.routing.asRegion') : t('units.routing.none') }] : []),
            ...options,
          ]}
          value={rule?.unitId ?? ''}
          disabled={busy}
          onChange={(e) => {
            const unitId = e.currentTarget.value;
            setRoute.reset();
            deleteRoute.reset();
            if (unitId) setRoute.mutate({ agencyType, regionCode, districtCode, unitId });
            else if (rule) deleteRoute.mutate(rule.id);
          }}
          style={{ flex: 1, minWidth: 220 }}
          data-testid={testId}
        />
        {busy && <Loader size="xs" aria-label={t('common.loading')} />}
      </Group>
      {error !== null && <ErrorAlert error={error} />}
    </Stack>
  );
}

function AddOverride({ agencyType, regionCode, districts, units, taken }: {
  agencyType: AgencyType; regionCode: string; districts: District[]; units: Unit[]; taken: readonly string[];
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const labels = useLabels();
  const [district, setDistrict] = useState<string | null>(null);
  const setRoute = useSetRoute();
  const free = districts
    .filter((d) => !taken.includes(d.code))
    .map((d) => ({ value: d.code, label: localName(d.name, locale) }))
    .sort((a, b) => a.label.localeCompare(b.label, locale));
  if (district === null) {
    return (
      <Group>
        <Button variant="subtle" size="compact-sm" onClick={() => setDistrict('')} disabled={!free.length || !units.length}
          data-testid={`routing-${agencyType}-add`}>
          {t('units.routing.addOverride')}
        </Button>
      </Group>
    );
  }
  return (
    <Stack gap={4}>
      <Group gap={6} wrap="wrap" align="flex-start">
        <NativeSelect
          aria-label={t('territory.district')}
          data={[{ value: '', label: t('units.routing.chooseDistrict') }, ...free]}
          value={district}
          onChange={(e) => setDistrict(e.currentTarget.value)}
          data-testid={`routing-${agencyType}-add-district`}
          style={{ minWidth: 200 }}
        />
        <NativeSelect
          aria-label={t('units.routing.unitFor', { agency: labels.agency(agencyType) })}
          data={[{ value: '', label: t('units.routing.chooseUnit') }, ...unitOptions(units, undefined, locale, t)]}
          value=""
          disabled={!district || setRoute.isPending}
          onChange={(e) => {
            const unitId = e.currentTarget.value;
            if (!unitId || !district) return;
            setRoute.mutate({ agencyType, regionCode, districtCode: district, unitId }, { onSuccess: () => setDistrict(null) });
          }}
          data-testid={`routing-${agencyType}-add-unit`}
          style={{ flex: 1, minWidth: 220 }}
        />
        <Button variant="default" size="sm" onClick={() => setDistrict(null)}>{t('common.cancel')}</Button>
      </Group>
      <ErrorAlert error={setRoute.error} />
    </Stack>
  );
}

function RemoveOverride({ rule, label }: { rule: RoutingRule; label: string }) {
  const deleteRoute = useDeleteRoute();
  return (
    <>
      <ActionIcon variant="subtle" color="red" onClick={() => deleteRoute.mutate(rule.id)} loading={deleteRoute.isPending} aria-label={label}
        data-testid={`routing-remove-${rule.id}`}>
        <span aria-hidden="true">✕</span>
      </ActionIcon>
      <ErrorAlert error={deleteRoute.error} />
    </>
  );
}

export function RoutingTable({ regionCode }: { regionCode: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const labels = useLabels();
  const routing = useRouting(regionCode);
  const units = useUnits({ regionCode });
  const districts = useDistricts(regionCode);
  if (routing.isPending || units.isPending) return <Loader aria-label={t('common.loading')} />;
  if (routing.isError || units.isError) return <ErrorAlert error={routing.error ?? units.error} />;
  const districtName = (code: string) => {
    const d = districts.data?.find((x) => x.code === code);
    return d ? localName(d.name, locale) : code;
  };
  // units that may serve this region: the region's own and the national ones (no district units of other regions)
  const unitsOf = (agency: AgencyType) => units.data.filter((u) => u.agencyType === agency && (u.regionCode === regionCode || u.regionCode === null));

  return (
    <Table.ScrollContainer minWidth={900}>
      <Table verticalSpacing="sm" withTableBorder withColumnBorders data-testid="routing-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w="24%">{t('units.agency')}</Table.Th>
            <Table.Th w="34%">{t('units.routing.regionWide')}</Table.Th>
            <Table.Th>{t('units.routing.overrides')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {AGENCY_TYPES.map((agency) => {
            const rules = routing.data.filter((r) => r.agencyType === agency);
            const regionRule = rules.find((r) => r.districtCode === null);
            const overrides = rules.filter((r) => r.districtCode !== null)
              .sort((a, b) => districtName(a.districtCode ?? '').localeCompare(districtName(b.districtCode ?? ''), locale));
            const agencyUnits = unitsOf(agency);
            return (
              <Table.Tr key={agency} data-testid={`routing-row-${agency}`} style={{ verticalAlign: 'top' }}>
                <Table.Td>
                  <Text fw={600} size="sm">{labels.agency(agency)}</Text>
                  {!regionRule && (
                    <Badge color="orange" variant="light" mt={4} data-testid={`routing-${agency}-unrouted`}>{t('units.routing.unrouted')}</Badge>
                  )}
                  {agencyUnits.length === 0 && <Text size="xs" c="dimmed" mt={4}>{t('units.routing.noUnits')}</Text>}
                </Table.Td>
                <Table.Td>
                  <RouteSelect
                    agencyType={agency}
                    regionCode={regionCode}
                    districtCode={null}
                    rule={regionRule}
                    units={agencyUnits}
                    label={t('units.routing.unitFor', { agency: labels.agency(agency) })}
                    testId={`routing-${agency}-region`}
                  />
                </Table.Td>
                <Table.Td>
                  <Stack gap={6}>
                    {overrides.map((rule) => (
                      <Group key={rule.id} gap={6} wrap="nowrap" align="flex-start" data-testid={`routing-${agency}-override-${rule.districtCode ?? ''}`}>
                        <Text size="sm" w={170} mt={6} style={{ flexShrink: 0 }}>{districtName(rule.districtCode ?? '')}</Text>
                        <div style={{ flex: 1 }}>
                          <RouteSelect
                            agencyType={agency}
                            regionCode={regionCode}
                            districtCode={rule.districtCode}
                            rule={rule}
                            units={agencyUnits}
                            allowNone={false}
                            label={t('units.routing.unitForIn', { agency: labels.agency(agency), district: districtName(rule.districtCode ?? '') })}
                            testId={`routing-${agency}-district-${rule.districtCode ?? ''}`}
                          />
                        </div>
                        <RemoveOverride rule={rule} label={t('units.routing.removeOverride', { district: districtName(rule.districtCode ?? '') })} />
                      </Group>
                    ))}
                    <AddOverride
                      agencyType={agency}
                      regionCode={regionCode}
                      districts={districts.data ?? []}
                      units={agencyUnits}
                      taken={overrides.map((r) => r.districtCode ?? '')}
                    />
                  </Stack>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
