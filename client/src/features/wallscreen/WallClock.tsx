import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../i18n/useLanguage';
import { useNow } from '../../realtime/clock';
import { useLink } from '../../realtime/hooks';

/** The time in Kazakhstan by the server's clock (a kiosk's own clock may drift). */
export function WallClock() {
  const { t } = useTranslation();
  const formatters = useFormatters();
  const now = useNow() + useLink().clockOffsetMs;
  return (
    <p className="wall-screen-clock">
      <time className="wall-screen-clock__time" dateTime={formatters.isoInstant(now)} data-testid="wall-clock">
        {formatters.time(now)}
      </time>
      <span className="wall-screen-clock__label">{t('wallScreen.clock')}</span>
    </p>
  );
}
