import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Page } from '../components/page.tsx';
import { PersonLookup } from './person-lookup.tsx';

export function PersonsPage() {
  const { t } = useTranslation();
  return (
    <Page title={t('persons.title')}>
      <Text c="dimmed">{t('persons.intro')}</Text>
      <PersonLookup testId="persons-search" autoFocus />
    </Page>
  );
}
