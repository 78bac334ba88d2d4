import { describe, expect, it } from 'vitest';
import {
  DEFAULT_ALERT_RULES,
  MAX_BURST_APPEALS,
  alertsInScope,
  applyEvent,
  burstAppealIds,
  computeStats,
  createAlertClock,
  createProjection,
  evaluateAlerts,
  getRegion,
  type Alert,
  type AlertRules,
  type CategoryCode,
  type ProjectionState,
  type RegionCode,
  type StreamEvent,
  withoutAppealIds,
} from '@shared';
import { DAY, HOUR, MINUTE, T0, createEventFactory, type EventFactory } from '../factories';

/**
 * Threshold alerts (shared/src/analytics/alerts.ts) over a projection built from events,
 * at a fixed clock (T0). Each test switches off the rules it is not about.
 */
const OFF: AlertRules = {
  backlogPer100k: 1_000_000,
  overdueShare: 0.99,
  overdueMinOpen: 1_000_000,
  burstCount: 1_000_000,
  burstWindowMs: 15 * MINUTE,
};
const BURST: AlertRules = { ...OFF, burstCount: 5, burstWindowMs: 15 * MINUTE };

function apply(state: ProjectionState, events: readonly StreamEvent[]): ProjectionState {
  for (const event of events) {
    const outcome = applyEvent(state, event);
    if (outcome.kind !== 'applied') throw new Error(`${event.id} not applied: ${JSON.stringify(outcome)}`);
  }
  return state;
}

/** `count` appeals registered at `at(i)`, ids `${prefix}${i}`. */
function appeals(
  f: EventFactory,
  prefix: string,
  count: number,
  at: (i: number) => number,
  options: { region?: RegionCode; category?: CategoryCode; slaMinutes?: number } = {},
): StreamEvent[] {
  return Array.from({ length: count }, (_, i) => f.registered(`${prefix}${i}`, { ...options, at: at(i) }));
}

const ids = (alerts: readonly Alert[]): string[] => alerts.map((a) => a.id);

