import { useState, type ReactNode } from 'react';
import { Alert, Anchor, Button, Card, Group, Loader, Radio, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { LINK_FIELDS, type AgencyType, type LinkField } from '@qorgau/core';
import { Link, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api.ts';
import { ErrorAlert } from '../components/error-alert.tsx';
import { Page } from '../components/page.tsx';
import { formatDateTime } from '../format.ts';
import { useLocale } from '../i18n/use-locale.ts';
import { useLabels } from '../labels.ts';
import { MaskedIin } from '../persons/masked-iin.tsx';
import { useDistricts, useRegions } from '../reference/queries.ts';
import { useVocab } from '../reports/vocab.ts';
import { useCandidate, useMarkDistinct, useMerge } from './api.ts';
import { UndoDialog } from './linkage-page.tsx';
import { BandBadge, birthText, ContributionBar } from './parts.tsx';
import type { Candidate, CandidatePerson } from './types.ts';

type Row = { key: string; label: string; a: ReactNode; b: ReactNode; field?: LinkField };

/** Two records side by side, each field's contribution to the score, and the reviewer's decision. */
export function PairPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const pair = useCandidate(id);
  if (pair.isPending) return <Loader aria-label={t('common.loading')} />;
  if (pair.error instanceof ApiError && pair.error.status === 404) {
    return (
      <Page title={t('linkage.pair.notFound')}>
        <Anchor component={Link} to="/linkage">{t('linkage.pair.back')}</Anchor>
      </Page>
    );
  }
  if (pair.isError) return <ErrorAlert error={pair.error} />;
  return <Pair c={pair.data} />;
}

function references(p: CandidatePerson): number {
  return p.counts.reports + p.counts.cases + p.counts.concerns + p.counts.contacts + p.counts.referrals;
}

function Pair({ c }: { c: Candidate }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const vocab = useVocab();
  const labels = useLabels();
  const regions = useRegions();
  const districtsA = useDistricts(c.personA.regionCode);
  const districtsB = useDistricts(c.personB.regionCode);
  const regionName = (code: string | null) => (code ? regions.data?.find((r) => r.code === code)?.name[locale] ?? code : '—');
  const districtName = (code: string | null) => (code ? [...(districtsA.data ?? []), ...(districtsB.data ?? [])].find((d) => d.code === code)?.name[locale] ?? code : null);
  const { personA: a, personB: b, fields } = c;
  const countsText = (p: CandidatePerson) => t('linkage.pair.countsText', { reports: p.counts.reports, cases: p.counts.cases, concerns: p.counts.concerns, contacts: p.counts.contacts, referrals: p.counts.referrals });

  const rows: Row[] = [
    { key: 'lastName', field: 'lastName', label: t('linkage.field.lastName'), a: a.lastName || '—', b: b.lastName || '—' },
    { key: 'firstName', field: 'firstName', label: t('linkage.field.firstName'), a: a.firstName || '—', b: b.firstName || '—' },
    { key: 'middleName', field: 'middleName', label: t('linkage.field.middleName'), a: a.middleName ?? '—', b: b.middleName ?? '—' },
    { key: 'birthDate', field: 'birthDate', label: t('linkage.field.birthDate'), a: birthText(a, locale), b: birthText(b, locale) },
    { key: 'sex', field: 'sex', label: t('linkage.field.sex'), a: a.sex ? vocab.sex(a.sex) : '—', b: b.sex ? vocab.sex(b.sex) : '—' },
    { key: 'iin', field: 'iin', label: t('linkage.field.iin'), a: <MaskedIin iin={a.iin} />, b: <MaskedIin iin={b.iin} /> },
    { key: 'address', field: 'address', label: t('linkage.field.address'), a: a.address ?? '—', b: b.address ?? '—' },
    { key: 'territory', field: 'territory', label: t('linkage.field.territory'), a: [regionName(a.regionCode), districtName(a.districtCode)].filter(Boolean).join(', '), b: [regionName(b.regionCode), districtName(b.districtCode)].filter(Boolean).join(', ') },
    { key: 'agency', label: t('linkage.pair.registeredBy'), a: labels.agency(a.registeredByAgency as AgencyType | null), b: labels.agency(b.registeredByAgency as AgencyType | null) },
    { key: 'created', label: t('linkage.pair.registeredAt'), a: formatDateTime(a.createdAt, locale), b: formatDateTime(b.createdAt, locale) },
    { key: 'counts', label: t('linkage.pair.counts'), a: countsText(a), b: countsText(b) },
  ];

  return (
    <Page title={t('linkage.pair.title')} actions={<Anchor component={Link} to="/linkage">{t('linkage.pair.back')}</Anchor>}>
      <Card withBorder padding="md">
        <Group justify="space-between" wrap="wrap">
          <Group gap="sm">
            <Text fw={700} fz="xl" ff="monospace" data-testid="pair-score">{c.score.toFixed(1)}</Text>
            <BandBadge band={c.band} />
            <Text c="dimmed" size="sm">{t(`linkage.status.${c.status}`)}</Text>
          </Group>
          <Text size="sm" c="dimmed">{t('linkage.pair.thresholds', { upper: c.thresholds.upper.toFixed(1), lower: c.thresholds.lower.toFixed(1) })}</Text>
        </Group>
        <Text size="sm" mt="xs">{t('linkage.pair.scoreHint')}</Text>
      </Card>
      {c.iinConflict && <Alert color="red" title={t('linkage.pair.iinConflictTitle')}>{t('linkage.pair.iinConflict')}</Alert>}
      {fields.householdOnly && <Alert color="yellow" title={t('linkage.pair.householdTitle')} data-testid="pair-household">{t('linkage.pair.household')}</Alert>}
      {fields.swappedNames && <Alert color="blue">{t('linkage.pair.swapped')}</Alert>}

      <Table.ScrollContainer minWidth={820}>
        <Table withTableBorder withColumnBorders data-testid="pair-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={170}>{t('linkage.pair.field')}</Table.Th>
              <Table.Th>{t('linkage.queue.recordA')}</Table.Th>
              <Table.Th>{t('linkage.queue.recordB')}</Table.Th>
              <Table.Th w={380}>{t('linkage.pair.contribution')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => (
              <Table.Tr key={r.key}>
                <Table.Th scope="row" fw={500}>{r.label}</Table.Th>
                <Table.Td>{r.a}</Table.Td>
                <Table.Td>{r.b}</Table.Td>
                <Table.Td>{r.field && fields[r.field] ? <ContributionBar c={fields[r.field]} testId={`contribution-${r.field}`} /> : null}</Table.Td>
              </Table.Tr>
            ))}
            <Table.Tr>
              <Table.Th scope="row">{t('linkage.pair.total')}</Table.Th>
              <Table.Td colSpan={2} />
              <Table.Td><Text fw={700} ff="monospace">{LINK_FIELDS.reduce((s, f) => s + (fields[f]?.weight ?? 0), 0).toFixed(1)}</Text></Table.Td>
            </Table.Tr>
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Decision c={c} />
    </Page>
  );
}

