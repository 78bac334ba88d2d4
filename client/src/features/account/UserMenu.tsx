import { useState } from 'react';
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
}

/**
 * Who is signed in (name, role), links between the wall and access management (admins) or
 * the agent console (agents, supervisors), and sign-out. Absent on a kiosk: a wall screen
 * has no one to sign out and nowhere to go.
 */
export function UserMenu({ current }: UserMenuProps) {
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
