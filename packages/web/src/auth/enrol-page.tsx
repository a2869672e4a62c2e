import { useEffect } from 'react';
import { Alert, Box, Button, Container, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { TotpSetup } from '../account/totp-setup.tsx';
import { LanguageSwitcher } from '../layout/language-switcher.tsx';
import { useSignOut } from './session.ts';

/** Shown instead of the app while the user's role requires a second factor they have not set up. */
export function EnrolPage() {
  const { t } = useTranslation();
  const signOut = useSignOut();
  useEffect(() => {
    document.title = `${t('totp.enrolTitle')} — Qorgau`;
  }, [t]);
  return (
    <Box mih="100vh" bg="gray.0">
      <Group justify="space-between" px="md" h={56} bg="white" style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}>
        <Text fw={800} fz="xl" c="teal.8" lang="kk">
          Qorgau
        </Text>
        <Group gap="xs">
          <LanguageSwitcher />
          <Button
            variant="subtle"
            color="red"
            size="compact-md"
            data-testid="logout"
            onClick={() => void signOut()}
          >
            {t('userMenu.signOut')}
          </Button>
        </Group>
      </Group>
      <Container size="sm" py="xl" component="main" id="main-content">
        <Paper withBorder p="xl" radius="md">
          <Stack gap="md">
            <Title order={1} size="h3">
              {t('totp.enrolTitle')}
            </Title>
            <Alert color="yellow">{t('totp.enrolRequired')}</Alert>
            <TotpSetup />
          </Stack>
        </Paper>
      </Container>
    </Box>
  );
}
