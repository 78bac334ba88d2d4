import { describe, expect, it } from 'vitest';
import {
  FRESH_CUE_MS,
  isFreshEmergency,
  mattersOnWall,
  pacedTicker,
  TICKER_PACE_MS,
  type RevealTimes,
} from '../../../../../client/src/features/wallscreen/tickerItems';
import type { FeedItem } from '../../../../../client/src/state/feed';
import { MINUTE, T0 } from '../../../shared/factories';

function item(key: string, at: number, overrides: Partial<FeedItem> = {}): FeedItem {
  return {
    key,
    type: 'appeal.registered',
    entity: 'appeal',
    entityId: `A-${key}`,
    status: null,
    at,
    region: 'KZ-71',
    category: 'heating',
    priority: 'high',
    severity: null,
    title: null,
    ...overrides,
  };
}

const NOW = T0 + 60 * MINUTE;
const keys = (items: readonly FeedItem[]) => items.map((i) => i.key);

describe('mattersOnWall', () => {
  it('keeps incidents and high or emergency appeals, drops normal and low ones', () => {
    expect(mattersOnWall(item('a', NOW, { priority: 'emergency' }))).toBe(true);
    expect(mattersOnWall(item('b', NOW, { priority: 'high' }))).toBe(true);
    expect(mattersOnWall(item('c', NOW, { priority: 'normal' }))).toBe(false);
    expect(mattersOnWall(item('d', NOW, { priority: 'low' }))).toBe(false);
    expect(mattersOnWall(item('e', NOW, { entity: 'incident', priority: null, severity: 'minor' }))).toBe(true);
  });
});

describe('pacedTicker (fixed clock)', () => {
  it('shows the first lines at once, then the newest new line once per pace', () => {
    const reveals: RevealTimes = new Map();
    expect(keys(pacedTicker([item('2', NOW), item('1', NOW)], reveals, NOW, 10))).toEqual(['2', '1']);
    // Three arrive together: the newest now, the next newest a pace later, the last two paces later.
    const burst = [item('5', NOW), item('4', NOW), item('3', NOW), item('2', NOW), item('1', NOW)];
    expect(keys(pacedTicker(burst, reveals, NOW + 1000, 10))).toEqual(['5', '2', '1']);
    expect(keys(pacedTicker(burst, reveals, NOW + 1000 + TICKER_PACE_MS - 1, 10))).toEqual(['5', '2', '1']);
    expect(keys(pacedTicker(burst, reveals, NOW + 1000 + TICKER_PACE_MS, 10))).toEqual(['5', '4', '2', '1']);
    expect(keys(pacedTicker(burst, reveals, NOW + 1000 + 2 * TICKER_PACE_MS, 10))).toEqual(['5', '4', '3', '2', '1']);
    // At most `limit` lines, newest first.
    expect(keys(pacedTicker(burst, reveals, NOW + 1000 + 3 * TICKER_PACE_MS, 2))).toEqual(['5', '4']);
  });

  it('under a steady stream faster than the pace, keeps showing the newest (no growing queue)', () => {
    const reveals: RevealTimes = new Map();
    let feed: FeedItem[] = [item('0', NOW)];
    pacedTicker(feed, reveals, NOW, 5);
    // One worthy line a second for a minute; the feed keeps its newest 30.
    for (let second = 1; second <= 60; second += 1) {
      feed = [item(String(second), NOW + second * 1000), ...feed].slice(0, 30);
      pacedTicker(feed, reveals, NOW + second * 1000, 5);
    }
    const shown = keys(pacedTicker(feed, reveals, NOW + 60_000, 5));
    // The top line is at most a pace old: the wall is not stuck behind a queue.
    expect(Number(shown[0])).toBeGreaterThanOrEqual(60 - TICKER_PACE_MS / 1000);
    expect(shown.length).toBe(5);
  });

  it('stands still while nothing new comes, and forgets lines that left', () => {
    const reveals: RevealTimes = new Map();
    const lines = [item('1', NOW)];
    expect(keys(pacedTicker(lines, reveals, NOW, 10))).toEqual(['1']);
    expect(keys(pacedTicker(lines, reveals, NOW + MINUTE, 10))).toEqual(['1']);
    expect(keys(pacedTicker([], reveals, NOW + 2 * MINUTE, 10))).toEqual([]);
    expect(reveals.has('1')).toBe(false);
  });

  it('gives a new emergency a cue for a minute, none to the lines there at the start', () => {
    const reveals: RevealTimes = new Map();
    const old = item('old', NOW, { priority: 'emergency' });
    pacedTicker([old], reveals, NOW, 10);
    expect(isFreshEmergency(old, reveals, NOW)).toBe(false);
    const fresh = item('new', NOW, { priority: 'emergency' });
    pacedTicker([fresh, old], reveals, NOW + 1000, 10);
    expect(isFreshEmergency(fresh, reveals, NOW + 1000)).toBe(true);
    expect(isFreshEmergency(fresh, reveals, NOW + 1000 + FRESH_CUE_MS - 1)).toBe(true);
    expect(isFreshEmergency(fresh, reveals, NOW + 1000 + FRESH_CUE_MS)).toBe(false);
  });
});
