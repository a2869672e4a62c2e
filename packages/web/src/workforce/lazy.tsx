// The workforce screen loads on first visit: its map brings the charting library.
import { lazy, Suspense } from 'react';
import { Center, Loader } from '@mantine/core';
import { useTranslation } from 'react-i18next';

const Screen = lazy(async () => ({ default: (await import('./workforce-page.tsx')).WorkforcePage }));

export function LazyWorkforcePage() {
  const { t } = useTranslation();
  return (
    <Suspense fallback={<Center py="xl" aria-busy="true"><Loader aria-label={t('common.loading')} /></Center>}>
      <Screen />
    </Suspense>
  );
}
