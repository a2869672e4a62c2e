import { useEffect, type ReactNode } from 'react';
import { Anchor, Box, Container, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { LanguageSwitcher } from '../layout/language-switcher.tsx';

const EMERGENCY = [
  { number: '112', key: 'public.emergency.n112' },
  { number: '102', key: 'public.emergency.n102' },
  { number: '103', key: 'public.emergency.n103' },
] as const;

/** Emergency numbers first: a child in danger needs a phone call, not a form. */
function EmergencyNumbers() {
  const { t } = useTranslation();
  return (
    <Paper component="aside" aria-labelledby="public-emergency-title" withBorder radius="md" p="md" bg="red.0" style={{ borderColor: 'var(--mantine-color-red-4)' }} data-testid="public-emergency">
      <Title order={2} size="h4" c="red.9" id="public-emergency-title">{t('public.emergency.title')}</Title>
      <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm" mt="xs">
        {EMERGENCY.map((e) => (
          <Anchor key={e.number} href={`tel:${e.number}`} underline="never" c="red.9" aria-label={`${e.number} — ${t(e.key)}`}>
            <Text fw={800} fz={32} lh={1.1}>{e.number}</Text>
            <Text fz="md">{t(e.key)}</Text>
          </Anchor>
        ))}
      </SimpleGrid>
      <Anchor href="tel:111" underline="never" c="teal.9" mt="sm" display="block" data-testid="public-helpline">
        <Group gap="sm" wrap="nowrap" align="center">
          <Text fw={800} fz={36} lh={1}>111</Text>
          <Text fz="md">{t('public.emergency.n111')}</Text>
        </Group>
      </Anchor>
    </Paper>
  );
}

/** The side anyone can use without an account: large text, plain words, the language switch in sight. */
export function PublicLayout({ title, children }: { title: string; children: ReactNode }) {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = `${title} — Qorgau`;
  }, [title]);
  return (
    <Box bg="gray.0" mih="100vh" className="public-side">
      <a className="skip-link" href="#main-content">{t('nav.skipToContent')}</a>
      <Box component="header" bg="white" py="sm" style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}>
        <Container size="md">
          <Group justify="space-between" wrap="nowrap">
            <Group gap="md" wrap="wrap">
              <Text fw={800} fz={26} c="teal.8" lang="kk">Qorgau</Text>
              <Group gap="md" component="nav" aria-label={t('public.nav')}>
                <Anchor component={Link} to="/public/report" fz="md" data-testid="public-nav-report">{t('public.navReport')}</Anchor>
                <Anchor component={Link} to="/public/status" fz="md" data-testid="public-nav-status">{t('public.navStatus')}</Anchor>
                <Anchor component={Link} to="/public/stats" fz="md" data-testid="public-nav-stats">{t('public.navStats')}</Anchor>
              </Group>
            </Group>
            <LanguageSwitcher />
          </Group>
        </Container>
      </Box>
      <Container size="md" py="lg" component="main" id="main-content" tabIndex={-1}>
        <Stack gap="lg">
          <Title order={1} fz={{ base: 28, sm: 34 }} id="page-title" tabIndex={-1}>{title}</Title>
          <EmergencyNumbers />
          {children}
          <Text size="sm" c="dimmed" ta="center">
            <Anchor component={Link} to="/login">{t('public.staffSignIn')}</Anchor>
          </Text>
        </Stack>
      </Container>
    </Box>
  );
}
