import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { PRODUCT_NAME } from '../../product';
import { UserMenu } from '../account/UserMenu';
import { LinkStatus } from '../health/LinkStatus';

/**
 * The analytics page's header: product and page title, link state, user (the way back, the
 * reports and "change password" behind the "Sections" button) and language — two lines at
 * 1366×768 like the dashboard's and the desk pages' (issue 18: three).
 */
export function AnalyticsHeader() {
  const { t } = useTranslation();
  return (
    <header className="page-header page-header--two-lines desk-header">
      <h1 className="page-header__title">
        <span className="wall-header__product">{PRODUCT_NAME}</span>
        <span className="desk-header__title" data-testid="desk-title">
          {t('analytics.title')}: {t('analytics.heading')}
        </span>
      </h1>
      <LinkStatus />
      <UserMenu current="analytics" isCompact />
      <LanguageSwitch />
    </header>
  );
}
