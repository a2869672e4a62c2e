import { useEffect, useState, type FormEvent } from 'react';
import { Alert, Button, Group, Loader, Stack, Switch, Table, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { NOTIFICATION_KINDS, notificationKindLabels, type NotificationKind } from '@qorgau/core';
import { ErrorAlert } from '../components/error-alert.tsx';
import { fieldErrors } from '../i18n/errors.ts';
import { useLocale } from '../i18n/use-locale.ts';
import { useOwnEmail, usePreferences, useSaveEmail, useSavePreference, type NotificationPreference } from './api.ts';

function EmailAddress() {
  const { t } = useTranslation();
  const current = useOwnEmail();
  const save = useSaveEmail();
  const [value, setValue] = useState('');
  useEffect(() => {
    if (current.data) setValue(current.data.email ?? '');
  }, [current.data]);
  const errors = fieldErrors(save.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (save.isPending) return;
    save.mutate(value.trim() || null);
  };
  const unchanged = (current.data?.email ?? '') === value.trim();
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="xs" maw={420}>
        {save.isSuccess && unchanged && (
          <Alert color="teal" role="status" data-testid="notification-email-saved">
            {t('notifications.settings.emailSaved')}
          </Alert>
        )}
        <ErrorAlert error={save.error} fields={['email']} />
        <TextInput
          type="email"
          label={t('notifications.settings.emailAddress')}
          description={t('notifications.settings.emailHint')}
          autoComplete="email"
          value={value}
          // the server's words are English; the field's problem is always the same one
          error={errors.email ? t('notifications.settings.emailInvalid') : undefined}
          disabled={current.isPending}
          onChange={(e) => setValue(e.currentTarget.value)}
          data-testid="notification-email"
        />
        <Group>
          <Button type="submit" loading={save.isPending} disabled={unchanged || current.isPending} data-testid="notification-email-save">
            {t('notifications.settings.emailSave')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The account page's notification settings: the email address and, per kind, in-app and email delivery. */
export function NotificationSettings() {
  const { t } = useTranslation();
  const locale = useLocale();
  const prefs = usePreferences();
  const email = useOwnEmail();
  const save = useSavePreference();
  const byKind = new Map<NotificationKind, NotificationPreference>((prefs.data ?? []).map((p) => [p.kind, p]));
  const noAddress = email.isSuccess && !email.data.email;

  const toggle = (kind: NotificationKind, channel: 'inApp' | 'email', on: boolean) => {
    const p = byKind.get(kind);
    if (p) save.mutate({ ...p, [channel]: on });
  };
  const channelName = { inApp: t('notifications.settings.inApp'), email: t('notifications.settings.email') };

  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        {t('notifications.settings.hint')}
      </Text>
      <EmailAddress />
      <ErrorAlert error={prefs.error ?? save.error} />
      {noAddress && (
        <Text size="sm" c="orange.9" data-testid="notification-no-email">
          {t('notifications.settings.noEmail')}
        </Text>
      )}
      {prefs.isPending ? (
        <Loader size="sm" aria-label={t('common.loading')} />
      ) : (
        <Table.ScrollContainer minWidth={420}>
          <Table verticalSpacing="xs" data-testid="notification-preferences">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('notifications.settings.kind')}</Table.Th>
                <Table.Th scope="col" ta="center">{channelName.inApp}</Table.Th>
                <Table.Th scope="col" ta="center">{channelName.email}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {NOTIFICATION_KINDS.map((kind) => {
                const p = byKind.get(kind);
                const kindLabel = notificationKindLabels[kind][locale];
                return (
                  <Table.Tr key={kind}>
                    <Table.Th scope="row" fw={500}>{kindLabel}</Table.Th>
                    {(['inApp', 'email'] as const).map((channel) => (
                      <Table.Td key={channel}>
                        <Group justify="center">
                          <Switch
                            checked={p?.[channel] ?? false}
                            disabled={!p || save.isPending}
                            onChange={(e) => toggle(kind, channel, e.currentTarget.checked)}
                            aria-label={t('notifications.settings.toggle', { kind: kindLabel, channel: channelName[channel] })}
                            data-testid={`notification-pref-${kind}-${channel}`}
                          />
                        </Group>
                      </Table.Td>
                    ))}
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
