/** The console's i18n: Vietnamese first, English fallback. */
import { createI18n } from 'vue-i18n';
import en from './en.ts';
import vi from './vi.ts';

export const SUPPORTED_LOCALES = ['vi', 'en'] as const;
export type ConsoleLocale = (typeof SUPPORTED_LOCALES)[number];
const LOCALE_KEY = 'cv-host-locale';

export function initialLocale(): ConsoleLocale {
  try {
    const saved = typeof localStorage === 'undefined' ? null : localStorage.getItem(LOCALE_KEY);
    return saved === 'en' ? 'en' : 'vi';
  } catch {
    return 'vi';
  }
}

export function rememberLocale(locale: ConsoleLocale): void {
  try {
    localStorage.setItem(LOCALE_KEY, locale);
  } catch {
    /* private mode: the choice lasts for this page only */
  }
}

export function createConsoleI18n(locale: ConsoleLocale = initialLocale()) {
  return createI18n({
    legacy: false,
    locale,
    fallbackLocale: 'en',
    messages: { vi, en },
    missingWarn: false,
    fallbackWarn: false,
  });
}
