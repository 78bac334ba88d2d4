import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { canCallBack, canRegisterAppeals } from '../../access';
import { followLink } from '../../navigation';
import {
  ACCOUNT_PASSWORD_PATH,
  AGENT_PATH,
  ANALYTICS_PATH,
  DASHBOARD_PATH,
  QUALITY_PATH,
  REPORTS_PATH,
} from '../../routes';
import { useSession } from '../../session/sessionContext';
import './account.css';

export interface UserMenuProps {
  /** The page it sits on (the others the user may open get a link), or null for no page links. */
  current: 'wall' | 'analytics' | 'reports' | 'admin' | 'agent' | 'quality' | null;
  /**
   * The page links and "change password" behind one "Sections" button (the dashboard's header:
   * two lines at 1366×768 instead of three, issue 18). Name, role and sign-out stay in view.
   */
  isCompact?: boolean;
}

/**
 * Who is signed in (name, role), links between the wall and access management (admins) or
 * the agent console (agents, supervisors), and sign-out. Absent on a kiosk: a wall screen
 * has no one to sign out and nowhere to go.
 */
export function UserMenu({ current, isCompact = false }: UserMenuProps) {
  const { t } = useTranslation();
  const session = useSession();
  const [isLeaving, setIsLeaving] = useState(false);
  const [hasFailed, setHasFailed] = useState(false);
  if (!session || session.user.isKiosk) return null;
  const { user, logout } = session;

  const signOut = async () => {
    setIsLeaving(true);
    setHasFailed(false);
    const isDone = await logout();
    // After success this component is gone; only a failure needs the state back.
    if (!isDone) {
      setIsLeaving(false);
      setHasFailed(true);
    }
  };

  return (
    <div className="user-menu" role="group" aria-label={t('userMenu.label')} data-testid="user-menu">
      <span className="user-menu__who" title={user.displayName}>
        <span className="user-menu__name" data-testid="user-name">
          {user.username}
        </span>
        <span className="user-menu__role" data-testid="user-role" data-role={user.role}>
          {t(`role.${user.role}`)}
        </span>
      </span>
      <LinkGroup isCompact={isCompact}>
        {current === 'wall' && user.role === 'admin' && (
          <a className="user-menu__link" href="/admin" data-testid="admin-link" onClick={followLink}>
            {t('userMenu.admin')}
          </a>
        )}
        {current === 'wall' && canRegisterAppeals(user) && (
          <a className="user-menu__link" href={AGENT_PATH} data-testid="agent-link" onClick={followLink}>
            {t('agent.menuLink')}
          </a>
        )}
        {(current === 'wall' || current === 'agent') && canCallBack(user) && (
          <a className="user-menu__link" href={QUALITY_PATH} data-testid="quality-link" onClick={followLink}>
            {t('quality.menuLink')}
          </a>
        )}
        {current === 'wall' && (
          <a className="user-menu__link" href={ANALYTICS_PATH} data-testid="analytics-link" onClick={followLink}>
            {t('userMenu.analytics')}
          </a>
        )}
        {(current === 'wall' || current === 'analytics') && (
          <a className="user-menu__link" href={REPORTS_PATH} data-testid="reports-link" onClick={followLink}>
            {t('briefing.menuLink')}
          </a>
        )}
        {(current === 'admin' ||
          current === 'agent' ||
          current === 'analytics' ||
          current === 'reports' ||
          current === 'quality') && (
          <a className="user-menu__link" href={DASHBOARD_PATH} data-testid="wall-link" onClick={followLink}>
            {t('userMenu.wall')}
          </a>
        )}
        <a className="user-menu__link" href={ACCOUNT_PASSWORD_PATH} data-testid="password-link" onClick={followLink}>
          {t('userMenu.password')}
        </a>
      </LinkGroup>
      <button
        type="button"
        className="button user-menu__logout"
        data-testid="logout"
        disabled={isLeaving}
        onClick={() => void signOut()}
      >
        {t('userMenu.logout')}
      </button>
      {hasFailed && (
        <span className="user-menu__error" role="alert">
          {t('userMenu.logoutFailed')}
        </span>
      )}
    </div>
  );
}

/**
 * The links as they are, or (compact) behind a disclosure button: Enter or Space opens the
 * list, Escape closes it and gives focus back to the button, so does a click elsewhere or on
 * a link. The links stay in the page while closed (hidden), so what a role may open never
 * depends on the menu's state.
 */
function LinkGroup({ isCompact, children }: { isCompact: boolean; children: ReactNode }) {
  const { t } = useTranslation();
  const [isOpen, setIsOpen] = useState(false);
  const id = useId();
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!isOpen) return;
    const closeOutside = (event: PointerEvent) => {
      if (!root.current?.contains(event.target as Node)) setIsOpen(false);
    };
    // Caught first and marked handled: the page's own Escape (the incident and appeal pages go
    // back to the region) must not also run when it only closes the menu.
    const closeOnEscape = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      event.preventDefault();
      setIsOpen(false);
      button.current?.focus();
    };
    document.addEventListener('pointerdown', closeOutside);
    document.addEventListener('keydown', closeOnEscape, true);
    return () => {
      document.removeEventListener('pointerdown', closeOutside);
      document.removeEventListener('keydown', closeOnEscape, true);
    };
  }, [isOpen]);

  if (!isCompact) return <>{children}</>;
  return (
    <div className="user-menu__pages" ref={root}>
      <button
        ref={button}
        type="button"
        className="button user-menu__toggle"
        aria-expanded={isOpen}
        aria-controls={id}
        data-testid="pages-menu"
        onClick={() => setIsOpen((open) => !open)}
      >
        {t('pagesMenu.button')}
        <span className="user-menu__chevron" aria-hidden="true">
          ▾
        </span>
      </button>
      <nav
        id={id}
        className="user-menu__list"
        aria-label={t('pagesMenu.label')}
        hidden={!isOpen}
        onClick={(event) => {
          if ((event.target as Element).closest('a')) setIsOpen(false);
        }}
      >
        {children}
      </nav>
    </div>
  );
}
