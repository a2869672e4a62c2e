import { ActionIcon, Button, Checkbox, Group, NativeSelect, Paper, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PLACES, VIOLENCE_TYPES, type Place } from '@qorgau/core';
import { localName } from '../../format.ts';
import { useDistricts, useSchools } from '../../reference/queries.ts';
import type { OpenReportRef, Person } from '../../persons/types.ts';
import { useLegalArticles, useSettlements } from '../api.ts';
import { useVocab } from '../vocab.ts';
import { newPerpetrator, newPerson, newQualification, type IncidentDraft, type QualificationDraft } from './form-state.ts';
import { PerpetratorEntry } from './perpetrator-entry.tsx';
import { VictimEntry } from './victim-entry.tsx';

interface Props {
  index: number;
  value: IncidentDraft;
  onChange: (value: IncidentDraft) => void;
  onRemove?: () => void;
  regionCode: string;
  errorOf: (path: string) => string | undefined;
  onAddToReport: (victimIndex: number, person: Person, report: OpenReportRef) => void;
}

function QualificationRow({ row, onChange, onRemove, path, testId, errorOf }: {
  row: QualificationDraft; onChange: (q: QualificationDraft) => void; onRemove: () => void; path: string; testId: string;
  errorOf: (path: string) => string | undefined;
}) {
  const { t } = useTranslation();
  const vocab = useVocab();
  const articles = useLegalArticles();
  const options = (articles.data ?? []).filter((a) => a.code === row.code && (a.active || a.article === row.article));
  const known = articles.data && options.length > 0;
  return (
    <Group align="flex-start" gap="sm" wrap="wrap">
      <NativeSelect
        label={t('intake.legal.code')}
        data={[
          { value: 'criminal', label: t('intake.legal.criminal') },
          { value: 'administrative', label: t('intake.legal.administrative') },
        ]}
        value={row.code}
        error={errorOf(`${path}.code`)}
        onChange={(e) => onChange({ ...row, code: e.currentTarget.value as QualificationDraft['code'], article: '' })}
        data-testid={`${testId}-code`}
        w={{ base: '100%', sm: 220 }}
      />
      {known ? (
        <NativeSelect
          label={t('intake.legal.article')}
          required
          data={[
            { value: '', label: t('common.choose') },
            ...options.map((a) => ({ value: a.article, label: `${a.article} — ${localName(a.title, vocab.locale)}` })),
          ]}
          value={row.article}
          error={errorOf(`${path}.article`)}
          onChange={(e) => onChange({ ...row, article: e.currentTarget.value })}
          data-testid={`${testId}-article`}
          style={{ flex: 1, minWidth: 240 }}
        />
      ) : (
        <TextInput
          label={t('intake.legal.article')}
          description={t('intake.legal.articleHint')}
          required
          value={row.article}
          error={errorOf(`${path}.article`)}
          onChange={(e) => onChange({ ...row, article: e.currentTarget.value })}
          data-testid={`${testId}-article`}
          w={{ base: '100%', sm: 220 }}
        />
      )}
      <ActionIcon
        variant="subtle"
        color="red"
        size="lg"
        mt={{ base: 0, sm: 26 }}
        onClick={onRemove}
        aria-label={t('intake.legal.remove')}
        data-testid={`${testId}-remove`}
      >
        <span aria-hidden="true">✕</span>
      </ActionIcon>
    </Group>
  );
}

