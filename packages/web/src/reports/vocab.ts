import {
  agencyTypeLabels, channelLabels, perpetratorRelationLabels, placeLabels, priorityLabels, reporterRelationLabels, sexLabels,
  violenceTypeLabels, type Label,
} from '@qorgau/core';
import { useLocale } from '../i18n/use-locale.ts';

/** Label of a code from one of core's vocabularies; an unknown code is shown as it is. */
function pick(table: Record<string, Label>, code: string | null | undefined, locale: keyof Label): string {
  if (!code) return '';
  return table[code]?.[locale] ?? code;
}

/** Channel, typology, place, relation, priority and sex labels in the reader's language (from @qorgau/core). */
export function useVocab() {
  const locale = useLocale();
  return {
    locale,
    channel: (c: string | null | undefined) => pick(channelLabels, c, locale),
    type: (c: string | null | undefined) => pick(violenceTypeLabels, c, locale),
    place: (c: string | null | undefined) => pick(placeLabels, c, locale),
    relation: (c: string | null | undefined) => pick(perpetratorRelationLabels, c, locale),
    reporterRelation: (c: string | null | undefined) => pick(reporterRelationLabels, c, locale),
    priority: (c: string | null | undefined) => pick(priorityLabels, c, locale),
    sex: (c: string | null | undefined) => pick(sexLabels, c, locale),
    agency: (c: string | null | undefined) => pick(agencyTypeLabels, c, locale),
  };
}

export const PRIORITY_COLORS: Record<string, string> = { P1: 'red', P2: 'orange', P3: 'blue', P4: 'gray' };
export const STATUS_COLORS: Record<string, string> = { registered: 'blue', in_progress: 'yellow', closed: 'gray' };
