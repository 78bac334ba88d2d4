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

/** Result of a client → server request (acknowledgement). */
export type Ack<T> = { ok: true; data: T } | { ok: false; error: string };
