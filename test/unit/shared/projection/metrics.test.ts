import { describe, expect, it } from 'vitest';
import {
  CATEGORY_CODES,
  KZ_UTC_OFFSET_MS,
  REGIONS,
  REGION_CODES,
  WINDOW_NAMES,
  applyEvent,
  computeStats,
  createProjection,
  getCategory,
  getRegion,
  isOverdue,
  resolutionTimeOf,
  responseTimeOf,
  serializeProjection,
  startOfKzDay,
  type Appeal,
  type Kpis,
  type ProjectionState,
  type StreamEvent,
} from '@shared';
import { DAY, HOUR, MINUTE, T0, createEventFactory, lognormalSamples, nearestRank } from '../factories';

function stateOf(events: readonly StreamEvent[]): ProjectionState {
  const state = createProjection();
  for (const event of events) applyEvent(state, event);
  return state;
}

function appealOf(state: ProjectionState, id: string): Appeal {
  const appeal = state.appeals.get(id);
  if (!appeal) throw new Error(`no appeal ${id}`);
  return appeal;
}

function expectWithin(actual: number | null, expected: number, tolerance = 0.02): void {
  expect(actual).not.toBeNull();
  expect(Math.abs((actual as number) - expected) / expected, `${String(actual)} vs ${expected}`).toBeLessThanOrEqual(
    tolerance,
  );
}

const EMPTY_PERCENTILES = { count: 0, p50: null, p90: null, p99: null };

function expectEmptyWindows(kpis: Kpis): void {
  for (const name of WINDOW_NAMES) {
    expect(kpis.windows[name]).toEqual({
      registered: 0,
      response: EMPTY_PERCENTILES,
      resolution: EMPTY_PERCENTILES,
      responseSlaCompliance: null,
      resolutionSlaCompliance: null,
      finished: 0,
      firstCallResolution: null,
    });
  }
}

describe('startOfKzDay', () => {
  it('is midnight in Kazakhstan (UTC+5), i.e. 19:00 UTC the day before', () => {
    expect(KZ_UTC_OFFSET_MS).toBe(5 * HOUR);
    const midnight = Date.parse('2026-11-27T00:00:00+05:00');
    expect(startOfKzDay(T0)).toBe(midnight);
    expect(startOfKzDay(midnight)).toBe(midnight);
    expect(startOfKzDay(Date.parse('2026-11-27T23:59:59.999+05:00'))).toBe(midnight);
    expect(startOfKzDay(Date.parse('2026-11-26T23:59:59.999+05:00'))).toBe(midnight - DAY);
    expect(startOfKzDay(Date.parse('2026-11-26T20:00:00Z'))).toBe(midnight);
    expect(new Date(midnight).toISOString()).toBe('2026-11-26T19:00:00.000Z');
  });
});

describe('isOverdue', () => {
  const f = createEventFactory();
  const state = stateOf([
    f.registered('default', { at: T0, category: 'heating', priority: 'normal' }),
    f.registered('override', { at: T0, category: 'heating', priority: 'normal', slaMinutes: 30 }),
    f.registered('emergency', { at: T0, category: 'gas', priority: 'emergency' }),
  ]);

  it('is false up to and including dueAt, true after it', () => {
    const appeal = appealOf(state, 'default');
    const due = T0 + getCategory('heating').resolutionSla.normal * MINUTE;
    expect(appeal.dueAt).toBe(due);
    expect(isOverdue(appeal, T0)).toBe(false);
    expect(isOverdue(appeal, due - 1)).toBe(false);
    expect(isOverdue(appeal, due)).toBe(false);
    expect(isOverdue(appeal, due + 1)).toBe(true);
  });

  it('uses slaMinutes from the event over the category default', () => {
    const override = appealOf(state, 'override');
    const byDefault = appealOf(state, 'default');
    expect(isOverdue(override, T0 + 30 * MINUTE)).toBe(false);
    expect(isOverdue(override, T0 + 31 * MINUTE)).toBe(true);
    expect(isOverdue(byDefault, T0 + 31 * MINUTE)).toBe(false);
  });

  it('uses the priority target (gas emergency: 40 min)', () => {
    const appeal = appealOf(state, 'emergency');
    expect(isOverdue(appeal, T0 + 40 * MINUTE)).toBe(false);
    expect(isOverdue(appeal, T0 + 40 * MINUTE + 1)).toBe(true);
  });

  it.each(['resolved', 'closed', 'rejected'] as const)('is never true for a %s appeal', (status) => {
    const g = createEventFactory();
    const s = stateOf([
      g.registered('a1', { at: T0, slaMinutes: 5 }),
      g.statusChanged('a1', status, { at: T0 + HOUR }),
    ]);
    expect(isOverdue(appealOf(s, 'a1'), T0 + DAY)).toBe(false);
  });

  it.each(['in_progress', 'redirected', 'reopened'] as const)('is true for a late %s appeal', (status) => {
    const g = createEventFactory();
    const s = stateOf([
      g.registered('a1', { at: T0, slaMinutes: 5 }),
      g.statusChanged('a1', status, { at: T0 + MINUTE }),
    ]);
    expect(isOverdue(appealOf(s, 'a1'), T0 + 6 * MINUTE)).toBe(true);
  });
});

