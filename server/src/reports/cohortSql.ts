import { createCohortCounts, DEFAULT_CONFIRMATION_WINDOW_MS, type CohortCounts } from '@shared';
import type { ArchiveRow } from '../archive/archiveDb';

/** The cohort's counts: the field of `CohortCounts`, its column (in the aggregate and the rollup tables). */
export const COHORT_FIELDS: ReadonlyArray<[keyof CohortCounts, string]> = [
  ['registered', 'registered'],
  ['open', 'open'],
  ['overdue', 'overdue'],
  ['legalOverdue', 'legal_overdue'],
  ['finished', 'finished'],
  ['finishedOnTime', 'finished_on_time'],
  ['finishedLegalOnTime', 'finished_legal_on_time'],
  ['solvedPositively', 'solved_positively'],
  ['awaitingConfirmation', 'awaiting_confirmation'],
  ['ratingSum', 'rating_sum'],
  ['ratingCount', 'rating_count'],
];

/** The confirmation window migration 010's `report_cohort_lag` counts with: another window reads the appeals. */
export const COHORT_ROLLUP_WINDOW_MS = DEFAULT_CONFIRMATION_WINDOW_MS;

/**
 * Migration 010's lag classes: a class-k appeal of intake day d settles before the end of d
 * plus `COHORT_LAG_BOUND_DAYS[k]` days; class 3 (later) is never rolled up.
 */
export const COHORT_LAG_BOUND_DAYS = [15, 21, 45] as const;
export const COHORT_LATE_LAG = COHORT_LAG_BOUND_DAYS.length;

/** An appeal's lag class, written as migration 010's index holds it (the planner matches the text). */
export const COHORT_LAG_SQL =
  'report_cohort_lag(registered_at, status, resolved_at, closed_at, feedback_at, resolution_due_at, legal_due_at)';

/**
 * The cohort figures in SQL: the same definition as the shared `addCohort` (the appeal rewound
 * to `asOf` by `appealAsOf`, then the live predicates), written out for the database so a year
 * is one aggregate, not a million rows sent to Node. The property tests hold the two equal.
 * `source` yields appeals columns (and `keys`); `asOf` and `expiredBefore` (asOf minus the
 * window) are SQL expressions: parameters for a report, `'infinity'` for the rollup's settled
 * figures.
 */
export function cohortAggregateSql(
  source: string,
  keys: string,
  groupBy: string,
  asOf: string,
  expiredBefore: string,
): string {
  return `
WITH rewound AS (
  SELECT ${keys}, status, resolution_due_at, legal_due_at, feedback_result, feedback_rating, feedback_at,
         CASE WHEN resolved_at <= ${asOf} THEN resolved_at END AS r,
         CASE WHEN closed_at <= ${asOf} THEN closed_at END AS cl
    FROM (${source}) AS source
), stood AS (
  SELECT *,
         CASE WHEN status IN ('closed', 'rejected') AND cl IS NOT NULL THEN status
              WHEN status IN ('closed', 'rejected', 'resolved') AND r IS NOT NULL THEN 'resolved'
              ELSE 'open' END AS s,
         coalesce(r, cl) AS since,
         feedback_at <= ${asOf} AS fb_made
    FROM rewound
), judged AS (
  SELECT *,
         coalesce(fb_made AND feedback_at >= since, false) AS fb_current,
         coalesce(since < ${expiredBefore}, false) AS expired
    FROM stood
  -- OFFSET 0 keeps this a subquery of its own: flattened, each of s, since and the flags
  -- below is recomputed wherever the aggregates name it (~10 times a row); computed once
  -- here, a 16-day cohort at 10 M appeals took 220 ms instead of 315 (EXPLAIN ANALYZE).
  OFFSET 0
)
SELECT ${keys},
       count(*) AS registered,
       count(*) FILTER (WHERE s = 'open') AS open,
       count(*) FILTER (WHERE s = 'open' AND ${asOf} > resolution_due_at) AS overdue,
       count(*) FILTER (WHERE s = 'open' AND ${asOf} > legal_due_at) AS legal_overdue,
       count(*) FILTER (WHERE s <> 'open') AS finished,
       count(*) FILTER (WHERE s <> 'open' AND since <= resolution_due_at) AS finished_on_time,
       count(*) FILTER (WHERE s <> 'open' AND since <= legal_due_at) AS finished_legal_on_time,
       count(*) FILTER (WHERE s IN ('resolved', 'closed') AND (
         (fb_current AND feedback_result = 'confirmed')
         OR (expired AND NOT (fb_current AND feedback_result IN ('confirmed', 'not_confirmed'))))) AS solved_positively,
       count(*) FILTER (WHERE s IN ('resolved', 'closed') AND NOT expired
         AND NOT (fb_current AND feedback_result IN ('confirmed', 'not_confirmed'))) AS awaiting_confirmation,
       coalesce(sum(feedback_rating) FILTER (WHERE fb_made AND feedback_result IS NOT NULL), 0) AS rating_sum,
       count(feedback_rating) FILTER (WHERE fb_made AND feedback_result IS NOT NULL) AS rating_count
  FROM judged
 GROUP BY ${groupBy}`;
}

export interface CohortGroups {
  overall: CohortCounts;
  regions: Map<string, CohortCounts>;
  categories: Map<string, CohortCounts>;
}

export function createCohortGroups(): CohortGroups {
  return { overall: createCohortCounts(), regions: new Map(), categories: new Map() };
}

/**
 * Adds rows grouped by (region, category) into `groups`: each row into its region, its category
 * and the overall (one hash aggregate in SQL, not GROUPING SETS' two: half the work per appeal).
 */
export function addCohortRows(groups: CohortGroups, rows: readonly ArchiveRow[]): void {
  const groupOf = (map: Map<string, CohortCounts>, key: string): CohortCounts => {
    let c = map.get(key);
    if (!c) map.set(key, (c = createCohortCounts()));
    return c;
  };
  for (const row of rows) {
    const region = groupOf(groups.regions, row.region as string);
    const category = groupOf(groups.categories, row.category as string);
    for (const [field, column] of COHORT_FIELDS) {
      const n = Number(row[column] ?? 0);
      region[field] += n;
      category[field] += n;
      groups.overall[field] += n;
    }
  }
}
