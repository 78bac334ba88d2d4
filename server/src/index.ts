import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApp } from './app';
import { createArchiveService } from './archive/createArchiveService';
import { openArchiveDb } from './archive/openArchiveDb';
import { createLocator } from './regions/createLocator';
import { ConfigError, parseConfig, type Config } from './config';
import { openEventLog } from './embedded/openEventLog';
import { createClusterAdapter } from './realtime/createClusterAdapter';
import { isLoopbackHost, seedUsers } from './auth/seedUsers';
import { createLogger } from './logger';
import { loadRegionLayer } from './regions/loadRegionLayer';
import { createSimulator, LAW_BACKLOG_DAYS, lawBacklogWindow } from './simulator/createSimulator';
import { ensureDemoServices } from './services/demoServices';
import { backfillWindow } from './simulator/backfillWindow';
import { startDemoArchive, type DemoArchive } from './archive/history/startDemoHistory';
import { createHistory } from './archive/history';
import { waitForStartUp } from './archive/history/waitForStartUp';
import { EVENTS_STREAM } from './keys';
import { createArchiveTimelineReads } from './http/auditActors';
import { createReportsSource, createRollupJob, type RollupJob } from './reports/reportsSource';
import { readyArchiveQuery } from './archive/readyArchiveQuery';
import { createPiiRetention, type PiiRetention } from './archive/privacy/createPiiRetention';

const SHUTDOWN_DEADLINE_MS = 10_000;

function loadConfig(): Config {
  try {
    return parseConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`Ortalyq cannot start: ${error.message}`);
      process.exit(2);
    }
    throw error;
  }
}

