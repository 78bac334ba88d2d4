import { describe, expect, it } from 'vitest';
import {
  CATEGORY_CODES,
  ALL_KEY,
  CHANNELS,
  DISTRIBUTION_EDGES_MS,
  REGION_CODES,
  RING_SLOTS,
  SLA_COMPLIANCE_GOAL,
  analyticsFilterSchema,
  analyticsKey,
  applyEvent,
  bucketMsFor,
  bucketStart,
  computeAnalytics,
  computeStats,
  createProjection,
  filterInScope,
  getCategory,
  minuteOf,
  resolutionTimeOf,
  responseTimesFor,
  serializeProjection,
  type Alert,
  type Analytics,
  type Appeal,
  type AnalyticsFilter,
  type CategoryCode,
  type Channel,
  type Priority,
  type ProjectionState,
  type RegionCode,
  type RegionScope,
  type StreamEvent,
} from '@shared';
import {
  DAY,
  HOUR,
  MINUTE,
  T0,
  createEventFactory,
  createRandom,
  lognormalSamples,
  nearestRank,
  type EventFactory,
} from '../factories';

/**
 * The chart series (shared/src/analytics/analytics.ts), read from a projection built by
 * feeding events through `applyEvent`. The clock is fixed: T0 is 05:00 UTC (10:00 in
 * Astana), so it starts a 5-minute and an hour bucket; NOW is 2.5 minutes later.
 */
const NOW = T0 + 2 * MINUTE + 30_000;
const FIVE_MINUTES = 5 * MINUTE;
/** Start of the oldest 5-minute bucket of the 24 h series at NOW: 287 buckets before T0's. */
const OLDEST_BUCKET = T0 - 287 * FIVE_MINUTES;
/** Start of the oldest minute of the last hour at NOW (the minutes T0-57 … T0+2). */
const LAST_HOUR_FROM = T0 - 57 * MINUTE;

function stateOf(events: readonly StreamEvent[]): ProjectionState {
  const state = createProjection();
  for (const event of events) {
    const outcome = applyEvent(state, event);
    if (outcome.kind !== 'applied') throw new Error(`${event.id} not applied: ${JSON.stringify(outcome)}`);
  }
  return state;
}

function appealOf(state: ProjectionState, id: string): Appeal {
  const appeal = state.appeals.get(id);
  if (!appeal) throw new Error(`no appeal ${id}`);
  return appeal;
}

function analyticsOf(
  state: ProjectionState,
  filter: Partial<AnalyticsFilter> = {},
  scope: RegionScope = 'all',
  now = NOW,
  alerts: readonly Alert[] = [],
): Analytics {
  return computeAnalytics(state, now, scope, { window: '1h', ...filter }, alerts);
}

interface AppealOptions {
  region?: RegionCode;
  category?: CategoryCode;
  priority?: Priority;
  channel?: Channel;
  slaMinutes?: number;
}

/** An appeal registered `responseMs` before `assignedAt` and routed at `assignedAt`. */
function responded(
  f: EventFactory,
  id: string,
  assignedAt: number,
  responseMs: number,
  options: AppealOptions = {},
): StreamEvent[] {
  return [f.registered(id, { ...options, at: assignedAt - responseMs }), f.assigned(id, { at: assignedAt })];
}

function expectWithin(actual: number | null, expected: number, tolerance = 0.02): void {
  expect(actual).not.toBeNull();
  expect(Math.abs((actual as number) - expected) / expected, `${String(actual)} vs ${expected}`).toBeLessThanOrEqual(
    tolerance,
  );
}

const sum = (values: readonly number[]): number => values.reduce((total, v) => total + v, 0);
const responsesIn = (analytics: Analytics): number => sum(analytics.responseTimes.points.map((p) => p.count));

describe('bucketMsFor / bucketStart', () => {
  it('uses 1-minute buckets up to an hour and 5-minute buckets for 24 h', () => {
    expect(bucketMsFor('15m')).toBe(MINUTE);
    expect(bucketMsFor('1h')).toBe(MINUTE);
    expect(bucketMsFor('24h')).toBe(FIVE_MINUTES);
  });

  it('aligns buckets to the clock: the last ms of a bucket and the first of the next', () => {
    expect(bucketStart(T0, FIVE_MINUTES)).toBe(T0);
    expect(bucketStart(T0 - 1, FIVE_MINUTES)).toBe(T0 - FIVE_MINUTES);
    expect(bucketStart(T0 + FIVE_MINUTES - 1, FIVE_MINUTES)).toBe(T0);
    expect(bucketStart(NOW, MINUTE)).toBe(T0 + 2 * MINUTE);
    expect(bucketStart(NOW, HOUR)).toBe(T0);
  });
});

