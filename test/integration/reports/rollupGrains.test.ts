import { addFlows, createFlowCounts, quantile, reportAddDays, reportDayStart, type FlowCounts } from '@shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArchiveDb } from '../../../server/src/archive/archiveDb';
import { migrate } from '../../../server/src/archive/migrate';
import { rollupFlows, rollupHourFlows } from '../../../server/src/reports/flowQueries';
import type { AppealFilter } from '../../../server/src/reports/reportRows';
import { reportSummary } from '../../../server/src/reports/reportSummary';
import { HOUR_HORIZON_DAYS, pruneHours } from '../../../server/src/reports/rollupGrains';
import { recomputeAllDirty } from '../../../server/src/reports/rollups';
import { ARCHIVE_TARGETS, type ArchiveTarget } from '../archive/archiveFixtures';
import {
  allAppeals,
  CATEGORIES,
  CHANNELS,
  DAY,
  generate,
  insert,
  random,
  referenceFlows,
  REGIONS,
  ROLLUP_NOW,
} from './rollupFixtures';

const SLOW_MS = 240_000;
const HOUR = 3_600_000;

/** The hour and month grains (migration 009) against the naive reference over the appeals and their events. */
describe.each(ARCHIVE_TARGETS)('report rollup grains on $kind', ({ open }) => {
  let target: ArchiveTarget;
  let db: ArchiveDb;
  beforeAll(async () => {
    target = await open();
    db = target.db;
    await migrate(db);
    await insert(db, generate(23, 900));
    await recomputeAllDirty(db, { now: ROLLUP_NOW });
  }, SLOW_MS);
  afterAll(async () => {
    await target?.cleanup();
  });

  const randomFilter = (rnd: () => number): AppealFilter => ({
    regions: rnd() < 0.4 ? null : REGIONS.filter(() => rnd() < 0.6),
    category: rnd() < 0.3 ? CATEGORIES[Math.floor(rnd() * 3)] : undefined,
    channel: rnd() < 0.3 ? CHANNELS[Math.floor(rnd() * 2)] : undefined,
  });

  it(
    'hour rollups of random whole-hour ranges equal a direct computation (Almaty midnights, the leap day, month ends)',
    async () => {
      const appeals = await allAppeals(db);
      const rnd = random(5);
      const at = (iso: string): number => Date.parse(iso);
      // Almaty midnight is 18:00 UTC before 1 March 2024 and 19:00 UTC after it.
      const ranges: Array<[number, number]> = [
        [at('2024-02-28T17:00:00Z'), at('2024-02-28T20:00:00Z')],
        [at('2024-02-28T18:00:00Z'), at('2024-02-29T18:00:00Z')],
        [at('2024-02-29T12:00:00Z'), at('2024-03-01T21:00:00Z')],
        [at('2024-01-31T15:00:00Z'), at('2024-02-01T03:00:00Z')],
      ];
      for (let i = 0; i < 10; i += 1) {
        const start = at('2024-02-20T00:00:00Z') + Math.floor(rnd() * 20 * 24) * HOUR;
        ranges.push([start, start + (1 + Math.floor(rnd() * 72)) * HOUR]);
      }
      let seen = 0;
      for (const [start, end] of ranges) {
        const filter = randomFilter(rnd);
        const label = `${new Date(start).toISOString()}…${new Date(end).toISOString()} ${JSON.stringify(filter)}`;
        const got = await rollupHourFlows(db, start, end, filter);
        expect(got.overall, label).toEqual(referenceFlows(appeals, start, end, filter));
        for (const [region, flows] of got.regions) {
          expect(flows, `${label} ${region}`).toEqual(
            referenceFlows(appeals, start, end, { ...filter, regions: [region] }),
          );
        }
        seen += got.overall.registered + got.overall.reopened;
      }
      expect(seen).toBeGreaterThan(100);
    },
    SLOW_MS,
  );

  it(
    "a day's hours add up to the day, and a month read from the month grain equals its days",
    async () => {
      for (const day of ['2024-02-29', '2024-03-01', '2024-03-10']) {
        const hours = await rollupHourFlows(db, reportDayStart(day), reportDayStart(reportAddDays(day, 1)), {
          regions: null,
        });
        expect(hours.overall, day).toEqual((await rollupFlows(db, day, day, { regions: null })).overall);
      }
      const months = await db.query<{ month: string; n: string }>(
        `SELECT to_char(month, 'YYYY-MM-DD') AS month, count(*) AS n FROM report_monthly GROUP BY 1 ORDER BY 1`,
      );
      expect(months.rows.map((r) => r.month)).toEqual([
        '2024-01-01',
        '2024-02-01',
        '2024-03-01',
        '2024-04-01',
        '2024-05-01',
      ]);
      // February from its month rows, and the same days read one by one: the same figures.
      const february = await rollupFlows(db, '2024-02-01', '2024-02-29', { regions: null });
      const byDays = await rollupFlows(db, '2024-02-02', '2024-02-29', { regions: null });
      const first = await rollupFlows(db, '2024-02-01', '2024-02-01', { regions: null });
      const appeals = await allAppeals(db);
      const reference = referenceFlows(appeals, reportDayStart('2024-02-01'), reportDayStart('2024-03-01'), {
        regions: null,
      });
      expect(february.overall).toEqual(reference);
      expect(byDays.overall.registered + first.overall.registered).toBe(reference.registered);
      expect(february.overall.reopened).toBeGreaterThan(0);
    },
    SLOW_MS,
  );

  it(
    'a period with whole months reads the month grains of migration 011 (region × category, services) with the figures of the days',
    async () => {
      const appeals = await allAppeals(db);
      const [from, to] = ['2024-01-20', '2024-04-10'];
      const start = reportDayStart(from);
      const end = reportDayStart(reportAddDays(to, 1));
      // Not an empty comparison: February and March have rows in both month grains.
      for (const table of ['report_monthly_rc', 'report_service_monthly']) {
        const { rows } = await db.query<{ n: string }>(
          `SELECT count(*) AS n FROM ${table} WHERE month >= '2024-02-01' AND month < '2024-04-01'`,
        );
        expect(Number(rows[0]?.n), table).toBeGreaterThan(0);
      }
      // Flows: without a channel filter (report_monthly_rc), and with one (report_monthly).
      for (const filter of [{ regions: null }, { regions: ['KZ-75'], channel: 'app' }] as AppealFilter[]) {
        const got = await rollupFlows(db, from, to, filter);
        expect(got.overall, JSON.stringify(filter)).toEqual(referenceFlows(appeals, start, end, filter));
      }
      // Services: report_service_monthly for February and March, report_service_daily around them.
      const summary = await reportSummary(
        db,
        {
          from,
          to,
          asOf: Date.parse('2024-06-01T00:00:00Z'),
          filter: { regions: null },
          confirmationWindowMs: 14 * DAY,
        },
        [...REGIONS],
      );
      const byService = new Map<string, FlowCounts>();
      for (const a of appeals) {
        const key = a.serviceId ?? a.service;
        if (key === undefined) continue;
        if (!byService.has(key)) byService.set(key, createFlowCounts());
        addFlows(byService.get(key) as FlowCounts, a, start, end);
      }
      expect(summary.byService.map((r) => r.service).sort()).toEqual([...byService.keys()].sort());
      for (const row of summary.byService) {
        const want = byService.get(row.service) as FlowCounts;
        expect(
          { responded: row.responded, resolved: row.resolved, reopened: row.reopened, response: row.response },
          row.service,
        ).toEqual({
          responded: want.responded,
          resolved: want.resolved,
          reopened: want.reopened,
          response: { p50: quantile(want.response, 0.5), p90: quantile(want.response, 0.9) },
        });
        expect(row.resolutionSlaCompliance).toBe(want.resolved === 0 ? null : want.resolvedOnTime / want.resolved);
      }
      expect(summary.byService.reduce((n, r) => n + r.responded, 0)).toBeGreaterThan(100);
    },
    SLOW_MS,
  );

  it(
    'hours older than the horizon are pruned; days outside it get no hours',
    async () => {
      const later = Date.parse('2024-04-10T00:00:00Z');
      const cut = later - HOUR_HORIZON_DAYS * DAY;
      const before = await db.query<{ n: string }>(
        'SELECT count(*) AS n FROM report_hourly WHERE hour < $1::timestamptz',
        [new Date(cut).toISOString()],
      );
      expect(Number(before.rows[0]?.n)).toBeGreaterThan(0);
      expect(await pruneHours(db, later)).toBe(Number(before.rows[0]?.n));
      const left = await db.query<{ oldest: Date | string }>('SELECT min(hour) AS oldest FROM report_hourly');
      expect(new Date(left.rows[0]?.oldest as string).getTime()).toBeGreaterThanOrEqual(cut);
      // A recompute at `later` rewrites an old day (one with rows) without its hours.
      const old = await db.query<{ day: string; region: string }>(
        `SELECT to_char(day, 'YYYY-MM-DD') AS day, region FROM report_daily WHERE day < '2024-02-10' ORDER BY day, region LIMIT 1`,
      );
      const { day, region } = old.rows[0] as { day: string; region: string };
      await db.query('INSERT INTO report_dirty (day, region) VALUES ($1::date, $2)', [day, region]);
      await recomputeAllDirty(db, { now: later });
      const hours = await db.query<{ n: string }>(
        `SELECT count(*) AS n FROM report_hourly WHERE hour < $1::timestamptz`,
        [new Date(cut).toISOString()],
      );
      expect(Number(hours.rows[0]?.n)).toBe(0);
      const rows = await db.query<{ n: string }>(
        `SELECT count(*) AS n FROM report_daily WHERE day = $1::date AND region = $2`,
        [day, region],
      );
      expect(Number(rows.rows[0]?.n)).toBeGreaterThan(0);
    },
    SLOW_MS,
  );
});
