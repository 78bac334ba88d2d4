import {
  NOTABLE_INCIDENTS_LIMIT,
  reportAddDays,
  reportDayStart,
  scrubPersonalData,
  type CategoryCode,
  type LocalDate,
  type NotableIncident,
  type NotableIncidents,
  type RegionCode,
  type Severity,
} from '@shared';
import type { ArchiveQuery } from '../archive/archiveDb';

export interface NotableIncidentsRequest {
  from: LocalDate;
  to: LocalDate;
  /** The report's moment (epoch ms): the incidents and their links as they stood then. */
  asOf: number;
  /** null: every region. */
  regions: readonly string[] | null;
  limit?: number;
}

/**
 * The briefing's notable incidents: those open at any moment of the period (Almaty days, `to`
 * included) as they stood at `asOf` — opened by then, not resolved before the period began —
 * ranked twice: by the appeals linked to them by `asOf` (the biggest), and by how long they
 * were open, to their resolution or to `asOf` (the longest). A resolution after `asOf` is
 * not yet one, so a frozen link gives the same lists later.
 */
export async function notableIncidents(db: ArchiveQuery, req: NotableIncidentsRequest): Promise<NotableIncidents> {
  const start = new Date(reportDayStart(req.from)).toISOString();
  const end = new Date(Math.min(reportDayStart(reportAddDays(req.to, 1)), req.asOf + 1)).toISOString();
  const asOf = new Date(req.asOf).toISOString();
  const limit = req.limit ?? NOTABLE_INCIDENTS_LIMIT;
  const params: unknown[] = [start, end, asOf];
  let scope = 'true';
  if (req.regions !== null) {
    params.push(req.regions);
    scope = `i.region = ANY($${params.length}::text[])`;
  }
  const { rows } = await db.query(
    `WITH period AS (
       SELECT i.id, i.region, i.title, i.category, i.severity, i.opened_at,
              CASE WHEN i.resolved_at <= $3::timestamptz THEN i.resolved_at END AS resolved_at
         FROM incidents i
        WHERE i.opened_at < $2::timestamptz
          AND (i.resolved_at IS NULL OR i.resolved_at > $3::timestamptz OR i.resolved_at >= $1::timestamptz)
          AND ${scope}
     ), measured AS (
       SELECT p.*,
              (SELECT count(*) FROM incident_appeals l
                WHERE l.incident_id = p.id AND l.linked_at <= $3::timestamptz) AS appeals,
              EXTRACT(EPOCH FROM (coalesce(p.resolved_at, $3::timestamptz) - p.opened_at)) * 1000 AS open_ms
         FROM period p
     )
     SELECT * FROM measured`,
    params,
  );
  const all: NotableIncident[] = rows.map((row) => ({
    id: row.id as string,
    region: row.region as RegionCode,
    // Free text (an agent may quote a phone number): scrubbed like every title on the wire.
    title: scrubPersonalData(row.title as string),
    category: row.category as CategoryCode,
    severity: row.severity as Severity,
    status: row.resolved_at === null ? 'open' : 'resolved',
    openedAt: new Date(row.opened_at as string).toISOString(),
    resolvedAt: row.resolved_at === null ? null : new Date(row.resolved_at as string).toISOString(),
    appeals: Number(row.appeals),
    openMs: Math.max(0, Math.round(Number(row.open_ms))),
  }));
  const byId = (a: NotableIncident, b: NotableIncident): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const biggest = [...all]
    .filter((i) => i.appeals > 0)
    .sort((a, b) => b.appeals - a.appeals || b.openMs - a.openMs || byId(a, b))
    .slice(0, limit);
  const longest = [...all].sort((a, b) => b.openMs - a.openMs || b.appeals - a.appeals || byId(a, b)).slice(0, limit);
  return { from: req.from, to: req.to, asOf, total: all.length, biggest, longest };
}