describe('response-time series', () => {
  it('has 288 five-minute points over 24 h, the last one the bucket of the clock', () => {
    const series = analyticsOf(createProjection()).responseTimes;
    expect(series.window).toBe('24h');
    expect(series.bucketMs).toBe(FIVE_MINUTES);
    expect(series.points).toHaveLength(288);
    expect(series.points[0]?.t).toBe(OLDEST_BUCKET);
    expect(series.points[287]?.t).toBe(T0);
    series.points.forEach((point, i) => expect(point.t).toBe(OLDEST_BUCKET + i * FIVE_MINUTES));
  });

  it('puts a response at the last ms of a bucket in that bucket and one at the first ms of the next in the next', () => {
    const f = createEventFactory();
    const state = stateOf([
      ...responded(f, 'last-ms', T0 - 1, 3 * MINUTE),
      ...responded(f, 'first-ms', T0, 7 * MINUTE),
    ]);
    const points = analyticsOf(state).responseTimes.points;
    expect(points[286]).toEqual({ t: T0 - FIVE_MINUTES, count: 1, p50: 3 * MINUTE, p90: 3 * MINUTE });
    expect(points[287]).toEqual({ t: T0, count: 1, p50: 7 * MINUTE, p90: 7 * MINUTE });
    expect(points.slice(0, 286).every((p) => p.count === 0 && p.p50 === null && p.p90 === null)).toBe(true);
  });

  it('starts at the oldest bucket boundary: a response at it counts, one a ms before does not', () => {
    const f = createEventFactory();
    const state = stateOf([
      ...responded(f, 'at-boundary', OLDEST_BUCKET, 4 * MINUTE),
      ...responded(f, 'before', OLDEST_BUCKET - 1, 9 * MINUTE),
    ]);
    const series = analyticsOf(state).responseTimes;
    expect(series.points[0]).toEqual({ t: OLDEST_BUCKET, count: 1, p50: 4 * MINUTE, p90: 4 * MINUTE });
    expect(responsesIn(analyticsOf(state))).toBe(1);
    // the ring still holds the older one (25 h): it is the series that leaves it out
    expect(computeStats(state, NOW).overall.windows['24h'].response.count).toBe(2);
    // once the clock enters the next bucket, the oldest one slides out
    const later = analyticsOf(state, {}, 'all', T0 + FIVE_MINUTES);
    expect(later.responseTimes.points[0]?.t).toBe(OLDEST_BUCKET + FIVE_MINUTES);
    expect(responsesIn(later)).toBe(0);
  });

  it('uses 1-minute buckets for 15m (15 points) and 1h (60 points), edges to the ms', () => {
    const f = createEventFactory();
    const clockMinute = T0 + 2 * MINUTE;
    const state = stateOf([
      ...responded(f, 'prev-minute-last-ms', clockMinute - 1, 2 * MINUTE),
      ...responded(f, 'clock-minute-first-ms', clockMinute, 5 * MINUTE),
      ...responded(f, 'oldest-of-15m', clockMinute - 14 * MINUTE, 6 * MINUTE),
      ...responded(f, 'before-15m', clockMinute - 14 * MINUTE - 1, 8 * MINUTE),
    ]);
    const quarter = responseTimesFor(state, NOW, 'all', { window: '15m' });
    expect(quarter.bucketMs).toBe(MINUTE);
    expect(quarter.points).toHaveLength(15);
    expect(quarter.points[0]).toEqual({ t: clockMinute - 14 * MINUTE, count: 1, p50: 6 * MINUTE, p90: 6 * MINUTE });
    expect(quarter.points[13]).toEqual({ t: clockMinute - MINUTE, count: 1, p50: 2 * MINUTE, p90: 2 * MINUTE });
    expect(quarter.points[14]).toEqual({ t: clockMinute, count: 1, p50: 5 * MINUTE, p90: 5 * MINUTE });
    expect(sum(quarter.points.map((p) => p.count))).toBe(3);

    const hour = responseTimesFor(state, NOW, 'all', { window: '1h' });
    expect(hour.points).toHaveLength(60);
    expect(hour.points[0]?.t).toBe(LAST_HOUR_FROM);
    expect(hour.points[44]).toEqual({ t: clockMinute - 15 * MINUTE, count: 1, p50: 8 * MINUTE, p90: 8 * MINUTE });
    expect(sum(hour.points.map((p) => p.count))).toBe(4);
  });
});

describe('percentiles of series points and region rows', () => {
  it('are null for no samples', () => {
    const analytics = analyticsOf(createProjection(), { window: '24h' });
    expect(analytics.responseTimes.points.every((p) => p.count === 0 && p.p50 === null && p.p90 === null)).toBe(true);
    expect(analytics.responseTimes.targetMs).toBeNull();
    expect(analytics.regions).toHaveLength(REGION_CODES.length);
    for (const row of analytics.regions) {
      expect(row).toEqual({ region: row.region, responses: 0, p50: null, compliance: null, breach: false });
    }
  });

  it('are the exact value for one sample', () => {
    const f = createEventFactory();
    const ms = 17 * MINUTE + 321;
    const state = stateOf(responded(f, 'a1', T0 - 2 * MINUTE, ms, { region: 'KZ-75' }));
    const analytics = analyticsOf(state);
    expect(analytics.responseTimes.points[286]).toEqual({ t: T0 - FIVE_MINUTES, count: 1, p50: ms, p90: ms });
    expect(analytics.regions[0]).toEqual({ region: 'KZ-75', responses: 1, p50: ms, compliance: 1, breach: false });
  });

  it('are within ±2 % of the exact nearest-rank values for many samples, per bucket and per region', () => {
    const f = createEventFactory();
    const fast = lognormalSamples(600, 12 * MINUTE, 0.7, 11);
    const slow = lognormalSamples(400, 50 * MINUTE, 0.9, 12);
    const events: StreamEvent[] = [];
    // `fast` in KZ-71 during the bucket before T0's, `slow` in KZ-75 during T0's bucket (up to the clock)
    fast.forEach((ms, i) => {
      const at = T0 - FIVE_MINUTES + Math.floor((i * FIVE_MINUTES) / fast.length);
      events.push(...responded(f, `fast-${i}`, at, ms, { region: 'KZ-71' }));
    });
    slow.forEach((ms, i) => {
      const at = T0 + Math.floor((i * (NOW - T0)) / slow.length);
      events.push(...responded(f, `slow-${i}`, at, ms, { region: 'KZ-75' }));
    });
    const analytics = analyticsOf(stateOf(events));
    const [before, last] = [analytics.responseTimes.points[286], analytics.responseTimes.points[287]];
    expect(before?.count).toBe(fast.length);
    expectWithin(before?.p50 ?? null, nearestRank(fast, 0.5));
    expectWithin(before?.p90 ?? null, nearestRank(fast, 0.9));
    expect(last?.count).toBe(slow.length);
    expectWithin(last?.p50 ?? null, nearestRank(slow, 0.5));
    expectWithin(last?.p90 ?? null, nearestRank(slow, 0.9));

    const target = getCategory('heating').responseSla.normal * MINUTE;
    const rowOf = (region: RegionCode) => analytics.regions.find((r) => r.region === region);
    for (const [region, samples] of [
      ['KZ-71', fast],
      ['KZ-75', slow],
    ] as const) {
      const row = rowOf(region);
      expect(row?.responses).toBe(samples.length);
      expectWithin(row?.p50 ?? null, nearestRank(samples, 0.5));
      expect(row?.compliance).toBeCloseTo(samples.filter((ms) => ms <= target).length / samples.length, 10);
    }
  });
});

