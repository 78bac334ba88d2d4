import { describe, expect, it } from 'vitest';
import { selectTicker, TICKER_WINDOW_MS } from '../../../../../client/src/features/wallscreen/tickerItems';
import type { FeedItem } from '../../../../../client/src/state/feed';
import { MINUTE, T0 } from '../../../shared/factories';

function item(key: string, at: number): FeedItem {
  return {
    key,
    type: 'appeal.registered',
    entity: 'appeal',
    entityId: `A-${key}`,
    status: null,
    at,
    region: 'KZ-71',
    category: 'heating',
    priority: 'normal',
    severity: null,
    title: null,
  };
}

const NOW = T0 + 60 * MINUTE;

describe('selectTicker (fixed clock)', () => {
  it('keeps the events of the last 15 minutes, newest first as the feed has them', () => {
    const feed = [item('4', NOW - MINUTE), item('3', NOW - 10 * MINUTE), item('2', NOW - 16 * MINUTE)];
    expect(selectTicker(feed, NOW, 10).map((i) => i.key)).toEqual(['4', '3']);
  });

  it('cuts off at exactly 15 minutes (older or equal drops out)', () => {
    const feed = [item('in', NOW - TICKER_WINDOW_MS + 1), item('edge', NOW - TICKER_WINDOW_MS)];
    expect(selectTicker(feed, NOW, 10).map((i) => i.key)).toEqual(['in']);
    // A minute later the first one has aged out as well, with no new event.
    expect(selectTicker(feed, NOW + MINUTE, 10)).toEqual([]);
  });

  it('shows at most `limit` lines', () => {
    const feed = Array.from({ length: 20 }, (_, i) => item(String(i), NOW - i * 1000));
    expect(selectTicker(feed, NOW, 5).map((i) => i.key)).toEqual(['0', '1', '2', '3', '4']);
    expect(selectTicker(feed, NOW, 0)).toEqual([]);
  });

  it('checks every line: a late event in stream order does not hide newer ones behind it', () => {
    const feed = [item('late', NOW - 2 * 60 * MINUTE), item('recent', NOW - 2 * MINUTE)];
    expect(selectTicker(feed, NOW, 10).map((i) => i.key)).toEqual(['recent']);
  });

  it('counts an event dated slightly ahead (producer clock skew) as recent', () => {
    expect(selectTicker([item('ahead', NOW + 5000)], NOW, 10)).toHaveLength(1);
  });

  it('keeps the same item objects (memoised rows are not re-rendered)', () => {
    const feed = [item('1', NOW)];
    expect(selectTicker(feed, NOW, 10)[0]).toBe(feed[0]);
  });
});
