import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useLink } from '../../realtime/hooks';

/**
 * Blocks the wall when the server speaks another protocol version: the data on screen
 * would no longer be trustworthy, and only a reload (which fetches the new client) helps.
 */
export function IncompatibleNotice() {
  const { t } = useTranslation();
  const { incompatible } = useLink();
  const titleId = useId();
  const bodyId = useId();
  const buttonRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (incompatible) buttonRef.current?.focus();
  }, [incompatible]);

  if (!incompatible) return null;
  return (
    <div className="blocking-overlay">
      <div
        className="blocking-overlay__dialog"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={bodyId}
      >
        <h2 id={titleId}>{t('incompatible.title')}</h2>
        <p id={bodyId}>{t('incompatible.body')}</p>
        <button ref={buttonRef} type="button" className="button" onClick={() => window.location.reload()}>
          {t('incompatible.reload')}
        </button>
      </div>
    </div>
  );
}
