import type { ArchiveDb } from '../../server/src/archive/archiveDb';
import { createPgArchiveDb } from '../../server/src/archive/pgArchiveDb';
import { createSilentLogger } from '../../server/src/logger';
import type { EventLog } from '../../server/src/stream/eventLog';
import { createRedisLog } from '../../server/src/stream/redisLog';
import { createTestDatabase, type TestDatabase } from './postgres';
import { deletePrefix, testRedisUrl } from './redis';

/**
 * What a suite of a server following an archive opens before it starts either: a PostgreSQL
 * database of its own, the Redis log under the suite's prefix, and a pool on the database for
 * the test's own reads and for the cursor of an archiver that is not running.
 */
export interface ArchivedLog {
  /** The log's key prefix (`<prefix>:events`). */
  prefix: string;
  database: TestDatabase;
  log: EventLog;
  sql: ArchiveDb;
  /** Commits `streamId` as the events cursor, as a separate, slow `npm run archiver` would. */
  setCursor(streamId: string): Promise<void>;
  /**
   * Closes the log and the pool, drops the database and deletes the prefix's keys. The suite
   * stops its server and archive services first: they use all of these.
   */
  close(): Promise<void>;
}

export async function openArchivedLog(prefix: string): Promise<ArchivedLog> {
  const database = await createTestDatabase();
  const log = await createRedisLog({ url: testRedisUrl(), prefix, logger: createSilentLogger() });
  const sql = createPgArchiveDb({ url: database.url });
  return {
    prefix,
    database,
    log,
    sql,
    async setCursor(streamId) {
      await sql.query(
        `INSERT INTO archive_cursor (name, stream_id) VALUES ('events', $1)
         ON CONFLICT (name) DO UPDATE SET stream_id = $1`,
        [streamId],
      );
    },
    async close() {
      await log.close();
      await sql.close();
      await database.drop();
      await deletePrefix(testRedisUrl(), prefix);
    },
  };
}