describe('SLA compliance', () => {
  it('holds responses to their category and priority target, whatever slaMinutes says; the SLA line is their mean', () => {
    const f = createEventFactory();
    const heating = getCategory('heating').responseSla; // normal 60 min, emergency 15 min
    const gas = getCategory('gas').responseSla; // normal 20 min
    const at = T0 - 10 * MINUTE;
    const state = stateOf([
      ...responded(f, 'heating-on-time', at, heating.normal * MINUTE), // exactly on target: within
      ...responded(f, 'heating-late', at, heating.normal * MINUTE + 1),
      ...responded(f, 'heating-tight-sla', at, 30 * MINUTE, { slaMinutes: 5 }), // resolution target only
      ...responded(f, 'gas-on-time', at, 10 * MINUTE, { category: 'gas' }),
      ...responded(f, 'emergency-late', at, 20 * MINUTE, { priority: 'emergency' }),
    ]);
    const analytics = analyticsOf(state);
    const targets = [heating.normal, heating.normal, heating.normal, gas.normal, heating.emergency];
    expect(analytics.responseTimes.targetMs).toBe(Math.round((sum(targets) * MINUTE) / targets.length));
    expect(analytics.headline.responseSla).toEqual({ value: 3 / 5, previous: null, count: 5 });
    expect(analytics.regions[0]).toMatchObject({ region: 'KZ-71', responses: 5, compliance: 3 / 5, breach: true });
    // the SLA line of one category alone is that category's target
    expect(analyticsOf(state, { category: 'gas' }).responseTimes.targetMs).toBe(gas.normal * MINUTE);
  });

  it('holds resolutions to slaMinutes when the event set it, to the category default otherwise', () => {
    const f = createEventFactory();
    const resolvedAt = T0 - 10 * MINUTE;
    const resolvedAfter = (id: string, ms: number, options: AppealOptions = {}): StreamEvent[] => [
      f.registered(id, { ...options, at: resolvedAt - ms }),
      f.statusChanged(id, 'resolved', { at: resolvedAt }),
    ];
    const events = [
      ...resolvedAfter('default-within', 45 * MINUTE), // heating normal: 1440 min
      ...resolvedAfter('sla-30-late', 45 * MINUTE, { slaMinutes: 30 }),
      ...resolvedAfter('sla-60-within', 45 * MINUTE, { slaMinutes: 60 }),
      ...resolvedAfter('sla-50-exact', 50 * MINUTE, { slaMinutes: 50 }), // exactly at dueAt: within
      ...resolvedAfter('gas-high-late', 121 * MINUTE, { category: 'gas', priority: 'high' }), // 120 min
    ];
    const state = stateOf(events);
    expect(getCategory('gas').resolutionSla.high).toBe(120);
    expect(state.appeals.get('sla-30-late')?.dueAt).toBe(resolvedAt - 45 * MINUTE + 30 * MINUTE);
    const headline = analyticsOf(state).headline;
    expect(headline.resolutionSla).toEqual({ value: 3 / 5, previous: null, count: 5 });
    // no appeal was routed: no response figures
    expect(headline.responseSla).toEqual({ value: null, previous: null, count: 0 });
    expect(analyticsOf(state, { category: 'gas' }).headline.resolutionSla).toEqual({
      value: 0,
      previous: null,
      count: 1,
    });
  });
});

