import { describeIssues } from '@shared';
import { archiverEnvSchema } from '../archive/archiverEnv';
import { migrate } from '../archive/migrate';
import { openArchiveDb } from '../archive/openArchiveDb';
import { createLogger } from '../logger';
import { markAllDirty, recomputeDirty } from './rollups';

const rebuildEnvSchema = archiverEnvSchema.pick({ DATABASE_URL: true, DATA_DIR: true, LOG_LEVEL: true });

/**
 * `npm run reports:rebuild`: marks every day of every archived appeal dirty and recomputes the
 * rollups (`report_daily`, `report_service_daily`) from the appeals. `archive:rebuild` needs
 * no such step (its DELETE and INSERT mark the days through the triggers); this is for rollups
 * suspected wrong. With the embedded PGlite, stop the server first (one process owns its files).
 * A server on the same PostgreSQL serves none of the answers it kept from before again: the
 * rewrite of past days moves the rollups' generation on in the database (migration 012).
 */
async function main(): Promise<void> {
  const parsed = rebuildEnvSchema.safeParse(process.env);
  if (!parsed.success) {
    console.error(`Ortalyq reports rebuild cannot start: ${describeIssues(parsed.error)}`);
    process.exit(2);
  }
  const env = parsed.data;
  const logger = createLogger(env.LOG_LEVEL);
  const db = await openArchiveDb({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR, logger });
  try {
    await migrate(db);
    const startedAt = Date.now();
    await markAllDirty(db);
    let keys = 0;
    for (;;) {
      const done = await recomputeDirty(db);
      if (done.keys === 0) break;
      keys += done.keys;
      logger.info({ keys }, 'reports rebuild: (day, region) and (month, region) keys recomputed');
    }
    console.log(
      `Rebuilt the report rollups: ${keys} (day, region) and (month, region) keys in ${Date.now() - startedAt} ms.`,
    );
  } finally {
    await db.close();
  }
}

main().catch((error: unknown) => {
  console.error('Ortalyq reports rebuild failed:', error);
  process.exit(1);
});
