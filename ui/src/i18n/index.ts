/**
 * i18next set up for the two languages of the product. Japanese is the default and the fallback;
 * the choice is remembered on this machine (localStorage) and mirrored to <html lang> and dayjs.
 */
import dayjs from 'dayjs';
import 'dayjs/locale/ja';
import 'dayjs/locale/en';
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en';
import { ja } from './ja';

export const languages = ['ja', 'en'] as const;
export type Language = (typeof languages)[number];

const STORAGE_KEY = 'kofu-desk.language';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (languages as readonly string[]).includes(value);
}

function storedLanguage(): Language {
  try {
    const value = globalThis.localStorage?.getItem(STORAGE_KEY);
    return isLanguage(value) ? value : 'ja';
  } catch {
    return 'ja';
  }
}

function applyLanguage(lng: string) {
  const language: Language = isLanguage(lng) ? lng : 'ja';
  dayjs.locale(language);
  if (typeof document !== 'undefined') document.documentElement.lang = language;
}

i18n.on('languageChanged', (lng) => {
  applyLanguage(lng);
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, lng);
  } catch {
    // A locked-down profile without storage only loses the preference, never the screen.
  }
});

void i18n.use(initReactI18next).init({
  resources: { ja: { translation: ja }, en: { translation: en } },
  lng: storedLanguage(),
  fallbackLng: 'ja',
  supportedLngs: languages,
  interpolation: { escapeValue: false }, // React escapes already
  returnNull: false,
  initAsync: false,
});
applyLanguage(i18n.language);

export function currentLanguage(): Language {
  return isLanguage(i18n.resolvedLanguage) ? i18n.resolvedLanguage : 'ja';
}

export default i18n;