describe('evaluateAlerts: burst', () => {
  /** Five heating appeals in Astana over 14 minutes, the last one at T0. */
  const burstEvents = (f: EventFactory): StreamEvent[] =>
    [-14, -10, -6, -3, 0].map((m, i) =>
      f.registered(`b${i}`, { at: T0 + m * MINUTE, region: 'KZ-71', category: 'heating' }),
    );

  it('raises nothing on an empty projection, whatever the rules', () => {
    expect(evaluateAlerts(createProjection(), T0)).toEqual([]);
    expect(evaluateAlerts(createProjection(), T0, { ...BURST, backlogPer100k: 0.001, overdueMinOpen: 1 })).toEqual([]);
  });

  it('fires for N appeals of one category in one region within the window, with those appeals, newest first', () => {
    const state = apply(createProjection(), burstEvents(createEventFactory()));
    expect(evaluateAlerts(state, T0, BURST)).toEqual([
      {
        id: 'burst:KZ-71:heating',
        kind: 'burst',
        region: 'KZ-71',
        category: 'heating',
        value: 5,
        limit: 5,
        since: T0 - 14 * MINUTE,
        windowMs: BURST.burstWindowMs,
        appealIds: ['b4', 'b3', 'b2', 'b1', 'b0'],
      },
    ]);
  });

  it('does not fire for N - 1 appeals, nor for N split over two categories or two regions', () => {
    const f = createEventFactory();
    const state = apply(createProjection(), [
      ...appeals(f, 'four', 4, (i) => T0 - i * MINUTE, { region: 'KZ-71', category: 'gas' }),
      ...appeals(f, 'heat', 3, (i) => T0 - i * MINUTE, { region: 'KZ-75', category: 'heating' }),
      ...appeals(f, 'water', 2, (i) => T0 - i * MINUTE, { region: 'KZ-75', category: 'water_sewer' }),
      ...appeals(f, 'north', 3, (i) => T0 - i * MINUTE, { region: 'KZ-59', category: 'lifts' }),
      ...appeals(f, 'west', 2, (i) => T0 - i * MINUTE, { region: 'KZ-27', category: 'lifts' }),
    ]);
    expect(evaluateAlerts(state, T0, BURST)).toEqual([]);
    // one more gas appeal in Astana makes five
    apply(state, [f.registered('fifth', { at: T0, region: 'KZ-71', category: 'gas' })]);
    expect(ids(evaluateAlerts(state, T0, BURST))).toEqual(['burst:KZ-71:gas']);
  });

  it('keeps counting appeals that were routed or closed since', () => {
    const f = createEventFactory();
    const state = apply(createProjection(), burstEvents(f));
    apply(state, [f.assigned('b0', { at: T0 }), f.statusChanged('b1', 'closed', { at: T0 })]);
    expect(evaluateAlerts(state, T0, BURST)[0]?.value).toBe(5);
  });

  it('ages out after the window: gone once the first appeal is a whole window old', () => {
    const state = apply(createProjection(), burstEvents(createEventFactory()));
    const first = T0 - 14 * MINUTE;
    expect(ids(evaluateAlerts(state, first + 15 * MINUTE - 1, BURST))).toEqual(['burst:KZ-71:heating']);
    expect(evaluateAlerts(state, first + 15 * MINUTE, BURST)).toEqual([]);
    // and before the last appeal came in, there were only four
    expect(evaluateAlerts(state, T0 - 1, BURST)).toEqual([]);
  });

  it('moves `since` to the oldest appeal still in the window', () => {
    const f = createEventFactory();
    const state = apply(createProjection(), [
      ...burstEvents(f),
      f.registered('b5', { at: T0 + 30_000, region: 'KZ-71', category: 'heating' }),
    ]);
    expect(evaluateAlerts(state, T0 + 30_000, BURST)[0]).toMatchObject({ value: 6, since: T0 - 14 * MINUTE });
    // b0 (T0 - 14 min) has aged out; five remain
    expect(evaluateAlerts(state, T0 + 2 * MINUTE, BURST)[0]).toMatchObject({
      value: 5,
      since: T0 - 10 * MINUTE,
      appealIds: ['b5', 'b4', 'b3', 'b2', 'b1'],
    });
  });

  it(`links at most ${MAX_BURST_APPEALS} appeals, the newest, while counting them all`, () => {
    const f = createEventFactory();
    const count = MAX_BURST_APPEALS + 50;
    const state = apply(
      createProjection(),
      appeals(f, 'm', count, (i) => T0 - 10 * MINUTE + i * 1000, { region: 'KZ-75', category: 'flooding' }),
    );
    const [burst] = evaluateAlerts(state, T0, BURST);
    expect(burst?.value).toBe(count);
    expect(burst?.appealIds).toHaveLength(MAX_BURST_APPEALS);
    expect(burst?.appealIds?.[0]).toBe(`m${count - 1}`);
    expect(burst?.appealIds?.at(-1)).toBe(`m${count - MAX_BURST_APPEALS}`);
  });

  it('finds the same appeals from the live alert (no ids) in a list of appeals: burstAppealIds', () => {
    const f = createEventFactory();
    const count = MAX_BURST_APPEALS + 50;
    const state = apply(createProjection(), [
      ...appeals(f, 'm', count, (i) => T0 - 10 * MINUTE + i * 1000, { region: 'KZ-75', category: 'flooding' }),
      // outside the burst: older than the window, another category, another region, later than asOf
      f.registered('old', { at: T0 - 16 * MINUTE, region: 'KZ-75', category: 'flooding' }),
      f.registered('other', { at: T0 - MINUTE, region: 'KZ-75', category: 'gas' }),
      f.registered('elsewhere', { at: T0 - MINUTE, region: 'KZ-71', category: 'flooding' }),
    ]);
    const [burst] = evaluateAlerts(state, T0, BURST);
    const live = withoutAppealIds(burst as Alert);
    expect(live).not.toHaveProperty('appealIds');
    const listed = [...state.appeals.values()];
    expect(burstAppealIds(live, T0, listed)).toEqual(burst?.appealIds);
    // a list holding only part of them gives that part, newest first
    const few = listed.filter((a) => ['m3', 'm249', 'm100', 'other'].includes(a.id));
    expect(burstAppealIds(live, T0, few)).toEqual(['m249', 'm100', 'm3']);
    apply(state, [f.registered('later', { at: T0 + 1000, region: 'KZ-75', category: 'flooding' })]);
    expect(burstAppealIds(live, T0, state.appeals.values())).not.toContain('later');
    // a threshold alert has no appeals
    expect(
      burstAppealIds(
        { id: 'backlog:KZ-75', kind: 'backlog', region: 'KZ-75', value: 2, limit: 1, since: T0 },
        T0,
        listed,
      ),
    ).toEqual([]);
  });

  it('uses the default rules: 25 appeals within 15 minutes', () => {
    expect(DEFAULT_ALERT_RULES).toMatchObject({ burstCount: 25, burstWindowMs: 15 * MINUTE });
    const f = createEventFactory();
    const state = apply(
      createProjection(),
      appeals(f, 'd', 24, (i) => T0 - i * 30_000, { region: 'KZ-79', category: 'waste' }),
    );
    expect(evaluateAlerts(state, T0)).toEqual([]);
    apply(state, [f.registered('d24', { at: T0, region: 'KZ-79', category: 'waste' })]);
    expect(evaluateAlerts(state, T0)).toMatchObject([{ id: 'burst:KZ-79:waste', value: 25, limit: 25 }]);
  });
});

