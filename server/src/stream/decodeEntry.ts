import {
  describeIssues,
  eventEnvelopeSchema,
  MAX_EVENT_BYTES,
  NOT_FAST,
  parseEnvelopeFast,
  type EventEnvelope,
  type StreamEvent,
} from '@shared';
import type { PlaceOfEvent } from '../regions/createLocator';
import type { LogEntry } from './eventLog';
import type { RegionCode } from '@shared';

/** Finds the region of an event's location (`Locator.regionOf`); null when it is in none. */
export type LocateRegion = (location: PlaceOfEvent) => RegionCode | null;

export type DecodeResult = { ok: true; event: StreamEvent } | { ok: false; reason: string };

/**
 * Turns one stream entry into a validated, located event, or says exactly why not
 * (the reason goes into the dead-letter entry and the health panel).
 */
export function decodeEntry(entry: LogEntry, locate: LocateRegion | null): DecodeResult {
  const raw = entry.fields.event;
  if (raw === undefined) {
    const names = Object.keys(entry.fields).join(', ') || 'none';
    return { ok: false, reason: `missing field "event" (fields: ${names})` };
  }
  // UTF-8 takes at most 3 bytes per UTF-16 unit: most entries need no count.
  if (raw.length * 3 > MAX_EVENT_BYTES) {
    const bytes = Buffer.byteLength(raw, 'utf8');
    if (bytes > MAX_EVENT_BYTES) return { ok: false, reason: `oversize: ${bytes} bytes, limit ${MAX_EVENT_BYTES}` };
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (error) {
    return { ok: false, reason: `not JSON: ${(error as Error).message}` };
  }
  const fast = parseEnvelopeFast(json);
  const envelope = fast === NOT_FAST ? parseWithSchema(json) : fast;
  if (typeof envelope === 'string') return { ok: false, reason: envelope };
  // The parse made this object for us alone: completed in place rather than copied.
  const event = envelope as StreamEvent;
  if (envelope.region === undefined) {
    // The schema guarantees a location when region is omitted.
    const location = (envelope.data as { location: PlaceOfEvent }).location;
    if (!locate) return { ok: false, reason: 'region omitted and no region layer is loaded to locate the point' };
    // A settlement its address names wins over the polygons (design.md "Regions").
    const region = locate(location);
    if (!region) return { ok: false, reason: 'outside any region' };
    event.region = region;
  }
  event.streamId = entry.id;
  return { ok: true, event };
}

/** The schema's own parse: the envelope, or the dead-letter reason. */
function parseWithSchema(json: unknown): EventEnvelope | string {
  let parsed: ReturnType<typeof eventEnvelopeSchema.safeParse>;
  try {
    parsed = eventEnvelopeSchema.safeParse(json, { reportInput: true });
  } catch (error) {
    // Whatever a hostile value does to the validator, the entry is dead-lettered and the
    // consumer goes on: a throw here would retry the same entry forever.
    return `invalid: validation failed (${(error as Error).message})`;
  }
  return parsed.success ? parsed.data : `invalid: ${describeIssues(parsed.error)}`;
}
