import {
  bodyRegionLabels, concernActionLabels, concernCategoryLabels, concernStatusLabels, type Label,
} from '@qorgau/core';
import { useLocale } from '../i18n/use-locale.ts';

function pick(table: Record<string, Label>, code: string | null | undefined, locale: keyof Label): string {
  if (!code) return '';
  return table[code]?.[locale] ?? code;
}

/** Concern categories, statuses, actions and body regions in the reader's language (from @qorgau/core). */
export function useConcernVocab() {
  const locale = useLocale();
  return {
    locale,
    category: (c: string | null | undefined) => pick(concernCategoryLabels, c, locale),
    status: (c: string | null | undefined) => pick(concernStatusLabels, c, locale),
    action: (c: string | null | undefined) => pick(concernActionLabels, c, locale),
    region: (c: string | null | undefined) => pick(bodyRegionLabels, c, locale),
  };
}