describe('evaluateAlerts: backlog per 100k', () => {
  const ulytau = getRegion('KZ-62').population; // 220,000
  const rules: AlertRules = { ...OFF, backlogPer100k: 1 };

  it('fires above the limit with the load as its value, and clears when appeals close', () => {
    const f = createEventFactory();
    const state = apply(
      createProjection(),
      appeals(f, 'u', 3, (i) => T0 - HOUR - i * HOUR, { region: 'KZ-62' }),
    );
    expect(evaluateAlerts(state, T0, rules)).toEqual([
      { id: 'backlog:KZ-62', kind: 'backlog', region: 'KZ-62', value: (3 / ulytau) * 100_000, limit: 1, since: T0 },
    ]);
    apply(state, [f.statusChanged('u0', 'resolved', { at: T0 })]);
    expect(evaluateAlerts(state, T0, rules)).toEqual([]); // 2 per 220k: 0.91
    apply(state, [f.statusChanged('u0', 'reopened', { at: T0 + MINUTE })]);
    expect(ids(evaluateAlerts(state, T0 + MINUTE, rules))).toEqual(['backlog:KZ-62']);
    apply(state, [f.statusChanged('u1', 'rejected', { at: T0 + MINUTE })]);
    expect(evaluateAlerts(state, T0 + MINUTE, rules)).toEqual([]);
  });

  it('uses the default limit of 60 per 100k: 132 open in Ulytau is exactly 60, 133 is above', () => {
    const f = createEventFactory();
    const state = apply(
      createProjection(),
      appeals(f, 'o', 132, (i) => T0 - DAY + i * MINUTE, { region: 'KZ-62' }),
    );
    expect(evaluateAlerts(state, T0)).toEqual([]);
    apply(state, [f.registered('o132', { at: T0 - DAY, region: 'KZ-62' })]);
    expect(evaluateAlerts(state, T0)).toMatchObject([{ id: 'backlog:KZ-62', limit: 60 }]);
  });
});

