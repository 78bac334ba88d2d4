import type { Analytics, AnalyticsFilter } from './analytics/analytics';
import type { Stats } from './projection/metrics';
import type { SessionUser } from './domain/roles';
import type { Ack, Eviction, Frame, Incompatible, ShuttingDown, Snapshot, UpstreamStatus } from './protocol';

/**
 * The one typed Socket.IO event map, used as generics by `Server<…>` on the server and
 * `Socket<…>` on the client. Names are `entity:verb`.
 */
export interface ServerToClientEvents {
  'sync:snapshot': (snapshot: Snapshot) => void;
  'sync:frame': (frame: Frame) => void;
  'sync:incompatible': (info: Incompatible) => void;
  'server:shutdown': (info: ShuttingDown) => void;
  'stats:update': (stats: Stats) => void;
  /** The server's link to the stream: on connect, then on every change. */
  'server:upstream': (status: UpstreamStatus) => void;
  /** The charts' series for the filter the socket watches, every `ANALYTICS_INTERVAL_MS` (never faster). */
  'analytics:update': (analytics: Analytics) => void;
  /** Just before the server disconnects this socket on purpose (too many sockets, flooding): show why, do not reconnect. */
  'server:evicted': (info: Eviction) => void;
}

export interface ClientToServerEvents {
  /** Ask for the entries after `cursor` (after a detected gap); answered with a frame or a snapshot. */
  'sync:resume': (request: { cursor: string }, ack: (result: Ack<{ mode: 'replay' | 'snapshot' }>) => void) => void;
  /**
   * Watch the charts for a filter (`AnalyticsFilter`, validated on the server); answered with
   * the series at once, then `analytics:update`. `null` stops. A socket watches one filter.
   */
  'analytics:watch': (filter: unknown, ack: (result: Ack<Analytics | null>) => void) => void;
}

export type InterServerEvents = Record<string, never>;

/** Per-socket data the server keeps: the claims from the session, set at the handshake. */
export interface SocketData {
  user: SessionUser;
  /** Room for forced disconnects (`user:<name>` or `kiosk:<id>`). */
  subjectRoom: string;
  /** Room of the session (its sockets end at logout). */
  sessionRoom: string;
  /** Room of the socket's scope (frames are emitted per scope). */
  scopeKey: string;
  /** True while the socket is too far behind: no frames until its connection drains, then a snapshot. */
  isBehind?: boolean;
  /**
   * When the socket connected (epoch ms, sub-millisecond, this node's clock): the oldest
   * socket of a session or user is the one disconnected when a cap is exceeded.
   */
  connectedAt: number;
  /** The analytics filter the socket watches, if any. */
  analytics?: AnalyticsFilter;
}
