import { Alert, Code, Loader, Switch, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../components/error-alert.tsx';
import { Page } from '../components/page.tsx';
import { useLabels } from '../labels.ts';
import { useRoleSettings, useUpdateRoleSetting } from './api.ts';

export function RolesPage() {
  const { t } = useTranslation();
  const labels = useLabels();
  const roles = useRoleSettings();
  const update = useUpdateRoleSetting();

  return (
    <Page title={t('roles.title')}>
      <Text c="dimmed">{t('roles.intro')}</Text>
      <ErrorAlert error={roles.error ?? update.error} />
      {roles.isPending && <Loader aria-label={t('common.loading')} />}
      {update.isSuccess && (
        <Alert color="teal" role="status">
          {t('roles.saved')}
        </Alert>
      )}
      {roles.data && (
        <Table.ScrollContainer minWidth={500}>
          <Table striped verticalSpacing="sm" data-testid="roles-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('roles.role')}</Table.Th>
                <Table.Th>{t('roles.code')}</Table.Th>
                <Table.Th>{t('roles.requireTotp')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {roles.data.map((setting) => {
                const pending = update.isPending && update.variables.role === setting.role;
                const checked = pending ? update.variables.requireTotp : setting.requireTotp;
                return (
                  <Table.Tr key={setting.role}>
                    <Table.Td>{labels.role(setting.role)}</Table.Td>
                    <Table.Td>
                      <Code>{setting.role}</Code>
                    </Table.Td>
                    <Table.Td>
                      <Switch
                        checked={checked}
                        disabled={pending}
                        onChange={(e) => update.mutate({ role: setting.role, requireTotp: e.currentTarget.checked })}
                        aria-label={t('roles.requireTotpFor', { role: labels.role(setting.role) })}
                        label={checked ? t('common.yes') : t('common.no')}
                        data-testid={`role-totp-${setting.role}`}
                      />
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Page>
  );
}