describe('evaluateAlerts: overdue share', () => {
  /** `overdue` appeals due an hour before T0 and `onTime` due a day after registration, in Almaty. */
  function almaty(overdue: number, onTime: number): { f: EventFactory; state: ProjectionState } {
    const f = createEventFactory();
    const registeredAt = T0 - 2 * HOUR;
    const state = apply(createProjection(), [
      ...appeals(f, 'late', overdue, () => registeredAt, { region: 'KZ-75', slaMinutes: 60 }),
      ...appeals(f, 'fine', onTime, () => registeredAt, { region: 'KZ-75' }),
    ]);
    return { f, state };
  }
  const rules: AlertRules = { ...OFF, overdueShare: 0.25, overdueMinOpen: 20 };

  it('fires above the share with at least overdueMinOpen open appeals', () => {
    const { state } = almaty(6, 14);
    expect(evaluateAlerts(state, T0, rules)).toEqual([
      { id: 'overdue:KZ-75', kind: 'overdue', region: 'KZ-75', value: 0.3, limit: 0.25, since: T0 },
    ]);
    // before the due time, nothing is overdue
    expect(evaluateAlerts(state, T0 - HOUR, rules)).toEqual([]);
  });

  it('does not fire at exactly the share, nor below overdueMinOpen open appeals', () => {
    expect(evaluateAlerts(almaty(5, 15).state, T0, rules)).toEqual([]); // 0.25
    expect(evaluateAlerts(almaty(19, 0).state, T0, rules)).toEqual([]); // all overdue, but 19 open
    expect(ids(evaluateAlerts(almaty(20, 0).state, T0, rules))).toEqual(['overdue:KZ-75']);
  });

  it('clears when overdue appeals close', () => {
    const { f, state } = almaty(6, 16); // 6 of 22
    expect(ids(evaluateAlerts(state, T0, rules))).toEqual(['overdue:KZ-75']);
    apply(state, [f.statusChanged('late0', 'closed', { at: T0 })]); // 5 of 21
    expect(evaluateAlerts(state, T0, rules)).toEqual([]);
  });

  it('uses the defaults: 25 % of at least 20 open', () => {
    expect(DEFAULT_ALERT_RULES).toMatchObject({ overdueShare: 0.25, overdueMinOpen: 20 });
    expect(ids(evaluateAlerts(almaty(6, 14).state, T0))).toEqual(['overdue:KZ-75']);
  });
});

describe('evaluateAlerts: order and scope', () => {
  const f = createEventFactory();
  const rules: AlertRules = { ...BURST, backlogPer100k: 1, overdueShare: 0.25, overdueMinOpen: 3 };
  // Ulytau: 3 open (1.36 per 100k); Astana: 30 open (2.11 per 100k), 10 of them overdue (0.33);
  // Almaty: a burst of 5 gas appeals (2 of 5 overdue: 0.4)
  const state = apply(createProjection(), [
    ...appeals(f, 'u', 3, () => T0 - 5 * HOUR, { region: 'KZ-62' }),
    ...appeals(f, 'a', 20, () => T0 - 5 * HOUR, { region: 'KZ-71' }),
    ...appeals(f, 'al', 10, () => T0 - 5 * HOUR, { region: 'KZ-71', slaMinutes: 60 }),
    ...appeals(f, 'g', 3, (i) => T0 - i * MINUTE, { region: 'KZ-75', category: 'gas' }),
    ...appeals(f, 'gl', 2, (i) => T0 - 10 * MINUTE - i * MINUTE, { region: 'KZ-75', category: 'gas', slaMinutes: 5 }),
  ]);
  const alerts = evaluateAlerts(state, T0, rules);

  it('puts bursts first, then overdue, then backlog, the larger excess first within a kind', () => {
    // Almaty's backlog (5 per 2.23 M: 0.22 per 100k) stays below the limit
    expect(ids(alerts)).toEqual([
      'burst:KZ-75:gas',
      'overdue:KZ-75', // 0.4 of 0.25
      'overdue:KZ-71', // 0.33 of 0.25
      'backlog:KZ-71', // 2.11 of 1
      'backlog:KZ-62', // 1.36 of 1
    ]);
  });

  it('evaluates a region scope alone, and alertsInScope cuts the same out of the national list', () => {
    const astana = evaluateAlerts(state, T0, rules, ['KZ-71']);
    expect(ids(astana)).toEqual(['overdue:KZ-71', 'backlog:KZ-71']);
    expect(alertsInScope(alerts, ['KZ-71'])).toEqual(astana);
    expect(ids(alertsInScope(alerts, ['KZ-62', 'KZ-75']))).toEqual([
      'burst:KZ-75:gas',
      'overdue:KZ-75',
      'backlog:KZ-62',
    ]);
    expect(alertsInScope(alerts, ['KZ-10'])).toEqual([]);
    const all = alertsInScope(alerts, 'all');
    expect(all).toEqual(alerts);
    expect(all).not.toBe(alerts);
  });

  it('is what computeStats reports for the scope, without the bursts’ appeal ids', () => {
    const live = computeStats(state, T0, 'all', alerts).alerts;
    expect(live).toEqual(alerts.map(withoutAppealIds));
    expect(live.filter((a) => 'appealIds' in a)).toEqual([]);
    expect(alerts[0]?.appealIds).toEqual(['g0', 'g1', 'g2', 'gl0', 'gl1']);
    expect(ids(computeStats(state, T0, ['KZ-62'], alerts).alerts)).toEqual(['backlog:KZ-62']);
    // without a list, the default rules: only Astana's overdue share (30 open) reaches them
    expect(ids(computeStats(state, T0).alerts)).toEqual(['overdue:KZ-71']);
  });
});

