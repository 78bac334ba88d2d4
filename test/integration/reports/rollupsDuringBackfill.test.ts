import { reportDayOf } from '@shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArchiveDb } from '../../../server/src/archive/archiveDb';
import { createHistoryBackfill, type HistoryBackfill } from '../../../server/src/archive/history/createHistoryBackfill';
import { migrate } from '../../../server/src/archive/migrate';
import { createSilentLogger } from '../../../server/src/logger';
import { reportSummary } from '../../../server/src/reports/reportSummary';
import { recomputeAllDirty } from '../../../server/src/reports/rollups';
import { waitFor } from '../../support/events';
import { ARCHIVE_TARGETS, type ArchiveTarget } from '../archive/archiveFixtures';
import { reference, WINDOW_MS } from './rollupFixtures';

/**
 * Issue 19: the rollups recomputed while the demo's history backfill is under way (every day
 * it has marked dirty so far: months of days, several rounds of 62 days) equal a direct
 * computation of everything written by then. A report asked meanwhile does not wait for this
 * (reportRecomputing.test.ts); `recomputeAllDirty` is the rebuild's and the job's work.
 */
const SLOW_MS = 600_000;
const LIVE_START = Date.parse('2026-03-02T06:00:00Z');
const DAYS = 150;

async function count(db: ArchiveDb, sql: string): Promise<number> {
  const { rows } = await db.query<{ n: string }>(sql);
  return Number(rows[0]?.n);
}

describe.each(ARCHIVE_TARGETS)('the first report during a history backfill on $kind', ({ open }) => {
  let target: ArchiveTarget;
  let db: ArchiveDb;
  let backfill: HistoryBackfill;
  beforeAll(async () => {
    target = await open();
    db = target.db;
    await migrate(db);
  }, SLOW_MS);
  afterAll(async () => {
    await backfill?.stop();
    await target?.cleanup();
  });

  it(
    'recomputes every dirty day and equals a direct computation over what is written',
    async () => {
      backfill = createHistoryBackfill({
        db,
        logger: createSilentLogger(),
        days: DAYS,
        perDay: 12,
        liveStartAt: LIVE_START,
        seed: 3,
        out: null,
        chunkEvents: 1500,
      });
      const running = backfill.run();
      // Under way: well past the first recompute round's 62 days, not finished.
      await waitFor(
        async () => (await count(db, 'SELECT count(DISTINCT day) AS n FROM report_dirty')) > 70,
        SLOW_MS - 60_000,
        'the backfill has marked more than 70 days',
      );
      await backfill.stop();
      await running;
      const status = await db.query<{ status: string }>('SELECT status FROM archive_history');
      expect(status.rows[0]?.status).toBe('running');
      const dirtyBefore = await count(db, 'SELECT count(*) AS n FROM report_dirty');
      expect(dirtyBefore).toBeGreaterThan(62);

      await recomputeAllDirty(db);
      expect(await count(db, 'SELECT count(*) AS n FROM report_dirty')).toBe(0);
      expect(await count(db, 'SELECT count(*) AS n FROM report_dirty_month')).toBe(0);
      const { rows } = await db.query<{ first: Date | string; last: Date | string }>(
        'SELECT min(registered_at) AS first, max(registered_at) AS last FROM appeals',
      );
      const from = reportDayOf(new Date(rows[0]?.first as string).getTime());
      const to = reportDayOf(new Date(rows[0]?.last as string).getTime());
      const asOf = LIVE_START;
      const filter = { regions: null };
      const summary = await reportSummary(db, { from, to, asOf, filter, confirmationWindowMs: WINDOW_MS }, []);
      expect(summary.figures).toEqual((await reference(db, from, to, asOf, filter)).figures);
      expect(summary.figures.flow.registered).toBeGreaterThan(500);
    },
    SLOW_MS,
  );
});
