import { useState, type FormEvent, type ReactNode } from 'react';
import { Alert, Badge, Button, Group, Paper, PasswordInput, SegmentedControl, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { LOCALES } from '@qorgau/core';
import { post } from '../api.ts';
import { useChangeLanguage, useUser } from '../auth/session.ts';
import { ErrorAlert } from '../components/error-alert.tsx';
import { useFocusFirstError } from '../components/use-focus-first-error.ts';
import { Page } from '../components/page.tsx';
import { formatDateTime } from '../format.ts';
import { fieldErrors } from '../i18n/errors.ts';
import { LANGUAGE_NAMES } from '../i18n/index.ts';
import { useLocale } from '../i18n/use-locale.ts';
import { useLabels } from '../labels.ts';
import { useTerritoryWords } from '../reference/territory.tsx';
import { TotpSetup } from './totp-setup.tsx';
import { NotificationSettings } from '../notifications/settings.tsx';

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-label={title}>
      <Title order={2} size="h4" mb="sm">
        {title}
      </Title>
      {children}
    </Paper>
  );
}

function Row({ label, value }: { label: string; value: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" fw={500}>
        {value}
      </Text>
    </div>
  );
}

function ChangePassword({ username }: { username: string }) {
  const { t } = useTranslation();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const change = useMutation({
    mutationFn: (body: { currentPassword: string; newPassword: string }) => post<void>('/v1/auth/me/password', body),
    onSuccess: () => {
      setCurrent('');
      setNext('');
      setConfirm('');
    },
  });
  const errors = fieldErrors(change.error);
  const focus = useFocusFirstError<HTMLFormElement>();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (change.isPending || !current || !next) return;
    if (next !== confirm) {
      setMismatch(true);
      return focus.reportFailure();
    }
    setMismatch(false);
    change.mutate({ currentPassword: current, newPassword: next }, { onError: focus.reportFailure });
  };

  return (
    <form ref={focus.ref} onSubmit={submit} noValidate>
      {/* lets password managers know whose password this is */}
      <input type="text" name="username" autoComplete="username" value={username} readOnly hidden />
      <Stack gap="sm" maw={420}>
        {change.isSuccess && (
          <Alert color="teal" role="status" data-testid="password-changed">
            {t('account.passwordChanged')}
          </Alert>
        )}
        <ErrorAlert error={change.error} fields={['currentPassword', 'newPassword']} />
        <PasswordInput
          label={t('account.currentPassword')}
          autoComplete="current-password"
          required
          value={current}
          error={errors.currentPassword}
          onChange={(e) => setCurrent(e.currentTarget.value)}
          data-testid="account-current-password"
        />
        <PasswordInput
          label={t('account.newPassword')}
          description={t('users.passwordHint')}
          autoComplete="new-password"
          required
          value={next}
          error={errors.newPassword}
          onChange={(e) => setNext(e.currentTarget.value)}
          data-testid="account-new-password"
        />
        <PasswordInput
          label={t('account.confirmPassword')}
          autoComplete="new-password"
          required
          value={confirm}
          error={mismatch ? t('validation.passwordsDiffer') : undefined}
          onChange={(e) => setConfirm(e.currentTarget.value)}
          data-testid="account-confirm-password"
        />
        <Group>
          <Button type="submit" loading={change.isPending} disabled={!current || !next || !confirm} data-testid="account-change-password">
            {t('account.changePassword')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function AccountPage() {
  const { t } = useTranslation();
  const user = useUser();
  const labels = useLabels();
  const locale = useLocale();
  const changeLanguage = useChangeLanguage();
  const territory = useTerritoryWords(user);

  return (
    <Page title={t('account.title')}>
      <Section title={t('account.profile')}>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <Row label={t('users.fullName')} value={user.fullName} />
          <Row label={t('users.username')} value={user.username} />
          <Row label={t('users.role')} value={labels.role(user.role)} />
          <Row label={t('users.agency')} value={labels.agency(user.agencyType)} />
          <Row label={t('users.territory')} value={territory} />
          <Row label={t('account.createdAt')} value={formatDateTime(user.createdAt, locale)} />
        </SimpleGrid>
      </Section>

      <Section title={t('language.label')}>
        <Text size="sm" c="dimmed" mb="xs" id="account-language-hint">
          {t('account.languageHint')}
        </Text>
        <SegmentedControl
          aria-describedby="account-language-hint"
          value={locale}
          onChange={(value) => void changeLanguage(value)}
          data={LOCALES.map((code) => ({ value: code, label: <span lang={code}>{LANGUAGE_NAMES[code]}</span> }))}
          data-testid="account-language"
        />
      </Section>

      <Section title={t('notifications.settings.title')}>
        <NotificationSettings />
      </Section>

      <Section title={t('account.changePassword')}>
        <ChangePassword username={user.username} />
      </Section>

      <Section title={t('totp.title')}>
        {user.totpEnabled ? (
          <Group gap="sm">
            <Badge color="teal" variant="light" data-testid="totp-status">
              {t('totp.on')}
            </Badge>
            <Text size="sm">{t('totp.onText')}</Text>
          </Group>
        ) : (
          <TotpSetup />
        )}
      </Section>
    </Page>
  );
}
