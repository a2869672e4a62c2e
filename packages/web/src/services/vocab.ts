import {
  agencyTypeLabels, caseRelationLabels, providerKindLabels, referralDeclineReasonLabels, referralOutcomeLabels, referralStatusLabels,
  serviceCodeLabels, type Label, type ReferralStatus,
} from '@qorgau/core';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../i18n/use-locale.ts';

function pick(table: Record<string, Label>, code: string | null | undefined, locale: keyof Label): string {
  if (!code) return '';
  return table[code]?.[locale] ?? code;
}

/** Provider kinds, services, referral statuses, reasons and outcomes in the reader's language (from @qorgau/core). */
export function useServiceVocab() {
  const locale = useLocale();
  const { t } = useTranslation();
  return {
    locale,
    kind: (c: string | null | undefined) => pick(providerKindLabels, c, locale),
    service: (c: string | null | undefined) => pick(serviceCodeLabels, c, locale),
    status: (c: string | null | undefined) => pick(referralStatusLabels, c, locale),
    declineReason: (c: string | null | undefined) => pick(referralDeclineReasonLabels, c, locale),
    outcome: (c: string | null | undefined) => pick(referralOutcomeLabels, c, locale),
    relation: (c: string | null | undefined) => pick(caseRelationLabels, c, locale),
    agency: (c: string | null | undefined) => pick(agencyTypeLabels, c, locale),
    /** the language a provider works in, by its ISO code */
    language: (c: string) => t(`services.lang.${c}`, { defaultValue: c }),
  };
}

export const REFERRAL_STATUS_COLORS: Record<ReferralStatus, string> = {
  sent: 'blue',
  accepted: 'teal',
  declined: 'red',
  delivered: 'grape',
  completed: 'green',
  cancelled: 'gray',
};

/** Free places as a colour: none (red), few (orange), enough or not limited (green). */
export function placesColor(free: number | null, capacity: number | null): string {
  if (free === null || capacity === null) return 'green';
  if (free <= 0) return 'red';
  if (free <= Math.max(1, Math.round(capacity * 0.1))) return 'orange';
  return 'green';
}
