import type { StreamEvent } from '@shared';
import type { ArchiveQuery } from '../archiveDb';
import type { HistoryChunk } from './generateHistory';

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

/** The envelope as the archiver stores it (eventsTable.ts), so timelines read the same. */
const payloadOf = (e: StreamEvent): Record<string, unknown> => ({
  v: e.v,
  id: e.id,
  type: e.type,
  at: e.at,
  region: e.region,
  data: e.data,
});

// Each table's rows go as ONE jsonb parameter expanded by jsonb_to_recordset: measured twice
// as fast as `unnest` over text arrays on PGlite (array literals of long, quoted JSON strings
// are slow to build and to parse) and no slower on PostgreSQL. Plain INSERTs (no ON CONFLICT):
// history ids are new by construction (historyRunId), so a clash is a bug that must fail.
const INSERT_APPEALS = `
INSERT INTO appeals (id, region, category, channel, priority, status, service, assignee, lat, lng,
  address, district, description, citizen_name, citizen_phone, sla_minutes, registered_at,
  responded_at, resolved_at, closed_at, response_due_at, resolution_due_at, incident_id,
  updated_at, last_event_id, last_stream_id, service_id, legal_due_at, legal_provisional,
  redirect_due_at, extension_months, extension_reason, extended_at, outcome, feedback_result,
  feedback_rating, feedback_comment, feedback_at, backfilled)
SELECT id, region, category, channel, priority, status, service, assignee, lat, lng, address,
  district, description, citizen_name, citizen_phone, sla_minutes, registered_at, responded_at,
  resolved_at, closed_at, response_due_at, resolution_due_at, incident_id, updated_at,
  last_event_id, last_stream_id, service_id, legal_due_at, legal_provisional, redirect_due_at,
  extension_months, extension_reason, extended_at, outcome, feedback_result, feedback_rating,
  feedback_comment, feedback_at, true
FROM jsonb_to_recordset($1::jsonb) AS r(id text, region text, category text, channel text,
  priority text, status text, service text, assignee text, lat float8, lng float8, address text,
  district text, description text, citizen_name text, citizen_phone text, sla_minutes int,
  registered_at timestamptz, responded_at timestamptz, resolved_at timestamptz,
  closed_at timestamptz, response_due_at timestamptz, resolution_due_at timestamptz,
  incident_id text, updated_at timestamptz, last_event_id text, last_stream_id text,
  service_id text, legal_due_at timestamptz, legal_provisional boolean, redirect_due_at timestamptz,
  extension_months smallint, extension_reason text, extended_at timestamptz, outcome text,
  feedback_result text, feedback_rating smallint, feedback_comment text, feedback_at timestamptz)`;

const INSERT_INCIDENTS = `
INSERT INTO incidents (id, region, title, category, severity, lat, lng, address, district, affected,
  status, note, opened_at, resolved_at, updated_at, last_event_id, last_stream_id, backfilled)
SELECT id, region, title, category, severity, lat, lng, address, district, affected, status, note,
  opened_at, resolved_at, updated_at, last_event_id, last_stream_id, true
FROM jsonb_to_recordset($1::jsonb) AS r(id text, region text, title text, category text,
  severity text, lat float8, lng float8, address text, district text, affected int, status text,
  note text, opened_at timestamptz, resolved_at timestamptz, updated_at timestamptz,
  last_event_id text, last_stream_id text)`;

/**
 * Rows in array order, so `seq` follows each timeline's order. Everything but the stream id
 * is read from the payload itself: a jsonb column of a recordset is converted through text,
 * which measured half as fast.
 */
const insertEvents = (table: 'appeal_events' | 'incident_events', idColumn: string, idKey: string): string => `
INSERT INTO ${table} (event_id, ${idColumn}, type, at, stream_id, payload, backfilled)
SELECT p->>'id', p->'data'->>'${idKey}', p->>'type', (p->>'at')::timestamptz, ($2::text[])[n], p, true
FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS r(p, n)
ORDER BY n`;
const INSERT_APPEAL_EVENTS = insertEvents('appeal_events', 'appeal_id', 'appealId');
const INSERT_INCIDENT_EVENTS = insertEvents('incident_events', 'incident_id', 'incidentId');

