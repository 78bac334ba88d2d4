import {
  describeIssues,
  EARLIEST_EVENT_AT,
  eventEnvelopeSchema,
  findBadText,
  isNationalEvent,
  MAX_EVENT_BYTES,
  mayHoldBadText,
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

/** The clock an entry's `at` is held to (the server's clock reading, and `MAX_FUTURE_SKEW`). */
export interface DecodeClock {
  now: number;
  maxFutureSkewMs: number;
}

/**
 * Turns one stream entry into a validated, located event, or says exactly why not
 * (the reason goes into the dead-letter entry and the health panel).
 *
 * With a `clock`, an `at` more than `maxFutureSkewMs` ahead of it is refused. The clock read
 * is the earlier of `now` and the time Redis appended the entry (its stream id): replaying
 * the stream after a restart, hours later, then decides every entry as the live tail did,
 * while an id forged far ahead (XADD with an explicit id) cannot widen the limit. Readers of
 * entries already applied (timelines, replays) pass no clock.
 */
export function decodeEntry(entry: LogEntry, locate: LocateRegion | null, clock?: DecodeClock): DecodeResult {
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
  const refused = refusedContent(envelope, raw, entry.id, clock);
  if (refused !== null) return { ok: false, reason: refused };
  // The parse made this object for us alone: completed in place rather than copied.
  const event = envelope as StreamEvent;
  if (envelope.region === undefined && !isNationalEvent(envelope)) {
    // The schema guarantees a location when region is omitted (a national event has neither).
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

/**
 * What the schema cannot say about a valid envelope: control characters and lone surrogates
 * in its text (the write API refuses them too), an `at` before 2000 or too far ahead.
 */
function refusedContent(envelope: EventEnvelope, raw: string, id: string, clock?: DecodeClock): string | null {
  if (mayHoldBadText(raw)) {
    const bad = findBadText(envelope);
    if (bad) return `invalid: ${bad.path}: ${bad.what} is not allowed`;
  }
  const at = Date.parse(envelope.at);
  if (at < EARLIEST_EVENT_AT) return `invalid: at: ${envelope.at} is before 2000-01-01, the earliest accepted`;
  if (clock) {
    // The id's time part, read without the BigInt parse of streamIdTime (this runs per entry).
    const dash = id.indexOf('-');
    const appendedAt = dash > 0 ? Number(id.slice(0, dash)) : Number.NaN;
    const reference = Number.isSafeInteger(appendedAt) ? Math.min(appendedAt, clock.now) : clock.now;
    const ahead = at - reference;
    if (ahead > clock.maxFutureSkewMs) {
      return `at is ${Math.round(ahead / 1000)} s ahead of the server clock (at most ${Math.round(clock.maxFutureSkewMs / 1000)} s)`;
    }
  }
  return null;
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
