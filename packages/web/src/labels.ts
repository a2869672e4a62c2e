import { useTranslation } from 'react-i18next';
import { agencyTypeLabels, roleLabels, type AgencyType, type Role } from '@qorgau/core';
import { useLocale } from './i18n/use-locale.ts';

// Names of roles and agencies in the reader's language, from the shared vocabulary labels.
export function useLabels() {
  const { t } = useTranslation();
  const locale = useLocale();
  return {
    role: (role: Role) => roleLabels[role][locale],
    agency: (agency: AgencyType | null) => (agency ? agencyTypeLabels[agency][locale] : t('agency.none')),
  };
}