describe('reopen', () => {
  it('measures the resolution from the resolution after the reopen', () => {
    const f = createEventFactory();
    const registeredAt = T0 - 3 * HOUR;
    const state = stateOf([
      f.registered('a1', { at: registeredAt, slaMinutes: 120 }), // due at T0 - 1 h
      f.statusChanged('a1', 'resolved', { at: registeredAt + 30 * MINUTE }), // within
    ]);
    const justAfterFirst = registeredAt + 31 * MINUTE;
    expect(analyticsOf(state, {}, 'all', justAfterFirst).headline.resolutionSla).toMatchObject({ value: 1, count: 1 });

    applyEvent(state, f.statusChanged('a1', 'reopened', { at: registeredAt + HOUR }));
    expect(appealOf(state, 'a1').resolvedAt).toBeNull();
    expect(resolutionTimeOf(appealOf(state, 'a1'))).toBeNull();
    expect(computeStats(state, registeredAt + HOUR).overall.open).toBe(1);

    const secondAt = T0 - 10 * MINUTE;
    applyEvent(state, f.statusChanged('a1', 'resolved', { at: secondAt }));
    expect(appealOf(state, 'a1').resolvedAt).toBe(secondAt);
    expect(resolutionTimeOf(appealOf(state, 'a1'))).toBe(secondAt - registeredAt);
    // the last hour holds the second resolution only: 170 min, past the 120 min target
    const analytics = analyticsOf(state);
    expect(analytics.headline.resolutionSla).toEqual({ value: 0, previous: null, count: 1 });
    expect(computeStats(state, NOW).overall.windows['1h'].resolution).toEqual({
      count: 1,
      p50: secondAt - registeredAt,
      p90: secondAt - registeredAt,
      p99: secondAt - registeredAt,
    });
    // never routed: the second finish is a first-call resolution too
    expect(analytics.headline.firstCallResolution).toEqual({ value: 1, previous: null, count: 1 });
  });
});

describe('first-call resolution', () => {
  it('counts appeals finished without routing; routed ones do not count, a rejection does not finish', () => {
    const f = createEventFactory();
    const at = T0 - 20 * MINUTE;
    const state = stateOf([
      ...['closed-unrouted', 'resolved-unrouted', 'routed-closed', 'rejected', 'resolved-then-closed', 'open'].map(
        (id) => f.registered(id, { at: at - HOUR }),
      ),
      f.statusChanged('closed-unrouted', 'closed', { at }),
      f.statusChanged('resolved-unrouted', 'resolved', { at }),
      f.assigned('routed-closed', { at: at - 30 * MINUTE }),
      f.statusChanged('routed-closed', 'in_progress', { at: at - 20 * MINUTE }),
      f.statusChanged('routed-closed', 'closed', { at }),
      f.statusChanged('rejected', 'rejected', { at }),
      f.statusChanged('resolved-then-closed', 'resolved', { at }),
      f.statusChanged('resolved-then-closed', 'closed', { at: at + MINUTE }), // already finished: once
    ]);
    const headline = analyticsOf(state).headline;
    expect(headline.firstCallResolution).toEqual({ value: 3 / 4, previous: null, count: 4 });
    expect(computeStats(state, NOW).overall.windows['1h']).toMatchObject({ finished: 4, firstCallResolution: 3 / 4 });
  });
});

describe('headline trend against the same hour yesterday', () => {
  it('puts events 24 h earlier in `previous`, the current hour in `value`', () => {
    const f = createEventFactory();
    const target = getCategory('heating').responseSla.normal * MINUTE;
    const yesterday = LAST_HOUR_FROM - DAY;
    const events = [
      // yesterday, applied first: the 25 h ring must keep them while today's minutes are written
      ...responded(f, 'y-first-ms', yesterday, 10 * MINUTE),
      ...responded(f, 'y-late', yesterday + 30 * MINUTE, target + MINUTE),
      ...responded(f, 'y-before-hour', yesterday - 1, 10 * MINUTE), // the minute before: not in `previous`
      ...responded(f, 'y-after-hour', NOW - DAY + MINUTE, target + MINUTE), // the minute after: neither
      f.registered('y-fcr', { at: yesterday }),
      f.statusChanged('y-fcr', 'closed', { at: yesterday + 5 * MINUTE }),
      // today
      ...responded(f, 't1', LAST_HOUR_FROM, 5 * MINUTE),
      ...responded(f, 't2', T0 - 30 * MINUTE, 5 * MINUTE),
      ...responded(f, 't3', T0, 5 * MINUTE),
      ...responded(f, 't4', NOW, target + 1),
      ...responded(f, 'before-hour', LAST_HOUR_FROM - 1, target + 1),
    ];
    const headline = analyticsOf(stateOf(events)).headline;
    expect(headline.responseSla).toEqual({ value: 3 / 4, previous: 1 / 2, count: 4 });
    expect(headline.firstCallResolution).toEqual({ value: null, previous: 1, count: 0 });
    expect(headline.resolutionSla).toEqual({ value: null, previous: null, count: 0 });
  });
});

