import type { ReactNode } from 'react';
import { Alert, Anchor, Badge, Button, Card, Divider, Group, Loader, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { roleHas } from '@qorgau/core';
import { ApiError } from '../api.ts';
import { useUser } from '../auth/session.ts';
import { ErrorAlert } from '../components/error-alert.tsx';
import { Page } from '../components/page.tsx';
import { formatDate, formatDateTime, localName } from '../format.ts';
import { MaskedIin } from '../persons/masked-iin.tsx';
import { ageOn, personName } from '../persons/person-text.ts';
import { useDistricts, useRegions, useSchools } from '../reference/queries.ts';
import { useLegalArticles, useReport } from './api.ts';
import { ReportAttachments } from './report-attachments.tsx';
import { ReportHistory } from './report-history.tsx';
import { StatusChange } from './report-status.tsx';
import { useStatusLabel } from './status.ts';
import type { Incident, PersonInReport, Report } from './types.ts';
import { PRIORITY_COLORS, STATUS_COLORS, useVocab } from './vocab.ts';
import { ReportTasks } from '../tasks/report-tasks.tsx';
import { ReportTimeline } from '../tasks/report-timeline.tsx';
import { ReportConferences } from '../conferences/report-conferences.tsx';

function Fact({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>{label}</Text>
      <Text fw={500} mt={2} data-testid={testId} component="div">{children}</Text>
    </div>
  );
}

function Section({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  const id = `section-${testId ?? title}`;
  return (
    <Paper component="section" withBorder p="md" radius="md" aria-labelledby={id} data-testid={testId}>
      <Title order={2} size="h4" mb="sm" id={id}>{title}</Title>
      {children}
    </Paper>
  );
}

function ReporterText({ reporter }: { reporter: Report['reporter'] }) {
  const { t } = useTranslation();
  const vocab = useVocab();
  if (!reporter) return <>—</>;
  if (reporter.anonymous === true) return <>{t('report.reporterAnonymous')}</>;
  const str = (k: string) => (typeof reporter[k] === 'string' ? reporter[k] : '');
  if (str('via') === 'public_form') {
    return (
      <>
        {t('report.reporterPublic')}
        {str('contact') && <Text span c="dimmed" fw={400}> · {str('contact')}</Text>}
      </>
    );
  }
  const name = [str('lastName'), str('firstName'), str('middleName')].filter(Boolean).join(' ');
  return (
    <>
      {name || '—'}
      {str('relation') && <Text span c="dimmed" fw={400}> · {vocab.reporterRelation(str('relation'))}</Text>}
      {str('phone') && <Text span c="dimmed" fw={400}> · <Anchor href={`tel:${str('phone').replace(/[^\d+]/g, '')}`}>{str('phone')}</Anchor></Text>}
      {str('organisation') && <Text span c="dimmed" fw={400}> · {str('organisation')}</Text>}
    </>
  );
}

function SchoolName({ districtCode, schoolId }: { districtCode: string | null; schoolId: string }) {
  const { t } = useTranslation();
  const vocab = useVocab();
  const schools = useSchools(districtCode);
  const school = schools.data?.find((s) => s.id === schoolId);
  return <>{school ? localName(school.name, vocab.locale) : t('territory.schoolId', { id: schoolId })}</>;
}

function PersonsTable({ persons, kind, testId }: { persons: PersonInReport[]; kind: 'victim' | 'perpetrator'; testId: string }) {
  const { t } = useTranslation();
  const vocab = useVocab();
  if (persons.length === 0) return <Text c="dimmed" size="sm">{t('report.nobody')}</Text>;
  return (
    <Table.ScrollContainer minWidth={520}>
      <Table verticalSpacing={4} data-testid={testId}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('report.person.name')}</Table.Th>
            <Table.Th>{t('report.person.birthDate')}</Table.Th>
            <Table.Th>{t('report.person.age')}</Table.Th>
            <Table.Th>{t('report.person.sex')}</Table.Th>
            {kind === 'perpetrator' ? <Table.Th>{t('report.person.relation')}</Table.Th> : <Table.Th>{t('report.person.iin')}</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {persons.map((p) => {
            const name = personName(p);
            const age = ageOn(p.birthDate);
            return (
              <Table.Tr key={p.id}>
                <Table.Td>
                  {name ? <Anchor component={Link} to={`/persons/${p.id}`}>{name}</Anchor> : <Text span c="dimmed" size="sm">{t('report.person.unidentified')}</Text>}
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{p.birthDate ? formatDate(p.birthDate, vocab.locale) : p.birthYearApprox ? `≈ ${p.birthYearApprox}` : '—'}</Table.Td>
                <Table.Td>{age ?? (p.birthYearApprox ? `≈ ${new Date().getFullYear() - p.birthYearApprox}` : '—')}</Table.Td>
                <Table.Td>{p.sex ? vocab.sex(p.sex) : '—'}</Table.Td>
                <Table.Td>{kind === 'perpetrator' ? vocab.relation(p.relation) || '—' : <MaskedIin iin={p.iin} />}</Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function IncidentCard({ incident, index, districtName, redacted }: { incident: Incident; index: number; districtName: (c: string | null) => string; redacted: boolean }) {
  const { t } = useTranslation();
  const vocab = useVocab();
  const articles = useLegalArticles();
  const articleTitle = (code: string, article: string) => {
    const a = articles.data?.find((x) => x.code === code && x.article === article);
    return a ? localName(a.title, vocab.locale) : '';
  };
  return (
    <Card withBorder radius="md" p="md" data-testid={`report-incident-${index}`}>
      <Title order={3} size="h5" mb="xs">{t('report.incidentN', { n: index + 1 })}</Title>
      <Group gap={6} mb="sm" wrap="wrap" data-testid={`report-incident-${index}-types`}>
        {incident.types.map((c) => <Badge key={c} variant="light" color="grape">{vocab.type(c)}</Badge>)}
      </Group>
      <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm" mb="sm">
        <Fact label={t('report.occurredOn')}>{incident.occurredOn ? formatDate(incident.occurredOn, vocab.locale) : '—'}</Fact>
        <Fact label={t('report.place')}>{vocab.place(incident.place) || '—'}</Fact>
        <Fact label={t('report.district')}>{districtName(incident.districtCode)}</Fact>
        <Fact label={incident.schoolId ? t('report.school') : t('report.settlement')}>
          {incident.schoolId ? <SchoolName districtCode={incident.districtCode} schoolId={incident.schoolId} /> : (incident.settlementCode ?? '—')}
        </Fact>
      </SimpleGrid>
      {!redacted && incident.injuries && (
        <Fact label={t('report.injuries')}>
          <Text style={{ whiteSpace: 'pre-wrap' }} fw={400}>{incident.injuries}</Text>
        </Fact>
      )}
      {!redacted && incident.legalQualification.length > 0 && (
        <Stack gap={2} mt="xs">
          <Text size="xs" c="dimmed" tt="uppercase" fw={600}>{t('report.legal')}</Text>
          {incident.legalQualification.map((q) => (
            <Text key={`${q.code}-${q.article}`} size="sm">
              {t(q.code === 'criminal' ? 'report.legalCriminal' : 'report.legalAdministrative', { article: q.article })}
              {articleTitle(q.code, q.article) && <Text span c="dimmed"> — {articleTitle(q.code, q.article)}</Text>}
            </Text>
          ))}
        </Stack>
      )}
      <Divider my="sm" />
      <Text fw={600} size="sm" mb={4}>{t('report.victims')}</Text>
      <PersonsTable persons={incident.victims} kind="victim" testId={`report-incident-${index}-victims`} />
      <Text fw={600} size="sm" mt="sm" mb={4}>{t('report.perpetrators')}</Text>
      <PersonsTable persons={incident.perpetrators} kind="perpetrator" testId={`report-incident-${index}-perpetrators`} />
    </Card>
  );
}

export function ReportPage() {
  const { t } = useTranslation();
  const user = useUser();
  const vocab = useVocab();
  const locale = vocab.locale;
  const statusLabel = useStatusLabel();
  const { id = '' } = useParams();
  const report = useReport(id);
  const regions = useRegions();
  const districts = useDistricts(report.data?.regionCode ?? null);

  if (report.isPending) return <Loader aria-label={t('common.loading')} />;
  if (report.error instanceof ApiError && report.error.status === 404) {
    return (
      <Page title={t('report.notFoundTitle')}>
        <Text data-testid="report-not-found">{t('report.notFoundText')}</Text>
        <Anchor component={Link} to="/reports">{t('report.backToList')}</Anchor>
      </Page>
    );
  }
  if (report.isError) return <ErrorAlert error={report.error} />;
  const r = report.data;
  const region = regions.data?.find((x) => x.code === r.regionCode);
  const districtName = (code: string | null) => {
    if (!code) return '—';
    const d = districts.data?.find((x) => x.code === code);
    return d ? localName(d.name, locale) : code;
  };
  const screeningKeys = ['immediateDanger', 'childInjured', 'perpetratorHasAccess'] as const;
  const answer = (v: boolean | undefined) => (v === undefined ? t('report.notAsked') : v ? t('common.yes') : t('common.no'));

  return (
    <Page
      title={t('report.title', { number: r.number })}
      actions={
        <Group gap="xs">
          <Badge size="lg" color={PRIORITY_COLORS[r.priority] ?? 'gray'} variant="filled" data-testid="report-priority">
            {vocab.priority(r.priority)}
          </Badge>
          <Badge size="lg" color={STATUS_COLORS[r.status] ?? 'gray'} variant="light" data-testid="report-status">
            {statusLabel(r.status)}
          </Badge>
          {roleHas(user.role, 'cases.manage') && (
            <Button component={Link} to={`/cases/new?reportId=${encodeURIComponent(r.id)}`} variant="light" data-testid="report-open-case">
              {t('cases.fromReport')}
            </Button>
          )}
        </Group>
      }
    >
      <Section title={t('report.facts')} testId="report-facts">
        <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="md">
          <Fact label={t('report.number')}><Text span ff="monospace" fw={600} data-testid="report-number">{r.number}</Text></Fact>
          <Fact label={t('report.channel')} testId="report-channel">{vocab.channel(r.channel)}</Fact>
          <Fact label={t('report.region')} testId="report-region">{region ? localName(region.name, locale) : r.regionCode}</Fact>
          <Fact label={t('report.district')}>{districtName(r.districtCode)}</Fact>
          <Fact label={t('report.received')} testId="report-received">{formatDateTime(r.receivedAt, locale)}</Fact>
          <Fact label={t('report.reporter')} testId="report-reporter"><ReporterText reporter={r.reporter} /></Fact>
          {r.statusReason && <Fact label={t('report.statusReason')}>{r.statusReason}</Fact>}
        </SimpleGrid>
        <Divider my="md" />
        <Text fw={600} size="sm" mb={4}>{t('report.screening')}</Text>
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm" data-testid="report-screening">
          {screeningKeys.map((k) => (
            <Group key={k} gap="xs" wrap="nowrap" align="flex-start">
              <Badge variant={r.screening[k] ? 'filled' : 'outline'} color={r.screening[k] ? 'red' : 'gray'}>
                {answer(r.screening[k])}
              </Badge>
              <Text size="sm">{t(`intake.screening.${k}`)}</Text>
            </Group>
          ))}
        </SimpleGrid>
      </Section>

      <Section title={t('report.narrative')} testId="report-narrative-section">
        {r.redacted || r.narrative === null ? (
          <Alert color="gray" title={t('report.withheldTitle')} data-testid="report-withheld">
            {t('report.withheldText')}
          </Alert>
        ) : (
          <Text style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} data-testid="report-narrative">
            {r.narrative}
          </Text>
        )}
      </Section>

      <Section title={t('report.incidents')} testId="report-incidents">
        <Stack gap="sm">
          {r.incidents.map((inc, i) => (
            <IncidentCard key={inc.id} incident={inc} index={i} districtName={districtName} redacted={r.redacted} />
          ))}
        </Stack>
      </Section>

      <Section title={t('tasks.report.title')} testId="report-tasks">
        <ReportTasks tasks={r.tasks} />
      </Section>

      <Section title={t('conferences.title')} testId="report-conferences">
        <ReportConferences report={r} />
      </Section>

      <Section title={t('report.attachments.title')} testId="report-attachments">
        <ReportAttachments reportId={r.id} canUpload={roleHas(user.role, 'reports.create') || roleHas(user.role, 'reports.update')} />
      </Section>

      {roleHas(user.role, 'reports.update') && (
        <Section title={t('report.statusChange.title')} testId="report-status-change">
          <StatusChange report={r} />
        </Section>
      )}

      <Section title={t('timeline.title')} testId="report-timeline">
        <ReportTimeline reportId={r.id} tasks={r.tasks} />
      </Section>

      <Section title={t('report.history.title')} testId="report-history">
        <ReportHistory reportId={r.id} />
      </Section>
    </Page>
  );
}
