import type { Channel } from '../domain/enums';
import { addSample, copyHistogram, createHistogram, mergeHistogram, quantile, type Histogram } from './histogram';

/** Sliding windows the metrics are reported over (design.md "Metrics"). */
export const WINDOWS = { '15m': 15 * 60_000, '1h': 60 * 60_000, '24h': 24 * 60 * 60_000 } as const;
export type WindowName = keyof typeof WINDOWS;
export const WINDOW_NAMES = Object.keys(WINDOWS) as WindowName[];

const MINUTE = 60_000;
/**
 * One slot per minute over the longest window plus one hour, so "the same hour yesterday"
 * (the trend arrows of the analytics) is still there; older data is overwritten.
 */
export const RING_SLOTS = 25 * 60;

/** What happened in one minute for one key (overall, a region or a category). */
export interface MinuteSlot {
  /** Minute number since the epoch (UTC) this slot holds. */
  minute: number;
  /** Appeals registered in this minute. */
  registered: number;
  /** The same appeals by channel. */
  channels: Partial<Record<Channel, number>>;
  /** Response times of appeals first routed in this minute. */
  response: Histogram;
  /** Resolution times of appeals resolved in this minute. */
  resolution: Histogram;
  /** Responses in this minute that met their response target. */
  responseWithinSla: number;
  /** Sum of the response targets (ms) of this minute's responses: their mean is the chart's SLA line. */
  responseTargetMs: number;
  /** Resolutions in this minute that met their resolution target (`slaMinutes` when the event set one). */
  resolutionWithinSla: number;
  /** Appeals that went from open to finished (resolved or closed) in this minute. */
  finished: number;
  /** Of those, the ones never routed to a service: first-call resolutions. */
  finishedUnrouted: number;
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
 * Returns null when `at` is older than what the ring still covers. `newestAt` is the
 * projection's clock (the newest `at`), when the caller keeps one.
 * `owned`, when given, is copy-on-write for a snapshot being written meanwhile: a slot not in
 * it is shared with that snapshot, so it is replaced by a copy (then owned) before the caller
 * writes to it; a new slot is owned from the start.
 */
export function slotFor(
  ring: MinuteRing,
  at: number,
  owned: WeakSet<object> | null = null,
  newestAt: number = Number.POSITIVE_INFINITY,
): MinuteSlot | null {
  const minute = Math.floor(at / MINUTE);
  const index = ringIndexOf(minute);
  const slot = ring[index];
  if (slot && slot.minute === minute) {
    if (owned === null || owned.has(slot)) return slot;
    const copy = copySlot(slot);
    ring[index] = copy;
    owned.add(copy);
    return copy;
  }
  // A newer minute than the projection's clock is what a far-future `at` left before the
  // decoder refused them (an older snapshot): reset like any stale slot.
  if (slot && slot.minute > minute && slot.minute <= minuteOf(newestAt)) return null;
  const fresh: MinuteSlot = {
    minute,
    registered: 0,
    channels: {},
    response: createHistogram(),
    resolution: createHistogram(),
    responseWithinSla: 0,
    responseTargetMs: 0,
    resolutionWithinSla: 0,
    finished: 0,
    finishedUnrouted: 0,
  };
  ring[index] = fresh;
  owned?.add(fresh);
  return fresh;
}

/**
 * True when the minute of `at` lies within the ring's window ending at the minute of
 * `newestAt` (the projection's clock). Only such minutes are written: a slot holds one minute,
 * and a minute RING_SLOTS or more behind would reset (or be refused by) a slot the ring still
 * shows. Both minutes are of the same clock, so this never depends on when it is asked.
 */
export function isWithinRing(at: number, newestAt: number): boolean {
  return minuteOf(at) > minuteOf(newestAt) - RING_SLOTS;
}

/** Where a ring keeps the slot of `minute` (minutes since the epoch, negative ones too). */
export function ringIndexOf(minute: number): number {
  return ((minute % RING_SLOTS) + RING_SLOTS) % RING_SLOTS;
}

/** A deep copy of a slot: same fields in the same order, nothing shared. */
export function copySlot(slot: MinuteSlot): MinuteSlot {
  return {
    ...slot,
    channels: { ...slot.channels },
    response: copyHistogram(slot.response),
    resolution: copyHistogram(slot.resolution),
  };
}

/** Minute number (since the epoch) containing `at`. */
export function minuteOf(at: number): number {
  return Math.floor(at / MINUTE);
}

/** First and last minute of the window ending at `now`: the `windowMs / 1 min` minutes up to now's. */
export function windowMinutes(now: number, windowMs: number): { first: number; last: number } {
  const last = minuteOf(now);
  return { first: last - Math.ceil(windowMs / MINUTE) + 1, last };
}

/** Slots whose minute lies in [first, last], oldest first; reads only those minutes' indexes. */
export function* slotsBetween(ring: MinuteRing, first: number, last: number): Generator<MinuteSlot> {
  const from = Math.max(first, last - RING_SLOTS + 1);
  for (let minute = from; minute <= last; minute += 1) {
    const slot = ring[((minute % RING_SLOTS) + RING_SLOTS) % RING_SLOTS];
    if (slot && slot.minute === minute) yield slot;
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
  /** Share (0–1) of resolutions that met their target, null when there were none. */
  resolutionSlaCompliance: number | null;
  /** Appeals finished (resolved or closed) in the window. */
  finished: number;
  /** Share (0–1) of those finished without routing (first-call resolution), null when none finished. */
  firstCallResolution: number | null;
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
  const { first, last } = windowMinutes(now, windowMs);
  return summarizeMinutes(rings, first, last);
}

/** Summary of several rings over the minutes [first, last] (e.g. the same hour yesterday). Pure. */
export function summarizeMinutes(rings: readonly MinuteRing[], first: number, last: number): WindowSummary {
  const response = createHistogram();
  const resolution = createHistogram();
  let registered = 0;
  let responseWithin = 0;
  let resolutionWithin = 0;
  let finished = 0;
  let unrouted = 0;
  for (const ring of rings) {
    for (const slot of slotsBetween(ring, first, last)) {
      registered += slot.registered;
      responseWithin += slot.responseWithinSla;
      resolutionWithin += slot.resolutionWithinSla;
      finished += slot.finished;
      unrouted += slot.finishedUnrouted;
      mergeHistogram(response, slot.response);
      mergeHistogram(resolution, slot.resolution);
    }
  }
  return {
    registered,
    response: percentiles(response),
    resolution: percentiles(resolution),
    responseSlaCompliance: response.count === 0 ? null : responseWithin / response.count,
    resolutionSlaCompliance: resolution.count === 0 ? null : resolutionWithin / resolution.count,
    finished,
    firstCallResolution: finished === 0 ? null : unrouted / finished,
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

export function recordRegistration(ring: MinuteRing, at: number, channel?: Channel): void {
  const slot = slotFor(ring, at);
  if (slot) addRegistration(slot, channel);
}

/** A first response after `ms`; `targetMs` is the response target it was held to. */
export function recordResponse(ring: MinuteRing, at: number, ms: number, withinSla: boolean, targetMs = 0): void {
  const slot = slotFor(ring, at);
  if (slot) addResponse(slot, ms, withinSla, targetMs);
}

export function recordResolution(ring: MinuteRing, at: number, ms: number, withinSla = false): void {
  const slot = slotFor(ring, at);
  if (slot) addResolution(slot, ms, withinSla);
}

/** An appeal went from open to finished; `routed` when it had been assigned to a service. */
export function recordFinish(ring: MinuteRing, at: number, routed: boolean): void {
  const slot = slotFor(ring, at);
  if (slot) addFinish(slot, routed);
}

/** The record* functions on a slot already found (the reducer finds its slots once per event). */
export function addRegistration(slot: MinuteSlot, channel?: Channel): void {
  slot.registered += 1;
  if (channel !== undefined) slot.channels[channel] = (slot.channels[channel] ?? 0) + 1;
}

export function addResponse(slot: MinuteSlot, ms: number, withinSla: boolean, targetMs = 0): void {
  addSample(slot.response, ms);
  if (withinSla) slot.responseWithinSla += 1;
  slot.responseTargetMs += targetMs;
}

export function addResolution(slot: MinuteSlot, ms: number, withinSla = false): void {
  addSample(slot.resolution, ms);
  if (withinSla) slot.resolutionWithinSla += 1;
}

export function addFinish(slot: MinuteSlot, routed: boolean): void {
  slot.finished += 1;
  if (!routed) slot.finishedUnrouted += 1;
}
