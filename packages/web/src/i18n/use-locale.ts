import { useTranslation } from 'react-i18next';
import type { Locale } from '@qorgau/core';
import { isLocale } from './index.ts';

export function useLocale(): Locale {
  const { i18n } = useTranslation();
  return isLocale(i18n.resolvedLanguage) ? i18n.resolvedLanguage : 'kk';
}
