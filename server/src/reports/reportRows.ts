import type { ReportAppeal } from '@shared';
import type { ArchiveQuery } from '../archive/archiveDb';

/** The columns a report reads of `appeals` (shared/src/reports/reportMetrics.ts `ReportAppeal`). */
export const REPORT_COLUMNS = `region, category, channel, priority, status, service, service_id, registered_at,
  responded_at, resolved_at, closed_at, response_due_at, resolution_due_at, legal_due_at, feedback_result,
  feedback_rating, feedback_at`;

/** SQL: `e` (an appeal_events row) reopens its appeal (migration 009 indexes these by `at`). */
export const REOPEN_EVENT = `((e.type = 'appeal.status_changed' AND e.payload->'data'->>'status' = 'reopened')
  OR (e.type = 'appeal.feedback' AND e.payload->'data'->>'result' = 'not_confirmed'))`;

/** SQL: `e` resolves its appeal (a status change to `resolved`: only an open appeal can take it). */
export const RESOLVE_EVENT = `(e.type = 'appeal.status_changed' AND e.payload->'data'->>'status' = 'resolved')`;

const epochMs = '(extract(epoch FROM e.at) * 1000)::bigint';
/**
 * The appeal's reopens and its resolutions a reopen undid (epoch ms, oldest first), as a
 * LATERAL over its own events (the timeline index by appeal id). Not as correlated
 * `ARRAY(SELECT … WHERE <reopen>)` subqueries: those imply the partial index of 009 over
 * (at) and PostgreSQL ANDed the whole index into every appeal's lookup (21 ms an appeal,
 * minutes for a first report over half a year).
 */
const EVENT_JOIN = `CROSS JOIN LATERAL (
    SELECT coalesce(array_agg(${epochMs} ORDER BY e.at) FILTER (WHERE ${REOPEN_EVENT}), '{}') AS reopened_at,
           coalesce(array_agg(${epochMs} ORDER BY e.at)
             FILTER (WHERE ${RESOLVE_EVENT} AND e.at IS DISTINCT FROM appeals.resolved_at), '{}') AS past_resolutions
      FROM appeal_events e WHERE e.appeal_id = appeals.id) ev`;

const ms = (value: unknown): number | null =>
  value === null || value === undefined ? null : new Date(value as string).getTime();

/** A row of REPORT_COLUMNS as the shared metrics read it (a legal deadline not held: NaN, never met). */
export function rowToReportAppeal(row: Record<string, unknown>): ReportAppeal {
  const feedbackAt = ms(row.feedback_at);
  return {
    region: row.region,
    category: row.category,
    channel: row.channel,
    priority: row.priority,
    status: row.status,
    service: (row.service as string | null) ?? undefined,
    serviceId: (row.service_id as string | null) ?? undefined,
    ...(Array.isArray(row.reopened_at) ? { reopenedAt: (row.reopened_at as unknown[]).map(Number) } : {}),
    ...(Array.isArray(row.past_resolutions)
      ? { pastResolutions: (row.past_resolutions as unknown[]).map(Number) }
      : {}),
    registeredAt: ms(row.registered_at) as number,
    respondedAt: ms(row.responded_at),
    resolvedAt: ms(row.resolved_at),
    closedAt: ms(row.closed_at),
    responseDueAt: ms(row.response_due_at) as number,
    dueAt: ms(row.resolution_due_at) as number,
    legalDueAt: ms(row.legal_due_at) ?? Number.NaN,
    feedback:
      feedbackAt === null || row.feedback_result === null
        ? null
        : {
            result: row.feedback_result,
            at: feedbackAt,
            ...(row.feedback_rating === null ? {} : { rating: Number(row.feedback_rating) }),
          },
  } as ReportAppeal;
}

export interface AppealFilter {
  /** null: every region. */
  regions: readonly string[] | null;
  category?: string | undefined;
  channel?: string | undefined;
  /** The directory's БИН or the free-text name. */
  service?: string | undefined;
}

/** SQL conditions and their parameters for `filter`, numbered from `$${first}`. */
export function filterSql(filter: AppealFilter, first: number): { sql: string; params: unknown[] } {
  const parts: string[] = [];
  const params: unknown[] = [];
  const next = (value: unknown): string => {
    params.push(value);
    return `$${first + params.length - 1}`;
  };
  if (filter.regions !== null) parts.push(`region = ANY(${next(filter.regions)}::text[])`);
  if (filter.category !== undefined) parts.push(`category = ${next(filter.category)}`);
  if (filter.channel !== undefined) parts.push(`channel = ${next(filter.channel)}`);
  if (filter.service !== undefined) {
    const p = next(filter.service);
    parts.push(`(service_id = ${p} OR (service_id IS NULL AND service = ${p}))`);
  }
  return { sql: parts.length === 0 ? 'true' : parts.join(' AND '), params };
}

/**
 * Appeals (of `filter`) with any step — registered, responded, resolved (now or before a
 * reopen), closed, a reopen — in [start, end), with their reopens and undone resolutions.
 */
export async function appealsWithStepsIn(
  db: ArchiveQuery,
  start: number,
  end: number,
  filter: AppealFilter,
): Promise<ReportAppeal[]> {
  const where = filterSql(filter, 3);
  const inRange = (column: string): string => `(${column} >= $1::timestamptz AND ${column} < $2::timestamptz)`;
  const { rows } = await db.query(
    `SELECT ${REPORT_COLUMNS}, ev.reopened_at, ev.past_resolutions FROM appeals ${EVENT_JOIN}
      WHERE (${['registered_at', 'responded_at', 'resolved_at', 'closed_at'].map(inRange).join(' OR ')}
             OR id IN (SELECT e.appeal_id FROM appeal_events e
                        WHERE ${inRange('e.at')} AND (${REOPEN_EVENT} OR ${RESOLVE_EVENT})))
        AND ${where.sql}`,
    [new Date(start).toISOString(), new Date(end).toISOString(), ...where.params],
  );
  return rows.map(rowToReportAppeal);
}
