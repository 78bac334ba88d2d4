/** UI languages, in the order of the switch. Russian is the default (issue "Live pipeline"). */
export const LANGUAGES = ['ru', 'kk', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export const DEFAULT_LANGUAGE: Language = 'ru';

/** localStorage key of the chosen language (a UI preference, not personal data). */
export const LANGUAGE_STORAGE_KEY = 'ortalyq.language';

/**
 * How each language names itself on the switch. Endonyms are deliberately not translated:
 * a Kazakh speaker looking at an English screen must still find "қаз".
 */
export const LANGUAGE_LABELS: Record<Language, { short: string; name: string }> = {
  ru: { short: 'ru', name: 'Русский' },
  kk: { short: 'қаз', name: 'Қазақша' },
  en: { short: 'en', name: 'English' },
};

/**
 * BCP 47 locales for Intl. The -KZ variants give Kazakhstan conventions for ru/kk;
 * English uses en-GB for day-month order and a 24-hour clock.
 */
export const INTL_LOCALES: Record<Language, string> = { ru: 'ru-KZ', kk: 'kk-KZ', en: 'en-GB' };

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** The language to start with: the stored choice when valid, else the default. */
export function pickInitialLanguage(stored: string | null | undefined): Language {
  return isLanguage(stored) ? stored : DEFAULT_LANGUAGE;
}

/** Narrows whatever i18next reports (e.g. `kk-KZ`, undefined) to a UI language. */
export function toLanguage(value: string | undefined): Language {
  const base = value?.split('-')[0]?.toLowerCase();
  return isLanguage(base) ? base : DEFAULT_LANGUAGE;
}
