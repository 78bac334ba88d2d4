import pg from 'pg';
import type { ArchiveDb, ArchiveQuery, ArchiveRow, QueryResult } from './archiveDb';
import { copyFromStdin } from './pgCopy';

export interface PgArchiveDbOptions {
  url: string;
  /** Pool size; the archiver needs one, the read API a few. Default 4. */
  max?: number;
}

function asQuery(client: pg.Pool | pg.PoolClient): ArchiveQuery {
  return {
    async query<T extends ArchiveRow>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<T>> {
      const result = await client.query<T>(sql, params as unknown[]);
      return { rows: result.rows, rowCount: result.rowCount ?? result.rows.length };
    },
    async exec(sql: string): Promise<void> {
      // Without parameters node-postgres uses the simple protocol, which runs several statements.
      await client.query(sql);
    },
  };
}

/** The archive on a PostgreSQL server (`DATABASE_URL`), through a node-postgres pool. */
export function createPgArchiveDb(options: PgArchiveDbOptions): ArchiveDb {
  // A server that does not answer (a dropped network, not a refused port) fails a connect
  // after 10 s instead of holding the archiver forever.
  // JIT off for the archive's sessions: a report's cohort over a few hundred thousand rows
  // passes jit_above_cost, and compiling it took 0.4–0.5 s of a 0.7 s query at 10 M appeals
  // (EXPLAIN ANALYZE, docs/performance.md); no archive query runs long enough to win it back.
  // No parallel workers inside a query either: a report runs ~20 reads side by side on the
  // pool, and on a small machine splitting each across workers only adds their start-up and
  // hand-over (a year's summary at 10 M appeals: 1.2 s cold instead of 1.7–2.0 s on 2 cores).
  // work_mem 32 MB: the planner cannot see through a cohort's UNION ALL of index ranges, guesses
  // ~24 k (region, category) groups for ~420 and, at the default 4 MB, sorted 200 k rows on
  // disk to group them (the year's cohort: 697 ms, 359 ms hashed). A few such reads at once
  // on a pool of 4 stay far below the memory a server has.
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.max ?? 4,
    connectionTimeoutMillis: 10_000,
    options: '-c jit=off -c max_parallel_workers_per_gather=0 -c work_mem=32MB',
  });
  // An idle client losing its connection emits on the pool; unhandled, it would end the process.
  pool.on('error', () => undefined);
  const direct = asQuery(pool);
  return {
    kind: 'postgres',
    query: direct.query,
    exec: direct.exec,
    async transaction<T>(fn: (tx: ArchiveQuery) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      let isBroken = false;
      // A connection lost between two statements (the server stopped) emits on the checked-out
      // client, where the pool's handler does not listen: unhandled, it would end the process.
      // The next statement fails and the transaction rolls back as for any error.
      const onError = (): void => {
        isBroken = true;
      };
      client.on('error', onError);
      try {
        await client.query('BEGIN');
        const result = await fn({ ...asQuery(client), copyFrom: (sql, data) => copyFromStdin(client, sql, data) });
        await client.query('COMMIT');
        return result;
      } catch (error) {
        try {
          await client.query('ROLLBACK');
        } catch {
          // The connection is gone: it must not go back to the pool.
          isBroken = true;
        }
        throw error;
      } finally {
        client.off('error', onError);
        client.release(isBroken);
      }
    },
    async close(): Promise<void> {
      await pool.end();
    },
  };
}
