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
