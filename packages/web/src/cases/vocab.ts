import {
  agencyTypeLabels, caseCloseReasonLabels, caseKindLabels, caseRelationLabels, caseStatusLabels, factSectionLabels, noteSensitivityLabels,
  occupationLabels, reviewDecisionLabels, riskLevelLabels, safetyDecisionLabels, type Label,
} from '@qorgau/core';
import { useLocale } from '../i18n/use-locale.ts';

function pick(table: Record<string, Label>, code: string | null | undefined, locale: keyof Label): string {
  if (!code) return '';
  return table[code]?.[locale] ?? code;
}

/** The case vocabularies in the reader's language (labels live in @qorgau/core, not in the UI catalogue). */
export function useCaseVocab() {
  const locale = useLocale();
  return {
    locale,
    /** an instrument's own label */
    label: (l: Label | null | undefined) => (l ? l[locale] || l.ru : ''),
    kind: (c: string | null | undefined) => pick(caseKindLabels, c, locale),
    status: (c: string | null | undefined) => pick(caseStatusLabels, c, locale),
    relation: (c: string | null | undefined) => pick(caseRelationLabels, c, locale),
    occupation: (c: string | null | undefined) => pick(occupationLabels, c, locale),
    closeReason: (c: string | null | undefined) => pick(caseCloseReasonLabels, c, locale),
    section: (c: string | null | undefined) => pick(factSectionLabels, c, locale),
    sensitivity: (c: string | null | undefined) => pick(noteSensitivityLabels, c, locale),
    reviewDecision: (c: string | null | undefined) => pick(reviewDecisionLabels, c, locale),
    risk: (c: string | null | undefined) => pick(riskLevelLabels, c, locale),
    safety: (c: string | null | undefined) => pick(safetyDecisionLabels, c, locale),
    agency: (c: string | null | undefined) => pick(agencyTypeLabels, c, locale),
  };
}
export type CaseVocab = ReturnType<typeof useCaseVocab>;
