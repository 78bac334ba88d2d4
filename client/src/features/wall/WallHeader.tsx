import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { PRODUCT_NAME } from '../../product';
import { UserMenu } from '../account/UserMenu';
import { DeadLettersBadge } from '../health/DeadLettersBadge';
import { LinkStatus } from '../health/LinkStatus';
import { AsOf } from './AsOf';

export function WallHeader() {
  const { t } = useTranslation();
  return (
    <header className="wall-header page-header--two-lines">
      <h1 className="wall-header__title">
        <span className="wall-header__product">{PRODUCT_NAME}</span>
        <span className="wall-header__subtitle">{t('app.subtitle')}</span>
      </h1>
      <AsOf />
      <LinkStatus />
      <DeadLettersBadge />
      <UserMenu current="wall" isCompact />
      <LanguageSwitch />
    </header>
  );
}
