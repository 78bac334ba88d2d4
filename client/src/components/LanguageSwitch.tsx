import { useTranslation } from 'react-i18next';
import { LANGUAGE_LABELS, LANGUAGES } from '../i18n/languages';
import { useLanguage } from '../i18n/useLanguage';

/** ru / қаз / en buttons; each language is named in itself. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const current = useLanguage();
  return (
    <div className="language-switch" role="group" aria-label={t('header.language')}>
      {LANGUAGES.map((language) => (
        <button
          key={language}
          type="button"
          lang={language}
          className="language-switch__button"
          data-testid={`lang-${language}`}
          aria-pressed={language === current}
          title={LANGUAGE_LABELS[language].name}
          onClick={() => void i18n.changeLanguage(language)}
        >
          {LANGUAGE_LABELS[language].short}
        </button>
      ))}
    </div>
  );
}
