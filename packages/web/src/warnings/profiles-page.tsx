import { useState } from 'react';
import { Alert, Anchor, Badge, Button, Card, Grid, Group, Loader, NativeSelect, Progress, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { FACTOR_DOMAINS, sexLabels, type FactorDomain, type Locale } from '@qorgau/core';
import { useUser } from '../auth/session.ts';
import { ErrorAlert } from '../components/error-alert.tsx';
import { Page } from '../components/page.tsx';
import { formatNumber, localName } from '../format.ts';
import { fieldErrors } from '../i18n/errors.ts';
import { useLocale } from '../i18n/use-locale.ts';
import { useRegions } from '../reference/queries.ts';
import { useStatsParams } from '../stats/params.ts';
import { PeriodFilter } from '../stats/parts.tsx';
import { profilesFileUrl, useProfiles } from './api.ts';
import type { MarkedCount, ProfileGroup, Profiles } from './types.ts';

const DOMAIN_COLORS: Record<FactorDomain, string> = { social: 'orange', pedagogical: 'teal', psychological: 'grape', health: 'blue' };

/** A published count: "<5" for 1–4, "×" for one hidden to protect a small one (as the public statistics). */
function Count({ c, locale }: { c: MarkedCount; locale: Locale }) {
  const { t } = useTranslation();
  if (c.mark === 'small') return <span title={t('risk.profiles.smallTitle')} data-testid="profiles-small">&lt;5</span>;
  if (c.mark === 'protect') return <span title={t('risk.profiles.protectTitle')} data-testid="profiles-protect">×</span>;
  return <>{formatNumber(c.value ?? 0, locale)}</>;
}

const percent = (share: number | null, locale: Locale) => (share === null ? '—' : `${formatNumber(Math.round(share * 1000) / 10, locale)} %`);

function useGroupWords() {
  const { t } = useTranslation();
  const locale = useLocale();
  const age = (a: string | null) => (a === null ? t('risk.profiles.allAges') : t(`stats.age.${a.replace('-', '_')}`));
  const sex = (s: string | null) => (s === null ? t('risk.profiles.allSexes') : s === 'female' || s === 'male' ? sexLabels[s][locale] : t('stats.unknown'));
  return { age, sex };
}

/** Children by age group × sex, with the totals (suppressed as published). */
function ChildrenMatrix({ p, onPick, selected }: { p: Profiles; onPick: (key: string) => void; selected: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const words = useGroupWords();
  const g = (key: string) => p.groups.find((x) => x.key === key);
  const cell = (key: string, bold = false) => {
    const group = g(key);
    if (!group) return <Table.Td key={key} />;
    return (
      <Table.Td key={key} ta="end" fw={bold ? 700 : undefined} bg={selected === key ? 'teal.0' : undefined}>
        <Anchor component="button" type="button" size="sm" onClick={() => onPick(key)} aria-pressed={selected === key} data-testid={`profiles-cell-${key}`}>
          <Count c={group.children} locale={locale} />
        </Anchor>
      </Table.Td>
    );
  };
  return (
    <Table.ScrollContainer minWidth={420}>
      <Table withTableBorder withColumnBorders verticalSpacing={6} data-testid="profiles-matrix">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('risk.profiles.ageGroup')}</Table.Th>
            {p.sexes.map((s) => <Table.Th key={s} ta="end">{words.sex(s)}</Table.Th>)}
            <Table.Th ta="end">{t('risk.profiles.total')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {p.ageGroups.map((a) => (
            <Table.Tr key={a}>
              <Table.Th scope="row" fw={500}>{words.age(a)}</Table.Th>
              {p.sexes.map((s) => cell(`${a}|${s}`))}
              {cell(`age:${a}`, true)}
            </Table.Tr>
          ))}
          <Table.Tr>
            <Table.Th scope="row">{t('risk.profiles.total')}</Table.Th>
            {p.sexes.map((s) => cell(`sex:${s}`, true))}
            {cell('all', true)}
          </Table.Tr>
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** A bar per factor (share of the group's children), grouped by domain. */
function FactorBars({ p, group }: { p: Profiles; group: ProfileGroup }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const label = (code: string) => localName(p.items.find((i) => i.code === code)?.label ?? code, locale);
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg" verticalSpacing="md" data-testid="profiles-factors">
      {FACTOR_DOMAINS.map((d) => {
        const domain = group.domains.find((x) => x.domain === d);
        const factors = group.factors.filter((f) => f.domain === d);
        if (!factors.length) return null;
        return (
          <div key={d}>
            <Group justify="space-between" mb={6}>
              <Badge color={DOMAIN_COLORS[d]} variant="light" style={{ textTransform: 'none' }}>{t(`risk.domain.${d}`)}</Badge>
              {domain && (
                <Text size="xs" c="dimmed">
                  {t('risk.profiles.anyOfDomain')}: <b><Count c={domain.count} locale={locale} /></b> · {percent(domain.share, locale)}
                </Text>
              )}
            </Group>
            <Stack gap={6} component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
              {factors.map((f) => (
                <li key={f.item} data-testid="profiles-factor" data-item={f.item}>
                  <Group justify="space-between" gap="xs" wrap="nowrap">
                    <Text size="sm" lineClamp={2}>{label(f.item)}</Text>
                    <Text size="sm" fw={600} style={{ whiteSpace: 'nowrap' }}>
                      <Count c={f.count} locale={locale} /> · {percent(f.share, locale)}
                    </Text>
                  </Group>
                  <Progress value={(f.share ?? 0) * 100} size="sm" radius="xs" color={DOMAIN_COLORS[d]} aria-hidden="true" mt={2} />
                </li>
              ))}
            </Stack>
          </div>
        );
      })}
    </SimpleGrid>
  );
}

function PairsTable({ p, group }: { p: Profiles; group: ProfileGroup }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const label = (code: string) => localName(p.items.find((i) => i.code === code)?.label ?? code, locale);
  if (!group.pairs.length) return <Text c="dimmed" size="sm" data-testid="profiles-pairs-none">{t('risk.profiles.noPairs', { n: p.threshold })}</Text>;
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table striped verticalSpacing={6} data-testid="profiles-pairs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('risk.profiles.factorA')}</Table.Th>
            <Table.Th>{t('risk.profiles.factorB')}</Table.Th>
            <Table.Th ta="end">{t('risk.profiles.children')}</Table.Th>
            <Table.Th ta="end">{t('risk.profiles.share')}</Table.Th>
            <Table.Th ta="end" title={t('risk.profiles.liftTitle')}>{t('risk.profiles.lift')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {group.pairs.map((x) => (
            <Table.Tr key={`${x.a}+${x.b}`} data-testid="profiles-pair">
              <Table.Td><Text size="sm">{label(x.a)}</Text><Text size="xs" c="dimmed">{t(`risk.domain.${x.domainA}`)}</Text></Table.Td>
              <Table.Td><Text size="sm">{label(x.b)}</Text><Text size="xs" c="dimmed">{t(`risk.domain.${x.domainB}`)}</Text></Table.Td>
              <Table.Td ta="end"><Count c={x.count} locale={locale} /></Table.Td>
              <Table.Td ta="end" style={{ whiteSpace: 'nowrap' }}>{percent(x.share, locale)}</Table.Td>
              <Table.Td ta="end" fw={600} c={x.lift !== null && x.lift >= 1.5 ? 'red.8' : undefined}>{x.lift === null ? '—' : formatNumber(x.lift, locale)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** Profiles over closed cases: which risk factors occur, and together, by age group and sex. */
export function ProfilesPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const user = useUser();
  const fixedRegion = user.regionCode;
  const { preset, period, regionCode, write } = useStatsParams(fixedRegion);
  const q = { from: period.from, to: period.to, regionCode };
  const profiles = useProfiles(q);
  const regions = useRegions();
  const words = useGroupWords();
  const [selected, setSelected] = useState('all');
  const data = profiles.data;
  const group = data?.groups.find((g) => g.key === selected) ?? data?.groups[0];
  const regionName = (code: string) => localName(regions.data?.find((r) => r.code === code)?.name, locale) || code;

  return (
    <Page
      title={t('risk.profiles.title')}
      actions={(
        <Group gap="xs">
          <Button component="a" href={profilesFileUrl(q, 'xlsx', locale)} variant="light" data-testid="profiles-xlsx">XLSX</Button>
          <Button component="a" href={profilesFileUrl(q, 'csv', locale)} variant="default" data-testid="profiles-csv">CSV</Button>
          <Button component={Link} to="/stats" variant="default">{t('stats.nav')}</Button>
        </Group>
      )}
    >
      <Text c="dimmed">{t('risk.profiles.intro')}</Text>
      <form role="search" aria-label={t('stats.filters')} onSubmit={(e) => e.preventDefault()}>
        <Grid gap="sm" align="flex-end">
          <Grid.Col span={{ base: 12, md: 8 }}>
            <PeriodFilter preset={preset} period={period} invalid={fieldErrors(profiles.error)} onChange={(p, custom) => write({ preset: p, ...(custom ? { period: custom } : {}) })} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 4 }}>
            {fixedRegion ? (
              <Stack gap={2}>
                <Text size="sm" fw={500}>{t('stats.region')}</Text>
                <Text size="sm" py={6}>{regionName(fixedRegion)}</Text>
              </Stack>
            ) : (
              <NativeSelect
                label={t('stats.region')}
                data={[{ value: '', label: t('stats.wholeCountry') }, ...(regions.data ?? []).map((r) => ({ value: r.code, label: localName(r.name, locale) })).sort((a, b) => a.label.localeCompare(b.label, locale))]}
                value={regionCode} onChange={(e) => write({ regionCode: e.currentTarget.value })} data-testid="profiles-region"
              />
            )}
          </Grid.Col>
        </Grid>
      </form>

      {profiles.isPending && <Loader aria-label={t('common.loading')} />}
      {profiles.isError && <ErrorAlert error={profiles.error} />}
      {data && group && (
        <>
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
            <Card withBorder radius="md" padding="md" component="section" aria-label={t('risk.profiles.matrix')}>
              <Title order={2} size="h4" mb="xs">{t('risk.profiles.matrix')}</Title>
              <Text size="xs" c="dimmed" mb="sm">{t('risk.profiles.matrixHint')}</Text>
              <ChildrenMatrix p={data} selected={group.key} onPick={setSelected} />
            </Card>
            <Stack gap="sm">
              <Card withBorder radius="md" padding="md">
                <Text size="xs" c="dimmed" fw={600}>{t('risk.profiles.children')}</Text>
                <Text fz={28} fw={700} data-testid="profiles-children"><Count c={data.children} locale={locale} /></Text>
                <Text size="xs" c="dimmed">{t('risk.profiles.unassessed')}: <Count c={data.unassessed} locale={locale} /></Text>
              </Card>
              <Alert variant="light" color="gray" title={t('risk.profiles.suppressionTitle')}>
                <Text size="sm">{t('risk.profiles.suppression', { n: data.threshold })}</Text>
              </Alert>
            </Stack>
          </SimpleGrid>

          <Title order={2} size="h3" data-testid="profiles-group-title">
            {words.age(group.ageGroup)} · {words.sex(group.sex)} — <Count c={group.children} locale={locale} />
          </Title>
          <Grid gap="md">
            <Grid.Col span={12}>
              <Card withBorder radius="md" padding="md" component="section" aria-label={t('risk.profiles.factors')}>
                <Title order={3} size="h4" mb="sm">{t('risk.profiles.factors')}</Title>
                <FactorBars p={data} group={group} />
              </Card>
            </Grid.Col>
            <Grid.Col span={12}>
              <Card withBorder radius="md" padding="md" component="section" aria-label={t('risk.profiles.pairs')}>
                <Title order={3} size="h4" mb="xs">{t('risk.profiles.pairs')}</Title>
                <Text size="xs" c="dimmed" mb="sm">{t('risk.profiles.liftTitle')}</Text>
                <PairsTable p={data} group={group} />
              </Card>
            </Grid.Col>
          </Grid>
          <Text size="sm"><Anchor component={Link} to="/risk-register">{t('risk.register.nav')}</Anchor></Text>
        </>
      )}
    </Page>
  );
}
