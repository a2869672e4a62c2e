import { VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { maskIin } from './person-text.ts';

/** An IIN with only its last four digits, read out as "IIN ending in 0012". */
export function MaskedIin({ iin }: { iin: string | null | undefined }) {
  const { t } = useTranslation();
  if (!iin) return <>—</>;
  return (
    <>
      <span aria-hidden="true" style={{ fontFamily: 'var(--mantine-font-family-monospace)' }}>{maskIin(iin)}</span>
      <VisuallyHidden>{t('persons.iinEndsWith', { digits: iin.slice(-4) })}</VisuallyHidden>
    </>
  );
}
