import type { ReactNode } from 'react';
import { Anchor, Badge, Card, Group, Loader, SimpleGrid, Table, Text } from '@mantine/core';
import { Link, Navigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { roleHas } from '@qorgau/core';
import { useUser } from '../auth/session.ts';
import { Chronology } from '../concerns/chronology.tsx';
import { PersonCases } from '../cases/person-cases.tsx';
import { RiskFlags } from '../warnings/risk-flags.tsx';
import { ApiError } from '../api.ts';
import { ErrorAlert } from '../components/error-alert.tsx';
import { Page } from '../components/page.tsx';
import { formatDate } from '../format.ts';
import { useLocale } from '../i18n/use-locale.ts';
import { useVocab } from '../reports/vocab.ts';
import { usePerson } from './api.ts';
import { MaskedIin } from './masked-iin.tsx';
import { personName } from './person-text.ts';

function Fact({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <Card withBorder padding="sm" radius="md">
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>{label}</Text>
      <Text fw={500} mt={2} data-testid={testId}>{children}</Text>
    </Card>
  );
}

export function PersonPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const vocab = useVocab();
  const { id = '' } = useParams();
  const person = usePerson(id);
  const user = useUser();

  if (person.isPending) return <Loader aria-label={t('common.loading')} />;
  if (person.error instanceof ApiError && (person.error.status === 404 || person.error.status === 400)) {
    return (
      <Page title={t('persons.notFoundTitle')}>
        <Text data-testid="person-not-found">{t('persons.notFoundText')}</Text>
        <Anchor component={Link} to="/persons">{t('persons.backToSearch')}</Anchor>
      </Page>
    );
  }
  if (person.isError) return <ErrorAlert error={person.error} />;
  const p = person.data;
  // merged into another record (record linkage): show the record it lives on as
  if (p.mergedInto) return <Navigate to={`/persons/${p.mergedInto}`} replace />;

  const roleLabel = (role: string) => (role === 'victim' ? t('persons.roleVictim') : role === 'perpetrator' ? t('persons.rolePerpetrator') : role);

  return (
    <Page title={personName(p) || t('persons.unnamed')}>
      <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm">
        <Fact label={t('persons.birthDate')} testId="person-birth">{p.birthDate ? formatDate(p.birthDate, locale) : p.birthYearApprox ? `≈ ${p.birthYearApprox}` : '—'}</Fact>
        <Fact label={t('persons.age')} testId="person-age">{p.age ?? '—'}</Fact>
        <Fact label={t('persons.sex')}>{p.sex ? vocab.sex(p.sex) : '—'}</Fact>
        <Fact label={t('persons.iin')}><MaskedIin iin={p.iin} /></Fact>
      </SimpleGrid>
      {(roleHas(user.role, 'reports.read') || roleHas(user.role, 'cases.read')) && (
        <div>
          <Text component="h2" fw={700} fz="lg" mb="xs">{t('risk.title')}</Text>
          <RiskFlags personId={p.id} />
        </div>
      )}
      <div>
        <Text component="h2" fw={700} fz="lg" mb="xs">{t('persons.reports')}</Text>
        {p.reports.length === 0 ? (
          <Text c="dimmed">{t('persons.noReports')}</Text>
        ) : (
          <Table.ScrollContainer minWidth={360}>
            <Table striped verticalSpacing="xs" data-testid="person-reports">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('reports.col.number')}</Table.Th>
                  <Table.Th>{t('persons.role')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {p.reports.map((r) => (
                  <Table.Tr key={`${r.id}-${r.role}`}>
                    <Table.Td>
                      <Anchor component={Link} to={`/reports/${r.id}`} ff="monospace" fz="sm" fw={600}>{r.number}</Anchor>
                    </Table.Td>
                    <Table.Td>
                      <Group gap={4}>
                        <Badge variant="light" color={r.role === 'victim' ? 'teal' : 'orange'}>{roleLabel(r.role)}</Badge>
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </div>
      {roleHas(user.role, 'cases.read') && (
        <div>
          <Text component="h2" fw={700} fz="lg" mb="xs">{t('cases.person.title')}</Text>
          <PersonCases personId={p.id} />
        </div>
      )}
      {(roleHas(user.role, 'concerns.review') || roleHas(user.role, 'reports.read')) && (
        <div>
          <Text component="h2" fw={700} fz="lg" mb="xs">{t('concerns.chronology.title')}</Text>
          <Chronology personId={p.id} />
        </div>
      )}
    </Page>
  );
}