/** One incident: what, when, where, to whom, by whom. */
export function IncidentFields({ index, value, onChange, onRemove, regionCode, errorOf, onAddToReport }: Props) {
  const { t } = useTranslation();
  const vocab = useVocab();
  const path = `incidents.${index}`;
  const tid = `incident-${index}`;
  const districts = useDistricts(regionCode || null);
  const schools = useSchools(value.place === 'school' ? value.districtCode || null : null);
  const settlements = useSettlements(value.districtCode || null);
  const set = <K extends keyof IncidentDraft>(key: K, v: IncidentDraft[K]) => onChange({ ...value, [key]: v });
  const byLabel = (a: { label: string }, b: { label: string }) => a.label.localeCompare(b.label, vocab.locale);
  const choose = t('common.choose');
  const injuriesId = `${tid}-injuries-section`;
  const legalId = `${tid}-legal-section`;

  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby={`${tid}-title`} data-testid={tid}>
      <Group justify="space-between" mb="sm">
        <Title order={3} size="h4" id={`${tid}-title`}>{t('intake.incident.title', { n: index + 1 })}</Title>
        {onRemove && (
          <Button variant="subtle" color="red" size="xs" onClick={onRemove} data-testid={`${tid}-remove`}>
            {t('intake.incident.remove', { n: index + 1 })}
          </Button>
        )}
      </Group>
      {errorOf(path) && <Text c="red" size="sm" role="alert" mb="xs">{errorOf(path)}</Text>}
      <Stack gap="md">
        <Checkbox.Group
          label={t('intake.incident.types')}
          description={t('intake.incident.typesHint')}
          required
          value={value.types}
          onChange={(v) => set('types', v)}
          error={errorOf(`${path}.types`)}
          data-testid={`${tid}-types`}
        >
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing={6} mt="xs">
            {VIOLENCE_TYPES.map((c) => (
              <Checkbox key={c} value={c} label={vocab.type(c)} data-testid={`${tid}-type-${c}`} />
            ))}
          </SimpleGrid>
        </Checkbox.Group>

        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm">
          <TextInput
            label={t('intake.incident.occurredOn')}
            type="date"
            value={value.occurredOn}
            error={errorOf(`${path}.occurredOn`)}
            onChange={(e) => set('occurredOn', e.currentTarget.value)}
            data-testid={`${tid}-occurred`}
          />
          <NativeSelect
            label={t('intake.incident.place')}
            data={[{ value: '', label: choose }, ...PLACES.map((p) => ({ value: p, label: vocab.place(p) }))]}
            value={value.place}
            error={errorOf(`${path}.place`)}
            onChange={(e) => set('place', e.currentTarget.value as '' | Place)}
            data-testid={`${tid}-place`}
          />
          <NativeSelect
            label={t('intake.incident.district')}
            disabled={!regionCode}
            description={!regionCode ? t('intake.incident.regionFirst') : undefined}
            data={[
              { value: '', label: districts.isFetching ? t('common.loading') : choose },
              ...(districts.data ?? []).map((d) => ({ value: d.code, label: localName(d.name, vocab.locale) })).sort(byLabel),
            ]}
            value={value.districtCode}
            error={errorOf(`${path}.districtCode`)}
            onChange={(e) => onChange({ ...value, districtCode: e.currentTarget.value, settlementCode: '', schoolId: '' })}
            data-testid={`${tid}-district`}
          />
          {settlements.data && settlements.data.length > 0 && (
            <NativeSelect
              label={t('intake.incident.settlement')}
              data={[{ value: '', label: choose }, ...settlements.data.map((s) => ({ value: s.code, label: localName(s.name, vocab.locale) })).sort(byLabel)]}
              value={value.settlementCode}
              error={errorOf(`${path}.settlementCode`)}
              onChange={(e) => set('settlementCode', e.currentTarget.value)}
              data-testid={`${tid}-settlement`}
            />
          )}
          {value.place === 'school' && (
            <NativeSelect
              label={t('intake.incident.school')}
              disabled={!value.districtCode}
              description={!value.districtCode ? t('intake.incident.districtFirst') : undefined}
              data={[
                {
                  value: '',
                  label: schools.isFetching ? t('common.loading') : schools.data?.length === 0 ? t('territory.noSchools') : choose,
                },
                ...(schools.data ?? []).map((s) => ({ value: s.id, label: localName(s.name, vocab.locale) })).sort(byLabel),
              ]}
              value={value.schoolId}
              error={errorOf(`${path}.schoolId`)}
              onChange={(e) => set('schoolId', e.currentTarget.value)}
              data-testid={`${tid}-school`}
            />
          )}
        </SimpleGrid>

        <Stack gap="xs">
          <Group gap="sm">
            <Button
              variant="light"
              size="xs"
              aria-expanded={value.showInjuries}
              aria-controls={injuriesId}
              onClick={() => set('showInjuries', !value.showInjuries)}
              data-testid={`${tid}-injuries-toggle`}
            >
              {value.showInjuries ? '▾ ' : '▸ '}{t('intake.incident.injuries')}{!value.showInjuries && value.injuries.trim() ? ' ✓' : ''}
            </Button>
            <Button
              variant="light"
              size="xs"
              aria-expanded={value.showLegal}
              aria-controls={legalId}
              onClick={() => set('showLegal', !value.showLegal)}
              data-testid={`${tid}-legal-toggle`}
            >
              {value.showLegal ? '▾ ' : '▸ '}{t('intake.legal.title')}{value.qualifications.length ? ` (${value.qualifications.length})` : ''}
            </Button>
          </Group>
          {value.showInjuries && (
            <Textarea
              id={injuriesId}
              label={t('intake.incident.injuries')}
              description={t('intake.incident.injuriesHint')}
              autosize
              minRows={2}
              maxLength={5000}
              value={value.injuries}
              error={errorOf(`${path}.injuries`)}
              onChange={(e) => set('injuries', e.currentTarget.value)}
              data-testid={`${tid}-injuries`}
            />
          )}
          {value.showLegal && (
            <Paper id={legalId} withBorder p="sm" radius="sm" role="group" aria-label={t('intake.legal.title')}>
              <Stack gap="xs">
                {errorOf(`${path}.legalQualification`) && <Text c="red" size="sm">{errorOf(`${path}.legalQualification`)}</Text>}
                {value.qualifications.length === 0 && <Text size="sm" c="dimmed">{t('intake.legal.none')}</Text>}
                {value.qualifications.map((q, k) => (
                  <QualificationRow
                    key={q.key}
                    row={q}
                    path={`${path}.legalQualification.${k}`}
                    testId={`${tid}-legal-${k}`}
                    errorOf={errorOf}
                    onChange={(row) => set('qualifications', value.qualifications.map((x, n) => (n === k ? row : x)))}
                    onRemove={() => set('qualifications', value.qualifications.filter((_, n) => n !== k))}
                  />
                ))}
                <Group>
                  <Button
                    variant="subtle"
                    size="xs"
                    disabled={value.qualifications.length >= 10}
                    onClick={() => set('qualifications', [...value.qualifications, newQualification()])}
                    data-testid={`${tid}-legal-add`}
                  >
                    + {t('intake.legal.add')}
                  </Button>
                </Group>
              </Stack>
            </Paper>
          )}
        </Stack>

        <Stack gap="sm">
          <Title order={4} size="h5">{t('intake.incident.victims')}</Title>
          {errorOf(`${path}.victims`) && <Text c="red" size="sm" role="alert">{errorOf(`${path}.victims`)}</Text>}
          {value.victims.map((v, j) => (
            <VictimEntry
              key={v.key}
              legend={t('intake.victim.legend', { n: j + 1 })}
              value={v}
              path={`${path}.victims.${j}`}
              testId={`${tid}-victim-${j}`}
              errorOf={errorOf}
              onChange={(p) => set('victims', value.victims.map((x, n) => (n === j ? p : x)))}
              onRemove={value.victims.length > 1 ? () => set('victims', value.victims.filter((_, n) => n !== j)) : undefined}
              onAddToReport={(person, report) => onAddToReport(j, person, report)}
            />
          ))}
          <Group>
            <Button variant="subtle" size="xs" disabled={value.victims.length >= 30} onClick={() => set('victims', [...value.victims, newPerson()])} data-testid={`${tid}-victim-add`}>
              + {t('intake.victim.add')}
            </Button>
          </Group>
        </Stack>

        <Stack gap="sm">
          <Title order={4} size="h5">{t('intake.incident.perpetrators')}</Title>
          {value.perpetrators.length === 0 && <Text size="sm" c="dimmed">{t('intake.perpetrator.none')}</Text>}
          {value.perpetrators.map((p, j) => (
            <PerpetratorEntry
              key={p.key}
              legend={t('intake.perpetrator.legend', { n: j + 1 })}
              value={p}
              path={`${path}.perpetrators.${j}`}
              testId={`${tid}-perp-${j}`}
              errorOf={errorOf}
              onChange={(x) => set('perpetrators', value.perpetrators.map((y, n) => (n === j ? x : y)))}
              onRemove={() => set('perpetrators', value.perpetrators.filter((_, n) => n !== j))}
            />
          ))}
          <Group>
            <Button variant="subtle" size="xs" disabled={value.perpetrators.length >= 30} onClick={() => set('perpetrators', [...value.perpetrators, newPerpetrator()])} data-testid={`${tid}-perp-add`}>
              + {t('intake.perpetrator.add')}
            </Button>
          </Group>
        </Stack>
      </Stack>
    </Paper>
  );
}
