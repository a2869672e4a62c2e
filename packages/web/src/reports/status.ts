import { useTranslation } from 'react-i18next';

/** Status of a report in words; a status the web does not know yet is shown as its code. */
export function useStatusLabel(): (status: string) => string {
  const { t, i18n } = useTranslation();
  return (status) => {
    const key = `report.status.${status}`;
    return i18n.exists(key) ? t(key) : status;
  };
}
