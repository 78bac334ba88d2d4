import {
  quantile,
  reportAddDays,
  reportDayStart,
  reportYearBefore,
  type ReportAppeal,
  type ReportSeries,
  type ReportSeriesGrain,
} from '@shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArchiveDb } from '../../server/src/archive/archiveDb';
import { createHistoryBackfill } from '../../server/src/archive/history/createHistoryBackfill';
import { migrate } from '../../server/src/archive/migrate';
import { createPgArchiveDb } from '../../server/src/archive/pgArchiveDb';
import { createSilentLogger } from '../../server/src/logger';
import type { AppealFilter } from '../../server/src/reports/reportRows';
import { reportSeries } from '../../server/src/reports/reportSeries';
import { createReportsSource } from '../../server/src/reports/reportsSource';
import { recomputeAllDirty } from '../../server/src/reports/rollups';
import { authedFetch, signIn } from '../support/auth';
import { createTestDatabase, type TestDatabase } from '../support/postgres';
import { deletePrefix, startTestServer, testRedisUrl, type TestServer } from '../support/testServer';
import { allAppeals, referenceFlows } from './reports/rollupFixtures';

/**
 * Issue 19, /analytics "compared with the previous period and with the same period a year
 * earlier": the series' `previous` and `yearAgo` points, bucket by bucket, equal a direct
 * computation over the appeals (the naive reference) of the days that bucket covers, as of
 * the compared period's moment. 60 days of history, and a copy of its last 55 days a year back.
 */
const SLOW_MS = 300_000;
const LIVE_START = Date.parse('2026-04-06T00:00:00Z');
const AS_OF = LIVE_START + 5 * 3_600_000;
const FIELDS = ['registered', 'responded', 'respondedOnTime', 'resolved', 'resolvedOnTime', 'finished'] as const;
const TIMES = [
  'registered_at',
  'responded_at',
  'resolved_at',
  'closed_at',
  'response_due_at',
  'resolution_due_at',
  'legal_due_at',
  'redirect_due_at',
  'extended_at',
  'feedback_at',
  'updated_at',
];

describe("a series' previous and year-ago points on PostgreSQL", () => {
  let database: TestDatabase;
  let db: ArchiveDb;
  let server: TestServer;
  /** Every appeal as the naive reference reads it (read once: the points are many). */
  let appeals: ReportAppeal[];

  beforeAll(async () => {
    database = await createTestDatabase();
    db = createPgArchiveDb({ url: database.url });
    await migrate(db);
    await createHistoryBackfill({
      db,
      logger: createSilentLogger(),
      days: 60,
      perDay: 25,
      // A tenth of the default mass outages: the span stays small.
      burstsPerDay: 0.1,
      liveStartAt: LIVE_START,
      seed: 11,
      out: null,
    }).run();
    // A year earlier: the same appeals moved back a year (the triggers mark those days too).
    await db.query(`CREATE TEMP TABLE year_ago AS SELECT * FROM appeals WHERE registered_at >= '2026-02-10'`);
    await db.query(
      `UPDATE year_ago SET id = 'ya-' || id, last_event_id = 'ya-' || last_event_id,
         ${TIMES.map((c) => `${c} = ${c} - interval '1 year'`).join(', ')}`,
    );
    await db.query('INSERT INTO appeals SELECT * FROM year_ago');
    await recomputeAllDirty(db);
    appeals = await allAppeals(db);
    server = await startTestServer({ reportsSource: createReportsSource(() => db), now: () => AS_OF });
  }, SLOW_MS);
  afterAll(async () => {
    await server?.stop();
    await db?.close();
    await database?.drop();
    if (server) await deletePrefix(testRedisUrl(), server.prefix);
  }, SLOW_MS);

  const cases: Array<{ from: string; to: string; grain: ReportSeriesGrain; filter: AppealFilter }> = [
    { from: '2026-03-07', to: '2026-04-05', grain: 'day', filter: { regions: null } },
    // The last day partial (asOf inside it): so are the compared periods' last days.
    { from: '2026-03-04', to: '2026-04-06', grain: 'week', filter: { regions: ['KZ-71', 'KZ-75', 'KZ-11'] } },
    { from: '2026-03-01', to: '2026-04-06', grain: 'month', filter: { regions: null, category: 'heating' } },
  ];

  it.each(cases)(
    '$from…$to by $grain ($filter): each compared point equals the direct computation of its days',
    async ({ from, to, grain, filter }) => {
      const series = await reportSeries(db, { from, to, grain, asOf: AS_OF, filter });
      const days = series.points.length;
      expect(series.previous.to).toBe(reportAddDays(from, -1));
      expect(series.yearAgo.from).toBe(reportYearBefore(from));
      const totals = { previous: 0, yearAgo: 0 };
      for (const name of ['previous', 'yearAgo'] as const) {
        const compared = series[name];
        expect(compared.points).toHaveLength(days);
        const asOf = Date.parse(compared.asOf);
        expect(asOf).toBeLessThan(AS_OF);
        for (const [i, p] of compared.points.entries()) {
          const current = series.points[i];
          // Aligned by offset: as long as the current bucket, consecutive from the period's start.
          expect(p.start).toBe(i === 0 ? compared.from : reportAddDays(compared.points[i - 1]?.end ?? '', 1));
          expect(Date.parse(p.end) - Date.parse(p.start)).toBe(
            Date.parse(current?.end ?? '') - Date.parse(current?.start ?? ''),
          );
          const end = Math.min(reportDayStart(reportAddDays(p.end, 1)), asOf + 1);
          const direct = referenceFlows(appeals, reportDayStart(p.start), end, filter);
          for (const field of FIELDS) expect(p[field], `${name} ${p.start} ${field}`).toBe(direct[field]);
          expect(p.responseP50Ms, `${name} ${p.start} p50`).toBe(quantile(direct.response, 0.5));
          totals[name] += p.registered;
        }
        expect(compared.points.at(-1)?.end).toBe(compared.to);
      }
      expect(totals.previous).toBeGreaterThan(filter.category ? 20 : 100);
      expect(totals.yearAgo).toBeGreaterThan(filter.category ? 20 : 100);
    },
    SLOW_MS,
  );

  it(
    'over HTTP the series carries both comparisons, and no recomputing flag when the rollups are current',
    async () => {
      const admin = await signIn(server, 'admin');
      const response = await authedFetch(
        admin,
        `${server.url}/api/reports/series?from=2026-03-07&to=2026-04-05&grain=day`,
      );
      expect(response.status).toBe(200);
      const body = (await response.json()) as ReportSeries;
      const direct = await reportSeries(db, {
        from: '2026-03-07',
        to: '2026-04-05',
        grain: 'day',
        asOf: AS_OF,
        filter: { regions: null },
      });
      expect(body.recomputing).toBeNull();
      expect(body.previous).toEqual(direct.previous);
      expect(body.yearAgo).toEqual(direct.yearAgo);
    },
    SLOW_MS,
  );
});
