import { describe, expect, it } from 'vitest';
import {
  ALL_KEY,
  RING_SLOTS,
  applyEvent,
  computeStats,
  createProjection,
  deserializeProjection,
  ringIndexOf,
  serializeProjection,
  summarizeWindows,
  WINDOWS,
  type ProjectionState,
  type MinuteSlot,
  type SerializedProjection,
  type StreamEvent,
} from '@shared';
import { DAY, HOUR, MINUTE, T0, createEventFactory } from '../factories';

/**
 * A producer's clock cannot corrupt the figures: the rings are written only for minutes
 * within their window ending at the projection's own clock (the newest `at`), and follow-ups
 * dated before their appeal's registration are applied without their (negative) durations.
 */

function applyAll(state: ProjectionState, events: readonly StreamEvent[]): void {
  for (const event of events) expect(applyEvent(state, event).kind).toBe('applied');
}

const lastHour = (state: ProjectionState, now: number) =>
  summarizeWindows([state.metrics[ALL_KEY] ?? []], now, WINDOWS['1h']);

/** 23 registrations over the last hour before T0, one a minute or so. */
function busyHour(): { state: ProjectionState; f: ReturnType<typeof createEventFactory> } {
  const f = createEventFactory();
  const state = createProjection();
  applyAll(
    state,
    Array.from({ length: 23 }, (_, i) => f.registered(`now-${i}`, { at: T0 - (i * 5 * MINUTE) / 2 })),
  );
  return { state, f };
}

describe('the projection clock and the metric rings', () => {
  it('applies a 2005 registration without touching the current slots (a history import)', () => {
    const { state, f } = busyHour();
    const before = JSON.stringify(state.metrics);
    // 2005-11-27 10:00: a whole number of days before T0, so its minute maps to a current slot's index.
    const old = T0 - 7671 * DAY;
    expect(ringIndexOf(Math.floor(old / MINUTE))).toBe(ringIndexOf(Math.floor(T0 / MINUTE) - 1440 * 7671));
    applyAll(state, [f.registered('old-1', { at: old }), f.assigned('old-1', { at: old + 10 * MINUTE })]);
    expect(state.appeals.get('old-1')).toMatchObject({ registeredAt: old, respondedAt: old + 10 * MINUTE });
    expect(JSON.stringify(state.metrics)).toBe(before);
    expect(lastHour(state, T0).registered).toBe(23);
    expect(state.latestAt).toBe(T0);
  });

  it('writes a past minute still inside the 25 h window, and none older', () => {
    const { state, f } = busyHour();
    applyAll(state, [
      f.registered('yesterday', { at: T0 - 24 * HOUR }),
      f.registered('too-old', { at: T0 - RING_SLOTS * MINUTE }),
    ]);
    const ring = state.metrics[ALL_KEY] ?? [];
    expect(ring.filter((slot) => slot !== null && slot.minute === Math.floor((T0 - 24 * HOUR) / MINUTE))).toHaveLength(
      1,
    );
    expect(ring.some((slot) => slot !== null && slot.minute === Math.floor((T0 - RING_SLOTS * MINUTE) / MINUTE))).toBe(
      false,
    );
    expect(lastHour(state, T0).registered).toBe(23);
  });

  it('moves its clock with the newest `at` only, never back', () => {
    const f = createEventFactory();
    const state = createProjection();
    applyAll(state, [f.registered('a', { at: T0 }), f.registered('b', { at: T0 - HOUR })]);
    expect(state.latestAt).toBe(T0);
    applyAll(state, [f.registered('c', { at: T0 + 4 * MINUTE })]);
    expect(state.latestAt).toBe(T0 + 4 * MINUTE);
  });

  it('repairs a future slot an older snapshot kept (written before the decoder refused such `at`s)', () => {
    const { state, f } = busyHour();
    const serialized = serializeProjection(state) as SerializedProjection & { latestAt?: number | null };
    // What an older version stored after a registration dated 25 h ahead: a slot of a future minute
    // where T0's own slot belongs, and no `latestAt`.
    const future = Math.floor(T0 / MINUTE) + RING_SLOTS;
    serialized.metrics[ALL_KEY] = [
      ...(serialized.metrics[ALL_KEY] ?? []).filter((slot) => slot.minute !== Math.floor(T0 / MINUTE)),
      { ...(serialized.metrics[ALL_KEY]?.[0] as MinuteSlot), minute: future, registered: 1 },
    ];
    delete serialized.latestAt;
    const restored = deserializeProjection(JSON.parse(JSON.stringify(serialized)) as SerializedProjection);
    if (!restored) throw new Error('not restored');
    expect(restored.latestAt).toBeNull();
    expect(restored.counters.clockSkew).toBe(0);
    applyAll(restored, [f.registered('after', { at: T0 + 30_000 })]);
    const slot = (restored.metrics[ALL_KEY] ?? [])[ringIndexOf(Math.floor(T0 / MINUTE))];
    expect(slot).toMatchObject({ minute: Math.floor(T0 / MINUTE), registered: 1 });
  });

  it('keeps its clock and new counters through a snapshot', () => {
    const { state, f } = busyHour();
    applyAll(state, [f.assigned('now-0', { at: T0 - HOUR })]);
    const restored = deserializeProjection(
      JSON.parse(JSON.stringify(serializeProjection(state))) as SerializedProjection,
    );
    expect(restored?.latestAt).toBe(T0);
    expect(restored?.counters).toEqual(state.counters);
  });
});

