import { reportAddDays, type ReportSeries, type ReportSeriesGrain, type ReportSummary } from '@shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArchiveDb } from '../../server/src/archive/archiveDb';
import { createHistoryBackfill } from '../../server/src/archive/history/createHistoryBackfill';
import { migrate } from '../../server/src/archive/migrate';
import { createPgArchiveDb } from '../../server/src/archive/pgArchiveDb';
import { createSilentLogger } from '../../server/src/logger';
import type { AppealFilter } from '../../server/src/reports/reportRows';
import { reportSeries } from '../../server/src/reports/reportSeries';
import { reportSummary } from '../../server/src/reports/reportSummary';
import { createReportsSource } from '../../server/src/reports/reportsSource';
import { recomputeAllDirty } from '../../server/src/reports/rollups';
import { authedFetch, signIn } from '../support/auth';
import { createTestDatabase, type TestDatabase } from '../support/postgres';
import { deletePrefix, startTestServer, testRedisUrl, type TestServer } from '../support/testServer';

const SLOW_MS = 300_000;
const WINDOW_MS = 14 * 86_400_000;
/** The history's live start (Almaty 05:00 on 2026-04-06, a Monday): 100 days before it are archived. */
const LIVE_START = Date.parse('2026-04-06T00:00:00Z');
/** asOf a few hours into the live start's day: the series' last day is partial, like the summary's. */
const AS_OF = LIVE_START + 5 * 3_600_000;
const SUMMED = [
  'registered',
  'responded',
  'respondedOnTime',
  'resolved',
  'resolvedOnTime',
  'resolvedLegalOnTime',
  'finished',
  'firstCall',
] as const;

function sums(series: Pick<ReportSeries, 'points'>): Record<(typeof SUMMED)[number], number> {
  const out = Object.fromEntries(SUMMED.map((k) => [k, 0])) as Record<(typeof SUMMED)[number], number>;
  for (const p of series.points) for (const k of SUMMED) out[k] += p[k];
  return out;
}

