import { useState, type FormEvent } from 'react';
import { Alert, Anchor, Button, Code, CopyButton, Group, List, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { post } from '../api.ts';
import { setSession } from '../auth/session.ts';
import { ErrorAlert } from '../components/error-alert.tsx';
import { fieldErrors } from '../i18n/errors.ts';
import type { User } from '../types.ts';

interface SetupResponse {
  secret: string;
  uri: string;
}

/** Groups of four characters are easier to type into an authenticator app. */
function spaced(secret: string): string {
  return secret.replace(/(.{4})/g, '$1 ').trim();
}

/** Enrols a TOTP second factor: start, copy the secret or URI into an app, confirm with a code. */
export function TotpSetup() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [code, setCode] = useState('');
  const setup = useMutation({ mutationFn: () => post<SetupResponse>('/v1/auth/totp/setup') });
  const enable = useMutation({
    mutationFn: (body: { code: string }) => post<{ user: User }>('/v1/auth/totp/enable', body),
    onSuccess: ({ user }) => {
      setSession(client, { user, enrolmentRequired: false });
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (enable.isPending) return;
    enable.mutate({ code: code.replace(/\s/g, '') });
  };

  if (!setup.data) {
    return (
      <Stack gap="sm" align="flex-start">
        <Text size="sm">{t('totp.intro')}</Text>
        <ErrorAlert error={setup.error} />
        <Button onClick={() => setup.mutate()} loading={setup.isPending} data-testid="totp-start">
          {t('totp.start')}
        </Button>
      </Stack>
    );
  }

  return (
    <Stack gap="sm">
      <List type="ordered" size="sm" spacing="xs">
        <List.Item>{t('totp.step1')}</List.Item>
        <List.Item>{t('totp.step2')}</List.Item>
        <List.Item>{t('totp.step3')}</List.Item>
      </List>
      <div>
        <Text size="sm" fw={600} id="totp-secret-label">
          {t('totp.secret')}
        </Text>
        <Group gap="xs" wrap="nowrap">
          <Code fz="md" aria-labelledby="totp-secret-label" data-testid="totp-secret" data-secret={setup.data.secret}>
            {spaced(setup.data.secret)}
          </Code>
          <CopyButton value={setup.data.secret}>
            {({ copied, copy }) => (
              <Button size="compact-xs" variant="light" onClick={copy}>
                {copied ? t('common.copied') : t('common.copy')}
              </Button>
            )}
          </CopyButton>
        </Group>
      </div>
      <div>
        <Text size="sm" fw={600} id="totp-uri-label">
          {t('totp.uri')}
        </Text>
        <Code block aria-labelledby="totp-uri-label" data-testid="totp-uri" style={{ wordBreak: 'break-all', whiteSpace: 'pre-wrap' }}>
          {setup.data.uri}
        </Code>
        <Group gap="xs" mt={4}>
          <CopyButton value={setup.data.uri}>
            {({ copied, copy }) => (
              <Button size="compact-xs" variant="light" onClick={copy}>
                {copied ? t('common.copied') : t('common.copy')}
              </Button>
            )}
          </CopyButton>
          <Anchor href={setup.data.uri} size="sm">
            {t('totp.openInApp')}
          </Anchor>
        </Group>
      </div>
      <form onSubmit={submit} noValidate>
        <ErrorAlert error={enable.error} fields={['code']} />
        <Stack gap="sm" align="flex-start" mt="sm">
          <TextInput
            label={t('totp.code')}
            description={t('totp.codeHint')}
            autoComplete="one-time-code"
            inputMode="numeric"
            maxLength={8}
            required
            value={code}
            error={fieldErrors(enable.error).code}
            onChange={(e) => setCode(e.currentTarget.value)}
            data-testid="totp-code"
          />
          <Button type="submit" loading={enable.isPending} disabled={code.trim().length < 6} data-testid="totp-enable">
            {t('totp.enable')}
          </Button>
        </Stack>
      </form>
      {enable.isSuccess && (
        <Alert color="teal" role="status">
          {t('totp.enabled')}
        </Alert>
      )}
    </Stack>
  );
}
