import type { CategoryCode, Incident, IncidentStatus, RegionCode, Severity } from '@shared';
import type { ArchiveQuery } from './archiveDb';

/** An incident as folded, with the event that changed it last. */
export interface IncidentWrite {
  incident: Incident;
  lastEventId: string;
  lastStreamId: string;
}

/** An appeal linked to an incident by an event (first link wins). */
export interface IncidentLink {
  incidentId: string;
  appealId: string;
  eventId: string;
  linkedAt: number;
}

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());
const ms = (value: unknown): number | null => (value === null ? null : (value as Date).getTime());

function rowToIncident(row: Record<string, unknown>, appealIds: string[]): Incident {
  const incident: Incident = {
    id: row.id as string,
    region: row.region as RegionCode,
    title: row.title as string,
    category: row.category as CategoryCode,
    severity: row.severity as Severity,
    location: {
      lat: row.lat as number,
      lng: row.lng as number,
      ...(row.address !== null ? { address: row.address as string } : {}),
      ...(row.district !== null ? { district: row.district as string } : {}),
    },
    appealIds,
    status: row.status as IncidentStatus,
    openedAt: ms(row.opened_at) as number,
    resolvedAt: ms(row.resolved_at),
    updatedAt: ms(row.updated_at) as number,
    streamIds: [],
  };
  if (row.affected !== null) incident.affected = row.affected as number;
  if (row.note !== null) incident.note = row.note as string;
  return incident;
}

/** The archived incidents with these ids, with their linked appeals in link order. */
export async function loadIncidents(tx: ArchiveQuery, ids: readonly string[]): Promise<Map<string, Incident>> {
  const found = new Map<string, Incident>();
  for (const [id, { incident }] of await loadVersionedIncidents(tx, ids)) found.set(id, incident);
  return found;
}

/**
 * `loadIncidents` with each row's version (`xmin`), as `loadVersionedAppeals`. The links are
 * written with their incident's row, so its version covers them too.
 */
export async function loadVersionedIncidents(
  db: ArchiveQuery,
  ids: readonly string[],
): Promise<Map<string, { incident: Incident; version: string }>> {
  const found = new Map<string, { incident: Incident; version: string }>();
  if (ids.length === 0) return found;
  const links = await db.query<{ incident_id: string; appeal_id: string }>(
    `SELECT incident_id, appeal_id FROM incident_appeals WHERE incident_id = ANY($1::text[])
     ORDER BY linked_at, event_id, appeal_id`,
    [ids],
  );
  const appealIds = new Map<string, string[]>();
  for (const link of links.rows) {
    const list = appealIds.get(link.incident_id) ?? [];
    list.push(link.appeal_id);
    appealIds.set(link.incident_id, list);
  }
  const { rows } = await db.query('SELECT *, xmin::text AS row_version FROM incidents WHERE id = ANY($1::text[])', [
    ids,
  ]);
  for (const row of rows) {
    const incident = rowToIncident(row, appealIds.get(row.id as string) ?? []);
    found.set(row.id as string, { incident, version: row.row_version as string });
  }
  return found;
}

/** The row version (`xmin`) of each of these incidents the archive holds. */
export async function incidentVersions(tx: ArchiveQuery, ids: readonly string[]): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  if (ids.length === 0) return found;
  const { rows } = await tx.query<{ id: string; v: string }>(
    'SELECT id, xmin::text AS v FROM incidents WHERE id = ANY($1::text[])',
    [ids],
  );
  for (const row of rows) found.set(row.id, row.v);
  return found;
}

/** One jsonb recordset parameter, as `upsertAppeals` (keys are the column names). */
const UPSERT_INCIDENTS = `
INSERT INTO incidents (id, region, title, category, severity, lat, lng, address, district, affected,
  status, note, opened_at, resolved_at, updated_at, last_event_id, last_stream_id)
SELECT id, region, title, category, severity, lat, lng, address, district, affected,
  status, note, opened_at, resolved_at, updated_at, last_event_id, last_stream_id
FROM jsonb_to_recordset($1::jsonb) AS r(id text, region text, title text, category text,
  severity text, lat float8, lng float8, address text, district text, affected int, status text,
  note text, opened_at timestamptz, resolved_at timestamptz, updated_at timestamptz,
  last_event_id text, last_stream_id text)
ON CONFLICT (id) DO UPDATE SET
  region = excluded.region, title = excluded.title, category = excluded.category,
  severity = excluded.severity, lat = excluded.lat, lng = excluded.lng, address = excluded.address,
  district = excluded.district, affected = excluded.affected, status = excluded.status,
  note = excluded.note, opened_at = excluded.opened_at, resolved_at = excluded.resolved_at,
  updated_at = excluded.updated_at, last_event_id = excluded.last_event_id,
  last_stream_id = excluded.last_stream_id`;

/** Writes the folded incidents in one multi-row upsert. */
export async function upsertIncidents(tx: ArchiveQuery, writes: readonly IncidentWrite[]): Promise<void> {
  if (writes.length === 0) return;
  const rows = writes.map(({ incident: i, lastEventId, lastStreamId }) => ({
    id: i.id,
    region: i.region,
    title: i.title,
    category: i.category,
    severity: i.severity,
    lat: i.location.lat,
    lng: i.location.lng,
    address: i.location.address,
    district: i.location.district,
    affected: i.affected,
    status: i.status,
    note: i.note,
    opened_at: iso(i.openedAt),
    resolved_at: iso(i.resolvedAt),
    updated_at: iso(i.updatedAt),
    last_event_id: lastEventId,
    last_stream_id: lastStreamId,
  }));
  await tx.query(UPSERT_INCIDENTS, [JSON.stringify(rows)]);
}

/** Records links; one already there keeps its first event. */
export async function insertLinks(tx: ArchiveQuery, links: readonly IncidentLink[]): Promise<void> {
  if (links.length === 0) return;
  await tx.query(
    `INSERT INTO incident_appeals (incident_id, appeal_id, event_id, linked_at)
     SELECT i, a, e, at FROM jsonb_to_recordset($1::jsonb) AS r(i text, a text, e text, at timestamptz)
     ON CONFLICT (incident_id, appeal_id) DO NOTHING`,
    [JSON.stringify(links.map((l) => ({ i: l.incidentId, a: l.appealId, e: l.eventId, at: iso(l.linkedAt) })))],
  );
}
