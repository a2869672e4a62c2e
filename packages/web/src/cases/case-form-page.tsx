import { useState, type FormEvent } from 'react';
import {
  Alert, Anchor, Button, Card, Chip, Group, Loader, NativeSelect, NumberInput, SegmentedControl, SimpleGrid, Stack, Text, TextInput, Textarea,
} from '@mantine/core';
import { AGENCY_TYPES, CASE_KINDS, type AgencyType, type CaseKind } from '@qorgau/core';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useUser } from '../auth/session.ts';
import { ErrorAlert } from '../components/error-alert.tsx';
import { Page } from '../components/page.tsx';
import { useFocusFirstError } from '../components/use-focus-first-error.ts';
import { localName } from '../format.ts';
import { fieldErrors } from '../i18n/errors.ts';
import { newPerson } from '../reports/register/form-state.ts';
import { useDistricts, useRegions } from '../reference/queries.ts';
import { useReport } from '../reports/api.ts';
import type { PersonInReport, Report } from '../reports/types.ts';
import { useOpenCase } from './api.ts';
import { memberBody, memberProblems, newMember, type MemberDraft } from './member-draft.ts';
import { MemberFields } from './member-fields.tsx';
import { useCaseVocab } from './vocab.ts';

/** The report's victims, each once. */
function victimsOf(report: Report | undefined): PersonInReport[] {
  const seen = new Map<string, PersonInReport>();
  for (const inc of report?.incidents ?? []) for (const v of inc.victims) if (!seen.has(v.id)) seen.set(v.id, v);
  return [...seen.values()];
}

export function CaseFormPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const reportId = params.get('reportId');
  const report = useReport(reportId ?? '');
  if (reportId && report.isPending) return <Loader aria-label={t('common.loading')} />;
  return <CaseForm reportId={reportId} report={reportId ? report.data : undefined} reportError={reportId ? report.error : null} />;
}

