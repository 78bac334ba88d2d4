import { createInstance, type i18n as I18n } from 'i18next';
import { LANGUAGES, type Language } from './languages';
import { RESOURCES } from './resources';

/**
 * A ready i18next instance with every language bundled (no network, works offline).
 * There is deliberately no fallback language: a missing Kazakh string must show up in
 * tests (the key sets are checked), never as Russian on a Kazakh screen.
 */
export function createI18n(language: Language): I18n {
  const instance = createInstance();
  void instance.init({
    resources: RESOURCES,
    lng: language,
    supportedLngs: [...LANGUAGES],
    fallbackLng: false,
    defaultNS: 'translation',
    interpolation: { escapeValue: false }, // React escapes
    initAsync: false,
    returnNull: false,
    react: { useSuspense: false },
  });
  return instance;
}