describe('responseTimeOf / resolutionTimeOf', () => {
  it('are null until responded / resolved, then the difference from registration', () => {
    const f = createEventFactory();
    const state = stateOf([f.registered('a1', { at: T0 })]);
    expect(responseTimeOf(appealOf(state, 'a1'))).toBeNull();
    expect(resolutionTimeOf(appealOf(state, 'a1'))).toBeNull();
    applyEvent(state, f.assigned('a1', { at: T0 + 7 * MINUTE + 500 }));
    applyEvent(state, f.statusChanged('a1', 'resolved', { at: T0 + 26 * HOUR }));
    expect(responseTimeOf(appealOf(state, 'a1'))).toBe(7 * MINUTE + 500);
    expect(resolutionTimeOf(appealOf(state, 'a1'))).toBe(26 * HOUR);
  });
});

describe('computeStats', () => {
  it('reports an empty projection: zeros, null percentiles, every region and category present', () => {
    const state = createProjection();
    const stats = computeStats(state, T0);
    expect(stats.asOf).toBe(T0);
    expect(stats.cursor).toBe('0-0');
    expect(Object.keys(stats.regions)).toEqual([...REGION_CODES]);
    expect(Object.keys(stats.categories)).toEqual([...CATEGORY_CODES]);
    for (const kpis of [stats.overall, ...Object.values(stats.regions), ...Object.values(stats.categories)]) {
      expect(kpis.open).toBe(0);
      expect(kpis.overdue).toBe(0);
      expect(kpis.registeredToday).toBe(0);
      expectEmptyWindows(kpis);
    }
    expect(stats.overall.loadPer100k).toBe(0);
    expect(stats.regions['KZ-71']?.loadPer100k).toBe(0);
    expect(stats.categories.heating.loadPer100k).toBeNull();
  });

  it('counts open and overdue appeals per country, region and category', () => {
    const f = createEventFactory();
    const state = stateOf([
      f.registered('a1', { at: T0 - 2 * HOUR, region: 'KZ-71', category: 'gas', slaMinutes: 60 }), // overdue
      f.registered('a2', { at: T0 - 2 * HOUR, region: 'KZ-71', category: 'gas', slaMinutes: 180 }), // open
      f.registered('a3', { at: T0 - 2 * HOUR, region: 'KZ-75', category: 'waste', slaMinutes: 30 }), // overdue
      f.registered('a4', { at: T0 - 2 * HOUR, region: 'KZ-75', category: 'gas', slaMinutes: 30 }),
      f.statusChanged('a4', 'resolved', { at: T0 - HOUR }), // not open
      f.registered('a5', { at: T0 - 3 * HOUR, region: 'KZ-79', category: 'roads', slaMinutes: 60 }),
      f.statusChanged('a5', 'rejected', { at: T0 - 2 * HOUR }), // not open
      f.registered('a6', { at: T0, region: 'KZ-79', category: 'roads' }),
      f.assigned('a6', { at: T0 + MINUTE }), // open (assigned)
    ]);
    const stats = computeStats(state, T0);
    expect(stats.overall).toMatchObject({ open: 4, overdue: 2 });
    expect(stats.regions['KZ-71'] as Kpis).toMatchObject({ open: 2, overdue: 1 });
    expect(stats.regions['KZ-75'] as Kpis).toMatchObject({ open: 1, overdue: 1 });
    expect(stats.regions['KZ-79'] as Kpis).toMatchObject({ open: 1, overdue: 0 });
    expect(stats.regions['KZ-10'] as Kpis).toMatchObject({ open: 0, overdue: 0 });
    expect(stats.categories.gas).toMatchObject({ open: 2, overdue: 1 });
    expect(stats.categories.waste).toMatchObject({ open: 1, overdue: 1 });
    expect(stats.categories.roads).toMatchObject({ open: 1, overdue: 0 });
    // overdue is computed from the clock: later, more are overdue
    expect(computeStats(state, T0 + 2 * HOUR).overall.overdue).toBe(3);
  });

  it('counts a reopened appeal in the backlog again', () => {
    const f = createEventFactory();
    const state = stateOf([f.registered('a1', { at: T0 }), f.statusChanged('a1', 'resolved', { at: T0 + MINUTE })]);
    expect(computeStats(state, T0 + MINUTE).overall.open).toBe(0);
    applyEvent(state, f.statusChanged('a1', 'reopened', { at: T0 + 2 * MINUTE }));
    expect(computeStats(state, T0 + 2 * MINUTE).overall.open).toBe(1);
  });

  it('counts registeredToday from midnight Kazakhstan time (23:30 KZ yesterday is not today)', () => {
    const f = createEventFactory();
    const at = (s: string) => Date.parse(s);
    const state = stateOf([
      f.registered('yesterday-2330', { at: at('2026-11-26T23:30:00+05:00'), region: 'KZ-11', category: 'lifts' }),
      f.registered('yesterday-last-ms', { at: at('2026-11-26T23:59:59.999+05:00'), region: 'KZ-11' }),
      f.registered('midnight', { at: at('2026-11-27T00:00:00+05:00'), region: 'KZ-11', category: 'lifts' }),
      f.registered('today-0010', { at: at('2026-11-26T19:10:00Z'), region: 'KZ-11' }),
      f.registered('today-0900', { at: at('2026-11-27T09:00:00+05:00'), region: 'KZ-71' }),
      f.registered('later-today', { at: at('2026-11-27T11:00:00+05:00'), region: 'KZ-71' }),
    ]);
    const now = T0; // 10:00 KZ, which is 05:00 UTC: the UTC day would wrongly start 5 h later
    const stats = computeStats(state, now);
    expect(stats.overall.registeredToday).toBe(3);
    expect(stats.regions['KZ-11']?.registeredToday).toBe(2);
    expect(stats.regions['KZ-71']?.registeredToday).toBe(1);
    expect(stats.categories.lifts.registeredToday).toBe(1);
    expect(stats.regions['KZ-10']?.registeredToday).toBe(0);
    // just before midnight KZ the whole of the 27th counts; right after it, nothing does
    expect(computeStats(state, at('2026-11-27T23:59:59+05:00')).overall.registeredToday).toBe(4);
    expect(computeStats(state, at('2026-11-28T00:00:00+05:00')).overall.registeredToday).toBe(0);
  });

  it('reports load as open appeals per 100,000 residents (country and regions only)', () => {
    const f = createEventFactory();
    const state = stateOf([
      f.registered('a1', { region: 'KZ-71' }),
      f.registered('a2', { region: 'KZ-71' }),
      f.registered('a3', { region: 'KZ-71' }),
      f.registered('a4', { region: 'KZ-62' }),
      f.registered('a5', { region: 'KZ-62' }),
      f.statusChanged('a5', 'closed'),
    ]);
    const stats = computeStats(state, T0);
    const total = REGIONS.reduce((s, r) => s + r.population, 0);
    expect(stats.regions['KZ-71']?.loadPer100k).toBeCloseTo((3 / getRegion('KZ-71').population) * 100_000, 10);
    expect(stats.regions['KZ-62']?.loadPer100k).toBeCloseTo((1 / getRegion('KZ-62').population) * 100_000, 10);
    expect(stats.regions['KZ-63']?.loadPer100k).toBe(0);
    expect(stats.overall.loadPer100k).toBeCloseTo((4 / total) * 100_000, 10);
    for (const code of CATEGORY_CODES) expect(stats.categories[code].loadPer100k).toBeNull();
  });

  describe('percentiles over 15m / 1h / 24h', () => {
    it('reports one response sample exactly in every window that holds it', () => {
      const f = createEventFactory();
      const state = stateOf([f.registered('a1', { at: T0 - 20 * MINUTE }), f.assigned('a1', { at: T0 - 3 * MINUTE })]);
      const stats = computeStats(state, T0);
      for (const name of WINDOW_NAMES) {
        expect(stats.overall.windows[name].response).toEqual({
          count: 1,
          p50: 17 * MINUTE,
          p90: 17 * MINUTE,
          p99: 17 * MINUTE,
        });
        expect(stats.regions['KZ-71']?.windows[name]?.response.p50).toBe(17 * MINUTE);
        expect(stats.categories.heating.windows[name].response.p50).toBe(17 * MINUTE);
      }
      expectEmptyWindows(stats.regions['KZ-75'] as Kpis);
      expectEmptyWindows(stats.categories.gas);
    });

    it('leaves windows empty (count 0, null percentiles) when the samples are older', () => {
      const f = createEventFactory();
      const state = stateOf([
        f.registered('a1', { at: T0 - 3 * HOUR }),
        f.assigned('a1', { at: T0 - 2 * HOUR }),
        f.statusChanged('a1', 'resolved', { at: T0 - 90 * MINUTE }),
      ]);
      const w = computeStats(state, T0).overall.windows;
      expect(w['15m'].response).toEqual(EMPTY_PERCENTILES);
      expect(w['15m'].resolution).toEqual(EMPTY_PERCENTILES);
      expect(w['15m'].responseSlaCompliance).toBeNull();
      expect(w['1h'].response).toEqual(EMPTY_PERCENTILES);
      expect(w['1h'].registered).toBe(0);
      expect(w['24h'].response).toEqual({ count: 1, p50: HOUR, p90: HOUR, p99: HOUR });
      expect(w['24h'].resolution).toEqual({ count: 1, p50: 90 * MINUTE, p90: 90 * MINUTE, p99: 90 * MINUTE });
      expect(w['24h'].registered).toBe(1);
    });

    it('keeps p50/p90/p99 within ±2 % of the exact nearest-rank values, per window and per key', () => {
      const f = createEventFactory();
      const state = createProjection();
      const samples = lognormalSamples(2400, 20 * MINUTE, 0.9, 17);
      const assignedAt = samples.map((_, i) => T0 - Math.floor((i * 3 * HOUR) / samples.length)); // last 3 h
      const regionOf = (i: number) => (i % 3 === 0 ? 'KZ-75' : 'KZ-71');
      samples.forEach((ms, i) => {
        applyEvent(state, f.registered(`a${i}`, { at: (assignedAt[i] as number) - ms, region: regionOf(i) }));
      });
      samples.forEach((_, i) =>
        applyEvent(state, f.assigned(`a${i}`, { at: assignedAt[i] as number, region: regionOf(i) })),
      );
      const stats = computeStats(state, T0);
      const due = getCategory('heating').responseSla.normal * MINUTE;
      const lastMinute = Math.floor(T0 / MINUTE);
      const windowMinutes = { '15m': 15, '1h': 60, '24h': 1440 } as const;
      for (const name of WINDOW_NAMES) {
        const inWindow = (i: number) =>
          Math.floor((assignedAt[i] as number) / MINUTE) > lastMinute - windowMinutes[name];
        const check = (kpis: Kpis, pick: (i: number) => boolean) => {
          const values = samples.filter((_, i) => inWindow(i) && pick(i));
          const response = kpis.windows[name].response;
          expect(response.count).toBe(values.length);
          expectWithin(response.p50, nearestRank(values, 0.5));
          expectWithin(response.p90, nearestRank(values, 0.9));
          expectWithin(response.p99, nearestRank(values, 0.99));
          expect(kpis.windows[name].responseSlaCompliance).toBeCloseTo(
            values.filter((ms) => ms <= due).length / values.length,
            10,
          );
        };
        check(stats.overall, () => true);
        check(stats.categories.heating, () => true);
        check(stats.regions['KZ-75'] as Kpis, (i) => regionOf(i) === 'KZ-75');
        check(stats.regions['KZ-71'] as Kpis, (i) => regionOf(i) === 'KZ-71');
      }
    });

    it('excludes samples at the window edge: the 15 m window holds the last 15 clock minutes', () => {
      const f = createEventFactory();
      const state = stateOf([
        f.registered('inside', { at: T0 - 14 * MINUTE }),
        f.assigned('inside', { at: T0 - 14 * MINUTE + 2 * MINUTE }),
        f.registered('edge', { at: T0 - 15 * MINUTE }),
        f.registered('before', { at: T0 - 15 * MINUTE - 1 }),
      ]);
      applyEvent(state, f.assigned('edge', { at: T0 - 15 * MINUTE + 4 * MINUTE }));
      const stats = computeStats(state, T0);
      expect(stats.overall.windows['15m'].registered).toBe(1);
      expect(stats.overall.windows['1h'].registered).toBe(3);
      expect(stats.overall.windows['15m'].response.count).toBe(2);
      // 59 s later the clock is still in the same minute: same answer
      expect(computeStats(state, T0 + 59_999).overall.windows['15m'].registered).toBe(1);
      // one minute later the oldest one slides out
      expect(computeStats(state, T0 + MINUTE).overall.windows['15m'].registered).toBe(0);
    });

    it('drops samples older than 24 h (the windows span one day, the ring 25 h)', () => {
      const f = createEventFactory();
      const state = stateOf([
        f.registered('old', { at: T0 - DAY }),
        f.assigned('old', { at: T0 - DAY + 5 * MINUTE }),
        f.registered('new', { at: T0 }),
        f.assigned('new', { at: T0 + 10 * MINUTE }),
      ]);
      const now = T0 + 10 * MINUTE;
      const w = computeStats(state, now).overall.windows['24h'];
      expect(w.registered).toBe(1);
      expect(w.response).toEqual({ count: 1, p50: 10 * MINUTE, p90: 10 * MINUTE, p99: 10 * MINUTE });
      // the old appeal is still in the backlog; only its samples are gone
      expect(computeStats(state, now).overall.open).toBe(2);
      // a sample that arrives later but is 25 h older than the ring's newest minute is dropped, not mixed in:
      // it maps to the slot of 'new's response, which holds a newer minute
      applyEvent(state, f.registered('late', { at: T0 + 10 * MINUTE - 25 * HOUR }));
      expect(computeStats(state, now).overall.windows['24h'].registered).toBe(1);
      expect(computeStats(state, now).overall.windows['24h'].response.count).toBe(1);
      expect(computeStats(state, now).overall.open).toBe(3);
    });

    it('reports response SLA compliance as the share of responses by their responseDueAt', () => {
      const f = createEventFactory();
      const due = getCategory('gas').responseSla.normal; // 20 min
      const state = stateOf([
        ...['a', 'b', 'c', 'd'].map((id) => f.registered(id, { at: T0 - HOUR, category: 'gas' })),
        f.assigned('a', { at: T0 - HOUR + 10 * MINUTE }),
        f.assigned('b', { at: T0 - HOUR + due * MINUTE }), // exactly on time: within
        f.assigned('c', { at: T0 - HOUR + due * MINUTE + 1 }),
        f.assigned('d', { at: T0 - HOUR + 5 * MINUTE }),
      ]);
      const stats = computeStats(state, T0);
      expect(stats.overall.windows['1h'].responseSlaCompliance).toBe(0.75);
      expect(stats.categories.gas.windows['1h'].responseSlaCompliance).toBe(0.75);
      expect(stats.overall.windows['15m'].responseSlaCompliance).toBeNull();
    });
  });

  it('is pure: same answer for the same clock, state untouched', () => {
    const f = createEventFactory();
    const state = stateOf([f.registered('a1', { at: T0 }), f.assigned('a1', { at: T0 + MINUTE })]);
    const before = JSON.stringify(serializeProjection(state));
    const a = computeStats(state, T0 + HOUR);
    const b = computeStats(state, T0 + HOUR);
    expect(a).toEqual(b);
    expect(JSON.stringify(serializeProjection(state))).toBe(before);
  });
});