describe('intake', () => {
  const f = createEventFactory();
  const reg = (id: string, at: number, region: RegionCode, category: CategoryCode, channel: Channel): StreamEvent =>
    f.registered(id, { at, region, category, channel });
  const lastHour = T0 + MINUTE;
  const hourBefore = T0 - 30 * MINUTE;
  const events = [
    reg('h1', hourBefore, 'KZ-71', 'heating', 'call'),
    reg('h2', hourBefore, 'KZ-71', 'heating', 'call'),
    reg('h3', hourBefore + 1, 'KZ-75', 'heating', 'app'),
    reg('g1', hourBefore, 'KZ-75', 'gas', 'telegram'),
    reg('w1', lastHour, 'KZ-71', 'waste', 'web'),
    reg('w2', lastHour, 'KZ-71', 'waste', 'web'),
    reg('w3', lastHour, 'KZ-75', 'waste', 'walk_in'),
    reg('h4', lastHour, 'KZ-75', 'heating', 'social'),
    reg('h5', T0 - 23 * HOUR, 'KZ-71', 'heating', 'call'), // first ms of the oldest hour
    reg('r1', T0 - 23 * HOUR + 59 * MINUTE, 'KZ-71', 'roads', 'app'),
    reg('r2', T0 - 10 * HOUR, 'KZ-75', 'roads', 'call'),
    reg('too-old', T0 - 23 * HOUR - 1, 'KZ-71', 'gas', 'call'),
  ];
  const state = stateOf(events);

  it('has 24 hourly points, the last one the hour of the clock', () => {
    const intake = analyticsOf(state).intake;
    expect(intake.bucketMs).toBe(HOUR);
    expect(intake.points).toHaveLength(24);
    intake.points.forEach((p, i) => expect(p.t).toBe(T0 - 23 * HOUR + i * HOUR));
  });

  it('counts per channel and per category, each stack summing to the total', () => {
    const intake = analyticsOf(state).intake;
    const zeroChannels = Object.fromEntries(CHANNELS.map((c) => [c, 0]));
    expect(intake.points[23]).toEqual({
      t: T0,
      total: 4,
      byChannel: { ...zeroChannels, web: 2, walk_in: 1, social: 1 },
      byCategory: { waste: 3, heating: 1 },
    });
    expect(intake.points[22]).toEqual({
      t: T0 - HOUR,
      total: 4,
      byChannel: { ...zeroChannels, call: 2, app: 1, telegram: 1 },
      byCategory: { heating: 3, gas: 1 },
    });
    expect(intake.points[0]).toMatchObject({ total: 2, byCategory: { heating: 1, roads: 1 } });
    expect(intake.points[13]).toMatchObject({ t: T0 - 10 * HOUR, total: 1, byCategory: { roads: 1 } });
    for (const point of intake.points) {
      expect(sum(Object.values(point.byChannel))).toBe(point.total);
      expect(sum(Object.values(point.byCategory))).toBe(point.total);
    }
    expect(sum(intake.points.map((p) => p.total))).toBe(events.length - 1); // all but `too-old`
  });

  it('orders the categories busiest first', () => {
    // heating 5, waste 3, roads 2, gas 1 (`too-old` is outside the span)
    expect(analyticsOf(state).intake.categories).toEqual(['heating', 'waste', 'roads', 'gas']);
  });

  it('narrows to a region and to a category', () => {
    const astana = analyticsOf(state, { region: 'KZ-71' }).intake;
    expect(astana.points[23]).toMatchObject({ total: 2, byCategory: { waste: 2 } });
    expect(astana.categories).toEqual(['heating', 'waste', 'roads']);

    const heating = analyticsOf(state, { category: 'heating' }).intake;
    expect(heating.categories).toEqual(['heating']);
    expect(heating.points[22]).toMatchObject({ total: 3, byCategory: { heating: 3 } });
    expect(heating.points[22]?.byChannel).toMatchObject({ call: 2, app: 1, telegram: 0 });
    for (const point of heating.points) expect(sum(Object.values(point.byCategory))).toBe(point.total);

    const almatyWaste = analyticsOf(state, { region: 'KZ-75', category: 'waste' }).intake;
    expect(almatyWaste.categories).toEqual(['waste']);
    expect(sum(almatyWaste.points.map((p) => p.total))).toBe(1);
    expect(almatyWaste.points[23]).toMatchObject({ total: 1, byCategory: { waste: 1 } });
  });
});

describe('distribution', () => {
  const MIN = MINUTE;

  it('has log-scale buckets 0, 30 s, 1-2-5 minutes … 2000 min, the last one open', () => {
    const edges = [0, 30_000, MIN, 2 * MIN, 5 * MIN, 10 * MIN, 20 * MIN, 50 * MIN, 100 * MIN, 200 * MIN];
    expect(DISTRIBUTION_EDGES_MS).toEqual([...edges, 500 * MIN, 1000 * MIN, 2000 * MIN]);
    const buckets = analyticsOf(createProjection()).distribution;
    expect(buckets.map((b) => b.fromMs)).toEqual(DISTRIBUTION_EDGES_MS);
    expect(buckets.map((b) => b.toMs)).toEqual([...DISTRIBUTION_EDGES_MS.slice(1), null]);
    expect(buckets.every((b) => b.count === 0)).toBe(true);
  });

  it('counts each response in its bucket; the counts add up to the responses of the window (15m vs 24h)', () => {
    const f = createEventFactory();
    // one response inside each bucket, well away from the edges (the histogram reads within ±1 %)
    const inside = [10_000, 45_000, 90_000, 3 * MIN, 7 * MIN, 15 * MIN, 30 * MIN, 70 * MIN, 150 * MIN];
    const recent = [...inside, 300 * MIN, 700 * MIN, 1500 * MIN, 3000 * MIN];
    const older = [40_000, 40_000, 8 * MIN];
    const state = stateOf([
      ...recent.map((ms, i) => responded(f, `r${i}`, T0 - 5 * MIN, ms)).flat(),
      ...older.map((ms, i) => responded(f, `o${i}`, T0 - 3 * HOUR, ms)).flat(),
    ]);
    const quarter = analyticsOf(state, { window: '15m' }).distribution;
    expect(quarter.map((b) => b.count)).toEqual(recent.map(() => 1));
    expect(sum(quarter.map((b) => b.count))).toBe(computeStats(state, NOW).overall.windows['15m'].response.count);

    const day = analyticsOf(state, { window: '24h' }).distribution;
    expect(day.map((b) => b.count)).toEqual([1, 3, 1, 1, 2, 1, 1, 1, 1, 1, 1, 1, 1]);
    expect(sum(day.map((b) => b.count))).toBe(recent.length + older.length);
    expect(sum(day.map((b) => b.count))).toBe(computeStats(state, NOW).overall.windows['24h'].response.count);
  });

  it('counts a response of exactly an edge in the bucket that edge starts', () => {
    const f = createEventFactory();
    const state = stateOf([...responded(f, 'a', T0, 2 * MIN), ...responded(f, 'b', T0, 2 * MIN)]);
    const buckets = analyticsOf(state, { window: '15m' }).distribution;
    expect(buckets.find((b) => b.count > 0)).toEqual({ fromMs: 2 * MIN, toMs: 5 * MIN, count: 2 });
  });
});

