import type { AddressInfo } from 'node:net';
import type { RegionLayer } from '@shared';
import { createApp, type App, type AppDeps } from '../../server/src/app';
import type { ArchiveLink } from '../../server/src/archive/archiveStatus';
import { parseConfig } from '../../server/src/config';
import { createSilentLogger } from '../../server/src/logger';
import { createClusterAdapter } from '../../server/src/realtime/createClusterAdapter';
import { createRedisLog } from '../../server/src/stream/redisLog';
import type { EventLog } from '../../server/src/stream/eventLog';
import type { History } from '../../server/src/archive/history';
import type { ArchiveTimelineReads } from '../../server/src/http/auditActors';
import { deletePrefix, testRedisUrl, uniquePrefix } from './redis';

export interface TestServer {
  app: App;
  log: EventLog;
  prefix: string;
  url: string;
  /** Stops the server (the log stays open unless `closeLog`). */
  stop(): Promise<void>;
}

export interface TestServerOptions {
  prefix?: string;
  snapshotEveryEvents?: number;
  frameIntervalMs?: number;
  staticDir?: string | null;
  now?: () => number;
  loginRateLimit?: number;
  /** Map layer (default: the built-in current layer, 20 units). */
  layer?: RegionLayer;
  writeRateLimit?: number;
  /** Online map tiles (as TILE_URL / TILE_ATTRIBUTION give them); none by default. */
  tiles?: { url: string; attribution: string | null };
  /** Join the Socket.IO cluster adapter of this prefix (several nodes on one Redis). */
  cluster?: boolean;
  /** Redis to use instead of the shared test Redis (e.g. a private one a test stops and starts). */
  redisUrl?: string;
  /** The archive's read side (createHistory), for reads that fall back to the archive. */
  history?: History;
  /** The archive's audit trail and incident events for the timelines (createArchiveTimelineReads). */
  archiveReads?: ArchiveTimelineReads;
  /** Any other environment variables of the server config (e.g. ANALYTICS_INTERVAL_MS, ALERT_BURST_COUNT). */
  config?: Record<string, string>;
  /** The archive the app follows (createArchiveService); the test starts and closes it. */
  archive?: ArchiveLink;
  /** Redis log to use instead of a new one (the test closes it). */
  log?: EventLog;
  /** The demo history backfill's progress, for GET /api/admin/history. */
  historyProgress?: AppDeps['historyProgress'];
  /** The archive's rollups for /api/reports/* (createReportsSource). */
  reportsSource?: AppDeps['reportsSource'];
}

/** A real server (createApp) on a free port over the real Redis, under its own key prefix. */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const prefix = options.prefix ?? uniquePrefix('srv');
  const logger = createSilentLogger();
  const redisUrl = options.redisUrl ?? testRedisUrl();
  const log = options.log ?? (await createRedisLog({ url: redisUrl, prefix, logger }));
  const cluster = options.cluster ? await createClusterAdapter(redisUrl, prefix, logger) : null;
  const app = createApp({
    ...(cluster ? { socketAdapter: cluster.adapter } : {}),
    config: parseConfig({
      FRAME_INTERVAL_MS: String(options.frameIntervalMs ?? 50),
      SNAPSHOT_INTERVAL_MS: '3600000',
      SNAPSHOT_EVERY_EVENTS: String(options.snapshotEveryEvents ?? 1_000_000),
      LOGIN_RATE_LIMIT: String(options.loginRateLimit ?? 1000),
      WRITE_RATE_LIMIT: String(options.writeRateLimit ?? 10_000),
      ...options.config,
    }),
    log,
    logMode: 'external',
    logger,
    staticDir: options.staticDir ?? null,
    ...(options.now ? { now: options.now } : {}),
    ...(options.layer ? { layer: options.layer } : {}),
    ...(options.tiles ? { tiles: options.tiles } : {}),
    ...(options.history ? { history: options.history } : {}),
    ...(options.archiveReads ? { archiveReads: options.archiveReads } : {}),
    ...(options.archive ? { archive: options.archive } : {}),
    ...(options.historyProgress ? { historyProgress: options.historyProgress } : {}),
    ...(options.reportsSource ? { reportsSource: options.reportsSource } : {}),
  });
  await app.start();
  await new Promise<void>((resolve) => app.httpServer.listen(0, '127.0.0.1', resolve));
  const { port } = app.httpServer.address() as AddressInfo;
  return {
    app,
    log,
    prefix,
    url: `http://127.0.0.1:${port}`,
    async stop() {
      await app.close();
      await cluster?.close();
      if (!options.log) await log.close();
    },
  };
}

/** Opens a separate log connection under a prefix (a producer, or a checker). */
export async function openTestLog(prefix: string): Promise<EventLog> {
  return createRedisLog({ url: testRedisUrl(), prefix, logger: createSilentLogger() });
}

export { deletePrefix, testRedisUrl, uniquePrefix };
