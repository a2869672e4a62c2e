import { escalationLevelLabels, taskActionLabels, taskOutcomeLabels, taskStatusLabels, type Label } from '@qorgau/core';
import { useVocab } from '../reports/vocab.ts';

/** Label of a code from one of core's vocabularies; an unknown code is shown as it is. */
function pick(table: Record<string, Label>, code: string | null | undefined, locale: keyof Label): string {
  if (!code) return '';
  return table[code]?.[locale] ?? code;
}

/** Task actions, statuses, outcomes and escalation levels in the reader's language (from @qorgau/core), with the report vocabulary. */
export function useTaskVocab() {
  const vocab = useVocab();
  const { locale } = vocab;
  return {
    ...vocab,
    action: (c: string | null | undefined) => pick(taskActionLabels, c, locale),
    status: (c: string | null | undefined) => pick(taskStatusLabels, c, locale),
    outcome: (c: string | null | undefined) => pick(taskOutcomeLabels, c, locale),
    escalation: (c: string | null | undefined) => pick(escalationLevelLabels, c, locale),
  };
}

export const TASK_STATUS_COLORS: Record<string, string> = { open: 'blue', accepted: 'yellow', done: 'teal', cancelled: 'gray' };
export const ESCALATION_COLORS: Record<string, string> = {
  unit_head: 'orange', regional_coordinator: 'red', juvenile_commission: 'grape', prosecutor: 'dark',
};
