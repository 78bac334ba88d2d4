import type { StreamEvent } from '@shared';
import type { FinishedAppeal, FinishedIncident, HistoryChunk } from './generateHistory';

/**
 * A chunk of history straight to COPY text, one line per row in the columns' order of
 * historyRows.ts (APPEAL_COLUMNS, eventColumns, INCIDENT_COLUMNS, LINK_COLUMNS): the same
 * bytes as `copyText(chunkRows(chunk).…)` (unit test), without an array of values per row,
 * a `map`/`join` per row and a regular expression per field. Half the history worker's
 * encoding time went there.
 */

/** COPY's null. */
const NULL = '\\N';
const SPECIAL = /[\\\n\r\t]/;
const SPECIALS = /[\\\n\r\t]/g;
const escapeChar = (c: string): string => (c === '\\' ? '\\\\' : c === '\n' ? '\\n' : c === '\r' ? '\\r' : '\\t');

/** A text field: escaped only when it holds a backslash, newline, return or tab. */
function text(value: string | null | undefined): string {
  if (value === null || value === undefined) return NULL;
  return SPECIAL.test(value) ? value.replace(SPECIALS, escapeChar) : value;
}

/** A number or boolean field (String() of it, as copyText writes it). */
const plain = (value: number | boolean | null | undefined): string =>
  value === null || value === undefined ? NULL : String(value);

const iso = (ms: number | null | undefined): string =>
  ms === null || ms === undefined ? NULL : new Date(ms).toISOString();

/** JSON text has no raw newline, return or tab (JSON.stringify escapes them): only backslashes to double. */
const json = (value: string): string => (value.includes('\\') ? value.replaceAll('\\', '\\\\') : value);

const payloadOf = (e: StreamEvent): string =>
  JSON.stringify({ v: e.v, id: e.id, type: e.type, at: e.at, region: e.region, data: e.data });

function appealLine({ appeal: a, events }: FinishedAppeal): string {
  const last = events[events.length - 1] as StreamEvent;
  const f = a.feedback;
  const x = a.extension;
  return (
    `${text(a.id)}\t${text(a.region)}\t${text(a.category)}\t${text(a.channel)}\t${text(a.priority)}\t` +
    `${text(a.status)}\t${text(a.service)}\t${text(a.assignee)}\t${plain(a.location.lat)}\t${plain(a.location.lng)}\t` +
    `${text(a.location.address)}\t${text(a.location.district)}\t${text(a.description)}\t` +
    `${text(a.citizen?.name)}\t${text(a.citizen?.phone)}\t${plain(a.slaMinutes)}\t` +
    `${iso(a.registeredAt)}\t${iso(a.respondedAt)}\t${iso(a.resolvedAt)}\t${iso(a.closedAt)}\t` +
    `${iso(a.responseDueAt)}\t${iso(a.dueAt)}\t${text(a.incidentId)}\t${iso(a.updatedAt)}\t` +
    `${text(last.id)}\t${text(last.streamId)}\t${text(a.serviceId)}\t${iso(a.legalDueAt)}\t` +
    `${plain(a.isLegalProvisional)}\t${iso(a.redirectDueAt)}\t${plain(x?.months)}\t${text(x?.reason)}\t` +
    `${iso(x?.at)}\t${text(a.outcome)}\t${text(f?.result)}\t${plain(f?.rating)}\t${text(f?.comment)}\t` +
    `${iso(f?.at)}\ttrue\n`
  );
}

function incidentLine({ incident: i, events }: FinishedIncident): string {
  const last = events[events.length - 1] as StreamEvent;
  return (
    `${text(i.id)}\t${text(i.region)}\t${text(i.title)}\t${text(i.category)}\t${text(i.severity)}\t` +
    `${plain(i.location.lat)}\t${plain(i.location.lng)}\t${text(i.location.address)}\t` +
    `${text(i.location.district)}\t${plain(i.affected)}\t${text(i.status)}\t${text(i.note)}\t` +
    `${iso(i.openedAt)}\t${iso(i.resolvedAt)}\t${iso(i.updatedAt)}\t${text(last.id)}\t${text(last.streamId)}\ttrue\n`
  );
}

const eventLine = (e: StreamEvent, owner: string): string =>
  `${text(e.id)}\t${text(owner)}\t${text(e.type)}\t${text(e.at)}\t${text(e.streamId)}\t${json(payloadOf(e))}\ttrue\n`;

const encoder = new TextEncoder();
const bytes = (lines: string): Uint8Array<ArrayBuffer> | null => (lines.length > 0 ? encoder.encode(lines) : null);

/** The five tables' COPY text of a chunk, encoded (null where a table gets no row). */
export interface CopyParts {
  appeals: Uint8Array<ArrayBuffer> | null;
  appealEvents: Uint8Array<ArrayBuffer> | null;
  incidents: Uint8Array<ArrayBuffer> | null;
  incidentEvents: Uint8Array<ArrayBuffer> | null;
  links: Uint8Array<ArrayBuffer> | null;
}

export function copyChunk(chunk: HistoryChunk): CopyParts {
  let appeals = '';
  let appealEvents = '';
  for (const item of chunk.appeals) {
    appeals += appealLine(item);
    for (const e of item.events) appealEvents += eventLine(e, (e.data as { appealId: string }).appealId);
  }
  let incidents = '';
  let incidentEvents = '';
  let links = '';
  for (const item of chunk.incidents) {
    incidents += incidentLine(item);
    for (const e of item.events) incidentEvents += eventLine(e, (e.data as { incidentId: string }).incidentId);
    for (const l of item.links) {
      links += `${text(item.incident.id)}\t${text(l.appealId)}\t${text(l.eventId)}\t${iso(l.linkedAt)}\n`;
    }
  }
  return {
    appeals: bytes(appeals),
    appealEvents: bytes(appealEvents),
    incidents: bytes(incidents),
    incidentEvents: bytes(incidentEvents),
    links: bytes(links),
  };
}
