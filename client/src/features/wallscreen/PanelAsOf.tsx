import { useTranslation } from 'react-i18next';
import { NO_VALUE } from '../../i18n/format';
import { useFormatters } from '../../i18n/useLanguage';
import { useNow } from '../../realtime/clock';
import { useLink } from '../../realtime/hooks';
import { useWallScreenConfig } from './wallScreenContext';

export interface PanelAsOfProps {
  /** Server time the panel's figures were computed at (epoch ms), or null while there are none. */
  at: number | null;
}

/**
 * A panel's "as of 14:05:09" (Kazakhstan time): the dashboard's AsOf, shorter, to share a
 * panel's head with its title. Drawn in the stale colour once older than the screen's
 * threshold, so a panel left behind (its series stopped coming) stands out on its own.
 */
export function PanelAsOf({ at }: PanelAsOfProps) {
  const { t } = useTranslation();
  const formatters = useFormatters();
  const { staleAfterMs } = useWallScreenConfig();
  const serverNow = useNow() + useLink().clockOffsetMs;
  const isOld = at === null || serverNow - at > staleAfterMs;
  const time = at === null ? NO_VALUE : <time dateTime={formatters.isoInstant(at)}>{formatters.time(at)}</time>;
  // Split around the placeholder so the time can be a <time> element in any word order.
  const [before = '', after = ''] = t('wallScreen.asOf', { time: '\u0000' }).split('\u0000');
  return (
    <p className={`wall-screen-as-of${isOld ? ' wall-screen-as-of--old' : ''}`} data-testid="as-of" data-old={isOld}>
      {before}
      {time}
      {after}
    </p>
  );
}
