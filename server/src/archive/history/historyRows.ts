import type { StreamEvent } from '@shared';
import type { FinishedAppeal, FinishedIncident, HistoryChunk } from './generateHistory';
import { COLUMNS as APPEAL_WRITE_COLUMNS } from '../appealsTable';

/** A table's columns as the history writes them (COPY's column list): name and SQL type. */
export type Columns = readonly (readonly [name: string, type: string])[];
type Value = string | number | boolean | null | undefined;

const iso = (ms: number | null | undefined): string | null =>
  ms === null || ms === undefined ? null : new Date(ms).toISOString();
const lastOf = (events: readonly StreamEvent[]): StreamEvent => events[events.length - 1] as StreamEvent;

/** The archiver's appeal columns (appealsTable.ts), and the tag of rows the history wrote. */
export const APPEAL_COLUMNS: Columns = [...APPEAL_WRITE_COLUMNS, ['backfilled', 'boolean']];

function appealValues({ appeal: a, events }: FinishedAppeal): Value[] {
  const last = lastOf(events);
  return [
    a.id,
    a.region,
    a.category,
    a.channel,
    a.priority,
    a.status,
    a.service,
    a.assignee,
    a.location.lat,
    a.location.lng,
    a.location.address,
    a.location.district,
    a.description,
    a.citizen?.name,
    a.citizen?.phone,
    a.slaMinutes,
    iso(a.registeredAt),
    iso(a.respondedAt),
    iso(a.resolvedAt),
    iso(a.closedAt),
    iso(a.responseDueAt),
    iso(a.dueAt),
    a.incidentId,
    iso(a.updatedAt),
    last.id,
    last.streamId,
    a.serviceId,
    iso(a.legalDueAt),
    a.isLegalProvisional,
    iso(a.redirectDueAt),
    a.extension?.months,
    a.extension?.reason,
    iso(a.extension?.at),
    a.outcome,
    a.feedback?.result,
    a.feedback?.rating,
    a.feedback?.comment,
    iso(a.feedback?.at),
    true,
  ];
}

export const INCIDENT_COLUMNS: Columns = [
  ['id', 'text'],
  ['region', 'text'],
  ['title', 'text'],
  ['category', 'text'],
  ['severity', 'text'],
  ['lat', 'float8'],
  ['lng', 'float8'],
  ['address', 'text'],
  ['district', 'text'],
  ['affected', 'int'],
  ['status', 'text'],
  ['note', 'text'],
  ['opened_at', 'timestamptz'],
  ['resolved_at', 'timestamptz'],
  ['updated_at', 'timestamptz'],
  ['last_event_id', 'text'],
  ['last_stream_id', 'text'],
  ['backfilled', 'boolean'],
];

function incidentValues({ incident: i, events }: FinishedIncident): Value[] {
  const last = lastOf(events);
  return [
    i.id,
    i.region,
    i.title,
    i.category,
    i.severity,
    i.location.lat,
    i.location.lng,
    i.location.address,
    i.location.district,
    i.affected,
    i.status,
    i.note,
    iso(i.openedAt),
    iso(i.resolvedAt),
    iso(i.updatedAt),
    last.id,
    last.streamId,
    true,
  ];
}

export const LINK_COLUMNS: Columns = [
  ['incident_id', 'text'],
  ['appeal_id', 'text'],
  ['event_id', 'text'],
  ['linked_at', 'timestamptz'],
];

/** Events: `owner` is appeal_id or incident_id; the payload is the envelope as eventsTable.ts stores it. */
export const eventColumns = (owner: string): Columns => [
  ['event_id', 'text'],
  [owner, 'text'],
  ['type', 'text'],
  ['at', 'timestamptz'],
  ['stream_id', 'text'],
  ['payload', 'jsonb'],
  ['backfilled', 'boolean'],
];

const payloadOf = (e: StreamEvent): string =>
  JSON.stringify({ v: e.v, id: e.id, type: e.type, at: e.at, region: e.region, data: e.data });

function eventValues(
  items: readonly { events: readonly StreamEvent[] }[],
  ownerOf: (e: StreamEvent) => string,
): Value[][] {
  const rows: Value[][] = [];
  for (const item of items) {
    for (const e of item.events) rows.push([e.id, ownerOf(e), e.type, e.at, e.streamId, payloadOf(e), true]);
  }
  return rows;
}

/** One chunk's rows per table, values in the columns' order. */
export interface ChunkRows {
  appeals: Value[][];
  appealEvents: Value[][];
  incidents: Value[][];
  incidentEvents: Value[][];
  links: Value[][];
}

export function chunkRows(chunk: HistoryChunk): ChunkRows {
  const appealIdOf = (e: StreamEvent): string => (e.data as { appealId: string }).appealId;
  const incidentIdOf = (e: StreamEvent): string => (e.data as { incidentId: string }).incidentId;
  return {
    appeals: chunk.appeals.map(appealValues),
    appealEvents: eventValues(chunk.appeals, appealIdOf),
    incidents: chunk.incidents.map(incidentValues),
    incidentEvents: eventValues(chunk.incidents, incidentIdOf),
    links: chunk.incidents.flatMap((item) =>
      item.links.map((l) => [item.incident.id, l.appealId, l.eventId, iso(l.linkedAt)]),
    ),
  };
}

/** COPY's text format: tab-separated, `\N` for null, backslash escapes. */
function copyField(value: Value): string {
  if (value === null || value === undefined) return '\\N';
  const text = String(value);
  return /[\\\n\r\t]/.test(text)
    ? text.replace(/[\\\n\r\t]/g, (c) => (c === '\\' ? '\\\\' : c === '\n' ? '\\n' : c === '\r' ? '\\r' : '\\t'))
    : text;
}

const encoder = new TextEncoder();

/** Rows as COPY text, encoded (a standalone buffer, so it can be transferred to a worker). */
export function copyText(rows: readonly Value[][]): Uint8Array<ArrayBuffer> {
  let text = '';
  for (const row of rows) text += `${row.map(copyField).join('\t')}\n`;
  return encoder.encode(text);
}
