import { createHash } from 'node:crypto';

/**
 * Every Redis key and stream name the server uses, in one place. Each is a suffix: the
 * log prefixes it with the deployment's `REDIS_PREFIX` (`<prefix>:events`), so two
 * deployments can share one Redis. Outside producers depend on `events` (docs/protocol.md);
 * the others are the server's own.
 */

/** The event stream every producer appends to and every node tails. */
export const EVENTS_STREAM = 'events';
/** Entries that failed validation, with the reason (stream/deadLetter.ts). */
export const DEAD_LETTER_STREAM = 'events:dead';
/** Hash of requeued dead letters: dead-letter id → the new stream id (`npm run deadletters`). */
export const REQUEUED_KEY = 'events:dead:requeued';
/** Who did what, when (audit/createAuditLog.ts). */
export const AUDIT_STREAM = 'audit';
/** The projection's latest snapshot (projection/createProjectionStore.ts). */
export const SNAPSHOT_KEY = 'snapshot';
/** Hash: username → user record (auth/userStore.ts). */
export const USERS_KEY = 'users';
/** Hash: kiosk token id → token record (auth/kioskTokens.ts). */
export const KIOSK_TOKENS_KEY = 'kiosk-tokens';
/** The Socket.IO cluster adapter's stream (realtime/createClusterAdapter.ts). */
export const SOCKET_IO_STREAM = 'socket.io';

const sha256 = (text: string): string => createHash('sha256').update(text).digest('base64url');

/**
 * A session's key. Only a SHA-256 of the session id is stored, so someone reading Redis (or
 * a dump of it) cannot take over a session.
 */
export function sessionKey(sessionId: string): string {
  return `session:${sha256(sessionId)}`;
}

/** An Idempotency-Key's record, per user (`scope`), so two users' keys never collide. */
export function idempotencyKey(scope: string, key: string): string {
  return `idempotency:${sha256(`${scope}\0${key}`)}`;
}

/** A rate limit's fixed-window counter (`limit` names the limit, `client` the address or user). */
export function rateLimitKey(limit: string, client: string): string {
  return `ratelimit:${limit}:${client}`;
}
