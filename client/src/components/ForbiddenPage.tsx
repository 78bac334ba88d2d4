import { useTranslation } from 'react-i18next';
import { UserMenu } from '../features/account/UserMenu';
import { followLink } from '../navigation';
import { LanguageSwitch } from './LanguageSwitch';

/** A page that exists but the user's role may not open (the server refuses its data too). */
export function ForbiddenPage() {
  const { t } = useTranslation();
  return (
    <main className="not-found" data-testid="forbidden">
      <h1>{t('forbidden.title')}</h1>
      <p>{t('forbidden.body')}</p>
      <p>
        <a href="/" onClick={followLink}>
          {t('notFound.back')}
        </a>
      </p>
      <UserMenu current={null} />
      <LanguageSwitch />
    </main>
  );
}