/**
 * A day of mixed traffic (4 regions, 3 categories, every channel, routed, unrouted and
 * rejected) so filters and scopes can be checked against a projection of the subset alone.
 */
function mixedTraffic(): StreamEvent[] {
  const f = createEventFactory('mix');
  const random = createRandom(7);
  const regions: RegionCode[] = ['KZ-71', 'KZ-75', 'KZ-79', 'KZ-10'];
  const categories: CategoryCode[] = ['heating', 'heating', 'heating', 'waste', 'waste', 'gas']; // weighted
  const responses = lognormalSamples(296, 30 * MINUTE, 1, 21);
  const events: StreamEvent[] = [];
  // every 5 minutes over the last 24 h 40 min, all events at or before the clock
  for (let i = 0; i < 296; i += 1) {
    const id = `m${i}`;
    const registeredAt = NOW - 24 * HOUR - 40 * MINUTE + i * FIVE_MINUTES + Math.floor(random() * 60_000);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
    const options = {
      at: registeredAt,
      region: pick(regions),
      category: pick(categories),
      channel: pick(CHANNELS),
      priority: pick<Priority>(['normal', 'normal', 'high', 'emergency']),
      ...(i % 7 === 0 ? { slaMinutes: 30 } : {}),
    };
    events.push(f.registered(id, options));
    const assignedAt = registeredAt + (responses[i] as number);
    // the first two hours finish fast, so the same hour yesterday has finishes too
    const finishedAt = registeredAt + Math.floor(random() * (i < 24 ? 20 * MINUTE : 3 * HOUR));
    switch (i % 5) {
      case 0:
        if (assignedAt <= NOW) events.push(f.assigned(id, { at: assignedAt }));
        if (assignedAt <= NOW && finishedAt <= NOW)
          events.push(f.statusChanged(id, 'resolved', { at: Math.max(finishedAt, assignedAt) }));
        break;
      case 1:
        if (assignedAt <= NOW) events.push(f.assigned(id, { at: assignedAt }));
        break;
      case 2:
        if (finishedAt <= NOW) events.push(f.statusChanged(id, 'closed', { at: finishedAt }));
        break;
      case 3:
        if (assignedAt <= NOW) events.push(f.assigned(id, { at: assignedAt }));
        if (assignedAt <= NOW && finishedAt <= NOW)
          events.push(f.statusChanged(id, 'closed', { at: Math.max(finishedAt, assignedAt) }));
        break;
      default:
        if (finishedAt <= NOW) events.push(f.statusChanged(id, 'rejected', { at: finishedAt }));
    }
  }
  return events.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}

/** The parts of the analytics that are figures (not the clock, cursor or filter). */
function figuresOf(analytics: Analytics): Omit<Analytics, 'asOf' | 'cursor' | 'filter' | 'alerts'> {
  const { asOf: _asOf, cursor: _cursor, filter: _filter, alerts: _alerts, ...figures } = analytics;
  return figures;
}

