import {
  compareStreamIds,
  computeStats,
  DEFAULT_CONFIRMATION_WINDOW_DAYS,
  isOpenStatus,
  MAX_REPLAY_EVENTS,
  PROTOCOL_VERSION,
  READ_BATCH,
  type RegionLayer,
  type Scope,
  type Stats,
  type StreamEvent,
} from '@shared';
import { createServer, type Server as HttpServer } from 'node:http';
import { Server, type ServerOptions } from 'socket.io';
import { MAX_SOCKET_MESSAGE_BYTES } from '@shared';
import { alertRulesOf, type Config } from './config';
import { createAnalyticsService } from './analytics/createAnalyticsService';
import { createAccess, type Access } from './auth/createAccess';
import { createAdminRouter } from './http/auth/createAdminRouter';
import { createAuthRouter, createKioskRouter } from './http/auth/createAuthRouter';
import { loadSession } from './http/auth/middleware';
import { socketAuthenticator } from './auth/passwordChange';
import { createOriginPolicy } from './http/auth/originPolicy';
import { createWriteRateLimit } from './http/auth/writeRateLimit';
import { createApiRouter } from './http/createApiRouter';
import { createWriter, createWriteRouter } from './http/createWriteRouter';
import { createOpen311Router } from './http/open311/createOpen311Router';
import { createHttpApp } from './http/createHttpApp';
import type { Logger } from './logger';
import { presentAppeal, presentEvent, presentIncident, type Viewer } from './presenters/present';
import { createProjectionStore, type ProjectionStore } from './projection/createProjectionStore';
import { createRealtime, SnapshotDeflateServer, type IoServer, type Realtime } from './realtime/createRealtime';
import { eventsInScope, isInScope, roomOf } from './realtime/scopes';
import { createTail, type Tail } from './stream/createTail';
import { decodeEntry, type LocateRegion } from './stream/decodeEntry';
import { retentionTrimPoint } from './stream/retention';
import type { EventLog } from './stream/eventLog';
import { createLocator } from './regions/createLocator';
import { loadBuiltinLayer } from './regions/loadRegionLayer';

export interface AppDeps {
  config: Pick<
    Config,
    | 'FRAME_INTERVAL_MS'
    | 'STATS_INTERVAL_MS'
    | 'ANALYTICS_INTERVAL_MS'
    | 'SNAPSHOT_CACHE_MS'
    | 'ALERT_BACKLOG_PER_100K'
    | 'ALERT_OVERDUE_SHARE'
    | 'ALERT_OVERDUE_MIN_OPEN'
    | 'ALERT_BURST_COUNT'
    | 'ALERT_BURST_MINUTES'
    | 'SNAPSHOT_INTERVAL_MS'
    | 'SNAPSHOT_EVERY_EVENTS'
    | 'STREAM_RETENTION'
    | 'STALE_AFTER_MS'
    | 'ALLOWED_ORIGINS'
    | 'ALLOWED_HOSTS'
    | 'SESSION_TTL_HOURS'
    | 'KIOSK_SESSION_DAYS'
    | 'COOKIE_SECURE'
    | 'LOGIN_RATE_LIMIT'
    | 'WRITE_RATE_LIMIT'
    | 'TRUST_PROXY'
    | 'MAX_FUTURE_SKEW'
    | 'SOCKETS_PER_SESSION'
    | 'SOCKETS_PER_USER'
    | 'SOCKETS_PER_KIOSK'
  > &
    Partial<Pick<Config, 'CONFIRMATION_WINDOW_DAYS'>>;
  log: EventLog;
  /** How the log is provided ('external', 'child', 'memory'), for the health panel. */
  logMode: string;
  logger: Logger;
  /** Clock; tests may pass a fixed one. */
  now?: () => number;
  /** The map layer (a built-in layer or a REGION_PACK; default today's 20 units); also locates events sent without a region. */
  layer?: RegionLayer;
  /** Optional online tiles for the map (TILE_URL / TILE_ATTRIBUTION). */
  tiles?: { url: string; attribution: string | null } | null;
  /**
   * Socket.IO adapter shared by the nodes of one deployment (createClusterAdapter), so forced
   * disconnects reach every node; omitted for a single node (and the in-memory log).
   */
  socketAdapter?: ServerOptions['adapter'];
  /** Built client to serve; null in API-only tests. */
  staticDir?: string | null;
}

