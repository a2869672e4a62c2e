import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { LOCALES, type Locale } from '@qorgau/core';
import { setApiLanguage } from '../api.ts';
import kk from './kk.json';
import ru from './ru.json';
import en from './en.json';

/** Each language names itself, so that a reader finds their own whatever is shown now. */
export const LANGUAGE_NAMES: Record<Locale, string> = { kk: 'Қазақша', ru: 'Русский', en: 'English' };

const STORAGE_KEY = 'qorgau.locale';

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

function storedLocale(): Locale | null {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return isLocale(value) ? value : null;
  } catch {
    return null;
  }
}

export function rememberLocale(locale: Locale): void {
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // private mode: the choice lasts for this page only
  }
}

function browserLocale(): Locale | null {
  for (const tag of navigator.languages) {
    const base = tag.toLowerCase().split('-')[0];
    if (isLocale(base)) return base;
  }
  return null;
}

export function currentLocale(): Locale {
  return isLocale(i18n.resolvedLanguage) ? i18n.resolvedLanguage : 'kk';
}

function applyLanguage(lng: string): void {
  document.documentElement.lang = lng;
  setApiLanguage(lng);
}

i18n.on('languageChanged', applyLanguage);

void i18n.use(initReactI18next).init({
  resources: { kk: { translation: kk }, ru: { translation: ru }, en: { translation: en } },
  lng: storedLocale() ?? browserLocale() ?? 'kk',
  fallbackLng: 'ru',
  supportedLngs: [...LOCALES],
  interpolation: { escapeValue: false },
  initAsync: false,
  returnNull: false,
});
applyLanguage(currentLocale());

export default i18n;
