import { useState } from 'react';
import { Alert, Badge, Button, Card, Checkbox, Group, NativeSelect, Radio, SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { AGENCY_TYPES, type AgencyType } from '@qorgau/core';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../components/error-alert.tsx';
import { formatDate, formatDateTime, localName } from '../format.ts';
import { fieldErrors } from '../i18n/errors.ts';
import { personName } from '../persons/person-text.ts';
import { useUnits } from '../units/api.ts';
import { useCancelTransfer, useDecideTransfer, useRequestTransfer } from './api.ts';
import { Section } from './parts.tsx';
import { kzToday } from './dates.ts';
import type { CaseFile, Transfer } from './types.ts';
import { useCaseVocab } from './vocab.ts';

const TRANSFER_COLORS = { pending: 'grape', accepted: 'teal', declined: 'red', cancelled: 'gray' } as const;

function useConsentText(c: CaseFile) {
  const { t } = useTranslation();
  const vocab = useCaseVocab();
  return (tr: Transfer): string => {
    const by = typeof tr.consent.givenByPersonId === 'string' ? c.members.find((m) => m.person.id === tr.consent.givenByPersonId) : undefined;
    const method = tr.consent.method === 'written' ? t('cases.transfer.written') : tr.consent.method === 'verbal' ? t('cases.transfer.verbal') : '';
    return t('cases.transfer.consentLine', { name: by ? personName(by.person) : '—', method, on: typeof tr.consent.on === 'string' ? formatDate(tr.consent.on, vocab.locale) : '' });
  };
}

/** A pending transfer: the receiving agency accepts or declines; the lead may withdraw it. */
export function TransferBanner({ c }: { c: CaseFile }) {
  const { t } = useTranslation();
  const vocab = useCaseVocab();
  const navigate = useNavigate();
  const decide = useDecideTransfer(c.id);
  const cancel = useCancelTransfer(c.id);
  const consentText = useConsentText(c);
  const [note, setNote] = useState('');
  const [declining, setDeclining] = useState(false);
  const pending = c.transfers.find((x) => x.status === 'pending');
  if (!pending) return null;
  const errors = fieldErrors(decide.error);
  return (
    <Alert color="grape" title={t('cases.transfer.pendingTitle', { agency: vocab.agency(pending.toAgencyType) })} data-testid="case-transfer-banner">
      <Stack gap="xs">
        <Text size="sm">{t('cases.transfer.requestedBy', { name: pending.requestedBy.name ?? '—', at: formatDateTime(pending.requestedAt, vocab.locale) })}</Text>
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>{pending.reason}</Text>
        <Text size="sm" c="dimmed">{consentText(pending)}</Text>
        {c.rights.acceptTransfer && (
          <>
            <Textarea label={declining ? t('cases.transfer.declineNote') : t('cases.approval.note')} required={declining} autosize minRows={1} maxLength={2000}
              value={note} onChange={(e) => setNote(e.currentTarget.value)} error={errors.note} data-testid="case-transfer-note" />
            <Group gap="xs">
              <Button color="teal" loading={decide.isPending && !declining} data-testid="case-transfer-accept"
                onClick={() => { setDeclining(false); decide.mutate({ transferId: pending.id, decision: 'accepted', ...(note.trim() ? { note: note.trim() } : {}) }); }}>
                {t('cases.transfer.accept')}
              </Button>
              <Button color="red" variant="light" loading={decide.isPending && declining} data-testid="case-transfer-decline"
                onClick={() => {
                  setDeclining(true);
                  if (note.trim()) decide.mutate({ transferId: pending.id, decision: 'declined', note: note.trim() }, { onSuccess: (data) => { if (!data) void navigate('/cases'); } });
                }}>
                {t('cases.transfer.decline')}
              </Button>
            </Group>
            {declining && !note.trim() && <Text size="sm" c="red">{t('cases.transfer.declineNeedsNote')}</Text>}
          </>
        )}
        {c.rights.lead && !c.rights.acceptTransfer && (
          <Group><Button size="xs" variant="default" loading={cancel.isPending} onClick={() => cancel.mutate(pending.id)} data-testid="case-transfer-cancel">{t('cases.transfer.cancel')}</Button></Group>
        )}
        {decide.isError && <ErrorAlert error={decide.error} fields={['note']} />}
        {cancel.isError && <ErrorAlert error={cancel.error} />}
      </Stack>
    </Alert>
  );
}

export function TransferTab({ c }: { c: CaseFile }) {
  const { t } = useTranslation();
  const vocab = useCaseVocab();
  const consentText = useConsentText(c);
  const pending = c.transfers.some((x) => x.status === 'pending');
  const transfers = [...c.transfers].sort((a, b) => b.requestedAt.localeCompare(a.requestedAt));
  return (
    <Stack gap="md">
      {c.rights.lead && c.status !== 'closed' && !pending && <TransferForm c={c} />}
      <Section title={t('cases.transfer.title')} testId="case-transfers">
        {transfers.length === 0 ? <Text c="dimmed" size="sm">{t('cases.transfer.none')}</Text> : (
          <Stack gap="sm">
            {transfers.map((tr) => (
              <Card key={tr.id} withBorder padding="sm" radius="md" data-testid="case-transfer" data-status={tr.status}>
                <Group gap="xs" wrap="wrap">
                  <Text fw={700}>{vocab.agency(tr.fromAgencyType)} → {vocab.agency(tr.toAgencyType)}</Text>
                  <Badge variant="light" color={TRANSFER_COLORS[tr.status]}>{t(`cases.transfer.status.${tr.status}`)}</Badge>
                  {tr.toUser?.name && <Text size="sm" c="dimmed">{tr.toUser.name}</Text>}
                </Group>
                <Text size="sm" mt={4} style={{ whiteSpace: 'pre-wrap' }}>{tr.reason}</Text>
                <Text size="xs" c="dimmed">{consentText(tr)}</Text>
                <Text size="xs" c="dimmed">{t('cases.transfer.requestedBy', { name: tr.requestedBy.name ?? '—', at: formatDateTime(tr.requestedAt, vocab.locale) })}</Text>
                {tr.decidedAt && (
                  <Text size="xs" c="dimmed">{tr.decidedBy?.name ?? ''} · {formatDateTime(tr.decidedAt, vocab.locale)}{tr.decisionNote ? ` — ${tr.decisionNote}` : ''}</Text>
                )}
              </Card>
            ))}
          </Stack>
        )}
      </Section>
    </Stack>
  );
}

function TransferForm({ c }: { c: CaseFile }) {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  if (!opened) return <Group><Button variant="light" onClick={() => setOpened(true)} data-testid="case-transfer-open">{t('cases.transfer.add')}…</Button></Group>;
  return <TransferFields c={c} onCancel={() => setOpened(false)} />;
}

function TransferFields({ c, onCancel }: { c: CaseFile; onCancel: () => void }) {
  const { t } = useTranslation();
  const vocab = useCaseVocab();
  const request = useRequestTransfer(c.id);
  const [agency, setAgency] = useState<AgencyType | ''>('');
  const [unitId, setUnitId] = useState('');
  const [reason, setReason] = useState('');
  const [givenBy, setGivenBy] = useState('');
  const [method, setMethod] = useState<'written' | 'verbal'>('written');
  const [on, setOn] = useState(kzToday);
  const [given, setGiven] = useState(false);
  const [tried, setTried] = useState(false);
  const units = useUnits({ agencyType: agency || null, regionCode: c.regionCode }, Boolean(agency));
  const errors = fieldErrors(request.error);
  // consent comes from an adult of the household
  const adults = c.members.filter((m) => (m.age !== null ? m.age >= 18 : !['child', 'sibling'].includes(m.relation)));
  const req = (v: string) => (tried && !v ? t('intake.errors.required') : undefined);
  const submit = () => {
    setTried(true);
    if (!agency || !reason.trim() || !givenBy || !on || !given) return;
    request.mutate({ toAgencyType: agency, toUnitId: unitId || null, reason: reason.trim(), consent: { given: true, givenByPersonId: givenBy, method, on } });
  };
  return (
    <Section title={t('cases.transfer.add')} testId="case-transfer-form">
      <Stack gap="sm">
        <Text size="sm" c="dimmed">{t('cases.transfer.intro')}</Text>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" maw={720}>
          <NativeSelect label={t('cases.transfer.toAgency')} required value={agency} error={errors.toAgencyType ?? req(agency)} data-testid="case-transfer-agency"
            data={[{ value: '', label: t('common.choose') }, ...AGENCY_TYPES.filter((a) => a !== c.leadAgencyType).map((a) => ({ value: a, label: vocab.agency(a) }))]}
            onChange={(e) => { setAgency(e.currentTarget.value as AgencyType | ''); setUnitId(''); }} />
          <NativeSelect label={t('cases.transfer.toUnit')} value={unitId} disabled={!agency} error={errors.toUnitId} data-testid="case-transfer-unit"
            data={[{ value: '', label: t('cases.transfer.anyUnit') }, ...(units.data ?? []).filter((u) => u.active).map((u) => ({ value: u.id, label: localName(u.name, vocab.locale) }))]}
            onChange={(e) => setUnitId(e.currentTarget.value)} />
        </SimpleGrid>
        <Textarea label={t('cases.transfer.reason')} required autosize minRows={2} maxLength={2000} value={reason} onChange={(e) => setReason(e.currentTarget.value)}
          error={errors.reason ?? req(reason.trim())} data-testid="case-transfer-reason" />
        <Card withBorder padding="sm" radius="md">
          <Text fw={600} size="sm" mb="xs">{t('cases.transfer.consent')}</Text>
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
            <NativeSelect label={t('cases.transfer.givenBy')} required value={givenBy} error={errors['consent.givenByPersonId'] ?? req(givenBy)} data-testid="case-transfer-given-by"
              data={[{ value: '', label: adults.length ? t('common.choose') : t('cases.transfer.noAdults') }, ...adults.map((m) => ({ value: m.person.id, label: `${personName(m.person)} · ${vocab.relation(m.relation)}` }))]}
              onChange={(e) => setGivenBy(e.currentTarget.value)} />
            <Radio.Group label={t('cases.transfer.method')} value={method} onChange={(v) => setMethod(v === 'verbal' ? 'verbal' : 'written')} error={errors['consent.method']}>
              <Group gap="md" mt={6}>
                <Radio value="written" label={t('cases.transfer.written')} />
                <Radio value="verbal" label={t('cases.transfer.verbal')} />
              </Group>
            </Radio.Group>
            <TextInput label={t('cases.transfer.on')} type="date" required value={on} max={kzToday()} onChange={(e) => setOn(e.currentTarget.value)}
              error={errors['consent.on'] ?? req(on)} data-testid="case-transfer-on" />
          </SimpleGrid>
          <Checkbox mt="sm" label={t('cases.transfer.given')} checked={given} onChange={(e) => setGiven(e.currentTarget.checked)}
            error={errors['consent.given'] ?? (tried && !given ? t('cases.transfer.givenRequired') : undefined)} data-testid="case-transfer-given" />
        </Card>
        {request.isError && <ErrorAlert error={request.error} fields={['toAgencyType', 'toUnitId', 'reason', 'consent.givenByPersonId', 'consent.method', 'consent.on', 'consent.given']} />}
        <Group>
          <Button loading={request.isPending} onClick={submit} data-testid="case-transfer-submit">{t('cases.transfer.submit')}</Button>
          <Button variant="default" onClick={onCancel}>{t('common.cancel')}</Button>
        </Group>
      </Stack>
    </Section>
  );
}
