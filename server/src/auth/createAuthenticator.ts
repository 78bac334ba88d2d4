import { parse as parseCookies } from 'cookie';
import type { SessionUser } from '@shared';
import type { Claims } from './claims';
import type { KioskTokenStore } from './kioskTokens';
import { sessionKey, type SessionStore } from './sessionStore';
import { toSessionUser, type UserStore } from './userStore';

/** Name of the session cookie. `__Host-` needs Secure, so it is used only behind HTTPS. */
export function sessionCookieName(isSecure: boolean): string {
  return isSecure ? '__Host-ortalyq_sid' : 'ortalyq_sid';
}

/** Socket room of one session (its sockets end at logout); named by the stored hash, never the secret. */
export function sessionRoomOf(sessionId: string): string {
  return sessionKey(sessionId);
}

export interface Authenticator {
  /** Claims for a Cookie header, or null (no cookie, unknown or expired session, disabled user, revoked token). */
  fromCookieHeader(header: string | undefined): Promise<Claims | null>;
  /** The session id in a Cookie header, if any. */
  sessionIdOf(header: string | undefined): string | null;
}

/** One way to turn a cookie into claims, used by HTTP routes and the Socket.IO handshake alike. */
export function createAuthenticator(deps: {
  sessions: SessionStore;
  users: UserStore;
  kiosks: KioskTokenStore;
  /** Behind HTTPS only the `__Host-` cookie counts: a sibling subdomain cannot plant it. */
  isSecure: boolean;
}): Authenticator {
  const names = [sessionCookieName(deps.isSecure)];
  const sessionIdOf = (header: string | undefined): string | null => {
    if (!header) return null;
    const cookies = parseCookies(header);
    for (const name of names) {
      const value = cookies[name];
      if (value) return value;
    }
    return null;
  };
  return {
    sessionIdOf,
    async fromCookieHeader(header) {
      const sessionId = sessionIdOf(header);
      const session = sessionId ? await deps.sessions.get(sessionId) : null;
      if (!session || !sessionId) return null;
      if (session.subject.kind === 'user') {
        const user = await deps.users.get(session.subject.username);
        if (!user || user.isDisabled || (user.sessionVersion ?? 0) !== session.subject.version) return null;
        return {
          user: toSessionUser(user),
          subjectRoom: `user:${user.username}`,
          sessionRoom: sessionRoomOf(sessionId),
        };
      }
      const token = await deps.kiosks.get(session.subject.tokenId);
      if (!token) return null;
      const user: SessionUser = {
        username: `kiosk:${token.label}`,
        role: 'operator',
        regions: token.regions,
        isKiosk: true,
      };
      return { user, subjectRoom: `kiosk:${token.id}`, sessionRoom: sessionRoomOf(sessionId) };
    },
  };
}
