import { describeIssues } from '@shared';
import { createLogger } from '../logger';
import { archiverEnvSchema } from './archiverEnv';
import { migrate } from './migrate';
import { openArchiveDb } from './openArchiveDb';
import { rebuildCurrentState } from './rebuildCurrentState';

/** What the rebuild reads of the environment: the archive's database, nothing of Redis. */
const rebuildEnvSchema = archiverEnvSchema.pick({ DATABASE_URL: true, DATA_DIR: true, LOG_LEVEL: true });

/**
 * `npm run archive:rebuild`: rebuilds `appeals`, `incidents` and `incident_appeals` from the
 * archived events (rebuildCurrentState). With the embedded PGlite, stop the server first
 * (its files belong to one process); with PostgreSQL the archivers wait for it.
 */
async function main(): Promise<void> {
  const parsed = rebuildEnvSchema.safeParse(process.env);
  if (!parsed.success) {
    console.error(`Ortalyq archive rebuild cannot start: ${describeIssues(parsed.error)}`);
    process.exit(2);
  }
  const env = parsed.data;
  const logger = createLogger(env.LOG_LEVEL);
  const db = await openArchiveDb({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR, logger });
  try {
    await migrate(db);
    let reported = 0;
    const outcome = await rebuildCurrentState(db, {
      onProgress(events) {
        if (events - reported >= 100_000) {
          reported = events;
          logger.info({ events }, 'archive rebuild: events folded');
        }
      },
    });
    logger.info(outcome, 'archive rebuild: done');
    console.log(
      `Rebuilt from ${outcome.events} archived events: ${outcome.appeals} appeals, ${outcome.incidents} incidents.`,
    );
  } finally {
    await db.close();
  }
}

main().catch((error: unknown) => {
  console.error('Ortalyq archive rebuild failed:', error);
  process.exit(1);
});
