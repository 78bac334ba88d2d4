import { useEffect, useState, type ReactNode } from 'react';
import { I18nextProvider } from 'react-i18next';
import { createI18n } from '../../i18n/createI18n';
import type { Language } from '../../i18n/languages';
import { PRODUCT_NAME } from '../../product';

export interface WallScreenLanguageProps {
  /** The language of the screen's URL (`?lang=`), or null to keep the app's. */
  language: Language | null;
  children: ReactNode;
}

/**
 * A kiosk URL's `?lang=` for the wall alone: its own i18next instance, so the choice is
 * neither stored nor carried over to the dashboard a supervisor opens later in the same
 * browser (the app's instance remembers a switch; this one cannot be switched at all).
 */
export function WallScreenLanguage({ language, children }: WallScreenLanguageProps) {
  const [i18n] = useState(() => (language === null ? null : createI18n(language)));
  useEffect(() => {
    if (!i18n || language === null) return;
    const root = document.documentElement;
    const previous = { lang: root.lang, title: document.title };
    root.lang = language;
    document.title = `${PRODUCT_NAME} — ${i18n.t('app.subtitle')}`;
    return () => {
      root.lang = previous.lang;
      document.title = previous.title;
    };
  }, [i18n, language]);
  return i18n ? <I18nextProvider i18n={i18n}>{children}</I18nextProvider> : children;
}
