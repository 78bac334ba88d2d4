import { describe, expect, it } from 'vitest';
import {
  RING_SLOTS,
  WINDOWS,
  WINDOW_NAMES,
  createRing,
  minuteOf,
  recordFinish,
  recordRegistration,
  recordResolution,
  recordResponse,
  registeredSince,
  slotFor,
  slotsBetween,
  summarizeMinutes,
  summarizeWindow,
  windowMinutes,
  type MinuteRing,
} from '@shared';
import { DAY, HOUR, MINUTE, T0, lognormalSamples, nearestRank } from '../factories';

/** T0 is minute-aligned; NOW is half a minute later, as a real clock would be. */
const NOW = T0 + 30_000;
/** What a ring covers: 25 h, the longest window plus the same hour yesterday. */
const RING_SPAN = 25 * HOUR;

function expectWithin(actual: number | null, expected: number, tolerance = 0.02): void {
  expect(actual).not.toBeNull();
  expect(Math.abs((actual as number) - expected) / expected, `${String(actual)} vs ${expected}`).toBeLessThanOrEqual(
    tolerance,
  );
}

describe('constants', () => {
  it('has windows 15m, 1h and 24h', () => {
    expect(WINDOW_NAMES).toEqual(['15m', '1h', '24h']);
    expect(WINDOWS).toEqual({ '15m': 15 * MINUTE, '1h': HOUR, '24h': DAY });
  });

  it('has one ring slot per minute of the longest window plus one hour (the same hour yesterday)', () => {
    expect(RING_SLOTS).toBe(1500);
    expect(RING_SLOTS * MINUTE).toBe(RING_SPAN);
    const ring = createRing();
    expect(ring).toHaveLength(RING_SLOTS);
    expect(ring.every((slot) => slot === null)).toBe(true);
  });
});

describe('slotFor', () => {
  it('returns the same slot for two instants in the same minute', () => {
    const ring = createRing();
    const a = slotFor(ring, T0 + 1_000);
    const b = slotFor(ring, T0 + 59_999);
    expect(a).not.toBeNull();
    expect(b).toBe(a);
    expect(a?.minute).toBe(T0 / MINUTE);
  });

  it('uses a different slot for the next minute', () => {
    const ring = createRing();
    expect(slotFor(ring, T0 + MINUTE)).not.toBe(slotFor(ring, T0));
    expect(ring.filter((s) => s !== null)).toHaveLength(2);
  });

  it('keeps the same minute of the previous day in its own slot', () => {
    const ring = createRing();
    recordRegistration(ring, T0);
    const next = slotFor(ring, T0 + DAY);
    expect(next?.minute).toBe((T0 + DAY) / MINUTE);
    expect(next?.registered).toBe(0);
    expect(ring.filter((s) => s !== null)).toHaveLength(2);
    expect(slotFor(ring, T0)?.registered).toBe(1);
  });

  it('resets a slot that held the same minute 25 h earlier', () => {
    const ring = createRing();
    recordRegistration(ring, T0);
    const next = slotFor(ring, T0 + RING_SPAN);
    expect(next?.minute).toBe((T0 + RING_SPAN) / MINUTE);
    expect(next?.registered).toBe(0);
    expect(ring.filter((s) => s !== null)).toHaveLength(1);
  });

  it('returns null for an instant older than the slot already holds (25 h or more behind)', () => {
    const ring = createRing();
    recordRegistration(ring, T0 + RING_SPAN);
    expect(slotFor(ring, T0)).toBeNull();
    recordRegistration(ring, T0);
    expect(registeredSince(ring, T0 - DAY, T0 + 2 * DAY)).toBe(1);
    // one minute younger than that is a different slot, still writable
    expect(slotFor(ring, T0 + MINUTE)?.minute).toBe(T0 / MINUTE + 1);
  });

  it('handles instants before 1970 (negative minutes) without a negative index', () => {
    const ring = createRing();
    expect(slotFor(ring, -90_000)?.minute).toBe(-2);
    expect(ring[RING_SLOTS - 2]).not.toBeNull();
  });
});

