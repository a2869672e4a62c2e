import { useState } from 'react';
import { Alert, Anchor, Button, FileInput, Group, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../components/error-alert.tsx';
import { Page } from '../components/page.tsx';
import { useImportSchools, type ImportResult } from './api.ts';

/** The server's reasons in the reader's language where they are known. */
function useReason() {
  const { t } = useTranslation();
  return (m: string): string => {
    const known: [RegExp, string][] = [
      [/^required$/, 'schools.error.required'], [/^cannot be negative$/, 'schools.error.negative'], [/^must be a whole number$/, 'schools.error.whole'],
      [/^must be a 9-digit KATO code$/, 'schools.error.kato'], [/^no such district/, 'schools.error.noDistrict'], [/^no such settlement/, 'schools.error.noSettlement'],
      [/^the settlement is not in this district$/, 'schools.error.settlementDistrict'], [/^cannot exceed the number of students$/, 'schools.error.sen'],
      [/^is outside Kazakhstan/, 'schools.error.outsideKz'], [/^must be a number/, 'schools.error.number'], [/^unknown column$/, 'schools.error.unknownColumn'],
      [/^the column is missing/, 'schools.error.missingColumn'], [/^give both latitude and longitude/, 'schools.error.bothCoordinates'], [/^is too large/, 'schools.error.tooLarge'],
    ];
    for (const [re, key] of known) if (re.test(m)) return t(key);
    const lang = /^"(.*)" is not one of/.exec(m);
    if (lang) return t('schools.error.language', { value: lang[1] });
    const rep = /^repeats row (\d+)$/.exec(m);
    if (rep) return t('schools.error.repeats', { row: rep[1] });
    if (/outside your territory/.test(m)) return t('schools.error.territory');
    return m;
  };
}

function Result({ result }: { result: ImportResult }) {
  const { t } = useTranslation();
  const reason = useReason();
  return (
    <Stack gap="xs" data-testid="schools-import-result">
      <Text fw={600} data-testid="schools-import-counts">
        {t(result.dryRun ? 'schools.import.wouldDo' : 'schools.import.done', { rows: result.rows, valid: result.valid, errors: result.errorCount, created: result.created, updated: result.updated, unchanged: result.unchanged })}
      </Text>
      {result.errors.length > 0 && (
        <Table.ScrollContainer minWidth={520} maxHeight={420}>
          <Table striped stickyHeader data-testid="schools-import-errors">
            <Table.Thead><Table.Tr><Table.Th ta="end" w={80}>{t('schools.import.row')}</Table.Th><Table.Th w={180}>{t('schools.import.field')}</Table.Th><Table.Th>{t('schools.import.problem')}</Table.Th></Table.Tr></Table.Thead>
            <Table.Tbody>
              {result.errors.map((e) => (
                <Table.Tr key={`${e.row}-${e.field}-${e.message}`}><Table.Td ta="end">{e.row}</Table.Td><Table.Td ff="monospace">{e.field}</Table.Td><Table.Td>{reason(e.message)}</Table.Td></Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}

/** Upload a CSV or XLSX: a dry run first (every bad row), then the import (all or nothing). */
export function SchoolImportPage() {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const run = useImportSchools();
  const checked = run.data?.dryRun && run.data.errorCount === 0;
  return (
    <Page title={t('schools.import.title')}>
      <Text size="sm">{t('schools.import.help')}</Text>
      <Text size="sm" ff="monospace">external_id, name_kk, name_ru, name_en, district_code, settlement_code, students, students_sen, languages, lat, lon</Text>
      <Anchor href="/api/v1/schools/import/template.csv" size="sm">{t('schools.import.template')}</Anchor>
      <Group align="end">
        <FileInput label={t('schools.import.file')} accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" value={file}
          onChange={(f) => { setFile(f); run.reset(); }} w={360} data-testid="schools-import-file" clearable />
        <Button disabled={!file} loading={run.isPending && run.variables?.dryRun} onClick={() => file && run.mutate({ file, dryRun: true })} data-testid="schools-import-check">{t('schools.import.check')}</Button>
        <Button disabled={!file || !checked} color="green" loading={run.isPending && !run.variables?.dryRun} onClick={() => file && run.mutate({ file, dryRun: false })} data-testid="schools-import-run">{t('schools.import.run')}</Button>
      </Group>
      {run.isError && <ErrorAlert error={run.error} />}
      {run.data && <Result result={run.data} />}
      {run.data && !run.data.dryRun && <Alert color="green">{t('schools.import.saved')}</Alert>}
    </Page>
  );
}
