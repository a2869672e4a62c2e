import { useMemo, useState } from 'react';
import { Alert, Button, Code, FileInput, Group, NativeSelect, Stack, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Locale } from '@qorgau/core';
import { useUser } from '../auth/session.ts';
import { ErrorAlert } from '../components/error-alert.tsx';
import { Page } from '../components/page.tsx';
import { localName } from '../format.ts';
import { useLocale } from '../i18n/use-locale.ts';
import { useRegions } from '../reference/queries.ts';
import { useAllDistricts, useLoadPopulation, usePopulation } from './api.ts';
import { Panel } from './parts.tsx';
import { formatCount } from './period.ts';
import type { PopulationResult } from './types.ts';

const SAMPLE = 'year,region_code,district_code,children,source\n2025,KZ-75,,512340,Bureau of National Statistics\n2025,KZ-79,,398120,Bureau of National Statistics';
const MAX_BYTES = 2_000_000;

/** Only administrators and analysts load figures (the server says the same). */
export function canLoadPopulation(role: string): boolean {
  return role === 'admin' || role === 'analyst';
}

/** The server's messages for a bad line, in the reader's language where they are known. */
function useLineMessage() {
  const { t } = useTranslation();
  return (message: string): string => {
    if (message.startsWith('must be a year')) return t('stats.population.error.year');
    if (message.startsWith('no such region')) return t('stats.population.error.region');
    if (message.startsWith('no such district')) return t('stats.population.error.district');
    const notIn = /^the district is not in (.*)$/.exec(message);
    if (notIn) return t('stats.population.error.districtRegion', { region: notIn[1] });
    if (message.startsWith('must be a whole number')) return t('stats.population.error.children');
    if (message.startsWith('the same year and territory')) return t('stats.population.error.duplicate');
    return message;
  };
}

