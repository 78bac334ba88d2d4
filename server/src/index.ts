import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApp } from './app';
import { ConfigError, parseConfig, type Config } from './config';
import { openEventLog } from './embedded/openEventLog';
import { createClusterAdapter } from './realtime/createClusterAdapter';
import { isLoopbackHost, seedUsers } from './auth/seedUsers';
import { createLogger } from './logger';
import { loadRegionLayer } from './regions/loadRegionLayer';
import { createSimulator } from './simulator/createSimulator';

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
  const app = createApp({
    config,
    ...(cluster ? { socketAdapter: cluster.adapter } : {}),
    layer,
    tiles: config.TILE_URL ? { url: config.TILE_URL, attribution: config.TILE_ATTRIBUTION ?? null } : null,
    log: opened.log,
    logMode: opened.mode,
    logger,
    staticDir: path.join(root, 'dist/client'),
  });
  await app.start();
  const seeded = await seedUsers(app.access.users, { demo: config.DEMO, host: config.HOST });
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
        backfillMinutes: config.SIM_BACKFILL_MINUTES,
      })
    : null;
  simulator?.start();
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
    await app.close();
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
