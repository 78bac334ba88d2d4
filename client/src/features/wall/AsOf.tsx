import { useTranslation } from 'react-i18next';
import { NO_VALUE } from '../../i18n/format';
import { useFormatters } from '../../i18n/useLanguage';
import { useStats } from '../../realtime/hooks';

/** "As of 14:05:09": the server clock the figures were computed at, Kazakhstan time. */
export function AsOf() {
  const { t } = useTranslation();
  const formatters = useFormatters();
  const stats = useStats();
  const time = stats ? (
    <time dateTime={formatters.isoInstant(stats.asOf)}>{formatters.time(stats.asOf)}</time>
  ) : (
    NO_VALUE
  );
  // Split around the placeholder so the time can be a <time> element in any word order.
  const [before = '', after = ''] = t('header.asOf', { time: '\u0000' }).split('\u0000');
  return (
    <p className="as-of" data-testid="as-of">
      {before}
      {time}
      {after}
    </p>
  );
}