/** config → log → createApp → listen → (demo traffic) → graceful shutdown on SIGTERM/SIGINT. */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.LOG_LEVEL);
  const opened = await openEventLog({
    redisUrl: config.REDIS_URL,
    prefix: config.REDIS_PREFIX,
    dataDir: config.DATA_DIR,
    logger,
  });
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
  // A bad region pack stops start-up here with a message naming the file and the problem.
  const layer = await loadRegionLayer(config.REGION_PACK, config.REGION_LAYER);
  // Several nodes on one Redis: disconnects of a disabled user reach all of them.
  const cluster = opened.url ? await createClusterAdapter(opened.url, config.REDIS_PREFIX, logger) : null;
  // The archive: DATABASE_URL, else PGlite under DATA_DIR (openArchiveDb logs which). It opens,
  // migrates and archives in the background: a database down at start-up delays only the archive.
  const archive = createArchiveService({
    db: () => openArchiveDb({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR, logger }),
    mode: config.DATABASE_URL ? 'postgres' : 'pglite',
    log: opened.log,
    logger,
    locate: createLocator(layer).regionOf,
    archiver: config.ARCHIVER,
    streamMaxEntries: config.STREAM_MAX_ENTRIES,
  });
  // Reports read the archive and its rollups, which the rollup job (below) keeps current.
  const reportsSource = createReportsSource(archive.database);
  // PostgreSQL is cheap to open: its cursor is then known during the catch-up, which evicts
  // archived finished appeals as it goes. PGlite's WebAssembly would compete with the catch-up.
  const isEmbeddedArchive = !config.DATABASE_URL;
  if (!isEmbeddedArchive) archive.start();
  // Demo history (issue 16): filled in once the archive is open, read by the admin page.
  let demoArchive: DemoArchive | null = null;
  const app = createApp({
    archive,
    // Reads fall back to the archive once it is open (a 503 names it until then).
    history: createHistory(readyArchiveQuery(archive.database)),
    archiveReads: createArchiveTimelineReads(readyArchiveQuery(archive.database)),
    config,
    historyProgress: () => demoArchive?.history.progress() ?? null,
    reportsSource,
    ...(cluster ? { socketAdapter: cluster.adapter } : {}),
    layer,
    tiles: config.TILE_URL ? { url: config.TILE_URL, attribution: config.TILE_ATTRIBUTION ?? null } : null,
    log: opened.log,
    logMode: opened.mode,
    logger,
    staticDir: path.join(root, 'dist/client'),
  });
  await app.start();
  // Until the archive answers, its cursor counts as nothing archived (nothing trimmed, no eviction).
  if (isEmbeddedArchive) archive.start();
  const seeded = await seedUsers(app.access.users, { demo: config.DEMO, host: config.HOST });
  if (config.DEMO) {
    // DEMO ONLY: the fictional directory the simulator routes to (existing entries are left alone).
    const services = await ensureDemoServices(app.services);
    if (services > 0) logger.info({ services }, 'demo service directory created (fictional organisations)');
  }
  if (seeded.demoCreated.length > 0) {
    logger.info({ users: seeded.demoCreated }, 'demo users created (passwords in README.md)');
  }
  if (config.DEMO && !isLoopbackHost(config.HOST)) {
    logger.warn({ host: config.HOST }, 'demo users are not created: HOST is not a loopback address');
  }
  for (const username of seeded.demoDisabled) {
    logger.warn(
      { user: username, host: config.HOST },
      `demo user "${username}" still had its published password and HOST is not loopback: disabled. ` +
        `To keep it: npm run users -- reset ${username}, then npm run users -- enable ${username}`,
    );
  }
  if (seeded.firstAdmin?.outcome === 'created') {
    console.log(`\n  First start: created user "admin" with the one-time password  ${seeded.firstAdmin.password}`);
    console.log('  Sign in and change it, or reset it with: npm run users -- reset admin\n');
  } else if (seeded.firstAdmin?.outcome === 'created_elsewhere') {
    logger.info('first admin created by another node starting at the same time (its output has the password)');
  }
  await new Promise<void>((resolve) => app.httpServer.listen(config.PORT, config.HOST, resolve));
  const address = app.httpServer.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  const host = config.HOST === '0.0.0.0' ? 'localhost' : config.HOST;
  const url = `http://${host}:${port}/`;

  const simulator = config.DEMO
    ? createSimulator({
        log: opened.log,
        rate: config.SIM_RATE,
        logger,
        // A restart fills only the gap since the newest entry, never a second copy of the last hour.
        backfillMinutes: await backfillWindow(opened.log, 'events', config.SIM_BACKFILL_MINUTES, Date.now()),
        // Weeks of long appeals (the law's clock) on an empty stream only: a restart never seeds twice.
        lawBacklogDays: await lawBacklogWindow(opened.log, 'events', LAW_BACKLOG_DAYS),
      })
    : null;
  simulator?.start();
  // Personal data leaves the archive after PII_RETENTION_DAYS, demo or not (hourly, audited).
  let retention: PiiRetention | null = null;
  let rollups: RollupJob | null = null;
  void archive.whenReady().then((db) => {
    if (isStopping) return;
    retention = createPiiRetention({ db, logger, retentionDays: config.PII_RETENTION_DAYS });
    retention.start();
    rollups = createRollupJob({
      db,
      logger,
      // The history's days are rolled up once it has written them all, not at every chunk.
      deferBefore: () => {
        const history = demoArchive?.history.progress();
        const writing = history?.state === 'running' || history?.state === 'idle';
        return writing && history.toAt !== null ? Date.parse(history.toAt) : null;
      },
    });
    rollups.start();
    // Demo history, in the background on the archive service's own database (one process owns
    // a PGlite): the dashboard is already serving. Its range is fixed now; it writes once the
    // start-up burst (the simulator's backfill, read by the projection and the archiver) is
    // over, so the two do not share the main thread (docs/performance.md, issue 16).
    if (config.DEMO && config.SIM_HISTORY_DAYS > 0) {
      const waitBeforeWriting = (isHistoryStopping: () => boolean) =>
        waitForStartUp({
          log: opened.log,
          stream: EVENTS_STREAM,
          ...(simulator ? { simulatorBackfilled: () => simulator.whenBackfilled() } : {}),
          projectionCursor: () => app.store.state.cursor,
          archivedThrough: archive.archivedThrough,
          logger,
          isStopping: () => isStopping || isHistoryStopping(),
        });
      void startDemoArchive({ db, config, log: opened.log, logger, waitBeforeWriting })
        .then((started) => (demoArchive = started))
        .catch((error: unknown) => logger.error({ err: error }, 'history: the backfill could not start'));
    }
  });
  logger.info({ url, log: opened.mode, demo: config.DEMO }, 'Ortalyq is up');
  console.log(`\n  Ortalyq dashboard: ${url}${config.DEMO ? '  (demo traffic on)' : ''}\n`);

  let isStopping = false;
  async function shutdown(signal: string): Promise<void> {
    if (isStopping) return;
    isStopping = true;
    logger.info({ signal }, 'shutting down');
    const deadline = setTimeout(() => {
      logger.error('shutdown took too long, exiting');
      process.exit(1);
    }, SHUTDOWN_DEADLINE_MS);
    deadline.unref();
    await simulator?.stop();
    await demoArchive?.close();
    await retention?.stop();
    await rollups?.stop();
    await app.close();
    await archive.close();
    await cluster?.close();
    await opened.close();
    process.exit(0);
  }
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  console.error('Ortalyq failed to start:', error);
  process.exit(1);
});
