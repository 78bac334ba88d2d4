import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createPgliteArchiveDb } from '../../../server/src/archive/pgliteArchiveDb';
import { diskBytes } from '../../support/diskBytes';

const SLOW_MS = 120_000;
const MB = 1024 * 1024;

/**
 * PGlite runs PostgreSQL single-user, without a checkpointer: unless the archive checkpoints
 * itself (pgliteWorker.ts), every byte of WAL stays in pg_wal (the demo's year: 5.5 GB of it).
 */
describe('the embedded archive on disk', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'ortalyq-pglite-wal-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it(
    'keeps pg_wal bounded however much WAL its transactions write',
    async () => {
      const db = await createPgliteArchiveDb({ dataDir: dir, checkpointWalMb: 16 });
      let written: number;
      try {
        await db.exec('CREATE TABLE filler (id int, body text)');
        const lsn = async (): Promise<number> =>
          Number(
            (await db.query<{ at: number }>("SELECT pg_wal_lsn_diff(pg_current_wal_insert_lsn(), '0/0')::float8 AS at"))
              .rows[0]?.at,
          );
        const startedAt = await lsn();
        // About 28 MB of WAL a transaction, 12 of them.
        for (let i = 0; i < 12; i += 1) {
          await db.transaction((tx) =>
            tx.exec("INSERT INTO filler SELECT g, repeat('x', 200) FROM generate_series(1, 100000) g"),
          );
          // The check runs at most every 100 ms between requests.
          await new Promise((resolve) => setTimeout(resolve, 120));
          await db.query('SELECT 1');
        }
        written = (await lsn()) - startedAt;
      } finally {
        await db.close();
      }
      expect(written).toBeGreaterThan(300 * MB);
      // Without checkpoints pg_wal holds all of it; with them, what min_wal_size (80 MB) keeps for reuse and the last stretch.
      expect(diskBytes(path.join(dir, 'pg_wal'))).toBeLessThan(150 * MB);
    },
    SLOW_MS,
  );
});