describe('summarizeWindow', () => {
  it('summarises an empty ring as zero counts and null percentiles', () => {
    for (const name of WINDOW_NAMES) {
      expect(summarizeWindow(createRing(), NOW, WINDOWS[name])).toEqual({
        registered: 0,
        response: { count: 0, p50: null, p90: null, p99: null },
        resolution: { count: 0, p50: null, p90: null, p99: null },
        responseSlaCompliance: null,
        resolutionSlaCompliance: null,
        finished: 0,
        firstCallResolution: null,
      });
    }
  });

  it('summarises a ring with no slots at all (an unused key) the same way', () => {
    const summary = summarizeWindow([] as MinuteRing, NOW, WINDOWS['1h']);
    expect(summary.response).toEqual({ count: 0, p50: null, p90: null, p99: null });
    expect(summary.responseSlaCompliance).toBeNull();
    expect(summary.resolutionSlaCompliance).toBeNull();
    expect(summary.firstCallResolution).toBeNull();
  });

  it('reports one sample exactly', () => {
    const ring = createRing();
    recordResponse(ring, T0, 17 * MINUTE + 321, true);
    recordResolution(ring, T0, 5 * HOUR + 7);
    const summary = summarizeWindow(ring, NOW, WINDOWS['15m']);
    expect(summary.response).toEqual({
      count: 1,
      p50: 17 * MINUTE + 321,
      p90: 17 * MINUTE + 321,
      p99: 17 * MINUTE + 321,
    });
    expect(summary.resolution).toEqual({ count: 1, p50: 5 * HOUR + 7, p90: 5 * HOUR + 7, p99: 5 * HOUR + 7 });
    expect(summary.responseSlaCompliance).toBe(1);
  });

  it('reports many samples within ±2 % of the exact nearest-rank percentiles, per window', () => {
    const ring = createRing();
    const samples = lognormalSamples(3000, 25 * MINUTE, 1, 5);
    // spread over the last 2 hours: one sample every 2.4 s
    const at = samples.map((_, i) => NOW - Math.floor((i * 2 * HOUR) / samples.length));
    samples.forEach((ms, i) => recordResponse(ring, at[i] as number, ms, ms <= 30 * MINUTE));
    for (const name of WINDOW_NAMES) {
      const first = Math.floor(NOW / MINUTE) - WINDOWS[name] / MINUTE + 1;
      const inWindow = samples.filter((_, i) => Math.floor((at[i] as number) / MINUTE) >= first);
      const summary = summarizeWindow(ring, NOW, WINDOWS[name]);
      expect(summary.response.count).toBe(inWindow.length);
      expectWithin(summary.response.p50, nearestRank(inWindow, 0.5));
      expectWithin(summary.response.p90, nearestRank(inWindow, 0.9));
      expectWithin(summary.response.p99, nearestRank(inWindow, 0.99));
      expect(summary.responseSlaCompliance).toBeCloseTo(
        inWindow.filter((ms) => ms <= 30 * MINUTE).length / inWindow.length,
        10,
      );
    }
  });

  it('includes the oldest minute of the window and excludes the one before it', () => {
    const ring = createRing();
    // NOW is in minute m; the 15 min window holds minutes m-14 … m
    recordResponse(ring, T0 - 14 * MINUTE, 1 * MINUTE, true); // oldest minute inside
    recordResponse(ring, T0 - 14 * MINUTE - 1, 2 * MINUTE, true); // last ms of minute m-15: outside
    recordResponse(ring, T0 - 15 * MINUTE, 3 * MINUTE, true); // exactly 15 min before T0: outside
    const summary = summarizeWindow(ring, T0, WINDOWS['15m']);
    expect(summary.response.count).toBe(1);
    expect(summary.response.p50).toBe(MINUTE);
    expect(summarizeWindow(ring, T0, WINDOWS['1h']).response.count).toBe(3);
  });

  it('excludes samples of the future (after the clock minute)', () => {
    const ring = createRing();
    recordResponse(ring, T0 + MINUTE, MINUTE, true);
    expect(summarizeWindow(ring, T0 + 59_999, WINDOWS['15m']).response.count).toBe(0);
    expect(summarizeWindow(ring, T0 + MINUTE, WINDOWS['15m']).response.count).toBe(1);
  });

  it('drops a sample when the window slides past it', () => {
    const ring = createRing();
    recordRegistration(ring, T0);
    expect(summarizeWindow(ring, T0 + 14 * MINUTE + 59_999, WINDOWS['15m']).registered).toBe(1);
    expect(summarizeWindow(ring, T0 + 15 * MINUTE, WINDOWS['15m']).registered).toBe(0);
    expect(summarizeWindow(ring, T0 + 23 * HOUR + 59 * MINUTE, WINDOWS['24h']).registered).toBe(1);
    expect(summarizeWindow(ring, T0 + DAY, WINDOWS['24h']).registered).toBe(0);
  });

  it('never reports samples 25 h older than the newest: the ring overwrote them', () => {
    const ring = createRing();
    recordResponse(ring, T0, 10 * MINUTE, true);
    recordResponse(ring, T0 + RING_SPAN, 20 * MINUTE, false);
    // asked about the old minute: it is gone
    expect(summarizeWindow(ring, T0, WINDOWS['15m']).response.count).toBe(0);
    const summary = summarizeWindow(ring, T0 + RING_SPAN, WINDOWS['24h']);
    expect(summary.response).toEqual({ count: 1, p50: 20 * MINUTE, p90: 20 * MINUTE, p99: 20 * MINUTE });
    expect(summary.responseSlaCompliance).toBe(0);
  });

  it('computes the share of responses within SLA', () => {
    const ring = createRing();
    recordResponse(ring, T0, MINUTE, true);
    recordResponse(ring, T0, 2 * MINUTE, true);
    recordResponse(ring, T0 - 5 * MINUTE, 90 * MINUTE, false);
    recordResponse(ring, T0 - 30 * MINUTE, 3 * MINUTE, true);
    expect(summarizeWindow(ring, T0, WINDOWS['15m']).responseSlaCompliance).toBeCloseTo(2 / 3, 10);
    expect(summarizeWindow(ring, T0, WINDOWS['1h']).responseSlaCompliance).toBe(0.75);
  });

  it('does not change the ring', () => {
    const ring = createRing();
    recordResponse(ring, T0, MINUTE, true);
    const before = JSON.stringify(ring);
    summarizeWindow(ring, NOW, WINDOWS['24h']);
    expect(JSON.stringify(ring)).toBe(before);
  });
});

