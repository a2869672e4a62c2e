// /protocol: the response protocol in force, for everyone signed in; /protocol/versions/:version:
// an older version or a draft. Administrators start a new draft from any version.
import { Alert, Anchor, Badge, Button, Group, Loader, Stack, Table, Text } from '@mantine/core';
import { Link, useLocation, useParams } from 'react-router';
import { roleHas } from '@qorgau/core';
import { ApiError } from '../api.ts';
import { useUser } from '../auth/session.ts';
import { ErrorAlert } from '../components/error-alert.tsx';
import { NotFoundPage } from '../components/not-found-page.tsx';
import { Page } from '../components/page.tsx';
import { formatDateTime } from '../format.ts';
import { useActiveProtocol, useProtocolVersion, useProtocolVersions, type ProtocolVersion, type VersionStatus } from './api.ts';
import { ProtocolDocument, Section } from './protocol-document.tsx';
import { useProtocolText } from './text.ts';

export const STATUS_COLOR: Record<VersionStatus, string> = { active: 'teal', draft: 'yellow', retired: 'gray' };

export function VersionStatusBadge({ status }: { status: VersionStatus }) {
  const { t } = useProtocolText();
  return <Badge color={STATUS_COLOR[status]} variant={status === 'active' ? 'filled' : 'light'}>{t(`protocol.status.${status}`)}</Badge>;
}

function VersionsTable({ current }: { current: number }) {
  const { t, locale } = useProtocolText();
  const user = useUser();
  const canEdit = roleHas(user.role, 'protocol.edit');
  const versions = useProtocolVersions();
  if (versions.isPending) return <Loader size="sm" aria-label={t('common.loading')} />;
  if (versions.isError) return <ErrorAlert error={versions.error} />;
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table verticalSpacing="xs" highlightOnHover data-testid="protocol-versions">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('protocol.versions.version')}</Table.Th>
            <Table.Th>{t('protocol.versions.status')}</Table.Th>
            <Table.Th>{t('protocol.versions.note')}</Table.Th>
            <Table.Th>{t('protocol.versions.created')}</Table.Th>
            <Table.Th>{t('protocol.versions.activated')}</Table.Th>
            <Table.Th>{t('common.actions')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {versions.data.filter((v) => v.status !== 'draft' || canEdit || v.version === current).map((v) => (
            <Table.Tr key={v.version} data-testid={`protocol-version-row-${v.version}`} bg={v.version === current ? 'teal.0' : undefined}>
              <Table.Td fw={600} style={{ whiteSpace: 'nowrap' }}>{t('protocol.versions.n', { n: v.version })}</Table.Td>
              <Table.Td><VersionStatusBadge status={v.status} /></Table.Td>
              <Table.Td maw={320}><Text size="sm" lineClamp={2}>{v.note ?? '—'}</Text></Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(v.createdAt, locale)}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{v.activatedAt ? formatDateTime(v.activatedAt, locale) : '—'}</Table.Td>
              <Table.Td>
                <Group gap="xs" wrap="nowrap">
                  {v.version !== current && (
                    <Anchor component={Link} to={v.status === 'active' ? '/protocol' : `/protocol/versions/${v.version}`} size="sm" data-testid={`protocol-version-view-${v.version}`}>
                      {t('protocol.versions.view')}
                    </Anchor>
                  )}
                  {canEdit && (
                    <Anchor component={Link} to={`/protocol/versions/${v.version}/edit`} size="sm" data-testid={`protocol-version-edit-${v.version}`}>
                      {v.status === 'draft' ? t('protocol.versions.editDraft') : t('protocol.versions.newDraft')}
                    </Anchor>
                  )}
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function VersionView({ version, activeVersion }: { version: ProtocolVersion; activeVersion: number | null }) {
  const { t, locale } = useProtocolText();
  const user = useUser();
  const canEdit = roleHas(user.role, 'protocol.edit');
  const isActive = version.status === 'active';
  const location = useLocation();
  const activated = (location.state as { activated?: number } | null)?.activated;
  return (
    <Page
      title={t('protocol.title')}
      actions={canEdit && (
        <Button component={Link} to={`/protocol/versions/${version.version}/edit`} data-testid="protocol-new-draft">
          {version.status === 'draft' ? t('protocol.versions.editDraft') : t('protocol.versions.newDraft')}
        </Button>
      )}
    >
      <Group gap="sm" wrap="wrap" data-testid="protocol-version" data-version={version.version}>
        <Text fw={600} size="lg">{t('protocol.versions.n', { n: version.version })}</Text>
        <VersionStatusBadge status={version.status} />
        {version.activatedAt && (
          <Text c="dimmed" size="sm">
            {t(isActive ? 'protocol.view.inForceSince' : 'protocol.view.wasInForceFrom', { date: formatDateTime(version.activatedAt, locale) })}
          </Text>
        )}
      </Group>
      {version.note && <Text size="sm" mt={-8} data-testid="protocol-note">{version.note}</Text>}
      {isActive && activated === version.version && (
        <Alert color="teal" role="status" data-testid="protocol-activated">{t('protocol.view.activated', { n: version.version })}</Alert>
      )}
      {!isActive && (
        <Alert color={version.status === 'draft' ? 'yellow' : 'gray'} data-testid="protocol-not-active">
          {t(version.status === 'draft' ? 'protocol.view.draftNotice' : 'protocol.view.retiredNotice', { n: version.version })}{' '}
          {activeVersion !== null && (
            <Anchor component={Link} to="/protocol">{t('protocol.view.toActive', { n: activeVersion })}</Anchor>
          )}
        </Alert>
      )}
      {isActive && <Text maw={820}>{t('protocol.view.intro')}</Text>}
      <ProtocolDocument definition={version.definition} />
      <Section title={t('protocol.versions.title')} intro={t('protocol.versions.intro')} testId="protocol-versions-section">
        <VersionsTable current={version.version} />
      </Section>
    </Page>
  );
}

export function ProtocolPage() {
  const { t } = useProtocolText();
  const params = useParams();
  const requested = params.version ? Number(params.version) : null;
  const active = useActiveProtocol();
  const other = useProtocolVersion(requested !== null && Number.isInteger(requested) ? requested : null);
  if (requested !== null && !(Number.isInteger(requested) && requested > 0)) return <NotFoundPage />;

  const query = requested !== null ? other : active;
  if (query.isPending) return <Loader aria-label={t('common.loading')} />;
  if (query.error instanceof ApiError && query.error.status === 404) return <NotFoundPage />;
  if (query.isError) return <Stack><ErrorAlert error={query.error} /></Stack>;
  return <VersionView version={query.data} activeVersion={active.data?.version ?? null} />;
}