describe('follow-ups dated before their registration (clock skew)', () => {
  it('applies an assignment dated before registration but counts no response, and says so', () => {
    const f = createEventFactory();
    const state = createProjection();
    applyAll(state, [f.registered('a1', { at: T0 }), f.assigned('a1', { id: 'early', at: T0 - 2 * MINUTE })]);
    expect(state.appeals.get('a1')).toMatchObject({
      status: 'assigned',
      service: 'Astana Energy',
      respondedAt: T0 - 2 * MINUTE,
    });
    const hour = lastHour(state, T0 + MINUTE);
    expect(hour.response.count).toBe(0);
    expect(hour.responseSlaCompliance).toBeNull();
    expect(computeStats(state, T0 + MINUTE).overall.windows['1h'].response.count).toBe(0);
    expect(state.counters).toMatchObject({
      clockSkew: 1,
      lastClockSkew: 'appeal.assigned early is dated 120 s before appeal a1 was registered',
      ignored: 0,
    });
    // A later assignment is not a first response either: the first one happened.
    applyAll(state, [f.assigned('a1', { at: T0 + 5 * MINUTE, service: 'Другая служба' })]);
    expect(lastHour(state, T0 + 6 * MINUTE).response.count).toBe(0);
  });

  it('leaves a resolution dated before registration out of the resolution figures, and counts an escalation', () => {
    const f = createEventFactory();
    const state = createProjection();
    applyAll(state, [
      f.registered('a1', { at: T0 }),
      f.escalated('a1', 'emergency', { at: T0 - MINUTE }),
      f.statusChanged('a1', 'resolved', { at: T0 - MINUTE }),
    ]);
    expect(state.appeals.get('a1')).toMatchObject({ status: 'resolved', priority: 'emergency' });
    const hour = lastHour(state, T0 + MINUTE);
    expect(hour.resolution.count).toBe(0);
    expect(hour.finished).toBe(1);
    expect(state.counters.clockSkew).toBe(2);
  });

  it('still counts a response dated at registration or later', () => {
    const f = createEventFactory();
    const state = createProjection();
    applyAll(state, [f.registered('a1', { at: T0 }), f.assigned('a1', { at: T0 })]);
    expect(lastHour(state, T0).response.count).toBe(1);
    expect(state.counters.clockSkew).toBe(0);
  });
});

describe('incident links across regions', () => {
  it('opens the incident but links only the appeals of its own region, counting the others', () => {
    const f = createEventFactory();
    const state = createProjection();
    applyAll(state, [
      f.registered('astana', { region: 'KZ-71' }),
      f.registered('almaty', { region: 'KZ-75' }),
      f.incidentOpened('i1', { region: 'KZ-71', appealIds: ['astana', 'almaty', 'unknown-yet'] }),
    ]);
    expect(state.incidents.get('i1')?.appealIds).toEqual(['astana', 'unknown-yet']);
    expect(state.appeals.get('astana')?.incidentId).toBe('i1');
    expect(state.appeals.get('almaty')?.incidentId).toBeUndefined();
    expect(state.counters).toMatchObject({
      refusedLinks: 1,
      lastRefusedLink: 'incident i1 (KZ-71) cannot link appeal almaty of KZ-75',
    });
    applyAll(state, [f.incidentUpdated('i1', { appealIds: ['almaty'], note: 'обновление' })]);
    expect(state.incidents.get('i1')).toMatchObject({ appealIds: ['astana', 'unknown-yet'], note: 'обновление' });
    expect(state.appeals.get('almaty')?.incidentId).toBeUndefined();
    expect(state.counters.refusedLinks).toBe(2);
  });
});
