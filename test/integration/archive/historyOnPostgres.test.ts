import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import type { ArchiveDb, ArchiveQuery } from '../../../server/src/archive/archiveDb';
import { createHistoryBackfill } from '../../../server/src/archive/history/createHistoryBackfill';
import { migrate } from '../../../server/src/archive/migrate';
import { createPgArchiveDb } from '../../../server/src/archive/pgArchiveDb';
import { createPgliteArchiveDb } from '../../../server/src/archive/pgliteArchiveDb';
import { createSilentLogger } from '../../../server/src/logger';
import { createTestDatabase, testPostgresAdminUrl, type TestDatabase } from '../../support/postgres';
import { historyDigests, markedDays, triggersDays } from './historyFixtures';

/**
 * The demo history on PostgreSQL goes by COPY FROM STDIN, as on PGlite, whoever the role is:
 * a superuser's COPY switches the rollup triggers off and marks the report days itself (as on
 * PGlite); a role that may not set `session_replication_role` keeps the triggers, which mark
 * them. Either way the rows are PGlite's for the same seed and the days are the triggers' own.
 */
const SLOW_MS = 240_000;
const LIVE_START = Date.parse('2026-03-10T06:00:00Z');

const options = (db: ArchiveDb) => ({
  db,
  logger: createSilentLogger(),
  days: 4,
  perDay: 200,
  burstsPerDay: 0.5,
  liveStartAt: LIVE_START,
  seed: 777,
  out: null,
  chunkEvents: 600,
});

/** `db` with each transaction's COPYs counted. */
function countingCopies(db: ArchiveDb): { db: ArchiveDb; copies(): number } {
  let copies = 0;
  const counted: ArchiveDb = {
    ...db,
    transaction: (fn) =>
      db.transaction((tx) => {
        const copyFrom = tx.copyFrom;
        const wrapped: ArchiveQuery = copyFrom
          ? {
              ...tx,
              copyFrom: (sql, data) => {
                copies += 1;
                return copyFrom(sql, data);
              },
            }
          : tx;
        return fn(wrapped);
      }),
  };
  return { db: counted, copies: () => copies };
}

async function asAdmin(sql: string, url = testPostgresAdminUrl()): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** The PGlite archive's rows for the same options: what every PostgreSQL run must equal. */
async function pgliteDigests(): Promise<Record<string, string>> {
  const db = await createPgliteArchiveDb({ dataDir: null });
  try {
    await migrate(db);
    expect((await createHistoryBackfill(options(db)).run()).state).toBe('done');
    return await historyDigests(db);
  } finally {
    await db.close();
  }
}

describe('demo history on PostgreSQL by COPY', () => {
  const databases: TestDatabase[] = [];
  const role = `ortalyq_history_${randomBytes(4).toString('hex')}`;
  let expected: Record<string, string> | null = null;
  const pglite = async (): Promise<Record<string, string>> => (expected ??= await pgliteDigests());

  afterAll(async () => {
    for (const database of databases) await database.drop();
    await asAdmin(`DROP ROLE IF EXISTS ${role}`);
  }, SLOW_MS);

  /** Migrates `database` as its owner (then `afterMigrate`), backfills it through `url`. */
  async function backfillInto(database: TestDatabase, url: string, afterMigrate?: () => Promise<void>) {
    const owner = createPgArchiveDb({ url: database.url });
    await migrate(owner);
    await owner.close();
    await afterMigrate?.();
    const db = createPgArchiveDb({ url });
    try {
      const counted = countingCopies(db);
      const done = await createHistoryBackfill(options(counted.db)).run();
      return {
        done,
        copies: counted.copies(),
        digests: await historyDigests(db),
        marked: await markedDays(db),
        triggers: await triggersDays(db),
      };
    } finally {
      await db.close();
    }
  }

  /** Done by COPY, the rows PGlite's for the same seed, the days marked as the triggers mark them. */
  async function expectAsOnPglite(run: Awaited<ReturnType<typeof backfillInto>>): Promise<void> {
    expect(run.done.state).toBe('done');
    // Five tables, a COPY each for the chunks that have rows: at least two per chunk.
    expect(run.copies).toBeGreaterThan(2 * 4);
    expect(run.digests).toEqual(await pglite());
    expect(run.marked.length).toBeGreaterThan(4 * 10);
    expect(run.marked).toEqual(run.triggers);
  }

  it(
    "a superuser: COPY with the triggers off and the history's own days, the rows PGlite's",
    async () => {
      const database = await createTestDatabase();
      databases.push(database);
      const run = await backfillInto(database, database.url);
      await expectAsOnPglite(run);
    },
    SLOW_MS,
  );

  it(
    'a role without superuser: COPY with the rollup triggers on, which mark the same days',
    async () => {
      const database = await createTestDatabase();
      databases.push(database);
      await asAdmin(`CREATE ROLE ${role} LOGIN NOSUPERUSER`);
      const url = new URL(database.url);
      url.username = role;
      const run = await backfillInto(database, url.toString(), () =>
        asAdmin(
          `GRANT ALL ON ALL TABLES IN SCHEMA public TO ${role}; GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO ${role}`,
          database.url,
        ),
      );
      await expectAsOnPglite(run);
    },
    SLOW_MS,
  );
});