export interface App {
  httpServer: HttpServer;
  io: IoServer;
  store: ProjectionStore;
  access: Access;
  /** Restores the snapshot, replays the tail, then follows the stream live. */
  start(): Promise<void>;
  /** Stops the tail, flushes frames, tells clients to reconnect, saves a snapshot, closes sockets. */
  close(): Promise<void>;
}

const EVENTS = 'events';
const TAIL_BLOCK_MS = 1000;
const STATS_CACHE_MS = 500;
/** How often the tail's link is checked for the clients' "link down". */
const UPSTREAM_CHECK_MS = 250;
const NATIONAL: Scope = { regions: 'all' };
/** Newest events a snapshot carries for the feed. */
const SNAPSHOT_FEED = 100;

/**
 * The one place where the stream side and the realtime side meet (design.md "Layers do
 * not know each other"). Never listens: index.ts and the tests do, on any port.
 */
export function createApp(deps: AppDeps): App {
  const { log, logger, config } = deps;
  const now = deps.now ?? Date.now;
  const layer = deps.layer ?? loadBuiltinLayer();
  const locator = createLocator(layer);
  const locate: LocateRegion = locator.regionOf;
  const store = createProjectionStore({
    log,
    logger,
    locate,
    now,
    snapshotEveryEntries: config.SNAPSHOT_EVERY_EVENTS,
    maxFutureSkewMs: config.MAX_FUTURE_SKEW,
  });

  const analytics = createAnalyticsService({
    state: () => store.state,
    now,
    rules: alertRulesOf(config),
    cacheMs: STATS_CACHE_MS,
  });

  // Per scope (national, or a list of regions): each wall and API caller of the same scope shares one computation.
  const statsCache = new Map<string, Stats>();
  const confirmationWindowMs = (config.CONFIRMATION_WINDOW_DAYS ?? DEFAULT_CONFIRMATION_WINDOW_DAYS) * 86_400_000;
  function stats(scope: Scope = NATIONAL): Stats {
    const at = now();
    const key = roomOf(scope);
    const cached = statsCache.get(key);
    if (cached && at - cached.asOf < STATS_CACHE_MS && cached.cursor === store.state.cursor) return cached;
    const fresh = computeStats(store.state, at, scope.regions, analytics.alerts(), confirmationWindowMs);
    statsCache.set(key, fresh);
    return fresh;
  }

  function recent(after: string, to: string, scope: Scope, viewer: Viewer): StreamEvent[] | null {
    if (compareStreamIds(after, to) >= 0) return [];
    const events = store.recentSince(after, to);
    return events && events.filter((e) => isInScope(scope, e.region)).map((e) => presentEvent(e, viewer));
  }

  async function replay(after: string, to: string, scope: Scope, viewer: Viewer): Promise<StreamEvent[] | null> {
    const fromMemory = recent(after, to, scope, viewer);
    if (fromMemory !== null) return fromMemory;
    if (compareStreamIds(after, store.appliedHorizon()) < 0) return null;
    const info = await log.info(EVENTS);
    if (compareStreamIds(after, info.maxDeletedId) < 0) return null;
    const events: StreamEvent[] = [];
    let cursor = after;
    let read = 0;
    for (;;) {
      const entries = await log.range(EVENTS, cursor, to, READ_BATCH);
      read += entries.length;
      if (read > MAX_REPLAY_EVENTS) return null;
      for (const entry of entries) {
        const decoded = decodeEntry(entry, locate);
        if (decoded.ok && store.wasApplied(decoded.event) && isInScope(scope, decoded.event.region)) {
          events.push(presentEvent(decoded.event, viewer));
        }
      }
      const last = entries[entries.length - 1];
      if (!last || entries.length < READ_BATCH) return events;
      cursor = last.id;
    }
  }

  let tail: Tail | null = null;
  let realtime: Realtime | null = null;
  const access = createAccess({ log, now, isSecure: config.COOKIE_SECURE });
  const api = createApiRouter({
    log,
    logMode: deps.logMode,
    store,
    stats,
    analytics,
    now,
    audit: access.audit,
    layer,
    tiles: deps.tiles ?? null,
    staleAfterMs: config.STALE_AFTER_MS,
    confirmationWindowMs,
    tailStatus: () =>
      tail?.status() ?? { isConnected: false, cursor: store.state.cursor, lastError: 'not started', lastReadAt: null },
  });
  const authDeps = {
    log,
    ...access,
    sessionTtlMs: config.SESSION_TTL_HOURS * 3_600_000,
    kioskSessionTtlMs: config.KIOSK_SESSION_DAYS * 86_400_000,
    isSecure: config.COOKIE_SECURE,
    loginLimit: config.LOGIN_RATE_LIMIT,
    disconnectSubject: (room: string) => realtime?.disconnectSubject(room),
  };
  const isAllowedOrigin = createOriginPolicy({
    allowedHosts: config.ALLOWED_HOSTS,
    allowedOrigins: config.ALLOWED_ORIGINS,
    isSecure: config.COOKIE_SECURE,
    port: () => {
      const address = httpServer.address();
      return typeof address === 'object' && address ? address.port : null;
    },
    onRefuse: (origin) =>
      logger.warn({ origin }, 'browser origin refused (if it is this dashboard, add it to ALLOWED_HOSTS)'),
  });
  // One write core for the JSON API and Open311, so each waits for this node's writes by the other.
  const writer = createWriter({ log, store, audit: access.audit, locate: locator, logger, now });

  // Express first, then Socket.IO: engine.io wraps the existing request listener and
  // keeps /socket.io/ to itself (a listener added later would answer those requests too).
  const httpServer = createServer(
    createHttpApp({
      logger,
      staticDir: deps.staticDir ?? null,
      isAllowedOrigin,
      trustProxyHops: config.TRUST_PROXY,
      tileOrigin: deps.tiles ? new URL(deps.tiles.url.replace(/[{}]/g, '')).origin : null,
      loadSession: loadSession(access.authenticator),
      writeRateLimit: createWriteRateLimit(log, config.WRITE_RATE_LIMIT),
      routers: {
        api,
        writes: createWriteRouter(writer),
        open311: createOpen311Router({ log, store, writer, now, confirmationWindowMs }),
        auth: createAuthRouter(authDeps),
        kiosk: createKioskRouter(authDeps),
        admin: createAdminRouter({ ...access, disconnectSubject: authDeps.disconnectSubject }),
      },
    }),
  );
  const io: IoServer = new Server(httpServer, {
    maxHttpBufferSize: MAX_SOCKET_MESSAGE_BYTES,
    serveClient: false,
    // Off (the default, kept on purpose): with it a broadcast is compressed per socket, which
    // defeats the frame Socket.IO encodes once for a whole room. Snapshots alone go out
    // compressed, through the WebSocket server's own negotiation (SnapshotDeflateServer).
    perMessageDeflate: false,
    wsEngine: SnapshotDeflateServer,
    ...(deps.socketAdapter ? { adapter: deps.socketAdapter } : {}),
    // Browsers always send Origin on a WebSocket/XHR handshake; a foreign one is refused
    // before any session lookup. Non-browser clients (no Origin) still need a session.
    allowRequest: (req, callback) => {
      const origin = req.headers.origin;
      callback(null, origin === undefined || isAllowedOrigin(origin));
    },
  });
  realtime = createRealtime({
    io,
    authenticate: socketAuthenticator((cookie) => access.authenticator.fromCookieHeader(cookie)),
    logger,
    now,
    frameIntervalMs: config.FRAME_INTERVAL_MS,
    statsIntervalMs: config.STATS_INTERVAL_MS,
    analyticsIntervalMs: config.ANALYTICS_INTERVAL_MS,
    snapshotCacheMs: config.SNAPSHOT_CACHE_MS,
    socketCaps: {
      perSession: config.SOCKETS_PER_SESSION,
      perUser: config.SOCKETS_PER_USER,
      perKiosk: config.SOCKETS_PER_KIOSK,
    },
    source: {
      cursor: () => store.state.cursor,
      stats,
      analytics: analytics.analytics,
      replay,
      recent,
      snapshot(scope, viewer, reason) {
        const state = store.state;
        const appeals = [];
        const feedEvents = state.feed.slice(-SNAPSHOT_FEED);
        const inFeed = new Set(feedEvents.map((e) => (e.data as { appealId?: string }).appealId));
        for (const appeal of state.appeals.values()) {
          // Open appeals and those awaiting closure (their next events need them), and finished
          // ones the feed mentions (shown with their category). Not every appeal closed lately:
          // at a national rate that is tens of thousands, in every snapshot.
          const isRelevant = isOpenStatus(appeal.status) || appeal.closedAt === null || inFeed.has(appeal.id);
          if (isRelevant && isInScope(scope, appeal.region)) appeals.push(presentAppeal(appeal, viewer));
        }
        const incidents = [...state.incidents.values()]
          .filter((i) => isInScope(scope, i.region))
          .map((i) => presentIncident(i, viewer));
        const feed = eventsInScope(scope, feedEvents).map((e) => presentEvent(e, viewer));
        return {
          protocol: PROTOCOL_VERSION,
          cursor: state.cursor,
          scope,
          reason,
          calendarYears: state.addedYears.flatMap((year) => state.calendar.years[year] ?? []),
          appeals,
          incidents,
          feed,
          stats: stats(scope),
          serverTime: now(),
        };
      },
    },
  });

  const live: Realtime = realtime;

  /** The periodic snapshot, then the stream trimmed to STREAM_RETENTION behind it. */
  async function saveSnapshotAndTrim(): Promise<void> {
    const saved = await store.saveSnapshot();
    const point = retentionTrimPoint(now(), config.STREAM_RETENTION, saved);
    if (point === null) return;
    const removed = await log.trim(EVENTS, point);
    if (removed > 0) logger.info({ removed, before: point }, 'stream trimmed to its retention');
  }
  let snapshotTimer: NodeJS.Timeout | null = null;
  let upstreamTimer: NodeJS.Timeout | null = null;

  return {
    httpServer,
    io,
    store,
    access,
    async start() {
      const startedAt = performance.now();
      const from = await store.restore();
      const restoredAt = performance.now();
      // Catch up before serving, so the first snapshot a client gets is current. The next
      // batch is read while this one is applied; no snapshot is written until the end.
      let replayed = 0;
      let next = log.range(EVENTS, from, '+', READ_BATCH);
      for (;;) {
        const entries = await next;
        const last = entries[entries.length - 1];
        if (!last) break;
        next = log.range(EVENTS, last.id, '+', READ_BATCH);
        // Should ingest fail, the read ahead must not become an unhandled rejection.
        next.catch(() => undefined);
        await store.ingest(entries);
        replayed += entries.length;
      }
      logger.info(
        {
          snapshotCursor: from,
          replayed,
          cursor: store.state.cursor,
          restoreMs: Math.round(restoredAt - startedAt),
          replayMs: Math.round(performance.now() - restoredAt),
        },
        'projection ready',
      );
      store.snapshotIfDue();
      live.publish([], store.state.cursor);
      live.flush();
      tail = createTail({
        log,
        stream: EVENTS,
        from: store.state.cursor,
        logger,
        batchSize: READ_BATCH,
        blockMs: TAIL_BLOCK_MS,
        onBatch: async (entries) => {
          const applied = await store.ingest(entries);
          live.publish(applied, store.state.cursor);
          store.snapshotIfDue();
        },
      });
      tail.start();
      const liveTail = tail;
      upstreamTimer = setInterval(() => live.setUpstream(liveTail.status().isConnected), UPSTREAM_CHECK_MS);
      snapshotTimer = setInterval(() => {
        saveSnapshotAndTrim().catch((error: unknown) =>
          logger.warn({ err: (error as Error).message }, 'snapshot or trim failed'),
        );
      }, config.SNAPSHOT_INTERVAL_MS);
    },
    async close() {
      if (snapshotTimer) clearInterval(snapshotTimer);
      if (upstreamTimer) clearInterval(upstreamTimer);
      // Stop accepting first, so a load balancer sends new clients to another node meanwhile.
      const isClosed = httpServer.listening
        ? new Promise<void>((resolve) => httpServer.close(() => resolve()))
        : Promise.resolve();
      await tail?.stop();
      // The last frame goes out, then every client hears "reconnect elsewhere".
      live.close(1000);
      await store
        .saveSnapshot()
        .catch((error: unknown) => logger.warn({ err: (error as Error).message }, 'final snapshot failed'));
      await new Promise<void>((resolve) => {
        void io.close(() => resolve());
      });
      // Idle keep-alive connections would hold the close open.
      httpServer.closeAllConnections();
      await isClosed;
    },
  };
}
