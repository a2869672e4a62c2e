import { useState } from 'react';
import { Anchor, Badge, Button, CloseButton, Group, NativeSelect, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { AGENCY_TYPES } from '@qorgau/core';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../components/error-alert.tsx';
import { formatDateTime, localName } from '../format.ts';
import { useDistricts, useRegions } from '../reference/queries.ts';
import { useStatusLabel } from '../reports/status.ts';
import { CaseRiskFlags } from '../warnings/risk-flags.tsx';
import { useAddAgency, useRemoveAgency } from './api.ts';
import { Fact, ReviewDate, Section } from './parts.tsx';
import type { CaseFile } from './types.ts';
import { useCaseVocab } from './vocab.ts';

export function OverviewTab({ c }: { c: CaseFile }) {
  const { t } = useTranslation();
  const vocab = useCaseVocab();
  const regions = useRegions();
  const districts = useDistricts(c.districtCode ? c.regionCode : null);
  const reportStatus = useStatusLabel();
  const region = regions.data?.find((r) => r.code === c.regionCode);
  const district = districts.data?.find((d) => d.code === c.districtCode);
  const decided = c.approvals.filter((a) => a.decision !== null);

  return (
    <Stack gap="md">
      <Section title={t('cases.overview.title')} testId="case-overview">
        <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="md">
          <Fact label={t('cases.overview.kind')}>{vocab.kind(c.kind)}</Fact>
          <Fact label={t('cases.overview.territory')}>
            {[district ? localName(district.name, vocab.locale) : c.districtCode, region ? localName(region.name, vocab.locale) : c.regionCode].filter(Boolean).join(', ')}
          </Fact>
          <Fact label={t('cases.overview.lead')} testId="case-lead">
            {c.lead.name ?? '—'}
            <Text size="xs" c="dimmed">{vocab.agency(c.leadAgencyType)}</Text>
          </Fact>
          <Fact label={t('cases.overview.opened')}>{formatDateTime(c.openedAt, vocab.locale)}</Fact>
          <Fact label={t('cases.overview.nextReview')} testId="case-next-review">{c.status === 'closed' ? '—' : <ReviewDate value={c.nextReviewOn} />}</Fact>
          <Fact label={t('cases.overview.reviewInterval')}>{t('cases.overview.everyDays', { n: c.reviewIntervalDays })}</Fact>
          {c.closedAt && <Fact label={t('cases.overview.closed')}>{formatDateTime(c.closedAt, vocab.locale)}</Fact>}
          {c.closeReason && <Fact label={t('cases.closure.reason')} testId="case-close-reason">{vocab.closeReason(c.closeReason)}</Fact>}
          {c.reopenCount > 0 && <Fact label={t('cases.overview.reopened')}>{c.reopenCount}</Fact>}
        </SimpleGrid>
        <Text size="xs" c="dimmed" tt="uppercase" fw={600} mt="md">{t('cases.overview.summary')}</Text>
        <Text style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} data-testid="case-summary">{c.summary ?? '—'}</Text>
        {c.address && (
          <>
            <Text size="xs" c="dimmed" tt="uppercase" fw={600} mt="sm">{t('cases.overview.address')}</Text>
            <Text>{c.address}</Text>
          </>
        )}
      </Section>

      <Section title={t('cases.overview.flags')} testId="case-flags">
        <CaseRiskFlags caseId={c.id} />
      </Section>

      <Section title={t('cases.overview.agencies')} testId="case-agencies">
        <AgencyList c={c} />
      </Section>

      <Section title={t('cases.overview.reports')} testId="case-reports">
        {c.reports.length === 0 ? <Text c="dimmed" size="sm">{t('cases.overview.noReports')}</Text> : (
          <Group gap="md">
            {c.reports.map((r) => (
              <Group key={r.id} gap={6}>
                <Anchor component={Link} to={`/reports/${r.id}`} ff="monospace" fw={600}>№ {r.number}</Anchor>
                <Badge size="sm" variant="light">{reportStatus(r.status)}</Badge>
                <Text size="xs" c="dimmed">{formatDateTime(r.receivedAt, vocab.locale)}</Text>
              </Group>
            ))}
          </Group>
        )}
      </Section>

      {decided.length > 0 && (
        <Section title={t('cases.approval.history')} testId="case-approvals">
          <Table.ScrollContainer minWidth={560}>
            <Table verticalSpacing={4}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('cases.approval.kind')}</Table.Th>
                  <Table.Th>{t('cases.approval.requested')}</Table.Th>
                  <Table.Th>{t('cases.approval.decision')}</Table.Th>
                  <Table.Th>{t('cases.approval.decidedBy')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {decided.map((a) => (
                  <Table.Tr key={a.id} data-testid="case-approval-row" data-decision={a.decision}>
                    <Table.Td>
                      {a.kind === 'plan' ? t('cases.approval.kindPlan') : t('cases.approval.kindClosure')}{a.closeReason ? ` · ${vocab.closeReason(a.closeReason)}` : ''}
                      {a.note && <Text size="xs" c="dimmed" mt={2} style={{ whiteSpace: 'pre-wrap' }}>{a.note}</Text>}
                    </Table.Td>
                    <Table.Td>{a.requestedBy.name ?? '—'}<Text size="xs" c="dimmed">{formatDateTime(a.requestedAt, vocab.locale)}</Text></Table.Td>
                    <Table.Td>
                      <Badge color={a.decision === 'approved' ? 'teal' : 'red'} variant="light">{a.decision === 'approved' ? t('cases.approval.approved') : t('cases.approval.rejected')}</Badge>
                      {a.decisionNote && <Text size="xs" mt={2} style={{ whiteSpace: 'pre-wrap' }}>{a.decisionNote}</Text>}
                    </Table.Td>
                    <Table.Td>{a.decidedBy?.name ?? '—'}<Text size="xs" c="dimmed">{a.decidedAt ? formatDateTime(a.decidedAt, vocab.locale) : ''}</Text></Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Section>
      )}
    </Stack>
  );
}

function AgencyList({ c }: { c: CaseFile }) {
  const { t } = useTranslation();
  const vocab = useCaseVocab();
  const add = useAddAgency(c.id);
  const remove = useRemoveAgency(c.id);
  const [agency, setAgency] = useState('');
  const editable = c.rights.lead && c.status !== 'closed';
  const on = new Set(c.agencies.map((a) => a.agencyType));
  const lead = c.agencies.filter((a) => a.role === 'lead');
  const rest = c.agencies.filter((a) => a.role !== 'lead');
  return (
    <Stack gap="sm">
      <Group gap="xs" data-testid="case-agency-list">
        {[...lead, ...rest].map((a) => (
          <Badge key={a.agencyType} size="lg" variant={a.role === 'lead' ? 'filled' : 'light'} color={a.role === 'lead' ? 'teal' : 'gray'} data-agency={a.agencyType}
            rightSection={editable && a.role !== 'lead' ? (
              <CloseButton size="xs" variant="transparent" aria-label={t('cases.overview.removeAgency', { agency: vocab.agency(a.agencyType) })}
                onClick={() => remove.mutate(a.agencyType)} />
            ) : undefined}>
            {vocab.agency(a.agencyType)}{a.role === 'lead' ? ` · ${t('cases.overview.leadAgency')}` : ''}
          </Badge>
        ))}
      </Group>
      {editable && (
        <Group align="flex-end" gap="xs">
          <NativeSelect label={t('cases.overview.addAgency')} value={agency} onChange={(e) => setAgency(e.currentTarget.value)} data-testid="case-agency-select"
            data={[{ value: '', label: t('common.choose') }, ...AGENCY_TYPES.filter((a) => !on.has(a)).map((a) => ({ value: a, label: vocab.agency(a) }))]} />
          <Button variant="light" disabled={!agency} loading={add.isPending} onClick={() => add.mutate({ agencyType: agency }, { onSuccess: () => setAgency('') })} data-testid="case-agency-add">
            {t('cases.overview.add')}
          </Button>
        </Group>
      )}
      {add.isError && <ErrorAlert error={add.error} />}
      {remove.isError && <ErrorAlert error={remove.error} />}
    </Stack>
  );
}
