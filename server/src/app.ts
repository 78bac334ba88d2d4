import { DEFAULT_CONFIRMATION_WINDOW_DAYS, isStillLive, READ_BATCH, type RegionLayer } from '@shared';
import type { History } from './archive/history';
import type { ArchiveTimelineReads } from './http/auditActors';
import type { HistoryProgress } from './archive/history/createHistoryBackfill';
import type { ArchiveLink } from './archive/archiveStatus';
import type { ReportsSource } from './reports/reportsSource';
import { createServicesRouter } from './http/services/createServicesRouter';
import { createServiceDirectory, type ServiceDirectory } from './services/serviceDirectory';
import type { Server as HttpServer } from 'node:http';
import type { ServerOptions } from 'socket.io';
import { alertRulesOf, type Config } from './config';
import { createAnalyticsService } from './analytics/createAnalyticsService';
import { createStatsCache } from './analytics/createStatsCache';
import { createAccess, type Access } from './auth/createAccess';
import { socketAuthenticator } from './auth/passwordChange';
import { createApiRouter } from './http/createApiRouter';
import { createHttpServer } from './http/createHttpServer';
import { createWriteService } from './writes/createWriteService';
import { EVENTS_STREAM } from './keys';
import type { Logger } from './logger';
import { createSnapshotBuilder } from './presenters/buildSnapshot';
import { catchUp } from './projection/catchUp';
import { createProjectionStore, type ProjectionStore } from './projection/createProjectionStore';
import { createReplayReader } from './projection/createReplayReader';
import { createSnapshotScheduler } from './projection/createSnapshotScheduler';
import { createIoServer } from './realtime/createIoServer';
import { createRealtime, type IoServer } from './realtime/createRealtime';
import { createTail, type Tail } from './stream/createTail';
import type { LocateRegion } from './stream/decodeEntry';
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
  /** The archive's read side (createHistory): reads and period searches fall back to it; none: memory only. */
  history?: History;
  /** The archive's audit trail and incident events, for the timelines' "who acted" (issue 18). */
  archiveReads?: ArchiveTimelineReads;
  /** The archive (createArchiveService): retention, eviction and health follow its cursor. Absent: none. */
  archive?: ArchiveLink;
  /** The demo history backfill's progress for the admin page (null: none in this process). */
  historyProgress?: () => HistoryProgress | null;
  /** The archive's rollups for `/api/reports/*` (issue 19); absent: no reports. */
  reportsSource?: ReportsSource;
}

export interface App {
  httpServer: HttpServer;
  io: IoServer;
  store: ProjectionStore;
  access: Access;
  /** The service directory (organisations by БИН); index.ts seeds the demo one. */
  services: ServiceDirectory;
  /** Restores the snapshot, replays the tail, then follows the stream live. */
  start(): Promise<void>;
  /** Stops the tail, flushes frames, tells clients to reconnect, saves a snapshot, closes sockets. */
  close(): Promise<void>;
}

const TAIL_BLOCK_MS = 1000;
const STATS_CACHE_MS = 500;
/** How often the tail's link is checked for the clients' "link down". */
const UPSTREAM_CHECK_MS = 250;

/**
 * The one place where the stream side and the realtime side meet (design.md "Layers do
 * not know each other"): wiring only, the work is in the modules it wires. Never listens:
 * index.ts and the tests do, on any port.
 */
