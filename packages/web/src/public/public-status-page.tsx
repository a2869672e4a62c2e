import { useState, type FormEvent } from 'react';
import { Alert, Anchor, Button, Group, Paper, Stack, Text, TextInput } from '@mantine/core';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api.ts';
import { ErrorAlert } from '../components/error-alert.tsx';
import { normaliseCode, usePublicStatus } from './api.ts';
import { PublicLayout } from './public-layout.tsx';

/** The status of a report sent through the public form, by its tracking code. Nothing else is shown. */
export function PublicStatusPage() {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const code = normaliseCode(params.get('code') ?? '');
  const [typed, setTyped] = useState(code);
  const status = usePublicStatus(code);
  const notFound = status.error instanceof ApiError && (status.error.status === 404 || status.error.status === 400);

  const check = (event: FormEvent) => {
    event.preventDefault();
    const next = normaliseCode(typed);
    setParams(next ? { code: next } : {}, { replace: true });
    if (next === code) void status.refetch();
  };
  const statusText = (s: string) => (i18n.exists(`public.status.${s}`) ? t(`public.status.${s}`) : s);
  const statusHint = (s: string) => (i18n.exists(`public.statusHint.${s}`) ? t(`public.statusHint.${s}`) : '');

  return (
    <PublicLayout title={t('public.statusPage.title')}>
      <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }}>
        <form onSubmit={check} noValidate data-testid="public-status-form">
          <Stack gap="md">
            <Text fz="lg">{t('public.statusPage.intro')}</Text>
            <Group align="flex-end" gap="sm" wrap="wrap">
              <TextInput
                size="lg"
                label={t('public.statusPage.code')}
                autoComplete="off"
                autoCapitalize="characters"
                spellCheck={false}
                maxLength={40}
                value={typed}
                onChange={(e) => setTyped(e.currentTarget.value)}
                styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
                w={{ base: '100%', sm: 320 }}
                data-testid="public-status-code"
                autoFocus={!code}
              />
              <Button type="submit" size="lg" loading={status.isFetching} data-testid="public-status-check">
                {t('public.statusPage.check')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
      {code && status.data && (
        <Paper withBorder radius="md" p="lg" bg="teal.0" role="status" data-testid="public-status-result">
          <Text c="dimmed">{t('public.statusPage.resultFor', { code })}</Text>
          <Text fw={800} fz={{ base: 28, sm: 34 }} c="teal.9" data-testid="public-status-value" data-status={status.data.status}>
            {statusText(status.data.status)}
          </Text>
          {statusHint(status.data.status) && <Text fz="md" mt="xs">{statusHint(status.data.status)}</Text>}
        </Paper>
      )}
      {code && notFound && (
        <Alert color="orange" role="alert" data-testid="public-status-not-found" title={t('public.statusPage.notFoundTitle')}>
          {t('public.statusPage.notFound')}
        </Alert>
      )}
      {code && status.isError && !notFound && <ErrorAlert error={status.error} />}
      <Text fz="md">
        <Anchor component={Link} to="/public/report">{t('public.statusPage.newReport')}</Anchor>
      </Text>
    </PublicLayout>
  );
}
