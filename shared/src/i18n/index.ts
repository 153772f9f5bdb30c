/** createAppI18n(messages): vue-i18n (composition mode) with the common vi/en messages merged under each app's own. */
import { createI18n } from 'vue-i18n';
import { ERROR_CODES, type ErrorCode } from '../protocol/errors.ts';
import { commonEn } from './en.ts';
import { commonVi, type CommonMessages } from './vi.ts';

export { commonEn, commonVi, type CommonMessages };

export const LOCALES = ['vi', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'vi';
const STORAGE_KEY = 'cv.locale';

type Messages = Record<string, unknown>;
export interface AppMessages {
  vi: Messages;
  en: Messages;
}

export interface AppI18nOptions {
  /** overrides the saved/default locale (tests) */
  locale?: Locale;
  /** remember the choice in localStorage [true] */
  persist?: boolean;
}

const isPlainObject = (v: unknown): v is Messages => typeof v === 'object' && v !== null && !Array.isArray(v);

/** deep merge; the app's keys win over the common ones */
export function mergeMessages(base: Messages, extra: Messages): Messages {
  const out: Messages = { ...base };
  for (const [k, v] of Object.entries(extra)) {
    const prev = out[k];
    out[k] = isPlainObject(prev) && isPlainObject(v) ? mergeMessages(prev, v) : v;
  }
  return out;
}

export const isLocale = (v: unknown): v is Locale =>
  typeof v === 'string' && (LOCALES as readonly string[]).includes(v);

function savedLocale(): Locale | null {
  try {
    const v = globalThis.localStorage?.getItem(STORAGE_KEY);
    return isLocale(v) ? v : null;
  } catch {
    return null;
  }
}

export function createAppI18n(messages: AppMessages = { vi: {}, en: {} }, options: AppI18nOptions = {}) {
  const locale = options.locale ?? savedLocale() ?? DEFAULT_LOCALE;
  const i18n = createI18n({
    legacy: false,
    globalInjection: true,
    locale,
    fallbackLocale: 'en',
    missingWarn: false,
    fallbackWarn: false,
    messages: {
      vi: mergeMessages(commonVi as unknown as Messages, messages.vi),
      en: mergeMessages(commonEn as unknown as Messages, messages.en),
    } as Record<Locale, Record<string, string>>,
  });
  if (typeof document !== 'undefined') document.documentElement.lang = locale;
  return i18n;
}

export type AppI18n = ReturnType<typeof createAppI18n>;

/** switch language at runtime; remembers it and updates <html lang> */
export function setLocale(locale: { value: string }, next: Locale, persist = true): void {
  locale.value = next;
  if (persist) {
    try {
      globalThis.localStorage?.setItem(STORAGE_KEY, next);
    } catch {
      /* private mode: the choice only lasts for this page */
    }
  }
  if (typeof document !== 'undefined') document.documentElement.lang = next;
}

/** i18n key for an error code (unknown codes get a generic message) */
export function errorKey(code: string | null | undefined): string {
  return code && (ERROR_CODES as readonly string[]).includes(code)
    ? `error.${code as ErrorCode}`
    : 'error.unknown';
}