export function createApp(deps: AppDeps): App {
  const { log, logger, config } = deps;
  const now = deps.now ?? Date.now;
  const layer = deps.layer ?? loadBuiltinLayer();
  const locator = createLocator(layer);
  const locate: LocateRegion = locator.regionOf;
  const confirmationWindowMs = (config.CONFIRMATION_WINDOW_DAYS ?? DEFAULT_CONFIRMATION_WINDOW_DAYS) * 86_400_000;
  const store = createProjectionStore({
    log,
    logger,
    locate,
    now,
    snapshotEveryEntries: config.SNAPSHOT_EVERY_EVENTS,
    maxFutureSkewMs: config.MAX_FUTURE_SKEW,
    ...(deps.archive ? { archivedThrough: deps.archive.archivedThrough } : {}),
    // A resolved appeal stays live until its window ends (the callback, the closing may follow),
    // by the projection's clock: a replayed backlog is judged as of its own time.
    keepFinished: (appeal, at) => isStillLive(appeal, at, confirmationWindowMs),
  });
  const analytics = createAnalyticsService({
    state: () => store.state,
    now,
    rules: alertRulesOf(config),
    cacheMs: STATS_CACHE_MS,
  });
  const stats = createStatsCache({
    state: () => store.state,
    alerts: analytics.alerts,
    now,
    cacheMs: STATS_CACHE_MS,
    confirmationWindowMs,
  });
  const replays = createReplayReader({ log, store, locate });
  const snapshots = createSnapshotScheduler({
    store,
    log,
    logger,
    now,
    intervalMs: config.SNAPSHOT_INTERVAL_MS,
    retentionMs: config.STREAM_RETENTION,
    ...(deps.archive ? { archivedThrough: deps.archive.archivedThrough } : {}),
  });

  let tail: Tail | null = null;
  let upstreamTimer: NodeJS.Timeout | null = null;
  const access = createAccess({ log, now, isSecure: config.COOKIE_SECURE });
  const services = createServiceDirectory(log, now);
  const api = createApiRouter({
    services: createServicesRouter({ services, appeals: () => store.state.appeals.values(), now }),
    history: deps.history,
    archiveReads: deps.archiveReads,
    users: access.users,
    ...(deps.archive ? { archive: deps.archive } : {}),
    confirmationWindowMs,
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
    tailStatus: () =>
      tail?.status() ?? { isConnected: false, cursor: store.state.cursor, lastError: 'not started', lastReadAt: null },
  });
  // One write core for the JSON API and Open311, so each waits for this node's writes by the other.
  const writer = createWriteService({
    log,
    store,
    audit: access.audit,
    locate: locator,
    logger,
    now,
    history: deps.history,
  });
  // Express first, then Socket.IO (createIoServer says why).
  const { httpServer, isAllowedOrigin } = createHttpServer({
    config,
    log,
    logger,
    store,
    access,
    writer,
    api,
    now,
    tiles: deps.tiles ?? null,
    staticDir: deps.staticDir ?? null,
    disconnectSubject: (room) => realtime.disconnectSubject(room),
    services,
    history: deps.history,
    historyProgress: deps.historyProgress,
    confirmationWindowMs,
    reportsSource: deps.reportsSource,
  });
  const io = createIoServer(httpServer, { isAllowedOrigin, adapter: deps.socketAdapter });
  const realtime = createRealtime({
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
      replay: replays.replay,
      recent: replays.recent,
      snapshot: createSnapshotBuilder({ state: () => store.state, stats, now }),
    },
  });

  return {
    httpServer,
    io,
    store,
    access,
    services,
    async start() {
      await catchUp(store, log, logger);
      realtime.publish([], store.state.cursor);
      realtime.flush();
      const liveTail = createTail({
        log,
        stream: EVENTS_STREAM,
        from: store.state.cursor,
        logger,
        batchSize: READ_BATCH,
        blockMs: TAIL_BLOCK_MS,
        onBatch: async (entries) => {
          const applied = await store.ingest(entries);
          realtime.publish(applied, store.state.cursor);
          store.snapshotIfDue();
        },
      });
      tail = liveTail;
      liveTail.start();
      upstreamTimer = setInterval(() => realtime.setUpstream(liveTail.status().isConnected), UPSTREAM_CHECK_MS);
      snapshots.start();
    },
    async close() {
      snapshots.stop();
      if (upstreamTimer) clearInterval(upstreamTimer);
      // Stop accepting first, so a load balancer sends new clients to another node meanwhile.
      const isClosed = httpServer.listening
        ? new Promise<void>((resolve) => httpServer.close(() => resolve()))
        : Promise.resolve();
      await tail?.stop();
      // The last frame goes out, then every client hears "reconnect elsewhere".
      realtime.close(1000);
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
