import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from './LanguageSwitch';

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <main className="not-found">
      <h1>{t('notFound.title')}</h1>
      <p>
        <a href="/">{t('notFound.back')}</a>
      </p>
      <LanguageSwitch />
    </main>
  );
}
