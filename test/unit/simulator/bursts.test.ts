import { type EventEnvelope, type EventOf } from '@shared';
import { describe, expect, it } from 'vitest';
import { createTrafficModel } from '../../../server/src/simulator/createTrafficModel';
import { HOUR, kz, MINUTE } from './simulatedDay';

const START = kz('2026-01-15T09:00');
const BURST_AT = kz('2026-01-15T10:00');

function run(until: number, options: Parameters<typeof createTrafficModel>[0]): EventEnvelope[] {
  const model = createTrafficModel(options);
  const events: EventEnvelope[] = [];
  for (let t = options.startAt + MINUTE; t <= until; t += MINUTE) events.push(...model.step(t));
  return events;
}

const ofType = <T extends EventEnvelope['type']>(events: readonly EventEnvelope[], type: T): EventOf<T>[] =>
  events.filter((e): e is EventOf<T> => e.type === type);

describe('bursts (mass outages)', () => {
  const events = run(BURST_AT + 9 * HOUR, {
    seed: 21,
    startAt: START,
    rate: 0.5,
    burstChance: 0,
    bursts: [{ at: BURST_AT, region: 'KZ-75', category: 'heating' }],
  });

  it('produces at least 100 appeals of one category in one region within 20 minutes', () => {
    const window = ofType(events, 'appeal.registered').filter((e) => {
      const at = Date.parse(e.at);
      return e.region === 'KZ-75' && e.data.category === 'heating' && at >= BURST_AT && at <= BURST_AT + 20 * MINUTE;
    });
    expect(window.length).toBeGreaterThanOrEqual(100);
    expect(window.length).toBeLessThan(500);
  });

  it('opens exactly one incident that links appeals registered before it', () => {
    const opened = ofType(events, 'incident.opened');
    expect(opened).toHaveLength(1);
    const incident = opened[0] as EventOf<'incident.opened'>;
    expect(incident.region).toBe('KZ-75');
    expect(incident.data.category).toBe('heating');
    expect(incident.data.title).toMatch(/тепломагистрал/);
    const registeredBefore = new Set(
      ofType(events.slice(0, events.indexOf(incident)), 'appeal.registered').map((e) => e.data.appealId),
    );
    const linked = incident.data.appealIds ?? [];
    expect(linked.length).toBeGreaterThan(10);
    expect(linked.filter((id) => !registeredBefore.has(id))).toEqual([]);
  });

  it('clusters the outage appeals around the incident point', () => {
    const incident = ofType(events, 'incident.opened')[0] as EventOf<'incident.opened'>;
    const linked = new Set(incident.data.appealIds);
    const near = ofType(events, 'appeal.registered').filter((e) => linked.has(e.data.appealId));
    const far = near.filter(
      (e) =>
        Math.hypot(e.data.location.lat - incident.data.location.lat, e.data.location.lng - incident.data.location.lng) >
        0.01,
    );
    expect(far).toEqual([]);
  });

  it('updates the incident with the rest of the appeals, then resolves it, then closes its appeals', () => {
    const opened = ofType(events, 'incident.opened')[0] as EventOf<'incident.opened'>;
    const updated = ofType(events, 'incident.updated');
    const resolved = ofType(events, 'incident.resolved');
    expect(updated).toHaveLength(1);
    expect(resolved).toHaveLength(1);
    const update = updated[0] as EventOf<'incident.updated'>;
    const resolution = resolved[0] as EventOf<'incident.resolved'>;
    expect(events.indexOf(opened)).toBeLessThan(events.indexOf(update));
    expect(events.indexOf(update)).toBeLessThan(events.indexOf(resolution));
    expect(update.data.note).toBeTruthy();
    const all = new Set([...(opened.data.appealIds ?? []), ...(update.data.appealIds ?? [])]);
    expect(all.size).toBeGreaterThanOrEqual(150);
    const closedAfter = ofType(events.slice(events.indexOf(resolution)), 'appeal.status_changed').filter(
      (e) => e.data.status === 'closed' && all.has(e.data.appealId),
    );
    expect(closedAfter.length).toBe(all.size);
  });

  it('triggerBurst() starts one in a random region at the next step', () => {
    const model = createTrafficModel({ seed: 4, startAt: START, rate: 0.2, burstChance: 0 });
    model.step(START + MINUTE);
    model.triggerBurst();
    const later: EventEnvelope[] = [];
    for (let t = START + 2 * MINUTE; t <= START + 40 * MINUTE; t += MINUTE) later.push(...model.step(t));
    expect(ofType(later, 'incident.opened')).toHaveLength(1);
  });

  it('happens on its own with the configured chance', () => {
    const incidents = ofType(
      run(START + 24 * HOUR, { seed: 9, startAt: START, rate: 0.05, burstChance: 0.5 }),
      'incident.opened',
    );
    // Expected ~16 a day at 0.5 per hour.
    expect(incidents.length).toBeGreaterThan(5);
    expect(incidents.length).toBeLessThan(35);
  });
});
