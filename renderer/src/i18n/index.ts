import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en';
import { sv } from './sv';

export const languages = ['sv', 'en'] as const;
export type Language = (typeof languages)[number];

const STORAGE_KEY = 'grantlens.language';

function savedLanguage(): Language {
  const saved = localStorage.getItem(STORAGE_KEY);
  return saved === 'en' ? 'en' : 'sv';
}

export function setLanguage(language: Language): void {
  localStorage.setItem(STORAGE_KEY, language);
  document.documentElement.lang = language;
  void i18next.changeLanguage(language);
}

export function initI18n(): void {
  const language = savedLanguage();
  document.documentElement.lang = language;
  void i18next.use(initReactI18next).init({
    resources: { sv: { translation: sv }, en: { translation: en } },
    lng: language,
    fallbackLng: 'sv',
    // React escapes what it renders; escaping here too would show &amp; in file paths.
    interpolation: { escapeValue: false },
    initAsync: false,
  });
}
