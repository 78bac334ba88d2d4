import type { SessionUser } from '@shared';

/** Why the login page is shown, when there is something to say about it. */
export type SessionNotice = 'expired' | 'signed-out';

/**
 * The session gate's state: checking `/api/auth/me`, server not answering that check,
 * signed out (the login page), or signed in.
 */
export type SessionState =
  | { status: 'loading' }
  | { status: 'unreachable' }
  | { status: 'signed-out'; notice: SessionNotice | null }
  | { status: 'signed-in'; user: SessionUser };

export type SessionEvent =
  /** `/api/auth/me` answered 200. */
  | { type: 'me:ok'; user: SessionUser }
  /** `/api/auth/me` answered 401. */
  | { type: 'me:unauthorized' }
  /** `/api/auth/me` got no usable answer (network, 5xx). */
  | { type: 'me:unreachable' }
  /** Try the first check again (timer or button). */
  | { type: 'retry' }
  | { type: 'login:ok'; user: SessionUser }
  /** The user chose a new password (the server answered with the user as they are now). */
  | { type: 'password:changed'; user: SessionUser }
  | { type: 'logout:ok' }
  /** The socket handshake was refused as `unauthorized`, or an API call answered 401. */
  | { type: 'unauthorized' };

export const INITIAL_SESSION_STATE: SessionState = { status: 'loading' };

/**
 * Identity of what a signed-in page shows: the same key means the same data scope, so
 * the wall store and socket can stay; a new key (another user, role or regions) remounts
 * them, which drops data the new claims may not see and fetches a fresh snapshot.
 */
export function sessionKeyOf(user: SessionUser): string {
  return JSON.stringify([user.username, user.role, user.isKiosk, user.regions]);
}

function isSameUser(a: SessionUser, b: SessionUser): boolean {
  return (
    sessionKeyOf(a) === sessionKeyOf(b) &&
    a.displayName === b.displayName &&
    a.mustChangePassword === b.mustChangePassword
  );
}

/**
 * The gate's pure transition. A failed re-check while signed in keeps the user (the
 * server may just be restarting; the socket retries and a real loss of the session
 * shows up as `unauthorized`). An unchanged user keeps the same state object, so a
 * re-check after a forced disconnect does not re-render or remount anything.
 */
export function applySessionEvent(state: SessionState, event: SessionEvent): SessionState {
  switch (event.type) {
    case 'me:ok':
      if (state.status === 'signed-in' && isSameUser(state.user, event.user)) return state;
      return { status: 'signed-in', user: event.user };
    case 'me:unauthorized':
    case 'unauthorized':
      if (state.status === 'signed-in') return { status: 'signed-out', notice: 'expired' };
      if (state.status === 'signed-out') return state;
      return { status: 'signed-out', notice: null };
    case 'me:unreachable':
      return state.status === 'loading' ? { status: 'unreachable' } : state;
    case 'retry':
      return state.status === 'unreachable' ? { status: 'loading' } : state;
    case 'login:ok':
    case 'password:changed':
      return { status: 'signed-in', user: event.user };
    case 'logout:ok':
      return { status: 'signed-out', notice: 'signed-out' };
  }
}
