import { useTranslation } from 'react-i18next';
import { NO_VALUE } from '../../i18n/format';
import { useFormatters } from '../../i18n/useLanguage';
import { useNow } from '../../realtime/clock';
import { useLink, useStats } from '../../realtime/hooks';
import { linkStatusOf } from '../../state/link';
import { useWallScreenConfig } from './wallScreenContext';

/**
 * Across the whole screen when the link is down or no event has come for the screen's
 * threshold (`?stale=`): a wall must never go stale silently. It goes away by itself when
 * events flow again.
 */
export function StaleBanner() {
  const { t } = useTranslation();
  const formatters = useFormatters();
  const { staleAfterMs } = useWallScreenConfig();
  const link = useLink();
  const stats = useStats();
  const now = useNow();
  const status = linkStatusOf(link, now, staleAfterMs);
  if (status !== 'stale' && status !== 'down') return null;
  let detail: string;
  if (status === 'stale') {
    const freshest = Math.max(link.lastEventAt ?? -Infinity, link.syncedAt ?? -Infinity);
    detail = t('wallScreen.staleDetail', {
      duration: formatters.duration(now - freshest),
      time: formatters.time(freshest + link.clockOffsetMs),
    });
  } else if (link.evicted) {
    // Disconnected on purpose (too many screens on this link): say why, not "reconnecting".
    detail = t(`link.evicted.${link.evicted.reason}`, { limit: link.evicted.limit });
  } else {
    detail = t('wallScreen.downDetail', { time: stats ? formatters.time(stats.asOf) : NO_VALUE });
  }
  return (
    <div
      className={`wall-screen-banner wall-screen-banner--${status}`}
      role="alert"
      data-testid="stale-banner"
      data-state={status}
    >
      <strong className="wall-screen-banner__state">{t(`link.${status}`)}</strong>
      <span className="wall-screen-banner__detail">{detail}</span>
    </div>
  );
}
