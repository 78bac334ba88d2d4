import { addSample, createHistogram, mergeHistogram, quantile, type Histogram } from './histogram';

/** Sliding windows the metrics are reported over (design.md "Metrics"). */
export const WINDOWS = { '15m': 15 * 60_000, '1h': 60 * 60_000, '24h': 24 * 60 * 60_000 } as const;
export type WindowName = keyof typeof WINDOWS;
export const WINDOW_NAMES = Object.keys(WINDOWS) as WindowName[];

const MINUTE = 60_000;
/** One slot per minute over the longest window; older data is overwritten. */
export const RING_SLOTS = 24 * 60;

/** What happened in one minute for one key (overall, a region or a category). */
export interface MinuteSlot {
  /** Minute number since the epoch (UTC) this slot holds. */
  minute: number;
  /** Appeals registered in this minute. */
  registered: number;
  /** Response times of appeals first routed in this minute. */
  response: Histogram;
  /** Resolution times of appeals resolved in this minute. */
  resolution: Histogram;
  /** Responses in this minute that met their response target. */
  responseWithinSla: number;
}

/**
 * A fixed ring of minute slots: memory stays constant however long the server runs.
 * Stored as a plain array (null = never used) so it serialises as is.
 */
export type MinuteRing = (MinuteSlot | null)[];

export function createRing(): MinuteRing {
  return new Array<MinuteSlot | null>(RING_SLOTS).fill(null);
}

/**
 * The slot for the minute containing `at` (ms), reset if it held an older minute.
 * Returns null when `at` is older than what the ring still covers.
 */
export function slotFor(ring: MinuteRing, at: number): MinuteSlot | null {
  const minute = Math.floor(at / MINUTE);
  const index = ((minute % RING_SLOTS) + RING_SLOTS) % RING_SLOTS;
  const slot = ring[index];
  if (slot && slot.minute === minute) return slot;
  if (slot && slot.minute > minute) return null;
  const fresh: MinuteSlot = {
    minute,
    registered: 0,
    response: createHistogram(),
    resolution: createHistogram(),
    responseWithinSla: 0,
  };
  ring[index] = fresh;
  return fresh;
}

/** Slots whose minute lies in the window (now − windowMs, now]. */
function* slotsIn(ring: MinuteRing, now: number, windowMs: number): Generator<MinuteSlot> {
  const last = Math.floor(now / MINUTE);
  const first = last - Math.ceil(windowMs / MINUTE) + 1;
  for (const slot of ring) {
    if (slot && slot.minute >= first && slot.minute <= last) yield slot;
  }
}

/** Percentiles of a set of durations (ms); null when there were none. */
export interface Percentiles {
  count: number;
  p50: number | null;
  p90: number | null;
  p99: number | null;
}

export interface WindowSummary {
  registered: number;
  response: Percentiles;
  resolution: Percentiles;
  /** Share (0–1) of responses that met their target, null when there were none. */
  responseSlaCompliance: number | null;
}

function percentiles(h: Histogram): Percentiles {
  return { count: h.count, p50: quantile(h, 0.5), p90: quantile(h, 0.9), p99: quantile(h, 0.99) };
}

/** Summary of one ring over the sliding window ending at `now`. Pure. */
export function summarizeWindow(ring: MinuteRing, now: number, windowMs: number): WindowSummary {
  return summarizeWindows([ring], now, windowMs);
}

/** Summary of several rings taken together (e.g. the regions of a user's scope). Pure. */
export function summarizeWindows(rings: readonly MinuteRing[], now: number, windowMs: number): WindowSummary {
  const response = createHistogram();
  const resolution = createHistogram();
  let registered = 0;
  let within = 0;
  for (const ring of rings) {
    for (const slot of slotsIn(ring, now, windowMs)) {
      registered += slot.registered;
      within += slot.responseWithinSla;
      mergeHistogram(response, slot.response);
      mergeHistogram(resolution, slot.resolution);
    }
  }
  return {
    registered,
    response: percentiles(response),
    resolution: percentiles(resolution),
    responseSlaCompliance: response.count === 0 ? null : within / response.count,
  };
}

/** Appeals registered in the rings from `since` (ms, inclusive minute) to `now`. */
export function registeredSince(rings: MinuteRing | readonly MinuteRing[], since: number, now: number): number {
  const first = Math.floor(since / MINUTE);
  const last = Math.floor(now / MINUTE);
  const list = (rings.length > 0 && Array.isArray(rings[0]) ? rings : [rings]) as readonly MinuteRing[];
  let total = 0;
  for (const ring of list) {
    for (const slot of ring) {
      if (slot && slot.minute >= first && slot.minute <= last) total += slot.registered;
    }
  }
  return total;
}

export function recordRegistration(ring: MinuteRing, at: number): void {
  const slot = slotFor(ring, at);
  if (slot) slot.registered += 1;
}

export function recordResponse(ring: MinuteRing, at: number, ms: number, withinSla: boolean): void {
  const slot = slotFor(ring, at);
  if (!slot) return;
  addSample(slot.response, ms);
  if (withinSla) slot.responseWithinSla += 1;
}

export function recordResolution(ring: MinuteRing, at: number, ms: number): void {
  const slot = slotFor(ring, at);
  if (slot) addSample(slot.resolution, ms);
}
