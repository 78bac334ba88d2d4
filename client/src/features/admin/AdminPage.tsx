import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { PRODUCT_NAME } from '../../product';
import { UserMenu } from '../account/UserMenu';
import { DEAD_LETTERS_ANCHOR } from '../health/deadLetterHealth';
import { DeadLettersPanel } from '../health/DeadLettersPanel';
import { ARCHIVE_ANCHOR, ArchiveStatus } from './ArchiveStatus';
import { AuditSection } from './AuditSection';
import { BackfillProgress } from './BackfillProgress';
import { KioskSection } from './KioskSection';
import { ServicesSection } from './ServicesSection';
import { UsersSection } from './UsersSection';
import './admin.css';

/**
 * Access management (admin role only; App shows "not allowed" to others and the server
 * refuses their calls anyway): users, wall-screen links, audit trail. The three sections
 * sit on one page, with in-page links, so nothing is hidden behind a tab. The health of
 * the dead-letter stream closes the page: the admin is who runs the CLI that requeues.
 */
export function AdminPage() {
  const { t } = useTranslation();
  return (
    <div className="admin">
      <header className="page-header">
        <h1 className="page-header__title">
          <span className="wall-header__product">{PRODUCT_NAME}</span>
          <span className="wall-header__subtitle">{t('admin.title')}</span>
        </h1>
        <UserMenu current="admin" />
        <LanguageSwitch />
      </header>
      <nav className="admin__nav" aria-label={t('admin.sections')}>
        <a href="#users">{t('users.title')}</a>
        <a href="#kiosks">{t('kiosks.title')}</a>
        <a href="#services">{t('services.title')}</a>
        <a href="#audit">{t('audit.title')}</a>
        <a href={`#${DEAD_LETTERS_ANCHOR}`}>{t('deadLetters.title')}</a>
        <a href={`#${ARCHIVE_ANCHOR}`}>{t('archiveStatus.title')}</a>
      </nav>
      <main className="admin__body">
        <UsersSection />
        <KioskSection />
        <ServicesSection />
        <AuditSection />
        <DeadLettersPanel id={DEAD_LETTERS_ANCHOR} className="admin-section" />
        <ArchiveStatus className="admin-section" />
        <BackfillProgress />
      </main>
    </div>
  );
}