describe('region filter, category filter and regional scope', () => {
  const events = mixedTraffic();
  const state = stateOf(events);
  const subset = (keep: (e: StreamEvent) => boolean): ProjectionState => {
    // follow-ups carry their appeal's region; the category is the registration's
    const kept = new Set(events.filter((e) => e.type === 'appeal.registered' && keep(e)).map((e) => e.id));
    const appeals = new Set(events.filter((e) => kept.has(e.id)).map((e) => (e.data as { appealId: string }).appealId));
    return stateOf(events.filter((e) => appeals.has((e.data as { appealId: string }).appealId)));
  };
  const categoryOf = (e: StreamEvent): string => (e.data as { category?: string }).category ?? '';

  it('is built from a meaningful amount of traffic', () => {
    const analytics = analyticsOf(state, { window: '24h' });
    expect(responsesIn(analytics)).toBeGreaterThan(100);
    expect(analytics.headline.firstCallResolution.count).toBeGreaterThan(0);
    for (const trend of Object.values(analytics.headline)) {
      expect(trend.count).toBeGreaterThan(0);
      expect(trend.previous).not.toBeNull();
    }
    const compliance = analytics.regions.map((r) => r.compliance).filter((c) => c !== null);
    expect(compliance.length).toBe(4);
    expect(compliance.some((c) => c < 1)).toBe(true);
  });

  it('gives a regional scope exactly the figures of its regions alone, never the others', () => {
    const scope: RegionCode[] = ['KZ-75', 'KZ-71'];
    const alone = subset((e) => e.region !== undefined && scope.includes(e.region));
    for (const window of ['15m', '1h', '24h'] as const) {
      const scoped = analyticsOf(state, { window }, scope);
      const expected = analyticsOf(alone, { window });
      expect(scoped.regions.map((r) => r.region).sort()).toEqual(['KZ-71', 'KZ-75']);
      expect(figuresOf(scoped)).toEqual({
        ...figuresOf(expected),
        regions: expected.regions.filter((r) => scope.includes(r.region)),
      });
    }
    // and the national figures really are different (larger)
    expect(responsesIn(analyticsOf(state))).toBeGreaterThan(responsesIn(analyticsOf(state, {}, scope)));
  });

  it('narrows to one region: the same figures as that region alone, one region row', () => {
    const alone = subset((e) => e.region === 'KZ-79');
    const filtered = analyticsOf(state, { region: 'KZ-79', window: '24h' });
    expect(filtered.regions.map((r) => r.region)).toEqual(['KZ-79']);
    expect(figuresOf(filtered)).toEqual({
      ...figuresOf(analyticsOf(alone, { window: '24h' })),
      regions: analyticsOf(alone, { window: '24h' }).regions.filter((r) => r.region === 'KZ-79'),
    });
    // a regional user filtering on one of their regions sees the same
    expect(figuresOf(analyticsOf(state, { region: 'KZ-79', window: '24h' }, ['KZ-79', 'KZ-10']))).toEqual(
      figuresOf(filtered),
    );
  });

  it('narrows to one category: the same figures as that category alone, per region too', () => {
    const alone = subset((e) => categoryOf(e) === 'gas');
    for (const window of ['15m', '24h'] as const) {
      expect(figuresOf(analyticsOf(state, { category: 'gas', window }))).toEqual(
        figuresOf(analyticsOf(alone, { window })),
      );
    }
    const scope: RegionCode[] = ['KZ-10', 'KZ-71'];
    const scopedAlone = subset((e) => categoryOf(e) === 'gas' && e.region !== undefined && scope.includes(e.region));
    const scoped = analyticsOf(state, { category: 'gas', window: '24h' }, scope);
    const expected = analyticsOf(scopedAlone, { window: '24h' });
    expect(figuresOf(scoped)).toEqual({
      ...figuresOf(expected),
      regions: expected.regions.filter((r) => scope.includes(r.region)),
    });
  });

  it('refuses a region filter outside the scope', () => {
    expect(filterInScope({ window: '1h', region: 'KZ-79' }, ['KZ-71'])).toBe(false);
    expect(filterInScope({ window: '1h', region: 'KZ-71' }, ['KZ-71'])).toBe(true);
    expect(filterInScope({ window: '1h' }, ['KZ-71'])).toBe(true);
    expect(filterInScope({ window: '1h', region: 'KZ-79' }, 'all')).toBe(true);
  });

  it('keeps only the alerts of the scope and the filter (bursts of the filtered category only)', () => {
    const alerts: Alert[] = [
      { id: 'burst:KZ-71:heating', kind: 'burst', region: 'KZ-71', category: 'heating', value: 9, limit: 5, since: T0 },
      { id: 'burst:KZ-71:gas', kind: 'burst', region: 'KZ-71', category: 'gas', value: 9, limit: 5, since: T0 },
      { id: 'overdue:KZ-71', kind: 'overdue', region: 'KZ-71', value: 0.5, limit: 0.25, since: T0 },
      { id: 'backlog:KZ-79', kind: 'backlog', region: 'KZ-79', value: 90, limit: 60, since: T0 },
    ];
    const ids = (a: Analytics) => a.alerts.map((alert) => alert.id);
    expect(ids(analyticsOf(state, {}, 'all', NOW, alerts))).toEqual(alerts.map((a) => a.id));
    expect(ids(analyticsOf(state, {}, ['KZ-71'], NOW, alerts))).toEqual([
      'burst:KZ-71:heating',
      'burst:KZ-71:gas',
      'overdue:KZ-71',
    ]);
    expect(ids(analyticsOf(state, { region: 'KZ-79' }, 'all', NOW, alerts))).toEqual(['backlog:KZ-79']);
    expect(ids(analyticsOf(state, { category: 'gas' }, 'all', NOW, alerts))).toEqual([
      'burst:KZ-71:gas',
      'overdue:KZ-71',
      'backlog:KZ-79',
    ]);
  });

  it('does not change the projection', () => {
    const before = JSON.stringify(serializeProjection(state));
    analyticsOf(state, { region: 'KZ-71', category: 'heating', window: '24h' }, ['KZ-71']);
    analyticsOf(state, { window: '15m' });
    expect(JSON.stringify(serializeProjection(state))).toBe(before);
  });
});

describe('region rows', () => {
  it('sorts worst compliance first, regions without responses last, breach below the goal', () => {
    const f = createEventFactory();
    const target = getCategory('heating').responseSla.normal * MINUTE;
    const events: StreamEvent[] = [];
    const add = (region: RegionCode, within: number, late: number): void => {
      for (let i = 0; i < within + late; i += 1) {
        const ms = i < within ? 10 * MINUTE + i * 1000 : target + MINUTE;
        events.push(...responded(f, `${region}-${i}`, T0 - 20 * MINUTE, ms, { region }));
      }
    };
    add('KZ-71', 9, 1); // 0.9: at the goal, not below it
    add('KZ-75', 1, 1); // 0.5
    add('KZ-79', 10, 0); // 1
    add('KZ-10', 0, 1); // 0
    const rows = analyticsOf(stateOf(events)).regions;
    expect(SLA_COMPLIANCE_GOAL).toBe(0.9);
    expect(rows).toHaveLength(REGION_CODES.length);
    expect(rows.slice(0, 4).map((r) => [r.region, r.responses, r.compliance, r.breach])).toEqual([
      ['KZ-10', 1, 0, true],
      ['KZ-75', 2, 0.5, true],
      ['KZ-71', 10, 0.9, false],
      ['KZ-79', 10, 1, false],
    ]);
    const rest = rows.slice(4);
    expect(rest.every((r) => r.responses === 0 && r.compliance === null && !r.breach)).toBe(true);
    expect(rest.map((r) => r.region)).toEqual([...rest.map((r) => r.region)].sort());
  });

  it('breaks a tie in compliance by the slower median first', () => {
    const f = createEventFactory();
    const state = stateOf([
      ...responded(f, 'fast', T0 - 5 * MINUTE, 5 * MINUTE, { region: 'KZ-71' }),
      ...responded(f, 'slow', T0 - 5 * MINUTE, 25 * MINUTE, { region: 'KZ-75' }),
    ]);
    expect(
      analyticsOf(state)
        .regions.slice(0, 2)
        .map((r) => r.region),
    ).toEqual(['KZ-75', 'KZ-71']);
  });

  it('covers filter.window: a response 20 minutes ago is in 1h and 24h, not in 15m', () => {
    const f = createEventFactory();
    const state = stateOf(responded(f, 'a', T0 - 20 * MINUTE, 3 * MINUTE, { region: 'KZ-55' }));
    const rowIn = (window: AnalyticsFilter['window']) =>
      analyticsOf(state, { window }).regions.find((r) => r.region === 'KZ-55');
    expect(rowIn('15m')?.responses).toBe(0);
    expect(rowIn('1h')?.responses).toBe(1);
    expect(rowIn('24h')?.responses).toBe(1);
  });
});

