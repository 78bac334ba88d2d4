import type { StreamEvent } from '@shared';
import type { ArchiveQuery } from './archiveDb';
import { copyBytes, copyField, copyJson } from './copyText';

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
function payloadOf(event: StreamEvent): object {
  return { v: event.v, id: event.id, type: event.type, at: event.at, region: event.region, data: event.data };
}

/**
 * One jsonb parameter for the whole batch: `[{ s: streamId, at: ISO (ms, as JS reads it), p: payload }]`.
 * One `JSON.stringify` here and one jsonb parse on the server, instead of node-postgres escaping
 * every quoted payload into a text-array literal and the server parsing it back, then each
 * payload again as jsonb. `p` is taken with `->` (binary, no text round trip).
 */
function rowsOf(events: readonly StreamEvent[]): string {
  return JSON.stringify(events.map((e) => ({ s: e.streamId, at: new Date(e.at).toISOString(), p: payloadOf(e) })));
}

/**
 * Rows in array order (ORDER BY the ordinality), so `seq` is stream order, which is the
 * timeline order. ON CONFLICT DO NOTHING: the batch writer filters known ids first, this
 * keeps a replay harmless anyway.
 */
const insertEvents = (table: 'appeal_events' | 'incident_events', idColumn: string, idKey: string): string => `
INSERT INTO ${table} (event_id, ${idColumn}, type, at, stream_id, payload)
SELECT r.e->'p'->>'id', r.e->'p'->'data'->>'${idKey}', r.e->'p'->>'type', (r.e->>'at')::timestamptz,
  r.e->>'s', r.e->'p'
FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS r(e, n)
ORDER BY r.n
ON CONFLICT (event_id) DO NOTHING`;
const INSERT_APPEAL_EVENTS = insertEvents('appeal_events', 'appeal_id', 'appealId');
const INSERT_INCIDENT_EVENTS = insertEvents('incident_events', 'incident_id', 'incidentId');

/**
 * The COPY form: rows in stream order (COPY assigns `seq` in input order), straight into the
 * table. No ON CONFLICT here: the batch writer has already dropped the ids the archive holds
 * (`findArchivedEventIds`, inside the transaction that holds the cursor's row lock, so no
 * other archiver can add them meanwhile); a duplicate would fail the batch, which rolls back
 * and is read again, and the id filter then drops it.
 */
const copyEvents = (table: 'appeal_events' | 'incident_events', idColumn: string): string =>
  `COPY ${table} (event_id, ${idColumn}, type, at, stream_id, payload) FROM '/dev/blob'`;
const COPY_APPEAL_EVENTS = copyEvents('appeal_events', 'appeal_id');
const COPY_INCIDENT_EVENTS = copyEvents('incident_events', 'incident_id');

/**
 * One line a row, written out in one template (no array of values a row, no map/join), the
 * payload's JSON only backslash-doubled: 6.2 µs a row against 7.3 with the generic `copyRows`
 * (the same bytes; 15,000 simulator events, best of 15). Most of what is left is the payload's
 * `JSON.stringify`.
 */
function copyDataOf(events: readonly StreamEvent[], ownerOf: (e: StreamEvent) => string): Uint8Array<ArrayBuffer> {
  const lines: string[] = [];
  for (const e of events) {
    lines.push(
      `${copyField(e.id)}\t${copyField(ownerOf(e))}\t${copyField(e.type)}\t${new Date(e.at).toISOString()}\t` +
        `${copyField(e.streamId)}\t${copyJson(JSON.stringify(payloadOf(e)))}\n`,
    );
  }
  return copyBytes(lines.join(''));
}

const appealIdOf = (e: StreamEvent): string => (e.data as { appealId: string }).appealId;
const incidentIdOf = (e: StreamEvent): string => (e.data as { incidentId: string }).incidentId;

/** Appeal events as COPY text for `copyAppealEvents` (a batch folded ahead of its transaction). */
export const encodeAppealEvents = (events: readonly StreamEvent[]): Uint8Array<ArrayBuffer> =>
  copyDataOf(events, appealIdOf);
/** Incident events as COPY text for `copyIncidentEvents`. */
export const encodeIncidentEvents = (events: readonly StreamEvent[]): Uint8Array<ArrayBuffer> =>
  copyDataOf(events, incidentIdOf);

/** Appends appeal events already encoded (`encodeAppealEvents`) by COPY; `tx` must take COPY. */
export async function copyAppealEvents(tx: ArchiveQuery, data: Uint8Array<ArrayBuffer>): Promise<void> {
  if (data.byteLength > 0) await (tx.copyFrom as NonNullable<ArchiveQuery['copyFrom']>)(COPY_APPEAL_EVENTS, data);
}

/** Appends incident events already encoded (`encodeIncidentEvents`) by COPY; `tx` must take COPY. */
export async function copyIncidentEvents(tx: ArchiveQuery, data: Uint8Array<ArrayBuffer>): Promise<void> {
  if (data.byteLength > 0) await (tx.copyFrom as NonNullable<ArchiveQuery['copyFrom']>)(COPY_INCIDENT_EVENTS, data);
}

/**
 * Appends appeal events in stream order (their `seq` is the timeline order): by COPY where
 * the database takes it (both drivers, inside a transaction), else one jsonb statement.
 */
export async function insertAppealEvents(tx: ArchiveQuery, events: readonly StreamEvent[]): Promise<void> {
  if (events.length === 0) return;
  if (tx.copyFrom) await tx.copyFrom(COPY_APPEAL_EVENTS, copyDataOf(events, appealIdOf));
  else await tx.query(INSERT_APPEAL_EVENTS, [rowsOf(events)]);
}

/** Appends incident events in stream order, like `insertAppealEvents`. */
export async function insertIncidentEvents(tx: ArchiveQuery, events: readonly StreamEvent[]): Promise<void> {
  if (events.length === 0) return;
  if (tx.copyFrom) await tx.copyFrom(COPY_INCIDENT_EVENTS, copyDataOf(events, incidentIdOf));
  else await tx.query(INSERT_INCIDENT_EVENTS, [rowsOf(events)]);
}
