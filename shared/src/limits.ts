/**
 * Every size and count limit of the product, in one place. Server and client import
 * these; docs/protocol.md quotes them.
 */

import type { ClientToServerEvents } from './events';

/** Largest accepted `event` field of a stream entry, in bytes (UTF-8). */
export const MAX_EVENT_BYTES = 16 * 1024;

/** Longest event `id` (the idempotency key). */
export const MAX_EVENT_ID_LENGTH = 128;

/** Longest appeal or incident id. */
export const MAX_ENTITY_ID_LENGTH = 64;

/** Longest appeal description, in characters. */
export const MAX_DESCRIPTION_LENGTH = 4000;

/** Longest short free text (address, district, service, assignee, title, comment…). */
export const MAX_SHORT_TEXT_LENGTH = 500;

/** Largest number of appeals one incident event may link. */
export const MAX_LINKED_APPEALS = 1000;

/**
 * Earliest `at` an event may carry (2000-01-01 UTC): history imports go back that far; an
 * older one is a producer's zero or unset clock (1970), dead-lettered.
 */
export const EARLIEST_EVENT_AT = Date.UTC(2000, 0, 1);

/**
 * How far ahead of the clock an event's `at` may be, by default (`MAX_FUTURE_SKEW`): clocks
 * drift a little; an `at` further ahead would take the slot of a minute still to come in the
 * metric rings, so the entry is dead-lettered.
 */
export const DEFAULT_MAX_FUTURE_SKEW_MS = 5 * 60_000;

/** How much of an oversized original value is kept in a dead-letter entry. */
export const DEAD_LETTER_KEEP_BYTES = 4 * 1024;

/** Entries read from the stream per XREAD / XRANGE call. */
export const READ_BATCH = 1000;

/**
 * Finished (resolved, closed or rejected) appeals the projection keeps, oldest evicted
 * first, so memory stays bounded even when a producer never sends `closed`.
 */
export const MAX_RECENT_CLOSED_APPEALS = 20_000;

/** Resolved incidents the projection keeps, oldest evicted first. */
export const MAX_RECENT_RESOLVED_INCIDENTS = 500;

/** Event ids remembered for de-duplication (a FIFO window over the newest applied events). */
export const DEDUP_WINDOW = 200_000;

/** Newest events kept for the live feed (snapshot `feed`). */
export const FEED_LENGTH = 100;

/** Largest number of events one resume replay sends before falling back to a snapshot. */
export const MAX_REPLAY_EVENTS = 50_000;

/** Largest Socket.IO message a client may send, in bytes. */
export const MAX_SOCKET_MESSAGE_BYTES = 64 * 1024;

/**
 * Messages the server may hold for one socket that its connection has not taken: beyond
 * this the client is too slow (or stalled), gets no more frames, and once its connection
 * drains it gets a fresh snapshot (reason `too_far_behind`). Bounds memory per client: every
 * reply counts (frames, snapshots, chart updates, answers to requests).
 */
export const MAX_QUEUED_MESSAGES = 50;

/** …or this many bytes (about) of them, counting what the WebSocket has not handed to the kernel. */
export const MAX_QUEUED_BYTES = 2 * 1024 * 1024;

/** Longest interval between two delta frames, in ms (design: 100–250 ms frames). */
export const MAX_FRAME_INTERVAL_MS = 250;

/** A token bucket: `burst` at once, then one more every `refillMs`. */
export interface RateLimit {
  burst: number;
  refillMs: number;
}

/**
 * How often a user may send each client → server socket event, counted per user (or per
 * kiosk link) across all of its sockets on one server node, so opening more tabs buys no
 * more budget. A request beyond it is answered `{ ok: false, code: 'rate_limited',
 * retryAfterMs }`. Typed against the event map: a new event cannot be added without a limit.
 */
export const CLIENT_EVENT_LIMITS = {
  /**
   * Resume after a gap (and the handshake's own resume or snapshot, which takes a token when
   * one is left but is never refused): a burst of 10 (a user's tabs reconnecting after a
   * deploy), then one a second.
   */
  'sync:resume': { burst: 10, refillMs: 1000 },
  /**
   * Change the charts' filter: a burst of 10 (tabs re-sending their filter after a
   * reconnect, a few quick clicks), then four a second — faster than anyone clicks regions.
   */
  'analytics:watch': { burst: 10, refillMs: 250 },
} as const satisfies Record<keyof ClientToServerEvents, RateLimit>;

/**
 * Default cap on the sockets of one sign-in (one browser's tabs): a new socket beyond it
 * disconnects that session's oldest one, which is told why (`server:evicted`). `SOCKETS_PER_SESSION`.
 */
export const DEFAULT_SOCKETS_PER_SESSION = 8;

/** Default cap on the sockets of one user across all their sessions (`SOCKETS_PER_USER`); the oldest goes first. */
export const DEFAULT_SOCKETS_PER_USER = 32;

/** Default cap on the sockets of one kiosk link, its own subject (`SOCKETS_PER_KIOSK`); the oldest goes first. */
export const DEFAULT_SOCKETS_PER_KIOSK = 8;
