import type { i18n as I18n } from 'i18next';
import { PRODUCT_NAME } from '../product';
import { LANGUAGE_STORAGE_KEY, pickInitialLanguage, toLanguage, type Language } from './languages';

/** The stored language choice, or the default; storage may be unavailable (kiosk, privacy mode). */
export function readStoredLanguage(): Language {
  try {
    return pickInitialLanguage(globalThis.localStorage?.getItem(LANGUAGE_STORAGE_KEY));
  } catch {
    return pickInitialLanguage(null);
  }
}

/**
 * Keeps the page in step with the UI language: `<html lang>` (screen readers, hyphenation,
 * font shaping), the document title, and the stored choice.
 */
export function syncDocumentLanguage(i18n: I18n): void {
  const apply = (raw: string): Language => {
    const language = toLanguage(raw);
    document.documentElement.lang = language;
    document.title = `${PRODUCT_NAME} — ${i18n.t('app.subtitle')}`;
    return language;
  };
  apply(i18n.language);
  i18n.on('languageChanged', (raw: string) => {
    const language = apply(raw);
    try {
      globalThis.localStorage?.setItem(LANGUAGE_STORAGE_KEY, language);
    } catch {
      // Storage full or disabled: the choice just is not remembered.
    }
  });
}