function CheckResult({ result }: { result: PopulationResult }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const lineMessage = useLineMessage();
  const field = (f: string) => (['year', 'region_code', 'district_code', 'children'].includes(f) ? t(`stats.population.field.${f}`) : f);
  return (
    <Stack gap="xs" data-testid="population-check">
      <Text fw={600} data-testid="population-counts">
        {t('stats.population.counts', { rows: formatCount(result.rows, locale), valid: formatCount(result.valid, locale), errors: formatCount(result.errors.length, locale) })}
      </Text>
      {result.errors.length > 0 && (
        <Table.ScrollContainer minWidth={520} maxHeight={360}>
          <Table striped stickyHeader verticalSpacing={4} data-testid="population-errors">
            <Table.Thead>
              <Table.Tr>
                <Table.Th ta="end" w={80}>{t('stats.population.line')}</Table.Th>
                <Table.Th w={240}>{t('stats.population.field.label')}</Table.Th>
                <Table.Th>{t('stats.population.problem')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {result.errors.map((e, i) => (
                <Table.Tr key={`${e.line}-${e.field}-${i}`} data-testid="population-error">
                  <Table.Td ta="end">{e.line}</Table.Td>
                  <Table.Td><Code>{e.field}</Code> {field(e.field)}</Table.Td>
                  <Table.Td>{lineMessage(e.message)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}

function Upload() {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [csv, setCsv] = useState('');
  const [readError, setReadError] = useState('');
  const check = useLoadPopulation();
  const commit = useLoadPopulation();

  const choose = async (picked: File | null) => {
    setFile(picked);
    setCsv('');
    setReadError('');
    check.reset();
    commit.reset();
    if (!picked) return;
    if (picked.size > MAX_BYTES) {
      setReadError(t('stats.population.tooLarge'));
      return;
    }
    try {
      const text = await picked.text();
      setCsv(text);
      check.mutate({ csv: text, dryRun: true });
    } catch {
      setReadError(t('stats.population.unreadable'));
    }
  };
  const result = check.data;
  const ready = Boolean(csv) && result && result.errors.length === 0 && result.valid > 0;

  return (
    <Panel title={t('stats.population.uploadTitle')} testId="population-upload">
      <Stack gap="sm">
        <Text size="sm">{t('stats.population.format')}</Text>
        <Code block>{SAMPLE}</Code>
        <Text size="xs" c="dimmed">{t('stats.population.formatNote')}</Text>
        <FileInput
          label={t('stats.population.file')}
          placeholder={t('stats.population.choose')}
          accept=".csv,text/csv"
          value={file}
          onChange={(f) => void choose(f)}
          clearable
          w={{ base: '100%', sm: 420 }}
          data-testid="population-file"
        />
        {readError && <Alert color="red" role="alert">{readError}</Alert>}
        <ErrorAlert error={check.error} testId="population-check-error" />
        {check.isPending && <Text size="sm" c="dimmed">{t('stats.population.checking')}</Text>}
        {result && <CheckResult result={result} />}
        {result && !commit.data && (
          <Group>
            <Button
              disabled={!ready}
              loading={commit.isPending}
              onClick={() => commit.mutate({ csv, dryRun: false })}
              data-testid="population-load"
            >
              {t('stats.population.load', { n: result.valid })}
            </Button>
            {!ready && <Text size="sm" c="dimmed">{t('stats.population.fixFirst')}</Text>}
          </Group>
        )}
        <ErrorAlert error={commit.error} testId="population-load-error" />
        {commit.data && commit.data.errors.length > 0 && <CheckResult result={commit.data} />}
        {commit.data && commit.data.loaded > 0 && (
          <Alert color="teal" role="status" data-testid="population-loaded">{t('stats.population.loaded', { n: commit.data.loaded })}</Alert>
        )}
      </Stack>
    </Panel>
  );
}

function Loaded({ locale }: { locale: Locale }) {
  const { t } = useTranslation();
  const list = usePopulation();
  const items = useMemo(() => list.data ?? [], [list.data]);
  const years = useMemo(() => [...new Set(items.map((i) => i.year))].sort((a, b) => b - a), [items]);
  const [picked, setPicked] = useState('');
  const year = picked && years.includes(Number(picked)) ? Number(picked) : years[0];
  const regions = useRegions();
  const hasDistricts = items.some((i) => i.districtCode);
  const districts = useAllDistricts(hasDistricts);
  const regionName = (code: string) => localName(regions.data?.find((r) => r.code === code)?.name, locale) || code;
  const districtName = (code: string) => localName(districts.data?.find((d) => d.code === code)?.name, locale) || code;
  const rows = items.filter((i) => i.year === year);
  const regionTotal = rows.filter((r) => !r.districtCode).reduce((n, r) => n + r.children, 0);

  return (
    <Panel title={t('stats.population.listTitle')} testId="population-list">
      <ErrorAlert error={list.error} />
      {list.isSuccess && years.length === 0 && <Text c="dimmed" data-testid="population-none">{t('stats.population.none')}</Text>}
      {years.length > 0 && (
        <Stack gap="sm">
          <Group align="flex-end" gap="md">
            <NativeSelect
              label={t('stats.population.year')}
              data={years.map((y) => ({ value: String(y), label: `${y} (${formatCount(items.filter((i) => i.year === y).length, locale)})` }))}
              value={String(year)}
              onChange={(e) => setPicked(e.currentTarget.value)}
              data-testid="population-year"
            />
            {regionTotal > 0 && <Text size="sm" pb={6}>{t('stats.population.total', { n: formatCount(regionTotal, locale) })}</Text>}
          </Group>
          <Table.ScrollContainer minWidth={560} maxHeight={480}>
            <Table striped stickyHeader verticalSpacing={4} data-testid="population-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('stats.col.region')}</Table.Th>
                  <Table.Th>{t('stats.col.district')}</Table.Th>
                  <Table.Th ta="end">{t('stats.col.children')}</Table.Th>
                  <Table.Th>{t('stats.population.source')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((r) => (
                  <Table.Tr key={`${r.regionCode}-${r.districtCode ?? ''}`}>
                    <Table.Td>{regionName(r.regionCode)}</Table.Td>
                    <Table.Td c={r.districtCode ? undefined : 'dimmed'}>{r.districtCode ? districtName(r.districtCode) : t('stats.population.wholeRegion')}</Table.Td>
                    <Table.Td ta="end">{formatCount(r.children, locale)}</Table.Td>
                    <Table.Td>{r.source ?? '—'}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Stack>
      )}
    </Panel>
  );
}

/** Child population (0–17) by region and district and year: the denominators of the rates on the map. */
export function PopulationPage() {
  const { t } = useTranslation();
  const user = useUser();
  const locale = useLocale();
  return (
    <Page
      title={t('stats.population.title')}
      actions={<Button component={Link} to="/stats?measure=rate" variant="default" data-testid="stats-to-dashboard">{t('stats.nav')}</Button>}
    >
      <Text c="dimmed">{t('stats.population.intro')}</Text>
      {canLoadPopulation(user.role) ? <Upload /> : <Text size="sm" data-testid="population-readonly">{t('stats.population.readOnly')}</Text>}
      <Loaded locale={locale} />
    </Page>
  );
}
