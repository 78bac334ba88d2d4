import { createAuditLog, type AuditLog } from '../audit/createAuditLog';
import type { KeyValueStore, StreamLog } from '../stream/eventLog';
import { createAuthenticator, type Authenticator } from './createAuthenticator';
import { createKioskTokenStore, type KioskTokenStore } from './kioskTokens';
import { createSessionStore, type SessionStore } from './sessionStore';
import { createUserStore, type UserStore } from './userStore';

/** Everything access control needs, over one event log (Redis or memory). */
export interface Access {
  users: UserStore;
  sessions: SessionStore;
  kiosks: KioskTokenStore;
  authenticator: Authenticator;
  audit: AuditLog;
}

export function createAccess(deps: { log: StreamLog & KeyValueStore; now: () => number; isSecure: boolean }): Access {
  const users = createUserStore(deps.log, deps.now);
  const sessions = createSessionStore(deps.log, deps.now);
  const kiosks = createKioskTokenStore(deps.log, deps.now);
  return {
    users,
    sessions,
    kiosks,
    authenticator: createAuthenticator({ users, sessions, kiosks, isSecure: deps.isSecure }),
    audit: createAuditLog(deps.log, deps.now),
  };
}
