import type { SessionUser } from '@shared';
import { Fragment, useCallback, useEffect, useMemo, useReducer, type ReactNode } from 'react';
import { AccountPasswordPage } from '../features/account/AccountPasswordPage';
import { WallUrlLanguage } from '../features/wallscreen/WallUrlLanguage';
import { LoginPage } from '../features/login/LoginPage';
import { navigate } from '../navigation';
import { ACCOUNT_PASSWORD_PATH } from '../routes';
import { fetchMe, postLogout, type MeResult } from './sessionApi';
import { SessionContext, type SessionCheck, type SessionValue } from './sessionContext';
import { applySessionEvent, INITIAL_SESSION_STATE, sessionKeyOf, type SessionEvent } from './sessionState';
import { StatusScreen } from './StatusScreen';

/** Wait before asking `/api/auth/me` again when the server did not answer the first time. */
export const ME_RETRY_MS = 5000;

const eventOf = (me: MeResult): SessionEvent =>
  me.kind === 'signed-in'
    ? { type: 'me:ok', user: me.user }
    : me.kind === 'signed-out'
      ? { type: 'me:unauthorized' }
      : { type: 'me:unreachable' };

const checkOf = (me: MeResult): SessionCheck =>
  me.kind === 'signed-in' ? 'valid' : me.kind === 'signed-out' ? 'invalid' : 'unknown';

export interface SessionGateProps {
  /** The signed-in app; remounted when the user or their data scope changes. */
  children: ReactNode;
}

/**
 * The top of the app: nothing but a "loading" line until `/api/auth/me` answers, the
 * login page without a session, the routed app with one. Children (and so the socket)
 * exist only while signed in.
 */
export function SessionGate({ children }: SessionGateProps) {
  const [state, dispatch] = useReducer(applySessionEvent, INITIAL_SESSION_STATE);

  useEffect(() => {
    if (state.status !== 'loading') return;
    let isCurrent = true;
    void fetchMe().then((me) => {
      if (isCurrent) dispatch(eventOf(me));
    });
    return () => {
      isCurrent = false;
    };
  }, [state.status]);

  // A wall screen that booted while the server was down must come up by itself.
  useEffect(() => {
    if (state.status !== 'unreachable') return;
    const timer = setTimeout(() => dispatch({ type: 'retry' }), ME_RETRY_MS);
    return () => clearTimeout(timer);
  }, [state.status]);

  const recheck = useCallback(async (): Promise<SessionCheck> => {
    const me = await fetchMe();
    dispatch(eventOf(me));
    return checkOf(me);
  }, []);

  const logout = useCallback(async (): Promise<boolean> => {
    if (!(await postLogout())) return false;
    dispatch({ type: 'logout:ok' });
    // The next person to sign in starts from the wall, not from this user's page.
    navigate('/login', { replace: true });
    return true;
  }, []);

  const lost = useCallback(() => dispatch({ type: 'unauthorized' }), []);
  const passwordChanged = useCallback(
    (changed: SessionUser) => dispatch({ type: 'password:changed', user: changed }),
    [],
  );

  const user = state.status === 'signed-in' ? state.user : null;
  const session = useMemo<SessionValue | null>(
    () => (user ? { user, logout, recheck, lost, passwordChanged } : null),
    [user, logout, recheck, lost, passwordChanged],
  );

  // A one-time password: the address bar says where the user is kept until they change it.
  const isPasswordChangeRequired = user?.mustChangePassword === true;
  useEffect(() => {
    if (isPasswordChangeRequired && window.location.pathname !== ACCOUNT_PASSWORD_PATH) {
      navigate(ACCOUNT_PASSWORD_PATH, { replace: true });
    }
  }, [isPasswordChangeRequired]);

  switch (state.status) {
    // On a wall, in the wall URL's language (`/wall?lang=kk`), not the browser's stored one.
    case 'loading':
      return (
        <WallUrlLanguage>
          <StatusScreen kind="loading" />
        </WallUrlLanguage>
      );
    case 'unreachable':
      return (
        <WallUrlLanguage>
          <StatusScreen kind="unreachable" onRetry={() => dispatch({ type: 'retry' })} />
        </WallUrlLanguage>
      );
    case 'signed-out':
      return (
        <WallUrlLanguage>
          <LoginPage notice={state.notice} onSignedIn={(signedIn) => dispatch({ type: 'login:ok', user: signedIn })} />
        </WallUrlLanguage>
      );
    case 'signed-in':
      // No app, and so no socket, until a one-time password is replaced (the server refuses both).
      if (isPasswordChangeRequired) {
        return (
          <SessionContext value={session}>
            <AccountPasswordPage />
          </SessionContext>
        );
      }
      return (
        <SessionContext value={session}>
          <Fragment key={sessionKeyOf(state.user)}>{children}</Fragment>
        </SessionContext>
      );
  }
}
