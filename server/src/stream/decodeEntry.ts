import { describeIssues, eventEnvelopeSchema, MAX_EVENT_BYTES, type StreamEvent } from '@shared';
import type { LogEntry } from './eventLog';
import type { RegionCode } from '@shared';

/** Finds the region containing a point; null when the point is in none. */
export type LocateRegion = (lat: number, lng: number) => RegionCode | null;

export type DecodeResult = { ok: true; event: StreamEvent } | { ok: false; reason: string };

/**
 * Turns one stream entry into a validated, located event, or says exactly why not
 * (the reason goes into the dead-letter entry and the health panel).
 */
export function decodeEntry(entry: LogEntry, locate: LocateRegion | null): DecodeResult {
  const names = Object.keys(entry.fields);
  const raw = entry.fields.event;
  if (raw === undefined) return { ok: false, reason: `missing field "event" (fields: ${names.join(', ') || 'none'})` };
  const bytes = Buffer.byteLength(raw, 'utf8');
  if (bytes > MAX_EVENT_BYTES) return { ok: false, reason: `oversize: ${bytes} bytes, limit ${MAX_EVENT_BYTES}` };
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (error) {
    return { ok: false, reason: `not JSON: ${(error as Error).message}` };
  }
  let parsed: ReturnType<typeof eventEnvelopeSchema.safeParse>;
  try {
    parsed = eventEnvelopeSchema.safeParse(json, { reportInput: true });
  } catch (error) {
    // Whatever a hostile value does to the validator, the entry is dead-lettered and the
    // consumer goes on: a throw here would retry the same entry forever.
    return { ok: false, reason: `invalid: validation failed (${(error as Error).message})` };
  }
  if (!parsed.success) {
    return { ok: false, reason: `invalid: ${describeIssues(parsed.error)}` };
  }
  const envelope = parsed.data;
  if (envelope.region !== undefined)
    return { ok: true, event: { ...envelope, region: envelope.region, streamId: entry.id } };
  // The schema guarantees a location when region is omitted.
  const location = (envelope.data as { location: { lat: number; lng: number } }).location;
  if (!locate) return { ok: false, reason: 'region omitted and no region layer is loaded to locate the point' };
  const region = locate(location.lat, location.lng);
  if (!region) return { ok: false, reason: 'outside any region' };
  return { ok: true, event: { ...envelope, region, streamId: entry.id } };
}
