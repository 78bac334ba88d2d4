import { reportAddDays, type ReportSeries, type ReportSummary } from '@shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArchiveDb } from '../../../server/src/archive/archiveDb';
import { createHistoryBackfill } from '../../../server/src/archive/history/createHistoryBackfill';
import { migrate } from '../../../server/src/archive/migrate';
import { createPgArchiveDb } from '../../../server/src/archive/pgArchiveDb';
import { createSilentLogger } from '../../../server/src/logger';
import {
  createReportsSource,
  createRollupJob,
  INLINE_RECOMPUTE_DAYS,
  type ReportsSource,
} from '../../../server/src/reports/reportsSource';
import { markAllDirty, recomputeAllDirty } from '../../../server/src/reports/rollups';
import { authedFetch, signIn, type TestSession } from '../../support/auth';
import { waitFor } from '../../support/events';
import { createTestDatabase, type TestDatabase } from '../../support/postgres';
import { deletePrefix, startTestServer, testRedisUrl, type TestServer } from '../../support/testServer';
import { reference } from './rollupFixtures';

/**
 * Issue 19: a report never waits for a big recompute. With more of its days dirty than
 * INLINE_RECOMPUTE_DAYS it answers at once from the rollups as they stand and says so
 * (`recomputing`), refuses the downloads (a saved report is never frozen stale); once the
 * rollup job has worked through the days, the flag is gone and the figures equal a direct
 * computation. A few dirty days are still recomputed before answering.
 */
const SLOW_MS = 300_000;
const LIVE_START = Date.parse('2026-06-01T00:00:00Z');
const AS_OF = '2026-06-01T02:00:00.000Z';
const FROM = '2026-05-10';
const TO = '2026-05-31';
const PERIOD = `from=${FROM}&to=${TO}&asOf=${encodeURIComponent(AS_OF)}`;

async function count(db: ArchiveDb, sql: string): Promise<number> {
  const { rows } = await db.query<{ n: string }>(sql);
  return Number(rows[0]?.n);
}