describe('report series on PostgreSQL', () => {
  let database: TestDatabase;
  let db: ArchiveDb;
  let server: TestServer;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = createPgArchiveDb({ url: database.url });
    await migrate(db);
    await createHistoryBackfill({
      db,
      logger: createSilentLogger(),
      days: 100,
      perDay: 40,
      // A tenth of the default mass outages (150–400 appeals each): the span stays small.
      burstsPerDay: 0.1,
      liveStartAt: LIVE_START,
      seed: 5,
      out: null,
    }).run();
    // Appeals of the partial last day (after the history): registered before and after asOf.
    await db.query(
      `INSERT INTO appeals (id, region, category, channel, priority, status, lat, lng, description, registered_at,
         responded_at, response_due_at, resolution_due_at, updated_at, last_event_id, last_stream_id)
       SELECT 'live-' || i, 'KZ-71', 'heating', 'call', 'normal', 'assigned', 51.1, 71.4, 'test',
              $1::timestamptz + i * interval '20 minutes', $1::timestamptz + i * interval '20 minutes' + interval '7 minutes',
              $1::timestamptz + interval '1 day', $1::timestamptz + interval '2 days', now(), 'live-' || i, '1-0'
         FROM generate_series(0, 29) AS i`,
      [new Date(LIVE_START + 60_000).toISOString()],
    );
    await recomputeAllDirty(db);
    server = await startTestServer({ reportsSource: createReportsSource(() => db), now: () => AS_OF });
  }, SLOW_MS);
  afterAll(async () => {
    await server?.stop();
    await db?.close();
    await database?.drop();
    if (server) await deletePrefix(testRedisUrl(), server.prefix);
  }, SLOW_MS);

  const cases: Array<{ from: string; to: string; grain: ReportSeriesGrain; filter: AppealFilter }> = [
    { from: '2026-01-01', to: '2026-04-06', grain: 'month', filter: { regions: null } },
    { from: '2026-01-01', to: '2026-04-06', grain: 'week', filter: { regions: null } },
    { from: '2026-03-01', to: '2026-03-31', grain: 'day', filter: { regions: ['KZ-71', 'KZ-75'] } },
    { from: '2025-12-15', to: '2026-04-30', grain: 'week', filter: { regions: null, category: 'heating' } },
    { from: '2026-02-10', to: '2026-04-06', grain: 'week', filter: { regions: null, channel: 'call' } },
  ];

  it.each(cases)(
    'points of $from…$to by $grain add up to the summary of the same period ($filter)',
    async ({ from, to, grain, filter }) => {
      const series = await reportSeries(db, { from, to, grain, asOf: AS_OF, filter });
      const summary = await reportSummary(db, { from, to, asOf: AS_OF, filter, confirmationWindowMs: WINDOW_MS }, []);
      expect(sums(series)).toEqual(Object.fromEntries(SUMMED.map((k) => [k, summary.figures.flow[k]])));
      expect(summary.figures.flow.registered).toBeGreaterThan(filter.category || filter.regions ? 50 : 400);
      // Buckets tile the period: consecutive, inside it, weeks from Monday (bar the first, cut by `from`).
      expect(series.points[0]?.start).toBe(from);
      expect(series.points.at(-1)?.end).toBe(to);
      for (const [i, p] of series.points.entries()) {
        if (i > 0) expect(p.start).toBe(reportAddDays(series.points[i - 1]?.end ?? '', 1));
        if (i > 0 && grain === 'week') expect(new Date(`${p.start}T00:00:00Z`).getUTCDay()).toBe(1);
        if (i > 0 && grain === 'month') expect(p.start.slice(8)).toBe('01');
      }
      expect(series.dataSince).toBe('2025-12-27');
    },
    SLOW_MS,
  );

  it(
    "a bucket's percentiles come from its merged histograms: one month equals that month's summary",
    async () => {
      const filter = { regions: null };
      const series = await reportSeries(db, {
        from: '2026-02-01',
        to: '2026-03-31',
        grain: 'month',
        filter,
        asOf: AS_OF,
      });
      for (const p of series.points) {
        const s = await reportSummary(
          db,
          { from: p.start, to: p.end, asOf: AS_OF, filter, confirmationWindowMs: WINDOW_MS },
          [],
        );
        expect(p.responseP50Ms).toBe(s.figures.flow.response.p50);
        expect(p.responseP90Ms).toBe(s.figures.flow.response.p90);
        expect(p.resolutionP50Ms).toBe(s.figures.flow.resolution.p50);
        expect(p.resolutionP90Ms).toBe(s.figures.flow.resolution.p90);
        expect(p.responseTargetMs).toBe(Math.round(s.figures.flow.responseTargetMs / s.figures.flow.responded));
        expect(p.responseP50Ms).not.toBeNull();
      }
    },
    SLOW_MS,
  );

  it(
    'with a service filter (no rollup grain) the points still add up to the summary',
    async () => {
      const { rows } = await db.query(
        `SELECT coalesce(service_id, service) AS s FROM appeals WHERE service IS NOT NULL
          GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`,
      );
      const filter = { regions: null, service: rows[0]?.s as string };
      const series = await reportSeries(db, {
        from: '2026-03-01',
        to: '2026-04-06',
        grain: 'week',
        filter,
        asOf: AS_OF,
      });
      const summary = await reportSummary(
        db,
        { from: '2026-03-01', to: '2026-04-06', asOf: AS_OF, filter, confirmationWindowMs: WINDOW_MS },
        [],
      );
      expect(sums(series)).toEqual(Object.fromEntries(SUMMED.map((k) => [k, summary.figures.flow[k]])));
      expect(summary.figures.flow.responded).toBeGreaterThan(0);
    },
    SLOW_MS,
  );

  it(
    "over HTTP: the summary's figures, the caller's regions only, 403 for another's, 400 for a bad grain",
    async () => {
      const period = 'from=2026-01-05&to=2026-04-06';
      const supervisor = await signIn(server, 'supervisor', ['KZ-71']);
      const response = await authedFetch(supervisor, `${server.url}/api/reports/series?${period}&grain=week`);
      expect(response.status).toBe(200);
      const series = (await response.json()) as ReportSeries;
      const summary = (await (
        await authedFetch(supervisor, `${server.url}/api/reports/summary?${period}`)
      ).json()) as ReportSummary;
      expect(summary.regions).toEqual(['KZ-71']);
      expect(series).toMatchObject({ from: '2026-01-05', to: '2026-04-06', grain: 'week', asOf: summary.asOf });
      expect(sums(series)).toEqual(Object.fromEntries(SUMMED.map((k) => [k, summary.figures.flow[k]])));
      const admin = await signIn(server, 'admin');
      const national = (await (
        await authedFetch(admin, `${server.url}/api/reports/series?${period}&grain=week`)
      ).json()) as ReportSeries;
      expect(sums(national).registered).toBeGreaterThan(sums(series).registered);
      const other = await authedFetch(supervisor, `${server.url}/api/reports/series?${period}&grain=week&region=KZ-75`);
      expect(other.status).toBe(403);
      for (const [query, field] of [
        [`${period}&grain=hour`, 'grain'],
        [period, 'grain'],
        ['from=2026-04-06&to=2026-01-05&grain=day', 'to'],
      ] as const) {
        const bad = await authedFetch(admin, `${server.url}/api/reports/series?${query}`);
        expect(bad.status, query).toBe(400);
        expect(((await bad.json()) as { field?: string }).field, query).toBe(field);
      }
    },
    SLOW_MS,
  );
});
