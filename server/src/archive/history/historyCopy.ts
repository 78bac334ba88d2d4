import type { StreamEvent } from '@shared';
import { copyBytes, copyField, copyJson } from '../copyText';
import type { FinishedAppeal, FinishedIncident, HistoryChunk } from './generateHistory';

/**
 * A chunk of history straight to COPY text, one line per row in the columns' order of
 * historyRows.ts (APPEAL_COLUMNS, eventColumns, INCIDENT_COLUMNS, LINK_COLUMNS): the same
 * bytes as `copyText(chunkRows(chunk).…)` (unit test), without an array of values per row,
 * a `map`/`join` per row and a regular expression per field. Half the history worker's
 * encoding time went there.
 */

const iso = (ms: number | null | undefined): string =>
  ms === null || ms === undefined ? '\\N' : new Date(ms).toISOString();

const payloadOf = (e: StreamEvent): string =>
  JSON.stringify({ v: e.v, id: e.id, type: e.type, at: e.at, region: e.region, data: e.data });

function appealLine({ appeal: a, events }: FinishedAppeal): string {
  const last = events[events.length - 1] as StreamEvent;
  const f = a.feedback;
  const x = a.extension;
  return (
    `${copyField(a.id)}\t${copyField(a.region)}\t${copyField(a.category)}\t${copyField(a.channel)}\t${copyField(a.priority)}\t` +
    `${copyField(a.status)}\t${copyField(a.service)}\t${copyField(a.assignee)}\t${copyField(a.location.lat)}\t${copyField(a.location.lng)}\t` +
    `${copyField(a.location.address)}\t${copyField(a.location.district)}\t${copyField(a.description)}\t` +
    `${copyField(a.citizen?.name)}\t${copyField(a.citizen?.phone)}\t${copyField(a.slaMinutes)}\t` +
    `${iso(a.registeredAt)}\t${iso(a.respondedAt)}\t${iso(a.resolvedAt)}\t${iso(a.closedAt)}\t` +
    `${iso(a.responseDueAt)}\t${iso(a.dueAt)}\t${copyField(a.incidentId)}\t${iso(a.updatedAt)}\t` +
    `${copyField(last.id)}\t${copyField(last.streamId)}\t${copyField(a.serviceId)}\t${iso(a.legalDueAt)}\t` +
    `${copyField(a.isLegalProvisional)}\t${iso(a.redirectDueAt)}\t${copyField(x?.months)}\t${copyField(x?.reason)}\t` +
    `${iso(x?.at)}\t${copyField(a.outcome)}\t${copyField(f?.result)}\t${copyField(f?.rating)}\t${copyField(f?.comment)}\t` +
    `${iso(f?.at)}\ttrue\n`
  );
}

function incidentLine({ incident: i, events }: FinishedIncident): string {
  const last = events[events.length - 1] as StreamEvent;
  return (
    `${copyField(i.id)}\t${copyField(i.region)}\t${copyField(i.title)}\t${copyField(i.category)}\t${copyField(i.severity)}\t` +
    `${copyField(i.location.lat)}\t${copyField(i.location.lng)}\t${copyField(i.location.address)}\t` +
    `${copyField(i.location.district)}\t${copyField(i.affected)}\t${copyField(i.status)}\t${copyField(i.note)}\t` +
    `${iso(i.openedAt)}\t${iso(i.resolvedAt)}\t${iso(i.updatedAt)}\t${copyField(last.id)}\t${copyField(last.streamId)}\ttrue\n`
  );
}

const eventLine = (e: StreamEvent, owner: string): string =>
  `${copyField(e.id)}\t${copyField(owner)}\t${copyField(e.type)}\t${copyField(e.at)}\t${copyField(e.streamId)}\t${copyJson(payloadOf(e))}\ttrue\n`;

const bytes = (lines: string): Uint8Array<ArrayBuffer> | null => (lines.length > 0 ? copyBytes(lines) : null);

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
      links += `${copyField(item.incident.id)}\t${copyField(l.appealId)}\t${copyField(l.eventId)}\t${iso(l.linkedAt)}\n`;
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
