import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Anchor, Button, Center, Group, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError, post } from '../api.ts';
import { ErrorAlert } from '../components/error-alert.tsx';
import { LanguageSwitcher } from '../layout/language-switcher.tsx';
import { SESSION_KEY, completeSignIn, type LoginResponse } from './session.ts';

interface Credentials {
  username: string;
  password: string;
  totp?: string;
}

export function LoginPage() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [totp, setTotp] = useState('');
  const [totpStep, setTotpStep] = useState(false);
  const totpRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    document.title = `${t('login.title')} — Qorgau`;
  }, [t]);

  // the code field appears when the server asks for it; the cursor should be there
  useEffect(() => {
    if (totpStep) totpRef.current?.focus();
  }, [totpStep]);

  const login = useMutation({
    mutationFn: (body: Credentials) => post<LoginResponse>('/v1/auth/login', body),
    onSuccess: (response) => completeSignIn(client, response),
    onError: (error) => {
      if (!(error instanceof ApiError)) return;
      if (error.code === 'totp_required') setTotpStep(true);
      else if (error.code === 'totp_enrollment_required') {
        // signed in, but a second factor must be set up first: the session says so
        void client.invalidateQueries({ queryKey: SESSION_KEY });
      }
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (login.isPending) return;
    login.mutate({ username: username.trim(), password, ...(totpStep && totp ? { totp: totp.trim() } : {}) });
  };

  // Asking for the code is a step, not a failure.
  const shownError = login.error instanceof ApiError && login.error.code === 'totp_required' ? null : login.error;

  return (
    <Center mih="100vh" p="md" bg="gray.0">
      <Stack w="100%" maw={420} gap="md">
        <Group justify="space-between" align="center">
          <Text fw={800} fz={28} c="teal.8" lang="kk">
            Qorgau
          </Text>
          <LanguageSwitcher />
        </Group>
        <Paper component="main" withBorder shadow="sm" p="xl" radius="md" id="main-content">
          <form onSubmit={submit} noValidate aria-describedby="login-subtitle">
            <Stack gap="md">
              <div>
                <Title order={1} size="h3">
                  {t('login.title')}
                </Title>
                <Text size="sm" c="dimmed" id="login-subtitle">
                  {t('login.subtitle')}
                </Text>
              </div>
              <ErrorAlert error={shownError} testId="login-error" />
              <TextInput
                label={t('login.username')}
                name="username"
                autoComplete="username"
                autoCapitalize="none"
                spellCheck={false}
                required
                value={username}
                onChange={(e) => {
                  setUsername(e.currentTarget.value);
                  // another account may not use a second factor
                  setTotpStep(false);
                  setTotp('');
                }}
                data-testid="login-username"
                data-autofocus
                autoFocus
              />
              <PasswordInput
                label={t('login.password')}
                name="password"
                autoComplete="current-password"
                required
                value={password}
                onChange={(e) => setPassword(e.currentTarget.value)}
                data-testid="login-password"
                visibilityToggleButtonProps={{ 'aria-label': t('login.togglePassword') }}
              />
              {totpStep && (
                <TextInput
                  ref={totpRef}
                  label={t('login.totp')}
                  description={t('login.totpHint')}
                  name="totp"
                  autoComplete="one-time-code"
                  inputMode="numeric"
                  maxLength={8}
                  required
                  value={totp}
                  onChange={(e) => setTotp(e.currentTarget.value)}
                  data-testid="login-totp"
                />
              )}
              <Button type="submit" fullWidth loading={login.isPending} data-testid="login-submit">
                {t('login.submit')}
              </Button>
            </Stack>
          </form>
        </Paper>
        <Paper withBorder p="md" radius="md" bg="teal.0" component="aside" aria-labelledby="login-public-title">
          <Text fw={700} id="login-public-title">{t('public.loginBox.title')}</Text>
          <Text size="sm" mt={4}>{t('public.loginBox.text')}</Text>
          <Group gap="md" mt="xs">
            <Anchor component={Link} to="/public/report" fw={600} data-testid="login-public-report">
              {t('public.loginBox.report')}
            </Anchor>
            <Anchor component={Link} to="/public/status" data-testid="login-public-status">
              {t('public.loginBox.status')}
            </Anchor>
          </Group>
        </Paper>
      </Stack>
    </Center>
  );
}