function CaseForm({ reportId, report, reportError }: { reportId: string | null; report: Report | undefined; reportError: unknown }) {
  const { t } = useTranslation();
  const vocab = useCaseVocab();
  const user = useUser();
  const navigate = useNavigate();
  const open = useOpenCase();
  const { ref, reportFailure } = useFocusFirstError<HTMLFormElement>();
  const victims = victimsOf(report);
  const [kind, setKind] = useState<CaseKind>(reportId ? 'protection' : 'patronage');
  const [regionCode, setRegionCode] = useState(report?.regionCode ?? user.regionCode ?? '');
  const [districtCode, setDistrictCode] = useState(report?.districtCode ?? user.districtCode ?? '');
  // the report's children come first, as children of the case (removable); a direct case starts with an empty child
  const [members, setMembers] = useState<MemberDraft[]>(() => (reportId
    ? victims.map((v) => ({ ...newMember('child'), person: { ...newPerson(), existing: v }, fromReport: true }))
    : [newMember('child')]));
  const [summary, setSummary] = useState('');
  const [address, setAddress] = useState('');
  const [agencies, setAgencies] = useState<string[]>([]);
  const [reviewIntervalDays, setReviewIntervalDays] = useState<number | string>(90);
  const [local, setLocal] = useState<Record<string, string>>({});
  const regions = useRegions();
  const districts = useDistricts(regionCode || null);
  const server = fieldErrors(open.error);
  const byLabel = (a: { label: string }, b: { label: string }) => a.label.localeCompare(b.label, vocab.locale);

  const errorOf = (path: string): string | undefined => (local[path] ? t(local[path]) : server[path]);
  const memberErrorOf = (i: number) => (field: string) => errorOf(`members.${i}.${field}`);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const problems: Record<string, string> = {};
    if (!summary.trim()) problems.summary = 'intake.errors.required';
    if (kind === 'patronage' && !reportId && !regionCode) problems.regionCode = 'intake.errors.required';
    members.forEach((m, i) => {
      for (const [field, key] of Object.entries(memberProblems(m))) problems[`members.${i}.${field}`] = key;
    });
    setLocal(problems);
    if (Object.keys(problems).length > 0) {
      reportFailure();
      return;
    }
    open.mutate({
      kind,
      ...(reportId ? { reportId } : {}),
      ...(regionCode ? { regionCode } : {}),
      districtCode: districtCode || null,
      summary: summary.trim(),
      ...(address.trim() ? { address: address.trim() } : {}),
      members: members.map(memberBody),
      contributingAgencies: agencies as AgencyType[],
      reviewIntervalDays: Number(reviewIntervalDays) || 90,
    }, { onSuccess: (c) => void navigate(`/cases/${c.id}`), onError: () => reportFailure() });
  };

  const leadAgency = user.agencyType;
  return (
    <Page title={t('cases.form.title')}>
      <Text c="dimmed">{reportId ? t('cases.form.introReport') : t('cases.form.introDirect')}</Text>
      {reportId && reportError !== null && <ErrorAlert error={reportError} />}
      <form onSubmit={submit} noValidate ref={ref}>
        <Stack gap="md">
          <Card withBorder padding="md">
            <Stack gap="sm">
              <div>
                <Text size="sm" fw={500} mb={4} id="case-kind-label">{t('cases.form.kind')}</Text>
                <SegmentedControl value={kind} color="teal" aria-labelledby="case-kind-label" data-testid="case-form-kind"
                  data={CASE_KINDS.map((k) => ({ value: k, label: vocab.kind(k) }))} onChange={(v) => setKind(v)} />
              </div>
              {report && (
                <Alert color="grape" variant="light" data-testid="case-form-report">
                  {t('cases.form.fromReport')} <Anchor component={Link} to={`/reports/${report.id}`} ff="monospace" fw={700}>№ {report.number}</Anchor>
                </Alert>
              )}
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" maw={640}>
                <NativeSelect label={t('cases.form.region')} required value={regionCode} error={errorOf('regionCode')} data-testid="case-form-region"
                  data={[{ value: '', label: t('common.choose') }, ...(regions.data ?? []).map((r) => ({ value: r.code, label: localName(r.name, vocab.locale) })).sort(byLabel)]}
                  onChange={(e) => { setRegionCode(e.currentTarget.value); setDistrictCode(''); }} />
                <NativeSelect label={t('cases.form.district')} value={districtCode} error={errorOf('districtCode')} disabled={!regionCode} data-testid="case-form-district"
                  data={[{ value: '', label: t('cases.form.districtAny') }, ...(districts.data ?? []).map((d) => ({ value: d.code, label: localName(d.name, vocab.locale) })).sort(byLabel)]}
                  onChange={(e) => setDistrictCode(e.currentTarget.value)} />
              </SimpleGrid>
              <Textarea label={t('cases.form.summary')} description={t('cases.form.summaryHint')} required autosize minRows={3} maxLength={10_000}
                value={summary} onChange={(e) => setSummary(e.currentTarget.value)} error={errorOf('summary')} data-testid="case-form-summary" />
              <TextInput label={t('cases.form.address')} maxLength={500} value={address} onChange={(e) => setAddress(e.currentTarget.value)} error={errorOf('address')} data-testid="case-form-address" />
            </Stack>
          </Card>

          <Card withBorder padding="md">
            <Text fw={700} mb="xs">{t('cases.form.household')}</Text>
            {victims.length > 0 && <Text size="sm" c="dimmed" mb="xs">{t('cases.form.victimsHint')}</Text>}
            <Stack gap="sm">
              {members.map((m, i) => (
                <MemberFields key={m.key} value={m} testId={`case-form-member-${i}`} regionCode={regionCode || null} districtCode={districtCode || null}
                  errorOf={memberErrorOf(i)}
                  onChange={(next) => setMembers((xs) => xs.map((x) => (x.key === m.key ? next : x)))}
                  onRemove={() => setMembers((xs) => xs.filter((x) => x.key !== m.key))} />
              ))}
              <Group>
                <Button variant="light" onClick={() => setMembers((xs) => [...xs, newMember(xs.length === 0 ? 'child' : xs.some((x) => x.relation === 'mother') ? 'sibling' : 'mother')])} data-testid="case-form-add-member">
                  {t('cases.form.addMember')}
                </Button>
              </Group>
            </Stack>
          </Card>

          <Card withBorder padding="md">
            <Text fw={700} mb={4} id="case-agencies-label">{t('cases.form.agencies')}</Text>
            <Text size="sm" c="dimmed" mb="xs">{t('cases.form.agenciesHint', { agency: vocab.agency(leadAgency) })}</Text>
            <Chip.Group multiple value={agencies} onChange={setAgencies}>
              <Group gap="xs" role="group" aria-labelledby="case-agencies-label" data-testid="case-form-agencies">
                {AGENCY_TYPES.filter((a) => a !== leadAgency).map((a) => <Chip key={a} value={a} size="sm" data-testid={`case-form-agency-${a}`}>{vocab.agency(a)}</Chip>)}
              </Group>
            </Chip.Group>
            <NumberInput label={t('cases.form.reviewInterval')} description={t('cases.form.reviewIntervalHint')} min={7} max={365} w={260} mt="sm"
              value={reviewIntervalDays} onChange={setReviewIntervalDays} error={errorOf('reviewIntervalDays')} data-testid="case-form-review-interval" />
          </Card>

          {open.isError && <ErrorAlert error={open.error} fields={Object.keys(server).filter((k) => k === 'summary' || k === 'regionCode' || k === 'districtCode' || k === 'address' || k === 'reviewIntervalDays' || k.startsWith('members.'))} />}
          <Group>
            <Button type="submit" size="md" loading={open.isPending} data-testid="case-form-submit">{t('cases.form.submit')}</Button>
            <Button variant="default" component={Link} to={reportId ? `/reports/${reportId}` : '/cases'}>{t('common.cancel')}</Button>
          </Group>
        </Stack>
      </form>
    </Page>
  );
}
