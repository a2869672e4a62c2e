import { Badge, Card, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useUser } from '../auth/session.ts';
import { Page } from '../components/page.tsx';
import { useLabels } from '../labels.ts';
import { territoryLevel, useTerritoryWords } from '../reference/territory.tsx';

function Fact({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <Card withBorder padding="md" radius="md">
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text fw={600} mt={4} data-testid={testId}>
        {value}
      </Text>
    </Card>
  );
}

export function HomePage() {
  const { t } = useTranslation();
  const user = useUser();
  const labels = useLabels();
  const territory = useTerritoryWords(user);
  const level = territoryLevel(user);
  const levelLabel =
    level === 'national' ? t('territory.level.national')
      : level === 'region' ? t('territory.level.region')
      : level === 'district' ? t('territory.level.district')
      : t('territory.level.school');

  return (
    <Page title={t('home.title')}>
      <Stack gap="xs">
        <Text size="xl" fw={600} data-testid="home-greeting">
          {t('home.greeting', { name: user.fullName || user.username })}
        </Text>
        <Text c="dimmed">{t('home.intro')}</Text>
      </Stack>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
        <Fact label={t('home.role')} value={labels.role(user.role)} testId="home-role" />
        <Fact label={t('home.agency')} value={labels.agency(user.agencyType)} testId="home-agency" />
        <Card withBorder padding="md" radius="md">
          <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
            {t('home.territory')}
          </Text>
          <Group gap="xs" mt={4}>
            <Text fw={600} data-testid="home-territory">
              {territory}
            </Text>
            <Badge variant="light">{levelLabel}</Badge>
          </Group>
        </Card>
      </SimpleGrid>
    </Page>
  );
}
