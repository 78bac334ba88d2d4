import { useTranslation } from 'react-i18next';
import { getFormatters, type Formatters } from './format';
import { toLanguage, type Language } from './languages';

/** The current UI language (re-renders on a switch). */
export function useLanguage(): Language {
  const { i18n } = useTranslation();
  return toLanguage(i18n.resolvedLanguage ?? i18n.language);
}

/** Intl formatters for the current UI language. */
export function useFormatters(): Formatters {
  return getFormatters(useLanguage());
}
