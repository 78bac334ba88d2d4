import { useTranslation } from 'react-i18next';
import { PRODUCT_NAME } from '../../product';
import { LinkStatus } from '../health/LinkStatus';
import { WallClock } from './WallClock';
import { useWallScreenConfig } from './wallScreenContext';

/** Product and "situation room", the clock, and the link state, large. Nothing to press. */
export function WallScreenHeader() {
  const { t } = useTranslation();
  const { staleAfterMs } = useWallScreenConfig();
  return (
    <header className="wall-screen-header">
      <h1 className="wall-screen-header__title">
        <span className="wall-screen-header__product">{PRODUCT_NAME}</span>
        <span className="wall-screen-header__subtitle">{t('app.subtitle')}</span>
      </h1>
      <WallClock />
      <LinkStatus staleAfterMs={staleAfterMs} />
    </header>
  );
}
