import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../i18n/useLanguage';
import { useLink } from '../../realtime/hooks';

/** A kiosk has nobody to press "reload": it reloads itself after this long. */
export const WALL_RELOAD_AFTER_MS = 30_000;

/**
 * The wall's answer to a server speaking another protocol version: the figures on screen
 * can no longer be trusted, so they are covered, and the page reloads itself (which
 * fetches the new client). The dashboard asks with a button instead (IncompatibleNotice).
 */
export function WallIncompatible() {
  const { t } = useTranslation();
  const formatters = useFormatters();
  const { incompatible } = useLink();

  useEffect(() => {
    if (!incompatible) return;
    const timer = setTimeout(() => window.location.reload(), WALL_RELOAD_AFTER_MS);
    return () => clearTimeout(timer);
  }, [incompatible]);

  if (!incompatible) return null;
  return (
    <div className="blocking-overlay" data-testid="wall-incompatible">
      <div className="blocking-overlay__dialog" role="alertdialog" aria-modal="true">
        <h2>{t('incompatible.title')}</h2>
        <p>{t('wallScreen.reloading', { when: formatters.inFuture(WALL_RELOAD_AFTER_MS) })}</p>
      </div>
    </div>
  );
}