const INSERT_LINKS = `
INSERT INTO incident_appeals (incident_id, appeal_id, event_id, linked_at)
SELECT i, a, e, at FROM jsonb_to_recordset($1::jsonb) AS r(i text, a text, e text, at timestamptz)`;

/** The events' payloads as one JSON array, and their stream ids. */
function eventParams(items: readonly { events: readonly StreamEvent[] }[]): [string, string[]] {
  const payloads: unknown[] = [];
  const streamIds: string[] = [];
  for (const item of items) {
    for (const e of item.events) {
      payloads.push(payloadOf(e));
      streamIds.push(e.streamId);
    }
  }
  return [JSON.stringify(payloads), streamIds];
}

const lastOf = (events: readonly StreamEvent[]): StreamEvent => events[events.length - 1] as StreamEvent;

/** Writes one chunk of finished history in `tx`: five multi-row statements at most. */
export async function insertHistoryChunk(tx: ArchiveQuery, chunk: HistoryChunk): Promise<void> {
  if (chunk.appeals.length > 0) {
    const rows = chunk.appeals.map(({ appeal: a, events }) => ({
      id: a.id,
      region: a.region,
      category: a.category,
      channel: a.channel,
      priority: a.priority,
      status: a.status,
      service: a.service ?? null,
      assignee: a.assignee ?? null,
      lat: a.location.lat,
      lng: a.location.lng,
      address: a.location.address ?? null,
      district: a.location.district ?? null,
      description: a.description,
      citizen_name: a.citizen?.name ?? null,
      citizen_phone: a.citizen?.phone ?? null,
      sla_minutes: a.slaMinutes ?? null,
      registered_at: iso(a.registeredAt),
      responded_at: iso(a.respondedAt),
      resolved_at: iso(a.resolvedAt),
      closed_at: iso(a.closedAt),
      response_due_at: iso(a.responseDueAt),
      resolution_due_at: iso(a.dueAt),
      incident_id: a.incidentId ?? null,
      updated_at: iso(a.updatedAt),
      last_event_id: lastOf(events).id,
      last_stream_id: lastOf(events).streamId,
      // The law's clock (issue 17) and the directory БИН, as the archiver's appealsTable writes them.
      service_id: a.serviceId ?? null,
      legal_due_at: iso(a.legalDueAt),
      legal_provisional: a.isLegalProvisional,
      redirect_due_at: iso(a.redirectDueAt),
      extension_months: a.extension?.months ?? null,
      extension_reason: a.extension?.reason ?? null,
      extended_at: iso(a.extension?.at ?? null),
      outcome: a.outcome,
      feedback_result: a.feedback?.result ?? null,
      feedback_rating: a.feedback?.rating ?? null,
      feedback_comment: a.feedback?.comment ?? null,
      feedback_at: iso(a.feedback?.at ?? null),
    }));
    await tx.query(INSERT_APPEALS, [JSON.stringify(rows)]);
    await tx.query(INSERT_APPEAL_EVENTS, eventParams(chunk.appeals));
  }
  if (chunk.incidents.length > 0) {
    const rows = chunk.incidents.map(({ incident: i, events }) => ({
      id: i.id,
      region: i.region,
      title: i.title,
      category: i.category,
      severity: i.severity,
      lat: i.location.lat,
      lng: i.location.lng,
      address: i.location.address ?? null,
      district: i.location.district ?? null,
      affected: i.affected ?? null,
      status: i.status,
      note: i.note ?? null,
      opened_at: iso(i.openedAt),
      resolved_at: iso(i.resolvedAt),
      updated_at: iso(i.updatedAt),
      last_event_id: lastOf(events).id,
      last_stream_id: lastOf(events).streamId,
    }));
    await tx.query(INSERT_INCIDENTS, [JSON.stringify(rows)]);
    await tx.query(INSERT_INCIDENT_EVENTS, eventParams(chunk.incidents));
    const links = chunk.incidents.flatMap(({ incident, links: l }) =>
      l.map((link) => ({ i: incident.id, a: link.appealId, e: link.eventId, at: iso(link.linkedAt) })),
    );
    if (links.length > 0) await tx.query(INSERT_LINKS, [JSON.stringify(links)]);
  }
}