function Decision({ c }: { c: Candidate }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const navigate = useNavigate();
  const merge = useMerge(c.id);
  const distinct = useMarkDistinct(c.id);
  const [undoOpen, setUndoOpen] = useState(false);
  // the record with more attached to it (or with the IIN) is the better one to keep
  const suggested = references(c.personB) > references(c.personA) || (!c.personA.iin && !!c.personB.iin) ? c.personB.id : c.personA.id;
  const [survivor, setSurvivor] = useState(suggested);
  const [reason, setReason] = useState('');
  const body = reason.trim() ? { reason: reason.trim() } : {};

  if (c.status !== 'pending') {
    return (
      <Card withBorder padding="md">
        <Group justify="space-between">
          <Text data-testid="pair-decided">{t(`linkage.decided.${c.status}`, { at: formatDateTime(c.decidedAt, locale) })}</Text>
          {c.status === 'merged' && c.mergeId && <Button variant="light" color="orange" onClick={() => setUndoOpen(true)}>{t('linkage.history.undo')}</Button>}
        </Group>
        {undoOpen && c.mergeId && <UndoDialog merge={{ id: c.mergeId }} onClose={() => setUndoOpen(false)} />}
      </Card>
    );
  }
  const name = (p: CandidatePerson) => `${p.lastName} ${p.firstName}`.trim();
  return (
    <Card withBorder padding="md">
      <Stack>
        <Title order={2} size="h4">{t('linkage.decide.title')}</Title>
        <Radio.Group label={t('linkage.decide.survivor')} description={t('linkage.decide.survivorHint')} value={survivor} onChange={setSurvivor}>
          <Group mt="xs">
            <Radio value={c.personA.id} label={`${t('linkage.queue.recordA')}: ${name(c.personA)}`} data-testid="survivor-a" />
            <Radio value={c.personB.id} label={`${t('linkage.queue.recordB')}: ${name(c.personB)}`} data-testid="survivor-b" />
          </Group>
        </Radio.Group>
        <Textarea label={t('linkage.reason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} maxLength={1000} autosize minRows={2} />
        {merge.isError && <ErrorAlert error={merge.error} />}
        {distinct.isError && <ErrorAlert error={distinct.error} />}
        <Group>
          <Button color="red" disabled={c.iinConflict} loading={merge.isPending} data-testid="pair-merge"
            onClick={() => merge.mutate({ survivorId: survivor, ...body }, { onSuccess: () => void navigate('/linkage?tab=history') })}>
            {t('linkage.decide.merge')}
          </Button>
          <Button variant="default" loading={distinct.isPending} data-testid="pair-distinct"
            onClick={() => distinct.mutate(body, { onSuccess: () => void navigate('/linkage') })}>
            {t('linkage.decide.distinct')}
          </Button>
        </Group>
        <Text size="xs" c="dimmed">{t('linkage.decide.mergeHint')}</Text>
      </Stack>
    </Card>
  );
}
