import { Alert, List } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { otherDetails, useErrorText } from '../i18n/errors.ts';

interface Props {
  error: unknown;
  /** Fields the form shows its own messages for; other details are listed here. */
  fields?: readonly string[];
  testId?: string;
}

export function ErrorAlert({ error, fields = [], testId }: Props) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  if (!error) return null;
  const rest = otherDetails(error, fields);
  return (
    <Alert color="red" title={t('common.errorTitle')} role="alert" data-testid={testId}>
      {errorText(error)}
      {rest.length > 0 && (
        <List size="sm" mt="xs">
          {rest.map((line) => (
            <List.Item key={line}>{line}</List.Item>
          ))}
        </List>
      )}
    </Alert>
  );
}