describe('computeStats for a region scope', () => {
  it('counts and measures only the scope: overall, regions and categories', () => {
    const f = createEventFactory();
    const state = createProjection();
    const inside = f.registered('in-1', { region: 'KZ-71', category: 'heating', at: T0 });
    const outside = f.registered('out-1', { region: 'KZ-75', category: 'heating', at: T0 });
    for (const event of [inside, outside]) applyEvent(state, event);
    applyEvent(state, f.assigned('in-1', { region: 'KZ-71', at: T0 + 10 * MINUTE }));
    applyEvent(state, f.assigned('out-1', { region: 'KZ-75', at: T0 + 40 * MINUTE }));
    const now = T0 + 45 * MINUTE;

    const national = computeStats(state, now);
    expect(national.overall.open).toBe(2);
    expect(national.categories.heating.windows['1h']?.response.count).toBe(2);
    expect(Object.keys(national.regions)).toHaveLength(20);

    const scoped = computeStats(state, now, ['KZ-71']);
    expect(Object.keys(scoped.regions)).toEqual(['KZ-71']);
    expect(scoped.overall.open).toBe(1);
    expect(scoped.overall.registeredToday).toBe(1);
    expect(scoped.overall.windows['1h']?.response).toMatchObject({ count: 1, p50: 10 * MINUTE });
    expect(scoped.categories.heating.open).toBe(1);
    expect(scoped.categories.heating.windows['1h']?.response).toMatchObject({ count: 1, p50: 10 * MINUTE });
    expect(scoped.overall.loadPer100k).toBeCloseTo(100_000 / 1_420_000, 6);
  });
});
