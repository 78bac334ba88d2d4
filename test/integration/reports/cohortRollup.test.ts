import { addCohort, createCohortCounts, reportAddDays, reportDayOf, reportDayStart } from '@shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArchiveDb } from '../../../server/src/archive/archiveDb';
import { migrate } from '../../../server/src/archive/migrate';
import { cohortFigures, directCohortFigures, overdueByService } from '../../../server/src/reports/cohortQuery';
import { cohortPlan } from '../../../server/src/reports/cohortRollup';
import type { AppealFilter } from '../../../server/src/reports/reportRows';
import { recomputeAllDirty } from '../../../server/src/reports/rollups';
import { ARCHIVE_TARGETS, type ArchiveTarget } from '../archive/archiveFixtures';
import {
  allAppeals,
  CATEGORIES,
  CHANNELS,
  DAY,
  generate,
  insert,
  ORIGIN,
  random,
  REGIONS,
  ROLLUP_NOW,
  WIDE_FROM,
  WIDE_TO,
  WINDOW_MS,
} from './rollupFixtures';

const SLOW_MS = 240_000;

/**
 * What the rollups' recompute does with the keys it takes (the writer called in the same
 * transaction, for the same days and regions), then the flows' own recompute.
 */
/** The rollup recompute (flows and, through `writeCohortDays`, cohorts); resolves to the dirty days it took. */
async function recomputeWithCohort(db: ArchiveDb): Promise<number> {
  const { rows } = await db.query<{ n: string }>('SELECT count(DISTINCT day) AS n FROM report_dirty');
  await recomputeAllDirty(db, { now: ROLLUP_NOW });
  return Number(rows[0]?.n);
}

const epochDay = (ms: number): string => reportDayOf(ms);

