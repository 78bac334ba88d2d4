import { createCohortCounts, type CohortCounts } from '@shared';
import type { ArchiveQuery } from '../archive/archiveDb';
import { filterSql, type AppealFilter } from './reportRows';

export interface CohortGroups {
  overall: CohortCounts;
  regions: Map<string, CohortCounts>;
  categories: Map<string, CohortCounts>;
}

/**
 * The cohort figures in SQL: the same definition as the shared `addCohort` (the appeal
 * rewound to `asOf` by `appealAsOf`, then the live predicates), written out for the database
 * so a year is one aggregate, not a million rows sent to Node. The property test holds the
 * two equal.
 */
const COHORT_SQL = (where: string): string => `
WITH rewound AS (
  SELECT region, category, status, resolution_due_at, legal_due_at, feedback_result, feedback_rating, feedback_at,
         CASE WHEN resolved_at <= $3::timestamptz THEN resolved_at END AS r,
         CASE WHEN closed_at <= $3::timestamptz THEN closed_at END AS cl
    FROM appeals
   WHERE registered_at >= $1::timestamptz AND registered_at < $2::timestamptz AND registered_at <= $3::timestamptz
     AND ${where}
), stood AS (
  SELECT *,
         CASE WHEN status IN ('closed', 'rejected') AND cl IS NOT NULL THEN status
              WHEN status IN ('closed', 'rejected', 'resolved') AND r IS NOT NULL THEN 'resolved'
              ELSE 'open' END AS s,
         coalesce(r, cl) AS since,
         feedback_at <= $3::timestamptz AS fb_made
    FROM rewound
), judged AS (
  SELECT *,
         coalesce(fb_made AND feedback_at >= since, false) AS fb_current,
         coalesce(since < $4::timestamptz, false) AS expired
    FROM stood
)
SELECT region, category,
       count(*) AS registered,
       count(*) FILTER (WHERE s = 'open') AS open,
       count(*) FILTER (WHERE s = 'open' AND $3::timestamptz > resolution_due_at) AS overdue,
       count(*) FILTER (WHERE s = 'open' AND $3::timestamptz > legal_due_at) AS legal_overdue,
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
 GROUP BY GROUPING SETS ((region), (category))`;

const FIELDS: Array<[keyof CohortCounts, string]> = [
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

/** The cohort registered in [start, end), as it stood at `asOf` (all epoch ms). */
export async function cohortFigures(
  db: ArchiveQuery,
  start: number,
  end: number,
  asOf: number,
  windowMs: number,
  filter: AppealFilter,
): Promise<CohortGroups> {
  const groups: CohortGroups = { overall: createCohortCounts(), regions: new Map(), categories: new Map() };
  const where = filterSql(filter, 5);
  const iso = (ms: number): string => new Date(ms).toISOString();
  const { rows } = await db.query(COHORT_SQL(where.sql), [
    iso(start),
    iso(end),
    iso(asOf),
    iso(asOf - windowMs),
    ...where.params,
  ]);
  for (const row of rows) {
    const c = createCohortCounts();
    for (const [field, column] of FIELDS) c[field] = Number(row[column] ?? 0);
    if (row.region !== null) {
      groups.regions.set(row.region as string, c);
      for (const [field] of FIELDS) groups.overall[field] += c[field];
    } else if (row.category !== null) groups.categories.set(row.category as string, c);
  }
  return groups;
}
