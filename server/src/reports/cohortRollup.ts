import { reportAddDays, reportDayOf, reportDayStart } from '@shared';
import type { ArchiveQuery } from '../archive/archiveDb';
import {
  addCohortRows,
  COHORT_FIELDS,
  COHORT_LAG_BOUND_DAYS,
  COHORT_LAG_SQL,
  COHORT_LATE_LAG,
  cohortAggregateSql,
  type CohortGroups,
} from './cohortSql';
import { monthOf, nextMonth, wholeMonths } from './months';
import { filterSql, type AppealFilter } from './reportRows';

/**
 * The cohort rollup (docs/reports.md "Cohort rollup", migration 010): per intake day × region
 * × category × channel × lag class, the figures of the appeals that will have settled by the
 * end of the day plus the class's bound, as they stand once settled. A report at asOf sums the
 * rows that hold at asOf and reads the rest from the appeals (`cohortPlan`).
 */

const DAY_MS = 86_400_000;
const COUNT_COLUMNS = COHORT_FIELDS.map(([, column]) => column).join(', ');

/** The columns of `appeals` the cohort aggregate reads. */
export const COHORT_SOURCE_COLUMNS = `region, category, status, resolved_at, closed_at, resolution_due_at, legal_due_at,
  feedback_result, feedback_rating, feedback_at`;

/**
 * Rewrites the cohort rows of the appeals registered on the Almaty days `days` in `regions`
 * (day × region keys, as report_dirty holds them), then those days' months for those regions.
 * Call it in the transaction that takes the keys, after the flows of the same keys.
 */
export async function writeCohortDays(
  tx: ArchiveQuery,
  days: readonly string[],
  regions: readonly string[],
): Promise<void> {
  const sorted = [...new Set(days)].sort();
  if (sorted.length === 0 || regions.length === 0) return;
  await tx.query('DELETE FROM report_cohort_daily WHERE day = ANY($1::date[]) AND region = ANY($2::text[])', [
    sorted,
    regions,
  ]);
  const source = `SELECT d.day, channel, ${COHORT_LAG_SQL} AS lag, ${COHORT_SOURCE_COLUMNS}
      FROM unnest($1::date[], $2::timestamptz[], $3::timestamptz[]) AS d(day, lo, hi)
      JOIN appeals ON registered_at >= d.lo AND registered_at < d.hi
     WHERE region = ANY($4::text[]) AND ${COHORT_LAG_SQL} < ${COHORT_LATE_LAG}`;
  const keys = 'day, region, category, channel, lag';
  const iso = (day: string): string => new Date(reportDayStart(day)).toISOString();
  await tx.query(
    `INSERT INTO report_cohort_daily (${keys}, ${COUNT_COLUMNS})
     ${cohortAggregateSql(source, keys, keys, `'infinity'::timestamptz`, `'infinity'::timestamptz`)}`,
    [sorted, sorted.map(iso), sorted.map((day) => iso(reportAddDays(day, 1))), regions],
  );
  const months = [...new Set(sorted.map(monthOf))];
  await tx.query('DELETE FROM report_cohort_monthly WHERE month = ANY($1::date[]) AND region = ANY($2::text[])', [
    months,
    regions,
  ]);
  const sums = COHORT_FIELDS.map(([, column]) => `sum(${column})`).join(', ');
  await tx.query(
    `INSERT INTO report_cohort_monthly (month, region, category, channel, lag, ${COUNT_COLUMNS})
     SELECT m.month, region, category, channel, lag, ${sums}
       FROM unnest($1::date[], $2::date[]) AS m(month, next)
       JOIN report_cohort_daily ON day >= m.month AND day < m.next
      WHERE region = ANY($3::text[])
      GROUP BY m.month, region, category, channel, lag`,
    [months, months.map(nextMonth), regions],
  );
}

/** Rows of one rollup table and lag class over [lo, hi) (dates), added (sign 1) or taken away (-1). */
interface RollupRange {
  table: 'report_cohort_daily' | 'report_cohort_monthly';
  lag: number;
  lo: string;
  hi: string;
  sign: 1 | -1;
}

/** Appeals of one lag class registered from `from` (epoch ms) to the period's end, read directly. */
interface DirectRange {
  lag: number;
  from: number;
}

