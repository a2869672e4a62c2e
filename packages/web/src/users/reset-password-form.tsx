import { useState, type FormEvent } from 'react';
import { Button, Group, PasswordInput, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../components/error-alert.tsx';
import { useFocusFirstError } from '../components/use-focus-first-error.ts';
import { fieldErrors } from '../i18n/errors.ts';
import type { User } from '../types.ts';
import { useResetPassword } from './api.ts';

export function ResetPasswordForm({ user, onDone, onCancel }: { user: User; onDone: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [localError, setLocalError] = useState<{ password?: string; confirm?: string }>({});
  const reset = useResetPassword();
  const focus = useFocusFirstError<HTMLFormElement>();
  const serverErrors = fieldErrors(reset.error);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (reset.isPending) return;
    if (!password || password !== confirm) {
      setLocalError(password ? { confirm: t('validation.passwordsDiffer') } : { password: t('validation.required') });
      return focus.reportFailure();
    }
    setLocalError({});
    reset.mutate({ id: user.id, password }, { onSuccess: onDone, onError: focus.reportFailure });
  };

  return (
    <form ref={focus.ref} onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Text size="sm">{t('users.resetPasswordText', { name: user.fullName || user.username })}</Text>
        <ErrorAlert error={reset.error} fields={['password']} />
        <PasswordInput
          label={t('users.newPassword')}
          description={t('users.passwordHint')}
          required
          autoComplete="new-password"
          value={password}
          error={localError.password ?? serverErrors.password}
          onChange={(e) => setPassword(e.currentTarget.value)}
          data-testid="reset-password-new"
          data-autofocus
        />
        <PasswordInput
          label={t('users.confirmPassword')}
          required
          autoComplete="new-password"
          value={confirm}
          error={localError.confirm}
          onChange={(e) => setConfirm(e.currentTarget.value)}
          data-testid="reset-password-confirm"
        />
        <Group justify="flex-end" mt="sm">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={reset.isPending} data-testid="reset-password-submit">
            {t('users.resetPassword')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
