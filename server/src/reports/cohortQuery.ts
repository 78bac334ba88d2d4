import { reportDayOf } from '@shared';
import type { ArchiveQuery } from '../archive/archiveDb';
import { addRollupCohort, COHORT_SOURCE_COLUMNS, cohortPlan, type CohortPlan } from './cohortRollup';
import {
  addCohortRows,
  COHORT_LAG_SQL,
  COHORT_ROLLUP_WINDOW_MS,
  cohortAggregateSql,
  createCohortGroups,
  type CohortGroups,
} from './cohortSql';
import { filterSql, type AppealFilter } from './reportRows';

export type { CohortGroups } from './cohortSql';

/**
 * The cohort registered in [start, end) of `filter`, as it stood at asOf, read from the
 * appeals: all of them (`lags` null), or per lag class only those registered from the class's
 * `from` (the part of a `CohortPlan` the rollup does not hold), each class an index range.
 */
async function addDirectCohort(
  db: ArchiveQuery,
  start: number,
  end: number,
  asOf: number,
  windowMs: number,
  filter: AppealFilter,
  lags: CohortPlan['direct'] | null,
  groups: CohortGroups,
): Promise<void> {
  const iso = (ms: number): string => new Date(ms).toISOString();
  const where = filterSql(filter, 5);
  const params: unknown[] = [iso(start), iso(end), iso(asOf), iso(asOf - windowMs), ...where.params];
  const scope = `registered_at >= $1::timestamptz AND registered_at < $2::timestamptz AND registered_at <= $3::timestamptz AND ${where.sql}`;
  const select = `SELECT ${COHORT_SOURCE_COLUMNS} FROM appeals`;
  let source = `${select} WHERE ${scope}`;
  if (lags !== null) {
    const branches = lags
      .filter((range) => range.from < end)
      .map((range) => {
        params.push(range.lag, iso(Math.max(start, range.from)));
        const [lag, from] = [params.length - 1, params.length];
        return `${select} WHERE ${COHORT_LAG_SQL} = $${lag}::smallint AND registered_at >= $${from}::timestamptz AND ${scope}`;
      });
    if (branches.length === 0) return;
    source = branches.join(' UNION ALL ');
  }
  const { rows } = await db.query(
    cohortAggregateSql(source, 'region, category', 'region, category', '$3::timestamptz', '$4::timestamptz'),
    params,
  );
  addCohortRows(groups, rows);
}

/** The cohort registered in [start, end) as it stood at `asOf` (all epoch ms), all from the appeals. */
export async function directCohortFigures(
  db: ArchiveQuery,
  start: number,
  end: number,
  asOf: number,
  windowMs: number,
  filter: AppealFilter,
): Promise<CohortGroups> {
  const groups = createCohortGroups();
  await addDirectCohort(db, start, end, asOf, windowMs, filter, null, groups);
  return groups;
}

/**
 * The cohort registered in [start, end) (whole Almaty days), as it stood at `asOf` (all epoch
 * ms): the settled part from the cohort rollup, the rest from the appeals (`cohortPlan`). From
 * the appeals alone with a service filter (the rollup has no service grain) or a confirmation
 * window other than the one the rollup settles with.
 */
export async function cohortFigures(
  db: ArchiveQuery,
  start: number,
  end: number,
  asOf: number,
  windowMs: number,
  filter: AppealFilter,
): Promise<CohortGroups> {
  if (filter.service !== undefined || windowMs !== COHORT_ROLLUP_WINDOW_MS) {
    return directCohortFigures(db, start, end, asOf, windowMs, filter);
  }
  const plan = cohortPlan(reportDayOf(start), reportDayOf(end - 1), asOf);
  const groups = createCohortGroups();
  // Each side adds into `groups` only after its own read: the two run side by side.
  await Promise.all([
    addRollupCohort(db, plan, filter, groups),
    addDirectCohort(db, start, end, asOf, windowMs, filter, plan.direct, groups),
  ]);
  return groups;
}

/** SQL: the appeal (of `appeals`) is open at `$3` (nothing resolved or closed by then) past its resolution target. */
const OPEN_OVERDUE_AT = `(resolved_at IS NULL OR resolved_at > $3::timestamptz)
  AND (closed_at IS NULL OR closed_at > $3::timestamptz) AND resolution_due_at < $3::timestamptz
  AND coalesce(service_id, service) IS NOT NULL`;

/**
 * Per service (БИН, else the free-text name, as report_service_daily keys it): the appeals
 * registered in [start, end) (and by asOf) of `filter`, open at asOf past their resolution
 * target. `all`: every appeal of the range read; otherwise three disjoint index ranges, which
 * are all an appeal open at asOf can be in: neither resolved nor closed (the open backlog,
 * migration 010's partial index), resolved after asOf (`appeals_resolved_at`), or closed after
 * asOf without a resolution (`appeals_closed_at`). For a report taken now the last two are
 * empty; they used to be the unsettled weeks' appeals read again (a sixth of a year's report
 * at 10 M appeals).
 */
export async function overdueByService(
  db: ArchiveQuery,
  start: number,
  end: number,
  asOf: number,
  filter: AppealFilter,
  all = false,
): Promise<Map<string, number>> {
  const iso = (ms: number): string => new Date(ms).toISOString();
  const where = filterSql(filter, 4);
  const params: unknown[] = [iso(start), iso(Math.min(end, asOf + 1)), iso(asOf), ...where.params];
  const scope = `registered_at >= $1::timestamptz AND registered_at < $2::timestamptz AND ${OPEN_OVERDUE_AT} AND ${where.sql}`;
  const select = 'SELECT coalesce(service_id, service) AS service FROM appeals';
  const branches = all
    ? [`${select} WHERE ${scope}`]
    : [
        `${select} WHERE resolved_at IS NULL AND closed_at IS NULL AND ${scope}`,
        `${select} WHERE resolved_at > $3::timestamptz AND ${scope}`,
        `${select} WHERE resolved_at IS NULL AND closed_at > $3::timestamptz AND ${scope}`,
      ];
  const { rows } = await db.query(
    `SELECT service, count(*) AS overdue FROM (${branches.join(' UNION ALL ')}) AS o GROUP BY service`,
    params,
  );
  return new Map(rows.map((row) => [row.service as string, Number(row.overdue)]));
}
