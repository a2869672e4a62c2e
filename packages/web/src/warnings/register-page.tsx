import { Alert, Anchor, Button, Card, ColorSwatch, Grid, Group, Loader, NativeSelect, SimpleGrid, Table, Text, Title, UnstyledButton } from '@mantine/core';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { RISK_FLAG_KINDS, riskFlagKindLabels, roleHas, type RiskFlagKind } from '@qorgau/core';
import { useUser } from '../auth/session.ts';
import { ErrorAlert } from '../components/error-alert.tsx';
import { NotFoundPage } from '../components/not-found-page.tsx';
import { Page } from '../components/page.tsx';
import { formatDateTime, formatNumber, localName } from '../format.ts';
import { useLocale } from '../i18n/use-locale.ts';
import { useDistricts, useRegions, useSchools } from '../reference/queries.ts';
import { REGISTER_PAGE, useRiskRegister, type RegisterFilter } from './api.ts';
import { FLAG_COLORS } from './explain.tsx';
import { FlagBadges } from './risk-flags.tsx';
import type { KindCounts, RegisterItem } from './types.ts';

const isKind = (k: string | null): k is RiskFlagKind => RISK_FLAG_KINDS.includes(k as RiskFlagKind);

/** The filters live in the address (a view can be shared); the user's own territory is fixed. */
function useRegisterFilter() {
  const user = useUser();
  const [params, setParams] = useSearchParams();
  const fixed = { regionCode: user.regionCode ?? '', districtCode: user.districtCode ?? '', schoolId: user.schoolId ?? '' };
  const read = (p: URLSearchParams) => ({
    regionCode: fixed.regionCode || p.get('regionCode') || '',
    districtCode: fixed.districtCode || p.get('districtCode') || '',
    schoolId: fixed.schoolId || p.get('schoolId') || '',
    kind: (isKind(p.get('kind')) ? p.get('kind') : '') as RiskFlagKind | '',
    offset: Math.max(0, Number(p.get('offset')) || 0),
  });
  const state = read(params);
  const write = (changes: Partial<typeof state>) => {
    const next = { ...read(new URLSearchParams(window.location.search)), offset: 0, ...changes };
    const out = new URLSearchParams();
    if (next.regionCode && !fixed.regionCode) out.set('regionCode', next.regionCode);
    if (next.districtCode && !fixed.districtCode) out.set('districtCode', next.districtCode);
    if (next.schoolId && !fixed.schoolId) out.set('schoolId', next.schoolId);
    if (next.kind) out.set('kind', next.kind);
    if (next.offset) out.set('offset', String(next.offset));
    setParams(out, { replace: true });
  };
  return { ...state, fixed, write };
}

function KindCells({ counts }: { counts: KindCounts }) {
  const locale = useLocale();
  return (
    <>
      {RISK_FLAG_KINDS.map((k) => (
        <Table.Td key={k} ta="end" c={counts[k] ? undefined : 'dimmed'}>{formatNumber(counts[k], locale)}</Table.Td>
      ))}
    </>
  );
}

function KindHeads() {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <>
      {RISK_FLAG_KINDS.map((k) => (
        <Table.Th key={k} ta="end" title={riskFlagKindLabels[k][locale]} fz="xs">{t(`risk.short.${k}`)}</Table.Th>
      ))}
    </>
  );
}