describe('resolution compliance and first-call resolution', () => {
  it('reports the share of resolutions within their target, null without resolutions', () => {
    const ring = createRing();
    recordResolution(ring, T0, HOUR, true);
    recordResolution(ring, T0, 2 * HOUR, true);
    recordResolution(ring, T0 - MINUTE, 3 * HOUR);
    recordResolution(ring, T0 - 30 * MINUTE, 4 * HOUR, false);
    expect(summarizeWindow(ring, T0, WINDOWS['15m']).resolutionSlaCompliance).toBeCloseTo(2 / 3, 10);
    expect(summarizeWindow(ring, T0, WINDOWS['1h']).resolutionSlaCompliance).toBe(0.5);
    expect(summarizeWindow(ring, T0 + HOUR, WINDOWS['15m']).resolutionSlaCompliance).toBeNull();
    // responses are a separate count
    expect(summarizeWindow(ring, T0, WINDOWS['1h']).responseSlaCompliance).toBeNull();
  });

  it('reports finished appeals and the share never routed', () => {
    const ring = createRing();
    recordFinish(ring, T0, false);
    recordFinish(ring, T0, true);
    recordFinish(ring, T0 - 5 * MINUTE, true);
    recordFinish(ring, T0 - 20 * MINUTE, false);
    expect(slotFor(ring, T0)).toMatchObject({ finished: 2, finishedUnrouted: 1 });
    const quarter = summarizeWindow(ring, T0, WINDOWS['15m']);
    expect(quarter.finished).toBe(3);
    expect(quarter.firstCallResolution).toBeCloseTo(1 / 3, 10);
    const hour = summarizeWindow(ring, T0, WINDOWS['1h']);
    expect(hour.finished).toBe(4);
    expect(hour.firstCallResolution).toBe(0.5);
    expect(summarizeWindow(ring, T0 + HOUR, WINDOWS['15m'])).toMatchObject({ finished: 0, firstCallResolution: null });
  });
});

