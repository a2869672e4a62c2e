import { Avatar, Group, Menu, Text, UnstyledButton } from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useSignOut, useUser } from '../auth/session.ts';
import { useLabels } from '../labels.ts';

function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]?.toUpperCase() ?? '')
    .join('');
}

export function UserMenu() {
  const { t } = useTranslation();
  const user = useUser();
  const labels = useLabels();
  const signOut = useSignOut();
  const name = user.fullName || user.username;
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <UnstyledButton data-testid="user-menu" aria-label={`${t('userMenu.label')}: ${name}`} p={4}>
          <Group gap="xs" wrap="nowrap">
            <Avatar size="sm" radius="xl" color="teal" aria-hidden="true">
              {initials(name)}
            </Avatar>
            <div>
              <Text size="sm" fw={600} lh={1.2} visibleFrom="sm">
                {name}
              </Text>
              <Text size="xs" c="dimmed" lh={1.2} visibleFrom="sm">
                {labels.role(user.role)}
              </Text>
            </div>
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>
          {name} · {labels.role(user.role)}
        </Menu.Label>
        <Menu.Item component={Link} to="/account" data-testid="menu-account">
          {t('nav.account')}
        </Menu.Item>
        <Menu.Divider />
        <Menu.Item
          color="red"
          data-testid="logout"
          onClick={() => void signOut()}
        >
          {t('userMenu.signOut')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
