import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { PRODUCT_NAME } from '../product';
import '../features/login/login.css';

export interface StatusScreenProps {
  kind: 'loading' | 'unreachable';
  onRetry?: () => void;
}

/** The whole screen while the session is being checked, or when the server is not answering. */
export function StatusScreen({ kind, onRetry }: StatusScreenProps) {
  const { t } = useTranslation();
  return (
    <main className="status-screen" data-testid={`session-${kind}`}>
      <p className="status-screen__product">{PRODUCT_NAME}</p>
      {kind === 'loading' ? (
        <p role="status">{t('session.loading')}</p>
      ) : (
        <>
          <h1 role="alert">{t('session.unreachable')}</h1>
          <p>{t('session.unreachableBody')}</p>
          <button type="button" className="button" onClick={onRetry}>
            {t('session.retry')}
          </button>
        </>
      )}
      <LanguageSwitch />
    </main>
  );
}
