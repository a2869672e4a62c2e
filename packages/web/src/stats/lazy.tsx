// The statistics screens load on first visit: they bring the charting library, which the rest of
// the app does not need.
import { lazy, Suspense, type ComponentType } from 'react';
import { Center, Loader } from '@mantine/core';
import { useTranslation } from 'react-i18next';

function Loading() {
  const { t } = useTranslation();
  return (
    <Center py="xl" aria-busy="true">
      <Loader aria-label={t('common.loading')} />
    </Center>
  );
}

function later(load: () => Promise<ComponentType>) {
  const Screen = lazy(async () => ({ default: await load() }));
  return function LazyScreen() {
    return (
      <Suspense fallback={<Loading />}>
        <Screen />
      </Suspense>
    );
  };
}

export const StatsDashboardPage = later(async () => (await import('./dashboard-page.tsx')).DashboardPage);
export const StatsTablesPage = later(async () => (await import('./tables-page.tsx')).TablesPage);
export const StatsPopulationPage = later(async () => (await import('./population-page.tsx')).PopulationPage);
export const PublicStatsPage = later(async () => (await import('../public/public-stats-page.tsx')).PublicStatsPage);
export const PreventionCoveragePage = later(async () => (await import('../prevention/coverage-page.tsx')).CoveragePage);
