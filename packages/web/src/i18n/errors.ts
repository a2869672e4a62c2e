import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { ApiError, NetworkError } from '../api.ts';

/** The text to show for a failed request: our translation of its code, else the server's words. */
export function errorMessage(t: TFunction, error: unknown, i18nExists: (key: string) => boolean): string {
  if (error instanceof ApiError) {
    const key = `errors.${error.code}`;
    if (i18nExists(key)) return t(key);
    return error.message || t('errors.unknown');
  }
  if (error instanceof NetworkError) return t('errors.network');
  return t('errors.unknown');
}

/** `querystring.userId` → `userId`: the server names where the field was; forms only know the field. */
function fieldPath(path: string): string {
  return path.replace(/^(body|querystring|params)\./, '');
}

/** Messages per form field from `details[].path`. A nested path (`victims.0.iin`) is kept whole. */
export function fieldErrors(error: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!(error instanceof ApiError)) return out;
  for (const d of error.details) {
    const path = fieldPath(d.path);
    if (path && !(path in out)) out[path] = d.message;
  }
  return out;
}

/** Details whose path is not one of the form's fields, to show in the form's general message. */
export function otherDetails(error: unknown, fields: readonly string[]): string[] {
  if (!(error instanceof ApiError)) return [];
  return error.details
    .filter((d) => !fields.includes(fieldPath(d.path)))
    .map((d) => (d.path ? `${d.path}: ${d.message}` : d.message));
}

export function useErrorText(): (error: unknown) => string {
  const { t, i18n } = useTranslation();
  return (error) => errorMessage(t, error, (key) => i18n.exists(key));
}