describe.each(ARCHIVE_TARGETS)('the cohort rollup on $kind', ({ open }) => {
  let target: ArchiveTarget;
  let db: ArchiveDb;
  beforeAll(async () => {
    target = await open();
    db = target.db;
    await migrate(db);
    await insert(db, generate(23, 1200));
    await recomputeWithCohort(db);
  }, SLOW_MS);
  afterAll(async () => {
    await target?.cleanup();
  });

  /** Random periods (whole months and days around them among them), filters and moments, past and present. */
  async function checkRandom(
    seed: number,
    count: number,
  ): Promise<{ cohort: number; rolledUp: number; subtracted: number; overdue: number }> {
    const rnd = random(seed);
    const spanDays = Math.round((WIDE_TO - WIDE_FROM) / DAY);
    let cohort = 0;
    let rolledUp = 0;
    let subtracted = 0;
    let overdue = 0;
    for (let i = 0; i < count; i += 1) {
      const a = Math.floor(rnd() * spanDays);
      const from = epochDay(WIDE_FROM + a * DAY);
      const to = reportAddDays(from, Math.floor(rnd() * (spanDays - a)));
      const filter: AppealFilter = {
        regions: rnd() < 0.4 ? null : REGIONS.filter(() => rnd() < 0.6),
        category: rnd() < 0.3 ? CATEGORIES[Math.floor(rnd() * 3)] : undefined,
        channel: rnd() < 0.3 ? CHANNELS[Math.floor(rnd() * 2)] : undefined,
      };
      // Long after everything, or anywhere in the span (frozen reports; a class's edge day).
      const asOf =
        rnd() < 0.25 ? WIDE_TO + 200 * DAY : WIDE_FROM + Math.floor(rnd() * (WIDE_TO - WIDE_FROM + 80 * DAY));
      const start = reportDayStart(from);
      const end = reportDayStart(reportAddDays(to, 1));
      const label = `${from}…${to} ${JSON.stringify(filter)} asOf ${new Date(asOf).toISOString()}`;
      const direct = await directCohortFigures(db, start, end, asOf, WINDOW_MS, filter);
      const viaRollup = await cohortFigures(db, start, end, asOf, WINDOW_MS, filter);
      expect(viaRollup, label).toEqual(direct);
      // The service league's "overdue now": the backlog and the unsettled ranges equal every appeal read.
      const leagueFilter = { regions: filter.regions, ...(rnd() < 0.3 ? { service: 'Astana Su' } : {}) };
      const league = await overdueByService(db, start, end, asOf, leagueFilter, true);
      expect(await overdueByService(db, start, end, asOf, leagueFilter), label).toEqual(league);
      for (const n of league.values()) overdue += n;
      cohort += direct.overall.registered;
      const plan = cohortPlan(from, to, asOf);
      if (plan.rollup.length > 0) rolledUp += 1;
      if (plan.rollup.some((range) => range.sign === -1)) subtracted += 1;
    }
    return { cohort, rolledUp, subtracted, overdue };
  }

  it(
    'equals the direct computation for random periods, filters and moments',
    async () => {
      const { cohort, rolledUp, subtracted, overdue } = await checkRandom(5, 40);
      expect(cohort).toBeGreaterThan(2000);
      expect(overdue).toBeGreaterThan(100);
      // Most periods read some rows of the rollup (the check is not of the direct side alone),
      // some of them a month less its other days.
      expect(rolledUp).toBeGreaterThan(20);
      expect(subtracted).toBeGreaterThan(3);
      const { rows } = await db.query(
        'SELECT lag, sum(registered) AS n FROM report_cohort_daily GROUP BY lag ORDER BY lag',
      );
      expect(rows.map((r) => Number(r.lag))).toEqual([0, 1, 2]);
    },
    SLOW_MS,
  );

  it(
    'a whole span read mostly from the rollup after everything settled',
    async () => {
      const from = epochDay(WIDE_FROM);
      const to = epochDay(WIDE_TO);
      const asOf = WIDE_TO + 400 * DAY;
      const plan = cohortPlan(from, to, asOf);
      expect(plan.direct).toEqual([{ lag: 3, from: reportDayStart(from) }]);
      const start = reportDayStart(from);
      const end = reportDayStart(reportAddDays(to, 1));
      const filter = { regions: null };
      const viaRollup = await cohortFigures(db, start, end, asOf, WINDOW_MS, filter);
      expect(viaRollup).toEqual(await directCohortFigures(db, start, end, asOf, WINDOW_MS, filter));
      // And the shared definition, appeal by appeal in JavaScript: overall and per region.
      const appeals = (await allAppeals(db)).filter((a) => a.registeredAt >= start && a.registeredAt < end);
      const overall = createCohortCounts();
      for (const a of appeals) addCohort(overall, a, asOf, WINDOW_MS);
      expect(viaRollup.overall).toEqual(overall);
      for (const region of REGIONS) {
        const counts = createCohortCounts();
        for (const a of appeals.filter((x) => x.region === region)) addCohort(counts, a, asOf, WINDOW_MS);
        expect(viaRollup.regions.get(region), region).toEqual(counts);
      }
    },
    SLOW_MS,
  );

  it(
    'follows callbacks, reopens, moves and deletions through the triggers alone',
    async () => {
      // A callback (feedback columns only: 007's trigger alone marked nothing for it).
      await db.query(
        `UPDATE appeals SET feedback_result = 'confirmed', feedback_rating = 5, feedback_at = coalesce(resolved_at, closed_at) + interval '2 days'
          WHERE id IN (SELECT id FROM appeals WHERE coalesce(resolved_at, closed_at) IS NOT NULL AND feedback_at IS NULL
                        ORDER BY id LIMIT 60)`,
      );
      expect(Number((await db.query('SELECT count(*) AS n FROM report_dirty')).rows[0]?.n)).toBeGreaterThan(0);
      await db.query(
        `UPDATE appeals SET feedback_rating = 1 WHERE id IN (SELECT id FROM appeals WHERE feedback_rating = 5 ORDER BY id DESC LIMIT 30)`,
      );
      await db.query(
        `UPDATE appeals SET status = 'reopened', resolved_at = NULL, closed_at = NULL
          WHERE id IN (SELECT id FROM appeals WHERE resolved_at IS NOT NULL ORDER BY id DESC LIMIT 40)`,
      );
      await db.query(
        `UPDATE appeals SET region = 'KZ-79', channel = 'app' WHERE id IN (SELECT id FROM appeals ORDER BY id LIMIT 20 OFFSET 100)`,
      );
      await db.query(`DELETE FROM appeals WHERE id IN (SELECT id FROM appeals ORDER BY id LIMIT 15 OFFSET 300)`);
      expect(await recomputeWithCohort(db)).toBeGreaterThan(0);
      const { cohort } = await checkRandom(9, 25);
      expect(cohort).toBeGreaterThan(1000);
    },
    SLOW_MS,
  );

  it(
    'reads the appeals alone for another confirmation window or a service',
    async () => {
      const start = reportDayStart('2024-02-01');
      const end = reportDayStart('2024-04-01');
      const asOf = ORIGIN + 30 * DAY;
      for (const [windowMs, filter] of [
        [7 * DAY, { regions: null }],
        [WINDOW_MS, { regions: null, service: 'Astana Su' }],
      ] as const) {
        expect(await cohortFigures(db, start, end, asOf, windowMs, filter)).toEqual(
          await directCohortFigures(db, start, end, asOf, windowMs, filter),
        );
      }
    },
    SLOW_MS,
  );
});
