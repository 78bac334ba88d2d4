import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type { ReportAppeal } from '@shared';
import type { ArchiveQuery } from '../archive/archiveDb';

const INSTANTS = [
  'registered_at',
  'responded_at',
  'resolved_at',
  'closed_at',
  'response_due_at',
  'resolution_due_at',
  'legal_due_at',
  'feedback_at',
];
/**
 * The columns a report reads of `appeals` (shared/src/reports/reportMetrics.ts `ReportAppeal`),
 * the instants as epoch ms (float8: a number to the drivers, not a date string to parse —
 * parsing them was a fifth of a rollup recompute's time).
 */
export const REPORT_COLUMNS = `region, category, channel, priority, status, service, service_id, feedback_result,
  feedback_rating, ${INSTANTS.map((c) => `floor(extract(epoch FROM ${c}) * 1000)::float8 AS ${c}`).join(', ')}`;

/** SQL: `e` (an appeal_events row) reopens its appeal (migration 009 indexes these by `at`). */
export const REOPEN_EVENT = `((e.type = 'appeal.status_changed' AND e.payload->'data'->>'status' = 'reopened')
  OR (e.type = 'appeal.feedback' AND e.payload->'data'->>'result' = 'not_confirmed'))`;

/** SQL: `e` resolves its appeal (a status change to `resolved`: only an open appeal can take it). */
export const RESOLVE_EVENT = `(e.type = 'appeal.status_changed' AND e.payload->'data'->>'status' = 'resolved')`;

const ms = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));

const NO_STEPS = { reopenedAt: [], pastResolutions: [] } as const;

/** Reopens and undone resolutions given as `reopened_at` / `past_resolutions` array columns, if any. */
function stepsOfRow(row: Record<string, unknown>): Pick<ReportAppeal, 'reopenedAt' | 'pastResolutions'> {
  const numbers = (value: unknown): number[] | undefined =>
    Array.isArray(value) ? (value as unknown[]).map(Number) : undefined;
  return { reopenedAt: numbers(row.reopened_at), pastResolutions: numbers(row.past_resolutions) };
}

/** A row of REPORT_COLUMNS as the shared metrics read it (a legal deadline not held: NaN, never met). */
export function rowToReportAppeal(
  row: Record<string, unknown>,
  steps: Pick<ReportAppeal, 'reopenedAt' | 'pastResolutions'> = stepsOfRow(row),
): ReportAppeal {
  const feedbackAt = ms(row.feedback_at);
  return {
    region: row.region,
    category: row.category,
    channel: row.channel,
    priority: row.priority,
    status: row.status,
    service: (row.service as string | null) ?? undefined,
    serviceId: (row.service_id as string | null) ?? undefined,
    reopenedAt: steps.reopenedAt,
    pastResolutions: steps.pastResolutions,
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
 * reopen), closed, a reopen — in [start, end), with their reopens and undone resolutions
 * **within [start, end)** (all that `addFlows` counts over any part of it). Two statements, not
 * a LATERAL over every event of every appeal: the flow events of the range come from one scan
 * of migration 009's partial index over (at), a small fraction of the events (the LATERAL read
 * each appeal's whole timeline, ~1 s a day of rollups at the demo's volume on PGlite).
 */
export async function appealsWithStepsIn(
  db: ArchiveQuery,
  start: number,
  end: number,
  filter: AppealFilter,
): Promise<ReportAppeal[]> {
  const where = filterSql(filter, 3);
  const inRange = (column: string): string => `(${column} >= $1::timestamptz AND ${column} < $2::timestamptz)`;
  const range = [new Date(start).toISOString(), new Date(end).toISOString()];
  const flowEvents = `SELECT e.appeal_id, e.at, ${REOPEN_EVENT} AS reopen FROM appeal_events e
      WHERE ${inRange('e.at')} AND (${REOPEN_EVENT} OR ${RESOLVE_EVENT})`;
  const [appeals, events] = await Promise.all([
    db.query(
      `SELECT id, ${REPORT_COLUMNS} FROM appeals
        WHERE (${['registered_at', 'responded_at', 'resolved_at', 'closed_at'].map(inRange).join(' OR ')}
               OR id IN (SELECT f.appeal_id FROM (${flowEvents}) f))
          AND ${where.sql}`,
      [...range, ...where.params],
    ),
    db.query<{ id: string; at: string; reopen: boolean }>(
      `SELECT f.appeal_id AS id, (extract(epoch FROM f.at) * 1000)::bigint AS at, f.reopen
         FROM (${flowEvents}) f JOIN appeals a ON a.id = f.appeal_id
        WHERE f.reopen OR f.at IS DISTINCT FROM a.resolved_at
        ORDER BY f.at`,
      range,
    ),
  ]);
  const steps = new Map<string, { reopenedAt: number[]; pastResolutions: number[] }>();
  for (const e of events.rows) {
    let s = steps.get(e.id);
    if (!s) steps.set(e.id, (s = { reopenedAt: [], pastResolutions: [] }));
    (e.reopen ? s.reopenedAt : s.pastResolutions).push(Number(e.at));
  }
  const out: ReportAppeal[] = [];
  for (const [i, row] of appeals.rows.entries()) {
    // Tens of thousands of rows for a week's recompute: the live dashboard is served between slices.
    if (i > 0 && i % 5_000 === 0) await yieldToLoop();
    const s = steps.get(row.id as string);
    out.push(rowToReportAppeal(row, s ?? NO_STEPS));
  }
  return out;
}