describe('analyticsFilterSchema / analyticsKey', () => {
  it('defaults the window to 1h and refuses unknown keys, windows, regions and categories', () => {
    expect(analyticsFilterSchema.parse({})).toEqual({ window: '1h' });
    expect(analyticsFilterSchema.parse({ region: 'KZ-71', category: 'gas', window: '24h' })).toEqual({
      region: 'KZ-71',
      category: 'gas',
      window: '24h',
    });
    for (const bad of [{ window: '2h' }, { region: 'KZ-00' }, { category: 'pizza' }, { windw: '1h' }, { window: 15 }]) {
      expect(analyticsFilterSchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });

  it('gives one key per scope and filter, whatever the order of the scope', () => {
    const filter: AnalyticsFilter = { window: '1h', category: 'gas' };
    expect(analyticsKey(['KZ-75', 'KZ-71'], filter)).toBe(analyticsKey(['KZ-71', 'KZ-75'], filter));
    const keys = [
      analyticsKey('all', filter),
      analyticsKey(['KZ-71'], filter),
      analyticsKey('all', { ...filter, window: '24h' }),
      analyticsKey('all', { window: '1h' }),
      analyticsKey('all', { ...filter, region: 'KZ-71' }),
    ];
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe('bounded memory', () => {
  it('keeps every ring at RING_SLOTS and the number of rings bounded after a week of traffic', () => {
    const f = createEventFactory('week');
    const state = createProjection();
    const start = T0 - 7 * DAY;
    const step = 3 * MINUTE;
    const regions = REGION_CODES;
    const categories = CATEGORY_CODES;
    let lastAt = start;
    const assignedAt: number[] = [];
    for (let i = 0; start + i * step <= T0; i += 1) {
      const at = start + i * step;
      const id = `w${i}`;
      // region and category cycle at different speeds, so every pair occurs
      const region = regions[i % regions.length] as RegionCode;
      const category = categories[Math.floor(i / regions.length) % categories.length] as CategoryCode;
      applyEvent(state, f.registered(id, { at, region, category, channel: CHANNELS[i % CHANNELS.length] as Channel }));
      // registered, routed and resolved in three consecutive minutes: every minute of the week has events
      applyEvent(state, f.assigned(id, { at: at + MINUTE }));
      assignedAt.push(at + MINUTE);
      applyEvent(state, f.statusChanged(id, 'resolved', { at: at + 2 * MINUTE }));
      lastAt = at + 2 * MINUTE;
    }
    expect(state.counters.ignored).toBe(0);
    const rings = Object.values(state.metrics);
    const bound = 1 + regions.length + categories.length + regions.length * categories.length;
    expect(rings.length).toBe(bound); // every pair occurred, so the bound is reached, not passed
    for (const ring of rings) expect(ring).toHaveLength(RING_SLOTS);
    // the national ring saw every minute: it holds exactly the last RING_SLOTS of them, nothing older
    const newest = minuteOf(lastAt);
    const national = state.metrics[ALL_KEY] ?? [];
    expect(national.every((slot) => slot !== null && newest - slot.minute < RING_SLOTS)).toBe(true);
    const registeredAt = assignedAt.map((t) => t - MINUTE);
    const held = sum(national.map((slot) => slot?.registered ?? 0));
    expect(held).toBe(registeredAt.filter((t) => newest - minuteOf(t) < RING_SLOTS).length);
    const analytics = analyticsOf(state, { window: '24h' }, 'all', lastAt);
    expect(analytics.responseTimes.points).toHaveLength(288);
    expect(analytics.intake.points).toHaveLength(24);
    expect(analytics.distribution).toHaveLength(DISTRIBUTION_EDGES_MS.length);
    expect(analytics.regions).toHaveLength(REGION_CODES.length);
    // the series holds the responses of its 288 buckets, not the week's
    const seriesFrom = bucketStart(lastAt, FIVE_MINUTES) - 287 * FIVE_MINUTES;
    const expected = assignedAt.filter((t) => t >= seriesFrom && t <= lastAt).length;
    expect(expected).toBeLessThan(assignedAt.length / 6);
    expect(responsesIn(analytics)).toBe(expected);
  });
});
