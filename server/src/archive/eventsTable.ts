import type { StreamEvent } from '@shared';
import type { ArchiveQuery } from './archiveDb';

/** Which of these event ids the archive already holds (appeal or incident events: one id space). */
export async function findArchivedEventIds(tx: ArchiveQuery, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const { rows } = await tx.query<{ event_id: string }>(
    `SELECT event_id FROM appeal_events WHERE event_id = ANY($1::text[])
     UNION ALL
     SELECT event_id FROM incident_events WHERE event_id = ANY($1::text[])`,
    [ids],
  );
  return new Set(rows.map((row) => row.event_id));
}

/** The envelope as stored: everything the producer sent, region included (it may have been located). */
function payloadOf(event: StreamEvent): string {
  return JSON.stringify({
    v: event.v,
    id: event.id,
    type: event.type,
    at: event.at,
    region: event.region,
    data: event.data,
  });
}

function columnsOf(events: readonly StreamEvent[], entityId: (event: StreamEvent) => string): unknown[] {
  return [
    events.map((e) => e.id),
    events.map(entityId),
    events.map((e) => e.type),
    events.map((e) => new Date(e.at).toISOString()),
    events.map((e) => e.streamId),
    events.map(payloadOf),
  ];
}

/**
 * Appends appeal events in stream order (their `seq` is the timeline order). ON CONFLICT
 * DO NOTHING: the batch writer filters known ids first, this keeps a replay harmless anyway.
 */
export async function insertAppealEvents(tx: ArchiveQuery, events: readonly StreamEvent[]): Promise<void> {
  if (events.length === 0) return;
  await tx.query(
    `INSERT INTO appeal_events (event_id, appeal_id, type, at, stream_id, payload)
     SELECT e, a, t, at, s, p::jsonb
     FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[], $5::text[], $6::text[])
       WITH ORDINALITY AS u(e, a, t, at, s, p, n)
     ORDER BY n
     ON CONFLICT (event_id) DO NOTHING`,
    columnsOf(events, (e) => (e.data as { appealId: string }).appealId),
  );
}

/** Appends incident events in stream order, like `insertAppealEvents`. */
export async function insertIncidentEvents(tx: ArchiveQuery, events: readonly StreamEvent[]): Promise<void> {
  if (events.length === 0) return;
  await tx.query(
    `INSERT INTO incident_events (event_id, incident_id, type, at, stream_id, payload)
     SELECT e, i, t, at, s, p::jsonb
     FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[], $5::text[], $6::text[])
       WITH ORDINALITY AS u(e, i, t, at, s, p, n)
     ORDER BY n
     ON CONFLICT (event_id) DO NOTHING`,
    columnsOf(events, (e) => (e.data as { incidentId: string }).incidentId),
  );
}
