import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../i18n/useLanguage';
import { useNow } from '../../realtime/clock';
import { useLink } from '../../realtime/hooks';
import { isEvictedForGood, isReloadNoticeShown, lastEventAge, linkStatusOf } from '../../state/link';
import './health.css';
import './linkStatus.css';

/**
 * Green "live" / amber "data is stale" / red "link down" (glossary terms), from the
 * socket alone, plus the age of the newest event. Only the state word is a live region:
 * the age changes every second and must not be announced.
 */
export interface LinkStatusProps {
  /** No event for this long: "data is stale" (default STALE_AFTER_MS; a wall screen sets its own). */
  staleAfterMs?: number;
}

export function LinkStatus({ staleAfterMs }: LinkStatusProps = {}) {
  const { t } = useTranslation();
  const formatters = useFormatters();
  const link = useLink();
  const now = useNow();
  const status = linkStatusOf(link, now, staleAfterMs);
  const age = lastEventAge(link, now);
  return (
    <div className={`link-status link-status--${status}`} data-testid="link-status" data-state={status}>
      <span className="link-status__dot" aria-hidden="true" />
      <span
        className="link-status__label"
        role="status"
        aria-live="polite"
        aria-label={`${t('link.label')}: ${t(`link.${status}`)}`}
      >
        {t(`link.${status}`)}
      </span>
      <span className="link-status__age">
        {age === null ? t('link.noUpdates') : t('link.lastUpdate', { age: formatters.ago(age) })}
      </span>
      {link.evicted && (
        <span className="link-status__evicted" role="alert" data-testid="link-evicted">
          {t(`link.evicted.${link.evicted.reason}`, { limit: link.evicted.limit })}{' '}
          {isEvictedForGood(link.evicted) && (
            <button type="button" className="button" onClick={() => window.location.reload()}>
              {t('link.useHere')}
            </button>
          )}
        </span>
      )}
      {isReloadNoticeShown(link, now) && (
        <span className="link-status__reloaded" role="status" data-testid="link-reloaded">
          {t('link.reloaded')}
        </span>
      )}
    </div>
  );
}