/** How a report of intake days [from, to] at `asOf` splits between the rollup and the appeals. */
export interface CohortPlan {
  rollup: RollupRange[];
  direct: DirectRange[];
}

const daily = (lag: number, lo: string, hi: string, sign: 1 | -1): RollupRange => ({
  table: 'report_cohort_daily',
  lag,
  lo,
  hi,
  sign,
});
const monthly = (lag: number, lo: string, hi: string): RollupRange => ({
  table: 'report_cohort_monthly',
  lag,
  lo,
  hi,
  sign: 1,
});

const dayCount = (lo: string, hi: string): number => Math.round((Date.parse(hi) - Date.parse(lo)) / DAY_MS);

/**
 * The days [lo, hi) of one month: those days' rows, or — when fewer — the month's row less the
 * month's other days (a month row is the sum of its day rows, written with them: exact).
 */
function partMonth(lag: number, lo: string, hi: string): RollupRange[] {
  const month = monthOf(lo);
  const after = nextMonth(month);
  if (dayCount(lo, hi) <= 1 + dayCount(month, after) - dayCount(lo, hi)) return [daily(lag, lo, hi, 1)];
  const ranges = [monthly(lag, month, after)];
  if (month < lo) ranges.push(daily(lag, month, lo, -1));
  if (hi < after) ranges.push(daily(lag, hi, after, -1));
  return ranges;
}

/** Whole days [lo, hi]: the whole months inside from the month rows, the edges by `partMonth`. */
function splitMonths(lag: number, lo: string, hi: string): RollupRange[] {
  const after = reportAddDays(hi, 1);
  const { first, after: end } = wholeMonths(lo, hi);
  if (first > after) return partMonth(lag, lo, after);
  const ranges: RollupRange[] = end > first ? [monthly(lag, first, end)] : [];
  if (lo < first) ranges.push(...partMonth(lag, lo, first));
  if (end < after) ranges.push(...partMonth(lag, end, after));
  return ranges;
}

/**
 * Class k's rows of day d hold at asOf when the end of d plus the class's bound is at or before
 * asOf: those days (a prefix of the period) from the rollup, the class's later intake and every
 * class-3 appeal from the appeals. Each appeal is counted once, by one side.
 */
export function cohortPlan(from: string, to: string, asOf: number): CohortPlan {
  const plan: CohortPlan = { rollup: [], direct: [] };
  COHORT_LAG_BOUND_DAYS.forEach((bound, lag) => {
    let last = reportAddDays(reportDayOf(asOf - bound * DAY_MS), -1);
    if (last > to) last = to;
    if (last >= from) plan.rollup.push(...splitMonths(lag, from, last));
    if (last < to) plan.direct.push({ lag, from: reportDayStart(last >= from ? reportAddDays(last, 1) : from) });
  });
  plan.direct.push({ lag: COHORT_LATE_LAG, from: reportDayStart(from) });
  return plan;
}

/** The rollup side of `plan`: its rows of `filter` summed per region and per category into `groups`. */
export async function addRollupCohort(
  db: ArchiveQuery,
  plan: CohortPlan,
  filter: AppealFilter,
  groups: CohortGroups,
): Promise<void> {
  if (plan.rollup.length === 0) return;
  const where = filterSql(filter, 1);
  const params: unknown[] = [...where.params];
  const next = (value: unknown): string => {
    params.push(value);
    return `$${params.length}`;
  };
  const branches = plan.rollup.map(({ table, lag, lo, hi, sign }) => {
    const column = table === 'report_cohort_daily' ? 'day' : 'month';
    const counts = COHORT_FIELDS.map(([, c]) => (sign === 1 ? c : `-${c} AS ${c}`)).join(', ');
    return `SELECT region, category, ${counts} FROM ${table}
       WHERE lag = ${next(lag)}::smallint AND ${column} >= ${next(lo)}::date AND ${column} < ${next(hi)}::date
         AND ${where.sql}`;
  });
  const sums = COHORT_FIELDS.map(([, column]) => `sum(${column}) AS ${column}`).join(', ');
  const { rows } = await db.query(
    `SELECT region, category, ${sums} FROM (${branches.join(' UNION ALL ')}) AS r
      GROUP BY region, category`,
    params,
  );
  addCohortRows(groups, rows);
}
