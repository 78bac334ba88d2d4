import { createHash } from 'node:crypto';
import type { ProjectionState } from '@shared';
import type { KeyValueStore } from '../stream/eventLog';
import { idempotencyKey } from '../keys';

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

/**
 * A stable digest of a request (method, path, validated body), to tell a retry from a reuse of
 * the key: the body as the schema gave it (trimmed, phone normalised), keys sorted, so a retry
 * that sends the same fields in another order or encoding (Open311 form or JSON) is the same.
 */
export function fingerprintOf(method: string, path: string, body: unknown): string {
  return createHash('sha256')
    .update(`${method} ${path}\n${canonicalJson(body ?? null)}`)
    .digest('base64url');
}

/** JSON with object keys sorted at every level (undefined values left out, as JSON does). */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item ?? null)).join(',')}]`;
  if (typeof value !== 'object' || value === null) return JSON.stringify(value);
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record)
    .filter((key) => record[key] !== undefined)
    .sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`).join(',')}}`;
}

/**
 * Idempotency-Key handling (IETF draft "The Idempotency-Key HTTP Header Field"): keys are
 * per user, claimed with SET NX so two nodes never both write, and only successful answers
 * are kept: a refused request may be corrected and sent again with the same key.
 * `scope` is the caller's username, so two users' keys never collide.
 */
export function createIdempotency(log: KeyValueStore, scope: string): Idempotency {
  const keyOf = (key: string) => idempotencyKey(scope, key);
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
 * What a key derives (`api-…`, 36 chars): the appeal or incident id a keyed creation names
 * (`entityIdOf`), so a retry names the same one.
 */
export function keyIdOf(scope: string, key: string): string {
  return `api-${createHash('sha256').update(`${scope}\0${key}`).digest('base64url').slice(0, 32)}`;
}

/**
 * Event id of a write. With an idempotency key it is derived from the key and the request's
 * fingerprint: even once the stored answer has expired (or was lost), a retry of the same
 * request writes the same id (found in the projection: answered, never appended twice), while
 * the key reused for another request gets another id, never the first request's answer.
 */
export function writeIdOf(scope: string, key: string | null, random: () => string, fingerprint: string): string {
  if (key === null) return `api-${random()}`;
  return `${keyIdOf(scope, key)}.${fingerprint.slice(0, 22)}`;
}

/**
 * The stream id of the event that created the appeal or incident a keyed creation would name,
 * when it exists: the key was used before (its record expired). The caller compares that
 * event's id with its own: the same request is answered again, another one is a reused key.
 */
export function earlierCreationOf(
  state: ProjectionState,
  event: { type: string; data: object & { appealId?: unknown; incidentId?: unknown } },
): string | null {
  const { appealId, incidentId } = event.data;
  const entity =
    event.type === 'appeal.registered' && typeof appealId === 'string'
      ? state.appeals.get(appealId)
      : event.type === 'incident.opened' && typeof incidentId === 'string'
        ? state.incidents.get(incidentId)
        : undefined;
  return entity?.streamIds[0] ?? null;
}
