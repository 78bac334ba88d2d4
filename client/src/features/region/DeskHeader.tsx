import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { followLink } from '../../navigation';
import { PRODUCT_NAME } from '../../product';
import { UserMenu } from '../account/UserMenu';
import { LinkStatus } from '../health/LinkStatus';

export interface DeskHeaderProps {
  /** What the page shows: the region's name, the appeal's id. */
  title: ReactNode;
  /** Links after "to the wall" (e.g. back to the region's list). */
  links?: ReactNode;
}

/**
 * The header of the supervisor's desk pages (region view, appeal and incident pages): product
 * and page title, the way back to the wall, the link state (a desk acts on live data too), user
 * and language. Two lines at 1366×768 as on the dashboard (issue 18: three, about 190 px): the
 * title and link state, then the page's links, the user with "change password" behind the
 * "Sections" button, sign-out and the languages.
 */
export function DeskHeader({ title, links }: DeskHeaderProps) {
  const { t } = useTranslation();
  return (
    <header className="page-header page-header--two-lines desk-header">
      <h1 className="page-header__title">
        <span className="wall-header__product">{PRODUCT_NAME}</span>
        <span className="desk-header__title" data-testid="desk-title">
          {title}
        </span>
      </h1>
      <nav className="desk-header__nav" aria-label={t('regionView.navigation')}>
        <a href="/" onClick={followLink} data-testid="desk-wall-link">
          {t('regionView.toWall')}
        </a>
        {links}
      </nav>
      <LinkStatus />
      <UserMenu current={null} isCompact />
      <LanguageSwitch />
    </header>
  );
}
