import { createHash } from 'node:crypto';
import type { EventLog } from '../stream/eventLog';

/** How long a finished write's answer is kept for retries with the same key. */
export const IDEMPOTENCY_TTL_MS = 24 * 3_600_000;
/** How long a claim of a write in progress holds if the node dies mid-write. */
const IN_PROGRESS_TTL_MS = 10_000;

/** An Idempotency-Key header: 1–128 printable ASCII characters (a UUID, typically). */
export const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,128}$/;

export type Claim =
  /** First time: go ahead, then `complete` or `release`. */
  | { kind: 'new' }
  /** Done before: answer exactly this again. */
  | { kind: 'replay'; status: number; body: unknown }
  /** The same key is being written right now by another request. */
  | { kind: 'in_progress' }
  /** The key was used for a different request. */
  | { kind: 'mismatch' };

export interface Idempotency {
  claim(key: string, fingerprint: string): Promise<Claim>;
  /** Stores the answer of a successful write for retries. */
  complete(key: string, fingerprint: string, status: number, body: unknown): Promise<void>;
  /** Frees the key after a refused or failed write, so a corrected retry may use it. */
  release(key: string): Promise<void>;
}

interface Stored {
  fingerprint: string;
  status?: number;
  body?: unknown;
}

/** A stable digest of a request (method, path, body), to tell a retry from a reuse of the key. */
export function fingerprintOf(method: string, path: string, body: unknown): string {
  return createHash('sha256')
    .update(`${method} ${path}\n${JSON.stringify(body ?? null)}`)
    .digest('base64url');
}

/**
 * Idempotency-Key handling (IETF draft "The Idempotency-Key HTTP Header Field"): keys are
 * per user, claimed with SET NX so two nodes never both write, and only successful answers
 * are kept: a refused request may be corrected and sent again with the same key.
 * `scope` is the caller's username, so two users' keys never collide.
 */
export function createIdempotency(log: EventLog, scope: string): Idempotency {
  const keyOf = (key: string) => `idempotency:${createHash('sha256').update(`${scope}\0${key}`).digest('base64url')}`;
  return {
    async claim(key, fingerprint) {
      const stored = keyOf(key);
      if (await log.setValueIfAbsent(stored, JSON.stringify({ fingerprint }), IN_PROGRESS_TTL_MS))
        return { kind: 'new' };
      const raw = await log.getValue(stored);
      // Expired between the two calls: claim it again (once; a second loss means a racing twin).
      if (raw === null) {
        const isClaimed = await log.setValueIfAbsent(stored, JSON.stringify({ fingerprint }), IN_PROGRESS_TTL_MS);
        return isClaimed ? { kind: 'new' } : { kind: 'in_progress' };
      }
      const previous = JSON.parse(raw) as Stored;
      if (previous.fingerprint !== fingerprint) return { kind: 'mismatch' };
      if (previous.status === undefined) return { kind: 'in_progress' };
      return { kind: 'replay', status: previous.status, body: previous.body };
    },
    async complete(key, fingerprint, status, body) {
      await log.setValue(keyOf(key), JSON.stringify({ fingerprint, status, body }), IDEMPOTENCY_TTL_MS);
    },
    async release(key) {
      await log.deleteValue(keyOf(key));
    },
  };
}

/**
 * Event id of a write. With an idempotency key it is derived from it, so even if the
 * stored answer were lost, a retry writes the same id and the projection ignores it.
 */
export function writeIdOf(scope: string, key: string | null, random: () => string): string {
  if (key === null) return `api-${random()}`;
  return `api-${createHash('sha256').update(`${scope}\0${key}`).digest('base64url').slice(0, 32)}`;
}
