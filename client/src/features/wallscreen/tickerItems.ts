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

/** Where `reveals` keeps the time of the last reveal (never a stream id). */
const LAST_REVEAL = 'last-reveal';

/**
 * Paces the ticker. `worthy`: the lines that may show, newest first (mattersOnWall, within
 * the window). The lines there when the wall starts show at once; after that at most one
 * line per `paceMs` is revealed — the newest not yet shown, so a burst never builds a queue
 * that lags behind the room (what it skips is in the 15-minute count and on the map). With
 * nothing new the list stands still. Returns the newest `limit` revealed lines and mutates
 * `reveals` (forgetting lines that left `worthy`). Pure but for `reveals`.
 */
export function pacedTicker(
  worthy: readonly FeedItem[],
  reveals: RevealTimes,
  now: number,
  limit: number,
  paceMs = TICKER_PACE_MS,
): FeedItem[] {
  const last = reveals.get(LAST_REVEAL);
  if (last === undefined) {
    if (worthy.length > 0) {
      for (const item of worthy) reveals.set(item.key, now - FRESH_CUE_MS);
      reveals.set(LAST_REVEAL, now - paceMs);
    }
  } else if (now - last >= paceMs) {
    const next = worthy.find((item) => !reveals.has(item.key));
    if (next) {
      reveals.set(next.key, now);
      reveals.set(LAST_REVEAL, now);
    }
  }
  const wanted = new Set(worthy.map((item) => item.key));
  for (const key of reveals.keys()) if (!wanted.has(key) && key !== LAST_REVEAL) reveals.delete(key);
  return worthy.filter((item) => reveals.has(item.key)).slice(0, limit);
}

/** A fresh emergency (revealed within the last minute): its line keeps a visible cue. */
export function isFreshEmergency(item: FeedItem, reveals: RevealTimes, now: number): boolean {
  const isEmergency = item.priority === 'emergency' || item.severity === 'critical';
  const at = reveals.get(item.key);
  return isEmergency && at !== undefined && now - at < FRESH_CUE_MS;
}