function ChildrenTable({ items }: { items: RegisterItem[] }) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table striped verticalSpacing="xs" data-testid="risk-register-children">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('risk.register.child')}</Table.Th>
            <Table.Th ta="end">{t('risk.register.age')}</Table.Th>
            <Table.Th>{t('risk.register.school')}</Table.Th>
            <Table.Th>{t('risk.register.flags')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((i) => (
            <Table.Tr key={i.personId} data-testid="risk-register-child">
              <Table.Td>
                <Anchor component={Link} to={`/persons/${i.personId}`} fw={600} size="sm">
                  {[i.lastName, i.firstName, i.middleName].filter(Boolean).join(' ') || t('persons.unnamed')}
                </Anchor>
              </Table.Td>
              <Table.Td ta="end">{i.age ?? '—'}</Table.Td>
              <Table.Td><Text size="sm">{i.schoolName ? localName(i.schoolName, locale) : '—'}</Text></Table.Td>
              <Table.Td><FlagBadges flags={i.flags} size="sm" /></Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** Children with early-warning flags per school and district; analysts see the counts only. */
export function RegisterPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const user = useUser();
  const f = useRegisterFilter();
  const regions = useRegions();
  const districts = useDistricts(f.regionCode || null);
  const schools = useSchools(f.districtCode || null);
  const query: RegisterFilter = {
    regionCode: f.regionCode || undefined, districtCode: f.districtCode || undefined, schoolId: f.schoolId || undefined,
    kind: f.kind || undefined, offset: f.offset || undefined,
  };
  const register = useRiskRegister(query);
  const data = register.data;
  const canPickDistrict = !f.fixed.districtCode;
  const districtName = (code: string) => {
    const d = data?.byDistrict.find((x) => x.districtCode === code);
    return d?.name ? localName(d.name, locale) : code;
  };

  const regionOptions = [{ value: '', label: t('stats.wholeCountry') }, ...(regions.data ?? []).map((r) => ({ value: r.code, label: localName(r.name, locale) }))
    .sort((a, b) => a.label.localeCompare(b.label, locale))];
  const districtOptions = [{ value: '', label: t('risk.register.allDistricts') }, ...(districts.data ?? []).map((d) => ({ value: d.code, label: localName(d.name, locale) }))
    .sort((a, b) => a.label.localeCompare(b.label, locale))];
  const schoolOptions = [{ value: '', label: t('risk.register.allSchools') }, ...(schools.data ?? []).map((s) => ({ value: s.id, label: localName(s.name, locale) }))
    .sort((a, b) => a.label.localeCompare(b.label, locale))];

  return (
    <Page title={t('risk.register.title')}>
      <Text c="dimmed">{t('risk.register.intro')}</Text>
      <form role="search" aria-label={t('risk.register.filters')} onSubmit={(e) => e.preventDefault()}>
        <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }} spacing="sm">
          <NativeSelect label={t('stats.region')} data={regionOptions} value={f.regionCode} disabled={!!f.fixed.regionCode}
            onChange={(e) => f.write({ regionCode: e.currentTarget.value, districtCode: '', schoolId: '' })} data-testid="risk-filter-region" />
          <NativeSelect label={t('risk.register.district')} data={districtOptions} value={f.districtCode} disabled={!canPickDistrict || !f.regionCode}
            onChange={(e) => f.write({ districtCode: e.currentTarget.value, schoolId: '' })} data-testid="risk-filter-district" />
          <NativeSelect label={t('risk.register.school')} data={schoolOptions} value={f.schoolId} disabled={!!f.fixed.schoolId || !f.districtCode}
            onChange={(e) => f.write({ schoolId: e.currentTarget.value })} data-testid="risk-filter-school" />
          <NativeSelect label={t('risk.register.kind')}
            data={[{ value: '', label: t('risk.register.allKinds') }, ...RISK_FLAG_KINDS.map((k) => ({ value: k, label: riskFlagKindLabels[k][locale] }))]}
            value={f.kind} onChange={(e) => f.write({ kind: isKind(e.currentTarget.value) ? e.currentTarget.value : '' })} data-testid="risk-filter-kind" />
        </SimpleGrid>
      </form>

      {register.isPending && <Loader aria-label={t('common.loading')} />}
      {register.isError && <ErrorAlert error={register.error} />}
      {data && (
        <>
          <SimpleGrid cols={{ base: 2, sm: 4, xl: 7 }} spacing="sm" data-testid="risk-register-kpis">
            <Card withBorder padding="sm" radius="md">
              <Text size="xs" c="dimmed" fw={600}>{t('risk.register.children')}</Text>
              <Text fz={28} fw={700} data-testid="risk-register-total">{formatNumber(data.total, locale)}</Text>
            </Card>
            {RISK_FLAG_KINDS.map((k) => (
              <UnstyledButton key={k} onClick={() => f.write({ kind: f.kind === k ? '' : k })} aria-pressed={f.kind === k} data-testid={`risk-kpi-${k}`}>
                <Card withBorder padding="sm" radius="md" h="100%" style={f.kind === k ? { outline: '2px solid var(--mantine-color-teal-6)' } : undefined}>
                  <Group gap={6} wrap="nowrap" align="flex-start">
                    <ColorSwatch color={`var(--mantine-color-${FLAG_COLORS[k]}-5)`} size={10} mt={4} style={{ flexShrink: 0 }} />
                    <Text size="xs" c="dimmed" fw={600} lh={1.3}>{riskFlagKindLabels[k][locale]}</Text>
                  </Group>
                  <Text fz={22} fw={700} mt={4}>{formatNumber(data.byKind[k], locale)}</Text>
                </Card>
              </UnstyledButton>
            ))}
          </SimpleGrid>
          {data.computedAt && <Text size="xs" c="dimmed">{t('risk.register.computedAt', { date: formatDateTime(data.computedAt, locale) })}</Text>}

          <Grid gap="md">
            <Grid.Col span={12}>
              <Card withBorder radius="md" padding="md" component="section" aria-label={t('risk.register.byDistrict')}>
                <Title order={2} size="h4" mb="sm">{t('risk.register.byDistrict')}</Title>
                {data.byDistrict.length === 0 ? <Text c="dimmed" size="sm">{t('risk.register.empty')}</Text> : (
                  <Table.ScrollContainer minWidth={560}>
                    <Table striped highlightOnHover verticalSpacing={6} data-testid="risk-register-districts">
                      <Table.Thead><Table.Tr><Table.Th>{t('risk.register.district')}</Table.Th><Table.Th ta="end">{t('risk.register.children')}</Table.Th><KindHeads /></Table.Tr></Table.Thead>
                      <Table.Tbody>
                        {data.byDistrict.map((d) => (
                          <Table.Tr key={`${d.regionCode}-${d.districtCode}`}>
                            <Table.Td>
                              {d.districtCode && d.regionCode && canPickDistrict ? (
                                <Anchor component="button" type="button" size="sm" ta="start" onClick={() => f.write({ regionCode: d.regionCode ?? '', districtCode: d.districtCode ?? '', schoolId: '' })}>
                                  {d.name ? localName(d.name, locale) : d.districtCode}
                                </Anchor>
                              ) : <Text size="sm">{d.name ? localName(d.name, locale) : t('risk.register.noDistrict')}</Text>}
                            </Table.Td>
                            <Table.Td ta="end" fw={600}>{formatNumber(d.children, locale)}</Table.Td>
                            <KindCells counts={d.byKind} />
                          </Table.Tr>
                        ))}
                      </Table.Tbody>
                    </Table>
                  </Table.ScrollContainer>
                )}
              </Card>
            </Grid.Col>
            <Grid.Col span={12}>
              <Card withBorder radius="md" padding="md" component="section" aria-label={t('risk.register.bySchool')}>
                <Title order={2} size="h4" mb="sm">{t('risk.register.bySchool')}</Title>
                {data.bySchool.length === 0 ? <Text c="dimmed" size="sm">{t('risk.register.empty')}</Text> : (
                  <Table.ScrollContainer minWidth={560}>
                    <Table striped highlightOnHover verticalSpacing={6} data-testid="risk-register-schools">
                      <Table.Thead><Table.Tr><Table.Th>{t('risk.register.school')}</Table.Th><Table.Th ta="end">{t('risk.register.children')}</Table.Th><KindHeads /></Table.Tr></Table.Thead>
                      <Table.Tbody>
                        {data.bySchool.map((s) => (
                          <Table.Tr key={s.schoolId}>
                            <Table.Td>
                              {f.fixed.schoolId ? <Text size="sm">{localName(s.name, locale)}</Text> : (
                                <Anchor component="button" type="button" size="sm" ta="start"
                                  onClick={() => f.write({ districtCode: s.districtCode, schoolId: s.schoolId, ...(f.regionCode ? {} : { regionCode: data.byDistrict.find((d) => d.districtCode === s.districtCode)?.regionCode ?? '' }) })}>
                                  {localName(s.name, locale)}
                                </Anchor>
                              )}
                              <Text size="xs" c="dimmed">{districtName(s.districtCode)}</Text>
                            </Table.Td>
                            <Table.Td ta="end" fw={600}>{formatNumber(s.children, locale)}</Table.Td>
                            <KindCells counts={s.byKind} />
                          </Table.Tr>
                        ))}
                      </Table.Tbody>
                    </Table>
                  </Table.ScrollContainer>
                )}
                {data.schoolsTruncated && <Text size="xs" c="dimmed" mt="xs">{t('risk.register.schoolsTruncated')}</Text>}
              </Card>
            </Grid.Col>
          </Grid>

          {data.countsOnly ? (
            <Alert color="gray" variant="light" data-testid="risk-register-counts-only">{t('risk.register.countsOnly')}</Alert>
          ) : (
            <Card withBorder radius="md" padding="md" component="section" aria-label={t('risk.register.list')}>
              <Title order={2} size="h4" mb="sm">{t('risk.register.list')}</Title>
              {(data.items ?? []).length === 0 ? <Text c="dimmed" size="sm">{t('risk.register.empty')}</Text> : <ChildrenTable items={data.items ?? []} />}
              <Group justify="space-between" mt="sm">
                <Text size="xs" c="dimmed">
                  {t('risk.register.shown', { from: formatNumber(f.offset + 1, locale), to: formatNumber(f.offset + (data.items?.length ?? 0), locale), total: formatNumber(data.total, locale) })}
                </Text>
                <Group gap="xs">
                  <Button variant="default" size="xs" disabled={f.offset === 0} onClick={() => f.write({ offset: Math.max(0, f.offset - REGISTER_PAGE) })} data-testid="risk-register-prev">{t('risk.register.prev')}</Button>
                  <Button variant="default" size="xs" disabled={data.nextOffset === null} onClick={() => f.write({ offset: data.nextOffset ?? 0 })} data-testid="risk-register-next">{t('risk.register.next')}</Button>
                </Group>
              </Group>
            </Card>
          )}
          {roleHas(user.role, 'stats.read') && (
            <Text size="sm"><Anchor component={Link} to="/stats/profiles">{t('risk.profiles.nav')}</Anchor></Text>
          )}
        </>
      )}
    </Page>
  );
}

/** The register is for case workers (names) and analysts (counts). */
export function RiskRegisterRoute() {
  const user = useUser();
  return roleHas(user.role, 'cases.read') || roleHas(user.role, 'stats.read') ? <RegisterPage /> : <NotFoundPage />;
}
