/**
 * Every size and count limit of the product, in one place. Server and client import
 * these; docs/protocol.md quotes them.
 */

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
 * drains it gets a fresh snapshot (reason `too_far_behind`). Bounds memory per client.
 */
export const MAX_QUEUED_MESSAGES = 50;

/** …or this many bytes (about) of them, counting what the WebSocket has not handed to the kernel. */
export const MAX_QUEUED_BYTES = 2 * 1024 * 1024;

/** Longest interval between two delta frames, in ms (design: 100–250 ms frames). */
export const MAX_FRAME_INTERVAL_MS = 250;
