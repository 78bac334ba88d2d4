import { createLogger } from '../logger';
import { createLocator } from '../regions/createLocator';
import { loadRegionLayer } from '../regions/loadRegionLayer';
import { createRedisLog } from '../stream/redisLog';
import { parseArchiverEnv } from './archiverEnv';
import { createArchiver } from './createArchiver';
import { migrate } from './migrate';
import { openArchiveDb } from './openArchiveDb';
import { createLogStreamReader } from './streamReader';
import { AUDIT_STREAM } from '../audit/createAuditLog';
import { writeAuditBatch } from './archiveAuditBatch';

/**
 * `npm run archiver`: tails `<prefix>:events` and the audit trail `<prefix>:audit` into the
 * archive (PostgreSQL at DATABASE_URL, else the embedded PGlite), each with its own cursor.
 * Several may run (and servers with ARCHIVER=inline): one writes, the others stand by for its lease.
 */
async function main(): Promise<void> {
  const parsed = parseArchiverEnv(process.env);
  if (!parsed.ok) {
    console.error(`Ortalyq archiver cannot start: ${parsed.error}`);
    process.exit(2);
  }
  const env = parsed.env;
  const logger = createLogger(env.LOG_LEVEL);
  const db = await openArchiveDb({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR, logger });
  const applied = await migrate(db);
  if (applied.length > 0) logger.info({ applied }, 'archive: migrations applied');
  const log = await createRedisLog({ url: env.REDIS_URL, prefix: env.REDIS_PREFIX, logger });
  const locate = createLocator(await loadRegionLayer(env.REGION_PACK, env.REGION_LAYER)).regionOf;
  const archiver = createArchiver({
    db,
    reader: createLogStreamReader(log),
    logger,
    batchSize: env.ARCHIVE_BATCH_SIZE,
    leaseMs: env.ARCHIVE_LEASE_MS,
    locate,
    onBatch: (batch) => logger.debug(batch, 'archive: batch committed'),
  });
  const auditArchiver = createArchiver({
    db,
    reader: createLogStreamReader(log, { stream: AUDIT_STREAM }),
    logger,
    name: 'audit',
    batchSize: env.ARCHIVE_BATCH_SIZE,
    leaseMs: env.ARCHIVE_LEASE_MS,
    write: writeAuditBatch,
  });
  archiver.start();
  auditArchiver.start();

  let isStopping = false;
  async function shutdown(signal: string): Promise<void> {
    if (isStopping) return;
    isStopping = true;
    logger.info({ signal }, 'archiver shutting down');
    await Promise.all([archiver.stop(), auditArchiver.stop()]);
    await log.close();
    await db.close();
    process.exit(0);
  }
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error('Ortalyq archiver failed:', error);
  process.exit(1);
});
