import type { CalendarYear } from './calendar/calendarYear';
import type { RegionCode } from './domain/regions';
import type { StreamEvent } from './schemas/events';
import type { Stats } from './projection/metrics';
import type { Appeal, Incident } from './projection/state';

/**
 * Version of the socket protocol. A client sends it in the handshake; a server with
 * another version answers `sync:incompatible` and disconnects it (the page must reload).
 */
export const PROTOCOL_VERSION = 1;

/** What the client sends in the Socket.IO handshake `auth`. */
export interface HandshakeAuth {
  protocol: number;
  /** Last cursor the client applied; present on reconnect, to resume without gaps. */
  cursor?: string;
}

/** The part of the country a socket sees; derived on the server, never asked for. */
export interface Scope {
  regions: 'all' | RegionCode[];
}

export const SNAPSHOT_REASONS = ['connect', 'trimmed', 'resync', 'too_far_behind'] as const;
export type SnapshotReason = (typeof SNAPSHOT_REASONS)[number];

/**
 * Everything a client needs to draw its scope, as of `cursor`. Appeals are the open ones,
 * the resolved ones awaiting closure and finished ones the feed mentions; personal data
 * already masked.
 */
export interface Snapshot {
  protocol: typeof PROTOCOL_VERSION;
  cursor: string;
  scope: Scope;
  reason: SnapshotReason;
  appeals: Appeal[];
  incidents: Incident[];
  /** Newest applied events, oldest first. */
  feed: StreamEvent[];
  stats: Stats;
  /**
   * Calendar years added by `calendar.year_added` events (national: every scope gets them),
   * so the replica counts the legal deadlines of later registrations as the server does.
   */
  calendarYears?: CalendarYear[];
  /** Server clock (epoch ms) when it was built, for the staleness indicator. */
  serverTime: number;
}

/**
 * A batch of applied events for the socket's scope. `from` is the cursor the previous
 * frame ended at and `cursor` the one this ends at; events are in stream order.
 * A client drops events at or before its own cursor and resyncs when `from` is after it.
 */
export interface Frame {
  from: string;
  cursor: string;
  events: StreamEvent[];
  /** True for the answer to a resume (events read back from the stream). */
  replay: boolean;
  serverTime: number;
}

/** Why a client must reload or reconnect. */
export interface Incompatible {
  serverProtocol: number;
  message: string;
}

/** The server is shutting down: reconnect (to another node) after a short delay. */
export interface ShuttingDown {
  reconnectInMs: number;
}

/**
 * The server's own link to the stream (Redis). Sent on connect and whenever it changes: a
 * dashboard connected to a server that lost Redis shows "link down", not stale live data.
 */
export interface UpstreamStatus {
  isConnected: boolean;
  /** Server clock (epoch ms) of the change. */
  since: number;
}

/** Why a request was refused, when the client should act on it (else just `error`). */
export const ACK_ERROR_CODES = ['rate_limited'] as const;
export type AckErrorCode = (typeof ACK_ERROR_CODES)[number];

/** A refused request: `error` is for people; `code` and `retryAfterMs` for the client's logic. */
export interface AckError {
  ok: false;
  error: string;
  /** `rate_limited`: the user sent this event faster than `CLIENT_EVENT_LIMITS` allows. */
  code?: AckErrorCode;
  /** When the same request would be accepted again, ms from now. */
  retryAfterMs?: number;
}

/** Result of a client → server request (acknowledgement). */
export type Ack<T> = { ok: true; data: T } | AckError;

/**
 * Why the server is about to disconnect a socket on purpose (`server:evicted`), so the client
 * shows it instead of reconnecting: `session_sockets`, `user_sockets`, `kiosk_sockets` — a
 * newer socket of the same sign-in, user or kiosk link went past its cap and this was the
 * oldest (reconnecting would only push out the next one); `flooding` — it kept sending
 * requests beyond its rate limit while not reading the answers.
 */
export const EVICTION_REASONS = ['session_sockets', 'user_sockets', 'kiosk_sockets', 'flooding'] as const;
export type EvictionReason = (typeof EVICTION_REASONS)[number];

/** Sent just before the server disconnects a socket on purpose. */
export interface Eviction {
  reason: EvictionReason;
  /** The cap that was exceeded (sockets), for the message shown. */
  limit: number;
}
