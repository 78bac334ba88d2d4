import { describe, expect, it } from 'vitest';
import {
  SNAPSHOT_FORMAT,
  applyEvent,
  computeStats,
  createProjection,
  deserializeProjection,
  serializeProjection,
  type ProjectionState,
  type SerializedProjection,
  type StreamEvent,
} from '@shared';
import { HOUR, MINUTE, T0, createEventFactory, lognormalSamples } from '../factories';

function applyAll(state: ProjectionState, events: readonly StreamEvent[]): void {
  for (const event of events) applyEvent(state, event);
}

function viaJson(state: ProjectionState): ProjectionState {
  const text = JSON.stringify(serializeProjection(state));
  const restored = deserializeProjection(JSON.parse(text) as SerializedProjection);
  if (!restored) throw new Error('snapshot rejected');
  return restored;
}

/** A busy history: every event type, duplicates, unknowns, reopen, evictable closes, out-of-order `at`. */
function history(): { before: StreamEvent[]; after: StreamEvent[] } {
  const f = createEventFactory();
  const before: StreamEvent[] = [];
  const responses = lognormalSamples(60, 15 * MINUTE, 0.8, 3);
  responses.forEach((ms, i) => {
    const region = (['KZ-71', 'KZ-75', 'KZ-79', 'KZ-10'] as const)[i % 4];
    const category = (['heating', 'gas', 'waste'] as const)[i % 3];
    before.push(
      f.registered(`a${i}`, { at: T0 - 2 * HOUR + i * MINUTE, region, category, citizen: { phone: '+7701' } }),
    );
    before.push(f.assigned(`a${i}`, { at: T0 - 2 * HOUR + i * MINUTE + ms, region }));
  });
  before.push(f.incidentOpened('i1', { at: T0 - HOUR, appealIds: ['a0', 'a4'], affected: 300 }));
  before.push(f.statusChanged('a0', 'resolved', { at: T0 - 30 * MINUTE }));
  before.push(f.statusChanged('a0', 'reopened', { at: T0 - 20 * MINUTE }));
  before.push(f.statusChanged('a1', 'closed', { at: T0 - 10 * MINUTE, region: 'KZ-75' }));
  before.push(f.statusChanged('a2', 'rejected', { at: T0 - 11 * MINUTE, region: 'KZ-79' }));
  before.push(f.assigned('ghost'));
  const duplicate = before[5] as StreamEvent;
  before.push({ ...duplicate, streamId: f.nextStreamId() });

  const after: StreamEvent[] = [
    f.statusChanged('a0', 'resolved', { at: T0 }),
    f.incidentUpdated('i1', { at: T0, appealIds: ['a8'], severity: 'critical', note: 'растёт' }),
    f.incidentResolved('i1', { at: T0 + HOUR }),
    f.registered('late', { at: T0 + 5 * MINUTE, region: 'KZ-33', category: 'flooding', slaMinutes: 15 }),
    f.assigned('late', { at: T0 + 6 * MINUTE, region: 'KZ-33' }),
    f.statusChanged('a3', 'closed', { at: T0 + 7 * MINUTE }),
    f.assigned('a5', { at: T0 - 3 * HOUR }), // reassignment with out-of-order `at`
    { ...duplicate, streamId: f.nextStreamId() }, // a duplicate of an event in the snapshot
    before[0] as StreamEvent, // and an exact replay of the first entry
    f.statusChanged('nope', 'closed'),
  ];
  return { before, after };
}

describe('serializeProjection / deserializeProjection', () => {
  it('writes the current format', () => {
    expect(SNAPSHOT_FORMAT).toBe(3);
    expect(serializeProjection(createProjection()).format).toBe(SNAPSHOT_FORMAT);
  });

  it('round-trips an empty projection through JSON', () => {
    const restored = viaJson(createProjection());
    expect(serializeProjection(restored)).toEqual(serializeProjection(createProjection()));
    expect(computeStats(restored, T0)).toEqual(computeStats(createProjection(), T0));
  });

  it('restores a state that equals the original right after the round trip', () => {
    const { before } = history();
    const original = createProjection();
    applyAll(original, before);
    const restored = viaJson(original);
    expect(restored.cursor).toBe(original.cursor);
    expect(restored.appeals).toEqual(original.appeals);
    expect(restored.incidents).toEqual(original.incidents);
    expect([...restored.seen]).toEqual([...original.seen]);
    expect([...restored.closedAppeals.keys()]).toEqual([...original.closedAppeals.keys()]);
    expect(restored.feed).toEqual(original.feed);
    expect(restored.counters).toEqual(original.counters);
    expect(computeStats(restored, T0)).toEqual(computeStats(original, T0));
  });

  it('gives, after the same further events, identical stats, appeals, incidents and counters', () => {
    const { before, after } = history();
    const original = createProjection();
    applyAll(original, before);
    const restored = viaJson(original);

    const outcomesOriginal = after.map((e) => applyEvent(original, e));
    const outcomesRestored = after.map((e) => applyEvent(restored, e));
    expect(outcomesRestored).toEqual(outcomesOriginal);
    expect(outcomesOriginal.filter((o) => o.kind === 'duplicate')).toHaveLength(2);

    for (const now of [T0, T0 + 30 * MINUTE, T0 + 2 * HOUR, T0 + 30 * HOUR]) {
      expect(computeStats(restored, now)).toEqual(computeStats(original, now));
    }
    expect([...restored.appeals.values()]).toEqual([...original.appeals.values()]);
    expect([...restored.incidents.values()]).toEqual([...original.incidents.values()]);
    expect(restored.counters).toEqual(original.counters);
    expect(restored.cursor).toBe(original.cursor);
    expect(JSON.stringify(serializeProjection(restored))).toBe(JSON.stringify(serializeProjection(original)));
  });

  it('matches a projection built from the whole history in one go', () => {
    const { before, after } = history();
    const snapshotted = createProjection();
    applyAll(snapshotted, before);
    const resumed = viaJson(snapshotted);
    applyAll(resumed, after);
    const full = createProjection();
    applyAll(full, [...before, ...after]);
    expect(computeStats(resumed, T0 + HOUR)).toEqual(computeStats(full, T0 + HOUR));
    expect([...resumed.appeals.values()]).toEqual([...full.appeals.values()]);
  });

  it('keeps the FIFO order of the de-duplication window and the closed list', () => {
    const f = createEventFactory();
    const original = createProjection();
    applyAll(original, [
      f.registered('x'),
      f.registered('y'),
      f.statusChanged('y', 'closed'),
      f.statusChanged('x', 'closed'),
    ]);
    const restored = viaJson(original);
    expect([...restored.seen.keys()]).toEqual([...original.seen.keys()]);
    expect([...restored.closedAppeals.keys()]).toEqual(['y', 'x']);
  });

  // 1: the layout before the 25 h rings; 2: the one before the compact window and sparse rings; both are replayed instead
  it.each([0, 1, 2, 4, '3', undefined])('returns null for a snapshot with format %j', (format) => {
    const data = { ...serializeProjection(createProjection()), format } as unknown as SerializedProjection;
    expect(deserializeProjection(data)).toBeNull();
  });
});
