import { randomBytes } from 'node:crypto';
import type { KeyValueStore } from '../stream/eventLog';
import { sessionKey } from '../keys';

/** Whose session it is: a person (username) or a wall-screen kiosk token (its id). */
export type SessionSubject = { kind: 'user'; username: string; version: number } | { kind: 'kiosk'; tokenId: string };

export interface Session {
  subject: SessionSubject;
  createdAt: string;
  expiresAt: string;
}

export interface SessionStore {
  /** Starts a session; resolves to the secret id that goes into the cookie. */
  create(subject: SessionSubject, ttlMs: number): Promise<string>;
  get(sessionId: string): Promise<Session | null>;
  destroy(sessionId: string): Promise<void>;
  /**
   * Points a live session at a new subject (the user's new session version after a password
   * change), keeping its id and expiry; false when the session is gone.
   */
  rebind(sessionId: string, subject: SessionSubject): Promise<boolean>;
}

export { sessionKey };

/** Sessions in Redis with a TTL, shared by every node. */
export function createSessionStore(log: KeyValueStore, now: () => number = Date.now): SessionStore {
  const store: SessionStore = {
    async create(subject, ttlMs) {
      const id = randomBytes(32).toString('base64url');
      const session: Session = {
        subject,
        createdAt: new Date(now()).toISOString(),
        expiresAt: new Date(now() + ttlMs).toISOString(),
      };
      await log.setValue(sessionKey(id), JSON.stringify(session), ttlMs);
      return id;
    },
    async get(sessionId) {
      if (!/^[\w-]{20,100}$/.test(sessionId)) return null;
      const raw = await log.getValue(sessionKey(sessionId));
      if (!raw) return null;
      const session = JSON.parse(raw) as Session;
      return Date.parse(session.expiresAt) > now() ? session : null;
    },
    async destroy(sessionId) {
      await log.deleteValue(sessionKey(sessionId));
    },
    async rebind(sessionId, subject) {
      const current = await store.get(sessionId);
      const ttlMs = current ? Date.parse(current.expiresAt) - now() : 0;
      if (!current || ttlMs <= 0) return false;
      await log.setValue(sessionKey(sessionId), JSON.stringify({ ...current, subject }), ttlMs);
      return true;
    },
  };
  return store;
}
