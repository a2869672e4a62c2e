// The referrals of a family case, for its page: what was asked of which provider, the answers and
// the feedback; and a form to refer a member to a provider suited to their age in the case's region.
import { useState } from 'react';
import {
  Badge, Button, Card, Checkbox, Group, Loader, Modal, NativeSelect, Radio, ScrollArea, SegmentedControl, Stack, Text, Textarea, TextInput, Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { SERVICE_CODES } from '@qorgau/core';
import { ErrorAlert } from '../components/error-alert.tsx';
import { formatDateTime, localName } from '../format.ts';
import { fieldErrors } from '../i18n/errors.ts';
import { ageOn } from '../persons/person-text.ts';
import { useCaseReferrals, useCreateReferral, useProviders } from './api.ts';
import { PlacesBadge } from './provider-drawer.tsx';
import { CancelDialog, personLine, ReferralAnswers } from './referral-card.tsx';
import type { CaseMemberOption, Referral, ReferralUrgency } from './types.ts';
import { REFERRAL_STATUS_COLORS, useServiceVocab } from './vocab.ts';

export type CaseReferralsProps = {
  caseId: string;
  members: CaseMemberOption[];
  /** the reader may refer from this case (the server checks again) */
  canRefer: boolean;
};

/** Provider ages describe the children served: they matter for the household's children and anyone under 18 (as the server checks). */
function agesApply(m: CaseMemberOption, age: number | null): age is number {
  return age !== null && (m.relation === 'child' || m.relation === 'sibling' || age < 18);
}

function ReferDialog({ caseId, members, regionCode, opened, onClose }: { caseId: string; members: CaseMemberOption[]; regionCode: string; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const vocab = useServiceVocab();
  const create = useCreateReferral(caseId);
  const [personId, setPersonId] = useState(members[0]?.personId ?? '');
  const [service, setService] = useState('');
  const [q, setQ] = useState('');
  const [inRegion, setInRegion] = useState(true);
  const [availableOnly, setAvailableOnly] = useState(false);
  const [providerId, setProviderId] = useState('');
  const [urgency, setUrgency] = useState<ReferralUrgency>('routine');
  const [reason, setReason] = useState('');
  const member = members.find((m) => m.personId === personId);
  const age = member ? ageOn(member.birthDate) : null;
  const byAge = member && agesApply(member, age) ? Math.min(age, 25) : null;
  const [search] = useDebouncedValue(q.trim(), 300);
  const suggestions = useProviders({
    q: search, service, regionCode: inRegion ? regionCode : '', age: byAge, available: availableOnly, limit: 30, offset: 0,
  }, opened && Boolean(service));
  const errors = fieldErrors(create.error);
  const chosen = suggestions.data?.items.find((p) => p.id === providerId);
  const close = () => { create.reset(); onClose(); };

  return (
    <Modal opened={opened} onClose={close} title={t('services.refer.title')} size="xl" data-testid="refer-dialog">
      <form onSubmit={(e) => {
        e.preventDefault();
        create.mutate({ personId, service, providerId, urgency, reason: reason.trim() }, {
          onSuccess: () => { setProviderId(''); setReason(''); onClose(); },
        });
      }}>
        <Stack>
          <NativeSelect label={t('services.refer.member')} required value={personId} error={errors.personId} data-testid="refer-member"
            data={members.map((m) => {
              const a = ageOn(m.birthDate);
              return { value: m.personId, label: `${m.name} — ${vocab.relation(m.relation)}${a !== null ? `, ${t('services.refer.years', { n: a })}` : ''}` };
            })}
            onChange={(e) => { setPersonId(e.currentTarget.value); setProviderId(''); }} />
          <NativeSelect label={t('services.service')} required value={service} error={errors.service} data-testid="refer-service"
            data={[{ value: '', label: t('common.choose') }, ...SERVICE_CODES.map((c) => ({ value: c, label: vocab.service(c) }))]}
            onChange={(e) => { setService(e.currentTarget.value); setProviderId(''); }} />
          {service && (
            <Stack gap="xs">
              <Group align="end" wrap="wrap">
                <TextInput label={t('services.search')} value={q} onChange={(e) => setQ(e.currentTarget.value)} placeholder={t('services.searchHint')} w={240} data-testid="refer-search" />
                <Stack gap={6} pb={4}>
                  <Checkbox label={t('services.refer.inRegion')} checked={inRegion} onChange={(e) => setInRegion(e.currentTarget.checked)} />
                  <Checkbox label={t('services.availableOnly')} checked={availableOnly} onChange={(e) => setAvailableOnly(e.currentTarget.checked)} />
                </Stack>
              </Group>
              {byAge !== null && <Text size="xs" c="dimmed">{t('services.refer.byAge', { n: byAge })}</Text>}
              {suggestions.isPending && <Loader size="sm" aria-label={t('common.loading')} />}
              {suggestions.isError && <ErrorAlert error={suggestions.error} />}
              {suggestions.data && suggestions.data.items.length === 0 && <Text c="dimmed" size="sm" data-testid="refer-no-providers">{t('services.refer.noProviders')}</Text>}
              {suggestions.data && suggestions.data.items.length > 0 && (
                <Radio.Group value={providerId} onChange={setProviderId} label={t('services.refer.provider')} error={errors.providerId} required>
                  <ScrollArea.Autosize mah={300} type="auto" offsetScrollbars>
                    <Stack gap={6} mt={6} data-testid="refer-providers">
                      {suggestions.data.items.map((p) => (
                        <Radio.Card key={p.id} value={p.id} p="xs" radius="sm" data-testid="refer-provider">
                          <Group wrap="nowrap" align="start">
                            <Radio.Indicator mt={4} />
                            <Stack gap={2} style={{ flex: 1 }}>
                              <Group justify="space-between" wrap="nowrap" align="start">
                                <Text fw={500} size="sm">{localName(p.name, vocab.locale)}</Text>
                                <PlacesBadge p={p} size="sm" />
                              </Group>
                              <Text size="xs" c="dimmed">
                                {[vocab.kind(p.kind), t('services.ageRange', { min: p.ageMin, max: p.ageMax }), p.languages.map(vocab.language).join(', '), p.phone].filter(Boolean).join(' · ')}
                              </Text>
                            </Stack>
                          </Group>
                        </Radio.Card>
                      ))}
                    </Stack>
                  </ScrollArea.Autosize>
                </Radio.Group>
              )}
              {chosen && chosen.freePlaces === 0 && <Text size="sm" c="orange">{t('services.refer.fullWarning')}</Text>}
            </Stack>
          )}
          <div>
            <Text size="sm" fw={500} mb={4}>{t('services.refer.urgency')}</Text>
            <SegmentedControl value={urgency} onChange={(v) => setUrgency(v === 'urgent' ? 'urgent' : 'routine')} data-testid="refer-urgency"
              data={[{ value: 'routine', label: t('services.ref.routine') }, { value: 'urgent', label: t('services.ref.urgent') }]} />
          </div>
          <Textarea label={t('services.ref.reason')} description={t('services.refer.reasonHint')} required autosize minRows={3} value={reason} error={errors.reason}
            data-testid="refer-reason" onChange={(e) => setReason(e.currentTarget.value)} />
          {create.isError && <ErrorAlert error={create.error} fields={['personId', 'service', 'providerId', 'reason']} testId="refer-error" />}
          <Group>
            <Button type="submit" disabled={!providerId || !service || !personId} loading={create.isPending} data-testid="refer-submit">{t('services.refer.send')}</Button>
            <Button variant="default" onClick={close}>{t('common.cancel')}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function ReferralItem({ r, members }: { r: Referral; members: CaseMemberOption[] }) {
  const { t } = useTranslation();
  const vocab = useServiceVocab();
  const [cancelling, setCancelling] = useState(false);
  const member = members.find((m) => m.personId === r.person?.id);
  return (
    <Card withBorder padding="sm" data-testid="case-referral" data-status={r.status}>
      <Stack gap={4}>
        <Group justify="space-between" align="start" wrap="wrap">
          <div>
            <Text fw={600}>{vocab.service(r.service)} — {localName(r.provider.name, vocab.locale)}</Text>
            <Text size="sm" c="dimmed">
              {member?.name ?? personLine(r.person)} · {formatDateTime(r.referredAt, vocab.locale)}{r.referredBy.name ? ` · ${r.referredBy.name}` : ''}
            </Text>
          </div>
          <Group gap="xs">
            {r.urgency === 'urgent' && <Badge color="red" variant="filled">{t('services.ref.urgent')}</Badge>}
            <Badge color={REFERRAL_STATUS_COLORS[r.status]} variant="light" data-testid="case-referral-status">{vocab.status(r.status)}</Badge>
          </Group>
        </Group>
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}><Text span c="dimmed">{t('services.ref.reason')}: </Text>{r.reason}</Text>
        <ReferralAnswers r={r} />
        {r.rights.cancel && (
          <Group>
            <Button size="xs" variant="subtle" color="red" onClick={() => setCancelling(true)} data-testid="case-referral-cancel">{t('services.ref.cancel')}</Button>
          </Group>
        )}
        <CancelDialog r={r} opened={cancelling} onClose={() => setCancelling(false)} />
      </Stack>
    </Card>
  );
}

/** For the case page: the case's referrals with their status and feedback, and "Refer" for those who work on the case. */
export function CaseReferrals({ caseId, members, canRefer }: CaseReferralsProps) {
  const { t } = useTranslation();
  const list = useCaseReferrals(caseId);
  const [referring, setReferring] = useState(false);
  const mayRefer = canRefer && (list.data?.case.canRefer ?? false) && members.length > 0;
  return (
    <Stack data-testid="case-referrals">
      <Group justify="space-between">
        <Title order={2} size="h4">{t('services.refer.heading')}</Title>
        {mayRefer && <Button onClick={() => setReferring(true)} data-testid="refer-open">{t('services.refer.open')}</Button>}
      </Group>
      {list.isPending && <Loader size="sm" aria-label={t('common.loading')} />}
      {list.isError && <ErrorAlert error={list.error} />}
      {list.data && list.data.items.length === 0 && <Text c="dimmed" data-testid="case-referrals-empty">{t('services.refer.none')}</Text>}
      {list.data?.items.map((r) => <ReferralItem key={r.id} r={r} members={members} />)}
      {list.data && mayRefer && (
        <ReferDialog caseId={caseId} members={members} regionCode={list.data.case.regionCode} opened={referring} onClose={() => setReferring(false)} />
      )}
    </Stack>
  );
}
