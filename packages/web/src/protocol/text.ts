// Labels and wording of the protocol screens in the reader's language (see words.ts).
import { useTranslation } from 'react-i18next';
import {
  agencyTypeLabels, channelLabels, escalationLevelLabels, perpetratorRelationLabels, placeLabels, priorityLabels, taskActionLabels,
  violenceTypeLabels, type Condition, type Deadline,
} from '@qorgau/core';
import { useLocale } from '../i18n/use-locale.ts';
import { afterWords, conditionLines, conditionSentence, pick, problemWords, withinWords } from './words.ts';

/** Labels and wording for the protocol screens in the reader's language. */
export function useProtocolText() {
  const { t } = useTranslation();
  const locale = useLocale();
  return {
    t,
    locale,
    action: (code: string) => pick(taskActionLabels, code, locale),
    level: (code: string) => pick(escalationLevelLabels, code, locale),
    agency: (code: string) => pick(agencyTypeLabels, code, locale),
    priority: (code: string) => pick(priorityLabels, code, locale),
    type: (code: string) => pick(violenceTypeLabels, code, locale),
    place: (code: string) => pick(placeLabels, code, locale),
    relation: (code: string) => pick(perpetratorRelationLabels, code, locale),
    channel: (code: string) => pick(channelLabels, code, locale),
    screening: (q: string) => t(`protocol.screening.${q}`),
    within: (d: Deadline) => withinWords(t, d, locale),
    after: (d: Deadline) => afterWords(t, d, locale),
    lines: (when: Condition, opts?: { omitPriorities?: boolean }) => conditionLines(t, when, locale, opts),
    sentence: (when: Condition, opts?: { omitPriorities?: boolean }) => conditionSentence(t, when, locale, opts),
    problem: (message: string) => problemWords(t, message),
  };
}
export type ProtocolText = ReturnType<typeof useProtocolText>;