describe('createAlertClock', () => {
  const rules: AlertRules = { ...BURST, backlogPer100k: 1 };

  it('keeps `since` of a lasting condition across evaluations and forgets a cleared one', () => {
    const f = createEventFactory();
    const state = apply(
      createProjection(),
      appeals(f, 'u', 3, () => T0 - HOUR, { region: 'KZ-62' }),
    );
    const clock = createAlertClock();
    expect(clock.stamp(evaluateAlerts(state, T0, rules))).toMatchObject([{ id: 'backlog:KZ-62', since: T0 }]);
    const later = clock.stamp(evaluateAlerts(state, T0 + 10 * MINUTE, rules));
    expect(later).toMatchObject([{ id: 'backlog:KZ-62', since: T0 }]);

    apply(state, [f.statusChanged('u0', 'closed', { at: T0 + 20 * MINUTE })]);
    expect(clock.stamp(evaluateAlerts(state, T0 + 20 * MINUTE, rules))).toEqual([]);
    apply(state, [f.registered('u3', { at: T0 + 30 * MINUTE, region: 'KZ-62' })]);
    // fires again: a new condition, a new `since`
    expect(clock.stamp(evaluateAlerts(state, T0 + 30 * MINUTE, rules))).toMatchObject([
      { id: 'backlog:KZ-62', since: T0 + 30 * MINUTE },
    ]);
  });

  it('leaves a burst its own `since` (its first appeal) and does not change the alerts it is given', () => {
    const f = createEventFactory();
    const state = apply(
      createProjection(),
      appeals(f, 'b', 6, (i) => T0 - 14 * MINUTE + i * MINUTE, { region: 'KZ-71', category: 'gas' }),
    );
    const clock = createAlertClock();
    expect(clock.stamp(evaluateAlerts(state, T0, rules))[0]?.since).toBe(T0 - 14 * MINUTE);
    const next = evaluateAlerts(state, T0 + MINUTE, rules);
    const copy = structuredClone(next);
    expect(clock.stamp(next)[0]?.since).toBe(T0 - 13 * MINUTE);
    expect(next).toEqual(copy);
  });

  it('keeps one `since` per id: two regions stamped apart', () => {
    const f = createEventFactory();
    const state = apply(
      createProjection(),
      appeals(f, 'u', 3, () => T0 - HOUR, { region: 'KZ-62' }),
    );
    const clock = createAlertClock();
    clock.stamp(evaluateAlerts(state, T0, rules));
    apply(
      state,
      appeals(f, 'n', 6, () => T0 + 5 * MINUTE, { region: 'KZ-59' }),
    ); // 6 per 530k: 1.13
    const both = clock.stamp(evaluateAlerts(state, T0 + 10 * MINUTE, rules));
    expect(both.filter((a) => a.kind === 'backlog').map((a) => [a.id, a.since])).toEqual([
      ['backlog:KZ-62', T0],
      ['backlog:KZ-59', T0 + 10 * MINUTE],
    ]);
  });
});
