import type { FeedItem } from '../../state/feed';

/** The ticker shows what happened in the last 15 minutes. */
export const TICKER_WINDOW_MS = 15 * 60_000;

/**
 * The ticker's lines at `now` (server clock): the newest `limit` feed lines whose event
 * happened within the window, newest first as the feed has them. The feed is in stream
 * order, not in `at` order (an outside producer may send a late event), so every line is
 * checked rather than stopping at the first old one. An event dated a little ahead of
 * `now` (clock skew between producers) counts as recent. Pure.
 */
export function selectTicker(
  feed: readonly FeedItem[],
  now: number,
  limit: number,
  windowMs = TICKER_WINDOW_MS,
): FeedItem[] {
  const from = now - windowMs;
  const out: FeedItem[] = [];
  for (const item of feed) {
    if (out.length >= limit) break;
    if (item.at > from) out.push(item);
  }
  return out;
}

/**
 * What the wall's ticker shows (issue 18: "what matters"): incidents, and appeals of high or
 * emergency priority. Normal and low appeals are counted in the panel's 15-minute total and
 * drawn on the map; a line for each would scroll the room's attention away. Pure.
 */
export function mattersOnWall(item: FeedItem): boolean {
  if (item.entity === 'incident') return true;
  return item.priority === 'high' || item.priority === 'emergency';
}

/** No faster than one new line per this (a room reads a line in about four seconds). */
export const TICKER_PACE_MS = 4000;
/** How long a new emergency keeps its cue. */
export const FRESH_CUE_MS = 60_000;

/** When each line was (or will be) revealed: carried between renders by the ticker. */
export type RevealTimes = Map<string, number>;

/** Marks `reveals` as past the wall's first lines (never a stream id). */
const STARTED = 'started';

/**
 * Paces the ticker: the lines there when the wall starts show at once; each later one
 * gets a reveal time at least `paceMs` after the one before, and stays hidden until then.
 * With nothing new the list stands still. Returns the lines to show (newest first) and
 * mutates `reveals` (forgetting lines that left `candidates`). Pure but for `reveals`.
 */
export function pacedTicker(
  candidates: readonly FeedItem[],
  reveals: RevealTimes,
  now: number,
  paceMs = TICKER_PACE_MS,
): FeedItem[] {
  const isFirst = !reveals.has(STARTED);
  let last = Math.max(-Infinity, ...reveals.values());
  // Oldest first, so the queue reveals lines in the order they happened.
  for (const item of [...candidates].reverse()) {
    if (reveals.has(item.key)) continue;
    const at = isFirst ? now - FRESH_CUE_MS : Math.max(now, last + paceMs);
    reveals.set(item.key, at);
    last = Math.max(last, at);
  }
  const wanted = new Set(candidates.map((item) => item.key));
  for (const key of reveals.keys()) if (!wanted.has(key) && key !== STARTED) reveals.delete(key);
  if (candidates.length > 0) reveals.set(STARTED, -Infinity);
  return candidates.filter((item) => (reveals.get(item.key) ?? Infinity) <= now);
}

/** A fresh emergency (revealed within the last minute): its line keeps a visible cue. */
export function isFreshEmergency(item: FeedItem, reveals: RevealTimes, now: number): boolean {
  const isEmergency = item.priority === 'emergency' || item.severity === 'critical';
  const at = reveals.get(item.key);
  return isEmergency && at !== undefined && now - at < FRESH_CUE_MS;
}
