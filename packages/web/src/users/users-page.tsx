import { useState } from 'react';
import { Alert, Badge, Button, Group, Loader, Menu, Modal, NativeSelect, Stack, Table, Text, TextInput, VisuallyHidden } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { ROLES, type Role } from '@qorgau/core';
import { useUser } from '../auth/session.ts';
import { ErrorAlert } from '../components/error-alert.tsx';
import { Page } from '../components/page.tsx';
import { formatDateTime } from '../format.ts';
import { useLocale } from '../i18n/use-locale.ts';
import { useLabels } from '../labels.ts';
import { TerritoryText } from '../reference/territory.tsx';
import type { User } from '../types.ts';
import { useUpdateUser, useUsers, type UserFilter } from './api.ts';
import { ResetPasswordForm } from './reset-password-form.tsx';
import { UserForm } from './user-form.tsx';

type Dialog =
  | { kind: 'create' }
  | { kind: 'edit'; user: User }
  | { kind: 'password'; user: User }
  | { kind: 'deactivate'; user: User }
  | null;

export function UsersPage() {
  const { t } = useTranslation();
  const labels = useLabels();
  const locale = useLocale();
  const me = useUser();
  const [q, setQ] = useState('');
  const [role, setRole] = useState<Role | ''>('');
  const [active, setActive] = useState<UserFilter['active']>('');
  const [debouncedQ] = useDebouncedValue(q.trim(), 300);
  const users = useUsers({ q: debouncedQ, role, active });
  const update = useUpdateUser();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const close = () => setDialog(null);
  const open = (next: Dialog) => {
    update.reset();
    setDialog(next);
  };

  const setActiveFlag = (user: User, value: boolean) => {
    update.mutate(
      { id: user.id, changes: { active: value } },
      {
        onSuccess: () => {
          setNotice(value ? t('users.reactivated', { name: user.username }) : t('users.deactivated', { name: user.username }));
          close();
        },
      },
    );
  };

  return (
    <Page
      title={t('users.title')}
      actions={
        <Button onClick={() => open({ kind: 'create' })} data-testid="user-create">
          {t('users.new')}
        </Button>
      }
    >
      <Group align="flex-end" gap="sm" wrap="wrap" role="search" aria-label={t('users.filters')}>
        <TextInput
          label={t('users.search')}
          type="search"
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
          w={{ base: '100%', sm: 280 }}
          data-testid="users-search"
        />
        <NativeSelect
          label={t('users.role')}
          data={[{ value: '', label: t('users.allRoles') }, ...ROLES.map((r) => ({ value: r, label: labels.role(r) }))]}
          value={role}
          onChange={(e) => setRole(e.currentTarget.value as Role | '')}
          data-testid="users-filter-role"
        />
        <NativeSelect
          label={t('users.status')}
          data={[
            { value: '', label: t('users.statusAll') },
            { value: 'true', label: t('users.statusActive') },
            { value: 'false', label: t('users.statusInactive') },
          ]}
          value={active}
          onChange={(e) => setActive(e.currentTarget.value as UserFilter['active'])}
          data-testid="users-filter-active"
        />
        {users.isFetching && <Loader size="sm" aria-label={t('common.loading')} />}
      </Group>

      {notice && (
        <Alert color="teal" withCloseButton onClose={() => setNotice(null)} role="status" data-testid="users-notice">
          {notice}
        </Alert>
      )}
      <ErrorAlert error={users.error} />
      <ErrorAlert error={dialog?.kind === 'deactivate' ? null : update.error} />

      <Table.ScrollContainer minWidth={860}>
        <Table striped highlightOnHover verticalSpacing="xs" data-testid="users-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>
                {t('users.fullName')} / {t('users.username')}
              </Table.Th>
              <Table.Th>{t('users.role')}</Table.Th>
              <Table.Th>{t('users.agency')}</Table.Th>
              <Table.Th>{t('users.territory')}</Table.Th>
              <Table.Th>{t('users.status')}</Table.Th>
              <Table.Th>{t('users.lastLogin')}</Table.Th>
              <Table.Th>
                <VisuallyHidden>{t('common.actions')}</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {users.data?.map((user) => (
              <Table.Tr key={user.id} data-testid={`user-row-${user.username}`}>
                <Table.Td>
                  <Text size="sm" fw={500}>
                    {user.fullName}
                  </Text>
                  <Text ff="monospace" size="xs" c="dimmed">
                    {user.username}
                  </Text>
                </Table.Td>
                <Table.Td>{labels.role(user.role)}</Table.Td>
                <Table.Td>{labels.agency(user.agencyType)}</Table.Td>
                <Table.Td>
                  <TerritoryText fields={user} />
                </Table.Td>
                <Table.Td>
                  <Group gap={4} wrap="nowrap">
                    {user.active ? (
                      <Badge color="teal" variant="light">{t('users.statusActive')}</Badge>
                    ) : (
                      <Badge color="gray" variant="light">{t('users.statusInactive')}</Badge>
                    )}
                    {user.totpEnabled && (
                      <Badge color="blue" variant="light" title={t('users.totpOn')}>
                        2FA
                      </Badge>
                    )}
                  </Group>
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(user.lastLoginAt, locale)}</Table.Td>
                <Table.Td>
                  <Menu position="bottom-end" withinPortal>
                    <Menu.Target>
                      <Button
                        variant="subtle"
                        size="compact-sm"
                        aria-label={t('users.actionsFor', { name: user.username })}
                        data-testid={`user-actions-${user.username}`}
                      >
                        {t('common.actions')} ▾
                      </Button>
                    </Menu.Target>
                    <Menu.Dropdown>
                      <Menu.Item onClick={() => open({ kind: 'edit', user })} data-testid={`user-edit-${user.username}`}>
                        {t('common.edit')}
                      </Menu.Item>
                      <Menu.Item onClick={() => open({ kind: 'password', user })} data-testid={`user-reset-${user.username}`}>
                        {t('users.resetPassword')}
                      </Menu.Item>
                      {user.active ? (
                        <Menu.Item
                          color="red"
                          disabled={user.id === me.id}
                          onClick={() => open({ kind: 'deactivate', user })}
                          data-testid={`user-deactivate-${user.username}`}
                        >
                          {t('users.deactivate')}
                        </Menu.Item>
                      ) : (
                        <Menu.Item onClick={() => setActiveFlag(user, true)} data-testid={`user-reactivate-${user.username}`}>
                          {t('users.reactivate')}
                        </Menu.Item>
                      )}
                    </Menu.Dropdown>
                  </Menu>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {users.data?.length === 0 && (
        <Text c="dimmed" ta="center" py="md">
          {t('users.none')}
        </Text>
      )}

      <Modal opened={dialog?.kind === 'create'} onClose={close} title={t('users.new')} size="lg">
        {dialog?.kind === 'create' && (
          <UserForm
            user={null}
            onCancel={close}
            onDone={(created) => {
              setNotice(t('users.created', { name: created.username }));
              close();
            }}
          />
        )}
      </Modal>
      <Modal opened={dialog?.kind === 'edit'} onClose={close} title={t('users.editTitle')} size="lg">
        {dialog?.kind === 'edit' && (
          <UserForm
            key={dialog.user.id}
            user={dialog.user}
            onCancel={close}
            onDone={(saved) => {
              setNotice(t('users.saved', { name: saved.username }));
              close();
            }}
          />
        )}
      </Modal>
      <Modal opened={dialog?.kind === 'password'} onClose={close} title={t('users.resetPassword')}>
        {dialog?.kind === 'password' && (
          <ResetPasswordForm
            user={dialog.user}
            onCancel={close}
            onDone={() => {
              setNotice(t('users.passwordReset', { name: dialog.user.username }));
              close();
            }}
          />
        )}
      </Modal>
      <Modal opened={dialog?.kind === 'deactivate'} onClose={close} title={t('users.deactivate')}>
        {dialog?.kind === 'deactivate' && (
          <Stack gap="sm">
            <Text>{t('users.deactivateText', { name: dialog.user.fullName || dialog.user.username })}</Text>
            <ErrorAlert error={update.error} />
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                {t('common.cancel')}
              </Button>
              <Button
                color="red"
                loading={update.isPending}
                onClick={() => setActiveFlag(dialog.user, false)}
                data-testid="user-deactivate-confirm"
              >
                {t('users.deactivate')}
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </Page>
  );
}
