/** The console's i18n: the shared vi/en messages (phases, errors, components) with the console's own on top. */
import { createAppI18n, type AppI18nOptions } from '@cv/shared/i18n';
import en from './en.ts';
import vi from './vi.ts';

export function createConsoleI18n(options: AppI18nOptions = {}) {
  return createAppI18n({ vi, en }, options);
}
