import { applyEvent, createProjection, type EventEnvelope, type StreamEvent } from '@shared';
import { describe, expect, it } from 'vitest';
import { createTrafficModel } from '../../../server/src/simulator/createTrafficModel';
import { HOUR, kz, simulate } from './simulatedDay';

/** Applies envelopes in order, as the server would after appending them to the stream. */
function project(events: readonly EventEnvelope[]) {
  const state = createProjection();
  const ignored: string[] = [];
  events.forEach((e, i) => {
    const outcome = applyEvent(state, { ...e, streamId: `${i + 1}-0` } as StreamEvent);
    if (outcome.kind === 'ignored') ignored.push(outcome.reason);
  });
  return { state, ignored };
}

describe('simulated traffic in the shared projection', () => {
  it.each([
    ['January', '2026-01-15T00:00'],
    ['July', '2026-07-15T00:00'],
  ])(
    'applies a whole %s day with nothing ignored and no duplicates',
    (_, start) => {
      const day = simulate({
        seed: 5,
        startAt: kz(start),
        rate: 0.2,
        burstChance: 0.2,
        bursts: [{ at: kz(start) + 12 * HOUR }],
      });
      const { state, ignored } = project(day.events);
      expect(ignored.slice(0, 3)).toEqual([]);
      expect(state.counters.ignored).toBe(0);
      expect(state.counters.duplicates).toBe(0);
      expect(state.counters.applied).toBe(day.events.length);
      expect(state.incidents.size).toBeGreaterThan(0);
      const linked = [...state.incidents.values()].flatMap((incident) => incident.appealIds);
      expect(linked.length).toBeGreaterThan(100);
    },
    30_000,
  );

  it('finishes every lifecycle: after the tail, every appeal is closed or rejected', () => {
    const start = kz('2026-03-01T00:00');
    const model = createTrafficModel({ seed: 6, startAt: start, rate: 0.1 });
    const events: EventEnvelope[] = [];
    for (let t = start + HOUR; t <= start + 24 * HOUR; t += HOUR) events.push(...model.step(t));
    // No new appeals after the day: only lifecycles already under way go on.
    events.push(...model.skip(start + 24 * HOUR + 9 * HOUR));
    expect(model.pending).toBe(0);
    const last = new Map<string, string>();
    for (const e of events) {
      if (e.type === 'appeal.registered') last.set(e.data.appealId, 'registered');
      else if (e.type === 'appeal.status_changed') last.set(e.data.appealId, e.data.status);
      else if (e.type === 'appeal.assigned') last.set(e.data.appealId, 'assigned');
    }
    const open = [...last.entries()].filter(([, status]) => status !== 'closed' && status !== 'rejected');
    expect(open).toEqual([]);
    expect(project(events).ignored).toEqual([]);
  });
});