describe('a report while the rollups are being recomputed, on PostgreSQL', () => {
  let database: TestDatabase;
  let db: ArchiveDb;
  let server: TestServer;
  let admin: TestSession;
  let source: ReportsSource;
  const get = async <T>(path: string): Promise<{ status: number; body: T }> => {
    const response = await authedFetch(admin, `${server.url}${path}`);
    return { status: response.status, body: (await response.json()) as T };
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    db = createPgArchiveDb({ url: database.url });
    await migrate(db);
    await createHistoryBackfill({
      db,
      logger: createSilentLogger(),
      days: 40,
      perDay: 20,
      // A tenth of the default mass outages: the span stays small.
      burstsPerDay: 0.1,
      liveStartAt: LIVE_START,
      seed: 21,
      out: null,
    }).run();
    await recomputeAllDirty(db);
    source = createReportsSource(() => db);
    server = await startTestServer({ reportsSource: source, now: () => Date.parse(AS_OF) });
    admin = await signIn(server, 'admin');
  }, SLOW_MS);
  afterAll(async () => {
    await server?.stop();
    await db?.close();
    await database?.drop();
    if (server) await deletePrefix(testRedisUrl(), server.prefix);
  }, SLOW_MS);

  it(
    'answers at once from the rollups as they stand, flagged; after the job, final and equal to a direct computation',
    async () => {
      const before = await get<ReportSummary>(`/api/reports/summary?${PERIOD}`);
      expect(before.status).toBe(200);
      expect(before.body.recomputing).toBeNull();

      // One region's appeals of the period leave the archive (a rebuild's worth of dirty days).
      const gone = `SELECT id FROM appeals WHERE region = 'KZ-71' AND registered_at >= '${FROM}' AND registered_at < '${TO}'`;
      await db.query(`DELETE FROM appeal_events WHERE appeal_id IN (${gone})`);
      const deleted = await db.query(`DELETE FROM appeals WHERE id IN (${gone})`);
      expect(deleted.rowCount).toBeGreaterThan(20);
      const dirty = await count(
        db,
        `SELECT count(DISTINCT day) AS n FROM report_dirty WHERE day >= '${FROM}' AND day <= '${TO}'`,
      );
      expect(dirty).toBeGreaterThan(INLINE_RECOMPUTE_DAYS);

      const stale = await get<ReportSummary>(`/api/reports/summary?${PERIOD}`);
      expect(stale.status).toBe(200);
      expect(stale.body.recomputing?.days).toBeGreaterThanOrEqual(dirty);
      // The flows are the rollups' as they stood: the deleted appeals still counted.
      expect(stale.body.figures.flow).toEqual(before.body.figures.flow);
      const direct = await reference(db, FROM, TO, Date.parse(AS_OF), { regions: null });
      expect(stale.body.figures.flow.registered).toBeGreaterThan(direct.figures.flow.registered);
      // Nothing was recomputed for the answer.
      expect(await count(db, 'SELECT count(DISTINCT day) AS n FROM report_dirty')).toBeGreaterThanOrEqual(dirty);

      // Another region's report reads none of the dirty keys: current, not flagged.
      const elsewhere = await get<ReportSummary>(`/api/reports/summary?${PERIOD}&region=KZ-75`);
      expect(elsewhere.body.recomputing).toBeNull();

      const series = await get<ReportSeries>(`/api/reports/series?${PERIOD}&grain=week`);
      expect(series.body.recomputing?.days).toBe(stale.body.recomputing?.days);
      expect(series.body.points.reduce((n, p) => n + p.registered, 0)).toBe(before.body.figures.flow.registered);
      // A download is a saved report: refused until the figures are final.
      for (const path of [`/api/reports/summary.xlsx?${PERIOD}`, `/api/reports/summary.csv?${PERIOD}&table=regions`]) {
        const refused = await authedFetch(admin, `${server.url}${path}`);
        expect(refused.status, path).toBe(503);
        expect(refused.headers.get('retry-after')).toBe('30');
        expect(((await refused.json()) as { code: string }).code).toBe('recomputing');
      }

      // The background job works through the dirty days (a month of days a round), moving the
      // rollups' generation on, so no answer kept from before is served again.
      const job = createRollupJob({ db, logger: createSilentLogger(), intervalMs: 20 });
      job.start();
      try {
        await waitFor(async () => (await count(db, 'SELECT count(*) AS n FROM report_dirty')) === 0, SLOW_MS - 60_000);
      } finally {
        await job.stop();
      }
      const final = await get<ReportSummary>(`/api/reports/summary?${PERIOD}`);
      expect(final.body.recomputing).toBeNull();
      expect(final.body.figures).toEqual(direct.figures);
      const finalSeries = await get<ReportSeries>(`/api/reports/series?${PERIOD}&grain=week`);
      expect(finalSeries.body.recomputing).toBeNull();
      expect(finalSeries.body.points.reduce((n, p) => n + p.registered, 0)).toBe(direct.figures.flow.registered);
      expect((await authedFetch(admin, `${server.url}/api/reports/summary.xlsx?${PERIOD}`)).status).toBe(200);
    },
    SLOW_MS,
  );

  it(
    'a few dirty days of the period are recomputed before answering',
    async () => {
      const day = reportAddDays(FROM, 3);
      const touched = await db.query(
        `UPDATE appeals SET category = 'roads'
          WHERE id = (SELECT id FROM appeals WHERE registered_at >= '${day}' AND category <> 'roads'
                       AND resolved_at IS NULL ORDER BY registered_at LIMIT 1)`,
      );
      expect(touched.rowCount).toBe(1);
      const dirty = await count(db, 'SELECT count(DISTINCT day) AS n FROM report_dirty');
      expect(dirty).toBeGreaterThan(0);
      expect(dirty).toBeLessThanOrEqual(INLINE_RECOMPUTE_DAYS);
      const answer = await get<ReportSummary>(`/api/reports/summary?${PERIOD}&category=roads`);
      expect(answer.body.recomputing).toBeNull();
      const direct = await reference(db, FROM, TO, Date.parse(AS_OF), { regions: null, category: 'roads' });
      expect(answer.body.figures).toEqual(direct.figures);
      expect(await count(db, 'SELECT count(*) AS n FROM report_dirty')).toBe(0);
    },
    SLOW_MS,
  );

  it(
    'while a history backfill writes, the job keeps the days after it current and leaves its days for the end',
    async () => {
      await markAllDirty(db);
      const cutoff = reportAddDays(TO, -5);
      const older = `SELECT count(*) AS n FROM report_dirty WHERE day < '${cutoff}'`;
      const before = await count(db, older);
      expect(before).toBeGreaterThan(0);
      let writing = true;
      const job = createRollupJob({
        db,
        logger: createSilentLogger(),
        intervalMs: 20,
        deferBefore: () => (writing ? Date.parse(`${cutoff}T12:00:00Z`) : null),
      });
      job.start();
      try {
        await waitFor(
          async () => (await count(db, `SELECT count(*) AS n FROM report_dirty WHERE day >= '${cutoff}'`)) === 0,
          SLOW_MS - 60_000,
        );
        // A few more rounds: the history's days are still left alone.
        await new Promise((resolve) => setTimeout(resolve, 200));
        expect(await count(db, older)).toBe(before);
        writing = false;
        await waitFor(async () => (await count(db, 'SELECT count(*) AS n FROM report_dirty')) === 0, SLOW_MS - 60_000);
      } finally {
        await job.stop();
      }
      const direct = await reference(db, FROM, TO, Date.parse(AS_OF), { regions: null });
      const answer = await get<ReportSummary>(`/api/reports/summary?${PERIOD}`);
      expect(answer.body.figures).toEqual(direct.figures);
    },
    SLOW_MS,
  );
});