describe('minuteOf / windowMinutes / slotsBetween / summarizeMinutes', () => {
  it('numbers minutes from the epoch, the last ms of a minute still in it', () => {
    expect(minuteOf(T0)).toBe(T0 / MINUTE);
    expect(minuteOf(T0 + 59_999)).toBe(T0 / MINUTE);
    expect(minuteOf(T0 - 1)).toBe(T0 / MINUTE - 1);
  });

  it('spans the window in whole minutes ending with the clock minute', () => {
    const last = T0 / MINUTE;
    expect(windowMinutes(NOW, WINDOWS['15m'])).toEqual({ first: last - 14, last });
    expect(windowMinutes(NOW, WINDOWS['1h'])).toEqual({ first: last - 59, last });
    expect(windowMinutes(NOW, WINDOWS['24h'])).toEqual({ first: last - 1439, last });
  });

  it('yields only the slots whose minute lies in [first, last]', () => {
    const ring = createRing();
    for (const offset of [-3, -2, -1, 0, 1]) recordRegistration(ring, T0 + offset * MINUTE);
    const last = T0 / MINUTE;
    const minutes = [...slotsBetween(ring, last - 2, last)].map((slot) => slot.minute).sort((a, b) => a - b);
    expect(minutes).toEqual([last - 2, last - 1, last]);
    expect([...slotsBetween(ring, last + 5, last + 9)]).toEqual([]);
  });

  it('summarises any range of minutes, e.g. the same hour yesterday, beside today', () => {
    const ring = createRing();
    recordResponse(ring, T0 - DAY, 5 * MINUTE, true);
    recordResponse(ring, T0 - DAY - 30 * MINUTE, 7 * MINUTE, false);
    recordResponse(ring, T0 - DAY - HOUR, 9 * MINUTE, false); // outside yesterday's hour
    recordResponse(ring, T0, 11 * MINUTE, false);
    const { first, last } = windowMinutes(T0, HOUR);
    const yesterday = summarizeMinutes([ring], first - 24 * 60, last - 24 * 60);
    expect(yesterday.response.count).toBe(2);
    expect(yesterday.responseSlaCompliance).toBe(0.5);
    const today = summarizeMinutes([ring], first, last);
    expect(today.response).toEqual({ count: 1, p50: 11 * MINUTE, p90: 11 * MINUTE, p99: 11 * MINUTE });
    expect(summarizeMinutes([ring], first, last)).toEqual(summarizeWindow(ring, T0, HOUR));
  });

  it('merges several rings', () => {
    const a = createRing();
    const b = createRing();
    recordRegistration(a, T0);
    recordRegistration(b, T0);
    recordResponse(a, T0, MINUTE, true);
    recordResponse(b, T0, 3 * MINUTE, false);
    const merged = summarizeMinutes([a, b], T0 / MINUTE, T0 / MINUTE);
    expect(merged.registered).toBe(2);
    expect(merged.response.count).toBe(2);
    expect(merged.responseSlaCompliance).toBe(0.5);
  });
});

describe('registeredSince', () => {
  it('counts registrations from the minute of `since` up to the minute of `now`', () => {
    const ring = createRing();
    recordRegistration(ring, T0 - 2 * HOUR);
    recordRegistration(ring, T0 - HOUR);
    recordRegistration(ring, T0 - HOUR + 1);
    recordRegistration(ring, T0);
    expect(registeredSince(ring, T0 - HOUR, T0)).toBe(3);
    expect(registeredSince(ring, T0 - 3 * HOUR, T0)).toBe(4);
    expect(registeredSince(ring, T0 - HOUR + MINUTE, T0)).toBe(1);
    expect(registeredSince(ring, T0 + MINUTE, T0 + 2 * MINUTE)).toBe(0);
  });
});

describe('record*', () => {
  it('ignores events too old for the ring instead of overwriting newer data', () => {
    const ring = createRing();
    recordRegistration(ring, T0 + RING_SPAN, 'app');
    recordResponse(ring, T0, MINUTE, true, 20 * MINUTE);
    recordResolution(ring, T0, MINUTE, true);
    recordRegistration(ring, T0, 'call');
    recordFinish(ring, T0, false);
    const slot = slotFor(ring, T0 + RING_SPAN);
    expect(slot).toMatchObject({
      registered: 1,
      channels: { app: 1 },
      responseWithinSla: 0,
      responseTargetMs: 0,
      resolutionWithinSla: 0,
      finished: 0,
      finishedUnrouted: 0,
    });
    expect(slot?.response.count).toBe(0);
    expect(slot?.resolution.count).toBe(0);
  });

  it('counts registrations per channel beside the total (a registration without a channel only in the total)', () => {
    const ring = createRing();
    recordRegistration(ring, T0, 'call');
    recordRegistration(ring, T0 + 1_000, 'call');
    recordRegistration(ring, T0 + 2_000, 'telegram');
    recordRegistration(ring, T0 + 3_000);
    expect(slotFor(ring, T0)).toMatchObject({ registered: 4, channels: { call: 2, telegram: 1 } });
  });

  it('sums the response targets of the minute (their mean is the SLA line)', () => {
    const ring = createRing();
    recordResponse(ring, T0, MINUTE, true, 60 * MINUTE);
    recordResponse(ring, T0 + 10_000, 30 * MINUTE, false, 20 * MINUTE);
    recordResponse(ring, T0 + 20_000, MINUTE, true);
    expect(slotFor(ring, T0)).toMatchObject({ responseWithinSla: 2, responseTargetMs: 80 * MINUTE });
  });

  it('serialises as plain JSON and keeps working afterwards', () => {
    const ring = createRing();
    recordResponse(ring, T0, 5 * MINUTE, true);
    const copy = JSON.parse(JSON.stringify(ring)) as MinuteRing;
    expect(copy).toHaveLength(RING_SLOTS);
    recordResponse(copy, T0, 7 * MINUTE, false);
    recordResponse(ring, T0, 7 * MINUTE, false);
    expect(summarizeWindow(copy, T0, WINDOWS['15m'])).toEqual(summarizeWindow(ring, T0, WINDOWS['15m']));
  });
});
