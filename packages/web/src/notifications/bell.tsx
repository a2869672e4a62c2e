import { useState } from 'react';
import { ActionIcon, Badge, Box, Button, Center, Group, Indicator, Loader, Popover, ScrollArea, Stack, Text, UnstyledButton } from '@mantine/core';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../components/error-alert.tsx';
import { formatDateTime } from '../format.ts';
import { useLocale } from '../i18n/use-locale.ts';
import {
  notificationHref, notificationWords, useMarkAllRead, useMarkRead, useNotifications, useNotificationStream, type AppNotification,
} from './api.ts';

function BellIcon({ size = 20 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false">
      <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
      <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
    </svg>
  );
}

function Item({ n, onOpen }: { n: AppNotification; onOpen: (n: AppNotification) => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { title, body } = notificationWords(n, locale);
  const unread = !n.readAt;
  return (
    <UnstyledButton
      onClick={() => onOpen(n)}
      p="xs"
      w="100%"
      style={{ borderRadius: 'var(--mantine-radius-sm)', background: unread ? 'var(--mantine-color-teal-light)' : undefined }}
      data-testid="notification-item"
      data-unread={unread ? 'true' : undefined}
    >
      <Group justify="space-between" wrap="nowrap" align="flex-start" gap="xs">
        <Text size="sm" fw={unread ? 700 : 500}>
          {title}
        </Text>
        {unread && (
          <Badge size="xs" color="teal" variant="filled" style={{ flexShrink: 0 }}>
            {t('notifications.unread')}
          </Badge>
        )}
      </Group>
      {body && (
        <Text size="xs" c="dimmed" style={{ whiteSpace: 'pre-line' }} mt={2}>
          {body}
        </Text>
      )}
      <Text size="xs" c="dimmed" mt={4}>
        {formatDateTime(n.createdAt, locale)}
      </Text>
    </UnstyledButton>
  );
}

/** The bell in the header: unread count, the latest notifications, live updates. */
export function NotificationBell() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [opened, setOpened] = useState(false);
  const list = useNotifications();
  const markRead = useMarkRead();
  const markAll = useMarkAllRead();
  useNotificationStream();

  const unread = list.data?.pages[0]?.unread ?? 0;
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const label = t('notifications.bellLabel', { n: unread });

  const open = (n: AppNotification) => {
    if (!n.readAt) markRead.mutate(n.id);
    setOpened(false);
    void navigate(notificationHref(n));
  };

  return (
    <Popover opened={opened} onChange={setOpened} position="bottom-end" width={380} shadow="md" withinPortal trapFocus returnFocus>
      <Popover.Target>
        <Indicator label={unread > 99 ? '99+' : unread} size={18} color="red" disabled={unread === 0} offset={4} data-testid="notifications-count">
          <ActionIcon variant="subtle" size="lg" color="gray" aria-label={label} title={label} aria-expanded={opened} aria-haspopup="dialog" onClick={() => setOpened((o) => !o)} data-testid="notifications-bell">
            <BellIcon />
          </ActionIcon>
        </Indicator>
      </Popover.Target>
      <Popover.Dropdown p="xs" role="dialog" aria-label={t('notifications.title')} maw="calc(100vw - 16px)">
        <Group justify="space-between" mb="xs" px="xs">
          <Text fw={700}>{t('notifications.title')}</Text>
          <Button size="compact-xs" variant="subtle" disabled={unread === 0} loading={markAll.isPending} onClick={() => markAll.mutate()} data-testid="notifications-read-all">
            {t('notifications.markAllRead')}
          </Button>
        </Group>
        <ErrorAlert error={list.error ?? markRead.error ?? markAll.error} />
        {list.isPending ? (
          <Center p="md">
            <Loader size="sm" aria-label={t('common.loading')} />
          </Center>
        ) : items.length === 0 ? (
          <Text size="sm" c="dimmed" p="xs" data-testid="notifications-empty">
            {t('notifications.empty')}
          </Text>
        ) : (
          <ScrollArea.Autosize mah="min(70vh, 520px)" type="auto">
            <Stack gap={4} component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
              {items.map((n) => (
                <Box component="li" key={n.id}>
                  <Item n={n} onOpen={open} />
                </Box>
              ))}
            </Stack>
            {list.hasNextPage && (
              <Center mt="xs">
                <Button size="compact-sm" variant="subtle" loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
                  {t('notifications.loadMore')}
                </Button>
              </Center>
            )}
          </ScrollArea.Autosize>
        )}
      </Popover.Dropdown>
    </Popover>
  );
}
