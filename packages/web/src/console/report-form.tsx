import { Grid, NativeSelect, Paper, SimpleGrid, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PERPETRATOR_RELATIONS, PLACES, type PerpetratorRelation, type Place } from '@qorgau/core';
import { localName } from '../format.ts';
import { useDistricts, useRegions } from '../reference/queries.ts';
import { useVocab } from '../reports/vocab.ts';
import type { ConsoleDraft, ReportDraft } from './draft.ts';
import type { FieldKey } from './draft.ts';
import { TypesPicker } from './types-picker.tsx';

interface Props {
  draft: ConsoleDraft;
  update: (change: (d: ConsoleDraft) => ConsoleDraft) => void;
  errors: Partial<Record<FieldKey, string>>;
}

/**
 * The short report registered with the contact (outcome "report registered"), or the incident
 * added to the child's open report (outcome "added to report"). Region, child, screening and
 * caller come from the rest of the console.
 */
export function ReportForm({ draft, update, errors }: Props) {
  const { t } = useTranslation();
  const vocab = useVocab();
  const locale = vocab.locale;
  const regions = useRegions();
  const adding = draft.outcome === 'added_to_report';
  const districts = useDistricts(adding ? null : draft.regionCode || null);
  const r = draft.report;
  const set = <K extends keyof ReportDraft>(key: K, value: ReportDraft[K]) => update((d) => ({ ...d, report: { ...d.report, [key]: value } }));
  const byLabel = (a: { label: string }, b: { label: string }) => a.label.localeCompare(b.label, locale);
  const region = regions.data?.find((x) => x.code === draft.regionCode);
  const victim = draft.person
    ? [draft.person.lastName, draft.person.firstName, draft.person.middleName].filter(Boolean).join(' ')
    : draft.newChild.firstName.trim() || t('console.report.victimUnnamed');

  return (
    <Paper withBorder p="md" radius="md" bg="gray.0" component="section" aria-labelledby="console-report-title" data-testid="console-report-form">
      <Stack gap="sm">
        <Title order={3} size="h5" id="console-report-title">
          {adding ? t('console.report.addTitle', { number: draft.openReport?.number ?? '' }) : t('console.report.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('console.report.victim')}: <b>{victim}</b>
          {!adding && <> · {t('console.report.region')}: <b>{region ? localName(region.name, locale) : t('console.report.regionMissing')}</b></>}
        </Text>
        <TypesPicker
          value={r.types}
          onChange={(types) => update((d) => ({ ...d, report: { ...d.report, types, typesFromChi: false } }))}
          error={errors.types}
          preselected={r.typesFromChi}
        />
        {/* bottoms aligned: a label on two lines does not push its box out of the row */}
        <Grid gap="sm" align="flex-end">
          {!adding && (
            <Grid.Col span={{ base: 12, sm: 4 }}>
              <NativeSelect
                id="console-report-district"
                label={t('console.report.district')}
                disabled={!draft.regionCode}
                data={[
                  { value: '', label: draft.regionCode ? t('console.report.districtUnknown') : t('console.report.regionFirst') },
                  ...(districts.data ?? []).map((x) => ({ value: x.code, label: localName(x.name, locale) })).sort(byLabel),
                ]}
                value={r.districtCode}
                onChange={(e) => set('districtCode', e.currentTarget.value)}
                error={errors.districtCode}
                data-testid="console-report-district"
              />
            </Grid.Col>
          )}
          <Grid.Col span={{ base: 12, sm: adding ? 6 : 4 }}>
            <NativeSelect
              id="console-report-place"
              label={t('console.report.place')}
              data={[{ value: '', label: t('console.report.notKnown') }, ...PLACES.map((p) => ({ value: p, label: vocab.place(p) }))]}
              value={r.place}
              onChange={(e) => set('place', e.currentTarget.value as Place | '')}
              data-testid="console-report-place"
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: adding ? 6 : 4 }}>
            <NativeSelect
              id="console-report-relation"
              label={t('console.report.relation')}
              data={[{ value: '', label: t('console.report.notKnown') }, ...PERPETRATOR_RELATIONS.map((p) => ({ value: p, label: vocab.relation(p) }))]}
              value={r.perpetratorRelation}
              onChange={(e) => set('perpetratorRelation', e.currentTarget.value as PerpetratorRelation | '')}
              data-testid="console-report-relation"
            />
          </Grid.Col>
        </Grid>
        {!adding && (
          <>
            <Textarea
              id="console-report-narrative"
              label={t('console.report.narrative')}
              description={t('console.report.narrativeHint')}
              required
              autosize
              minRows={3}
              maxRows={10}
              value={r.narrative}
              onChange={(e) => set('narrative', e.currentTarget.value)}
              error={errors.narrative}
              data-testid="console-report-narrative"
            />
            <SimpleGrid cols={{ base: 1, sm: draft.person ? 2 : 3 }} spacing="sm">
              {!draft.person && (
                <TextInput
                  id="console-report-child-last-name"
                  label={t('console.report.childLastName')}
                  description={t('console.report.childLastNameHint')}
                  value={r.childLastName}
                  onChange={(e) => set('childLastName', e.currentTarget.value)}
                  autoComplete="off"
                  data-testid="console-report-child-last-name"
                />
              )}
              {draft.callerType !== 'anonymous' && (
                <>
                  <TextInput
                    id="console-report-caller-name"
                    label={t('console.report.callerName')}
                    description={t('console.report.callerNameHint')}
                    value={r.callerName}
                    onChange={(e) => set('callerName', e.currentTarget.value)}
                    error={errors.callerName}
                    autoComplete="off"
                    data-testid="console-report-caller-name"
                  />
                  <TextInput
                    id="console-report-caller-phone"
                    label={t('console.report.callerPhone')}
                    description={t('console.report.callerPhoneHint')}
                    type="tel"
                    value={r.callerPhone}
                    onChange={(e) => set('callerPhone', e.currentTarget.value)}
                    error={errors.callerPhone}
                    autoComplete="off"
                    data-testid="console-report-caller-phone"
                  />
                </>
              )}
            </SimpleGrid>
          </>
        )}
      </Stack>
    </Paper>
  );
}
