import { eventEnvelopeSchema, type EventEnvelope } from '@shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTrafficModel } from '../../../server/src/simulator/createTrafficModel';
import { countBy, DAY, HOUR, kz, localHour, MINUTE, regionCount, simulate, type SimulatedDay } from './simulatedDay';

const JANUARY = kz('2026-01-15T00:00');
const RATE = 0.3;

/** Entity (appeal or incident) id of an envelope. */
function entityOf(e: EventEnvelope): string {
  if (!('appealId' in e.data) && !('incidentId' in e.data)) throw new Error(`the simulator wrote a national ${e.type}`);
  return 'appealId' in e.data ? e.data.appealId : e.data.incidentId;
}

/** What is wrong with one appeal's events (in emitted order), or null. */
function lifecycleProblem(events: readonly EventEnvelope[]): string | null {
  const steps = events
    .filter((e) => e.type !== 'appeal.extended' && e.type !== 'appeal.feedback')
    .map((e) =>
      e.type === 'appeal.status_changed' ? e.data.status : e.type === 'appeal.assigned' ? 'assigned' : 'registered',
    );
  if (steps[0] !== 'registered' || steps.lastIndexOf('registered') !== 0)
    return `registered must come first, once: ${steps.join(' ')}`;
  const times = events.map((e) => Date.parse(e.at));
  if (times.some((t, i) => i > 0 && t <= (times[i - 1] as number))) return 'times must strictly increase';
  const inProgress = steps.indexOf('in_progress');
  const assigned = steps.indexOf('assigned');
  if (inProgress >= 0 && (assigned < 0 || assigned > inProgress))
    return `assigned must precede in_progress: ${steps.join(' ')}`;
  const closed = steps.indexOf('closed');
  const resolved = steps.lastIndexOf('resolved');
  if (closed >= 0 && (resolved < 0 || resolved > closed || closed !== steps.length - 1))
    return `resolved, then closed last: ${steps.join(' ')}`;
  const reopened = steps.indexOf('reopened');
  if (reopened >= 0 && steps.indexOf('resolved') > reopened) return `reopened before resolved: ${steps.join(' ')}`;
  const rejected = steps.indexOf('rejected');
  if (rejected >= 0 && rejected !== steps.length - 1) return `events after rejected: ${steps.join(' ')}`;
  return null;
}

describe('createTrafficModel over a simulated January day', () => {
  let day: SimulatedDay;
  beforeAll(() => {
    day = simulate({
      seed: 42,
      startAt: JANUARY,
      rate: RATE,
      burstChance: 0,
      bursts: [{ at: kz('2026-01-15T14:00'), region: 'KZ-71' }],
    });
  });

  it('writes only envelopes that pass the contract schema, with +05:00 times', () => {
    expect(day.events.length).toBeGreaterThan(50_000);
    const invalid = day.events.filter(
      (e) => !eventEnvelopeSchema.safeParse(e).success || !e.at.endsWith('+05:00') || !e.region,
    );
    expect(invalid.slice(0, 3)).toEqual([]);
  });

  it('gives every event and every appeal a unique id', () => {
    expect(new Set(day.events.map((e) => e.id)).size).toBe(day.events.length);
    const appealIds = day.registered.map((e) => e.data.appealId);
    expect(new Set(appealIds).size).toBe(appealIds.length);
    expect(appealIds.filter((id) => !/^A-\d{2}-[a-z0-9]{6}-\d+$/.test(id))).toEqual([]);
    // Issue 18: no look-alike letters (i, l, o, u) in a new run's tag.
    expect(appealIds.filter((id) => /^A-\d{2}-[^-]*[ilou]/.test(id))).toEqual([]);
  });

  it('emits in time order', () => {
    const times = day.events.map((e) => Date.parse(e.at));
    expect(times.findIndex((t, i) => i > 0 && t < (times[i - 1] as number))).toBe(-1);
  });

  it('keeps each appeal lifecycle in order', () => {
    const byAppeal = new Map<string, EventEnvelope[]>();
    for (const e of day.events) {
      if (!e.type.startsWith('appeal.')) continue;
      const list = byAppeal.get(entityOf(e)) ?? [];
      list.push(e);
      byAppeal.set(entityOf(e), list);
    }
    const problems: string[] = [];
    for (const [id, events] of byAppeal) {
      const problem = lifecycleProblem(events);
      if (problem) problems.push(`${id}: ${problem}`);
    }
    expect(problems.slice(0, 5)).toEqual([]);
    const all = [...byAppeal.values()].flat();
    const statuses = countBy(all, (e) => (e.type === 'appeal.status_changed' ? e.data.status : e.type));
    for (const status of ['rejected', 'redirected', 'reopened', 'closed'])
      expect(statuses.get(status) ?? 0, status).toBeGreaterThan(0);
  });

  it('closes many consultations at once, without an executor (first-call resolution)', () => {
    const consultations = new Set(
      day.registered.filter((e) => e.data.category === 'consultation').map((e) => e.data.appealId),
    );
    const assigned = new Set(day.events.flatMap((e) => (e.type === 'appeal.assigned' ? [e.data.appealId] : [])));
    const closed = new Set(
      day.events.flatMap((e) =>
        e.type === 'appeal.status_changed' && e.data.status === 'closed' ? [e.data.appealId] : [],
      ),
    );
    const firstCall = [...consultations].filter((id) => closed.has(id) && !assigned.has(id));
    expect(firstCall.length / consultations.size).toBeGreaterThan(0.4);
  });

  it('records outcomes, callbacks (mostly confirmed, a few reopening) and a few extensions with reasons', () => {
    const resolved = day.events.filter((e) => e.type === 'appeal.status_changed' && e.data.status === 'resolved');
    expect(resolved.every((e) => e.type === 'appeal.status_changed' && e.data.outcome !== undefined)).toBe(true);
    const feedback = day.events.flatMap((e) => (e.type === 'appeal.feedback' ? [e.data] : []));
    expect(feedback.length / resolved.length).toBeGreaterThan(0.5);
    const results = countBy(feedback, (f) => f.result);
    expect(results.get('confirmed') ?? 0).toBeGreaterThan(3 * (results.get('unreachable') ?? 0));
    expect(results.get('not_confirmed') ?? 0).toBeGreaterThan(0);
    expect(feedback.some((f) => f.rating !== undefined)).toBe(true);
    const extensions = day.events.flatMap((e) => (e.type === 'appeal.extended' ? [e.data] : []));
    expect(extensions.length).toBeGreaterThan(0);
    expect(extensions.every((x) => x.reason.length > 0)).toBe(true);
  });

  it('follows the daily rhythm: far more appeals at 10:00 than at 03:00', () => {
    const byHour = countBy(day.registered, (e) => String(localHour(e.at)));
    expect(byHour.get('10') ?? 0).toBeGreaterThan(5 * (byHour.get('3') ?? 0));
    expect(byHour.get('19') ?? 0).toBeGreaterThan(3 * (byHour.get('3') ?? 0));
  });

  it('matches the requested average rate over a day (±30 %)', () => {
    const expected = RATE * (DAY / 1000);
    expect(day.registered.length).toBeGreaterThan(expected * 0.7);
    expect(day.registered.length).toBeLessThan(expected * 1.3);
  });

  it('weights regions by population: Almaty city gets far more than Ulytau', () => {
    expect(regionCount(day, 'KZ-75')).toBeGreaterThan(3 * regionCount(day, 'KZ-62'));
    expect(regionCount(day, 'KZ-62')).toBeGreaterThan(0);
  });

  it('places appeals near their region, in Russian and in Kazakh, with Kazakh phone numbers', () => {
    const kazakh = /[әғқңөұүһі]/i;
    const inKazakh = day.registered.filter((e) => kazakh.test(e.data.description)).length / day.registered.length;
    expect(inKazakh).toBeGreaterThan(0.15);
    expect(inKazakh).toBeLessThan(0.7);
    const phones = day.registered.flatMap((e) => (e.data.citizen?.phone ? [e.data.citizen.phone] : []));
    expect(phones.length).toBeGreaterThan(day.registered.length * 0.7);
    expect(phones.filter((phone) => !/^\+7 7\d{2} \d{3} \d{2} \d{2}$/.test(phone))).toEqual([]);
    const astana = day.registered.filter((r) => r.region === 'KZ-71');
    expect(astana.filter((e) => Math.hypot(e.data.location.lat - 51.13, e.data.location.lng - 71.44) > 0.06)).toEqual(
      [],
    );
    expect(astana.filter((e) => !/Астана/.test(e.data.location.address ?? ''))).toEqual([]);
    const ulytau = day.registered.filter((r) => r.region === 'KZ-62');
    expect(ulytau.filter((e) => Math.hypot(e.data.location.lat - 47.64, e.data.location.lng - 67.95) > 0.31)).toEqual(
      [],
    );
    const channels = countBy(day.registered, (e) => e.data.channel);
    expect(channels.get('call') ?? 0).toBeGreaterThan(channels.get('app') ?? 0);
    expect(channels.get('walk_in') ?? 0).toBeGreaterThan(0);
    const priorities = countBy(day.registered, (e) => e.data.priority);
    expect(priorities.get('normal') ?? 0).toBeGreaterThan(day.registered.length / 2);
    expect(day.registered.some((e) => e.data.slaMinutes !== undefined)).toBe(true);
  });

  it('answers slower in consistently slow regions', () => {
    const registeredAt = new Map(day.registered.map((e) => [e.data.appealId, Date.parse(e.at)]));
    const responses = new Map<string, number[]>();
    const seen = new Set<string>();
    for (const e of day.events) {
      if (e.type !== 'appeal.assigned' || seen.has(e.data.appealId)) continue;
      seen.add(e.data.appealId);
      const list = responses.get(e.region ?? '') ?? [];
      list.push(Date.parse(e.at) - (registeredAt.get(e.data.appealId) as number));
      responses.set(e.region ?? '', list);
    }
    const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
    expect(median(responses.get('KZ-61') ?? [])).toBeGreaterThan(1.8 * median(responses.get('KZ-71') ?? []));
  });
});

describe('createTrafficModel determinism and bounds', () => {
  const start = kz('2026-07-15T09:00');

  it('gives the same output for the same seed, and different output for another seed', () => {
    const a = simulate({ seed: 7, startAt: start, rate: 1 }, HOUR);
    const b = simulate({ seed: 7, startAt: start, rate: 1 }, HOUR);
    const c = simulate({ seed: 8, startAt: start, rate: 1 }, HOUR);
    expect(JSON.stringify(b.events)).toBe(JSON.stringify(a.events));
    expect(JSON.stringify(c.events)).not.toBe(JSON.stringify(a.events));
  });

  it('does not depend on how time is sliced into steps', () => {
    const coarse = simulate({ seed: 3, startAt: start, rate: 2 }, 30 * MINUTE, 30 * MINUTE);
    const fine = simulate({ seed: 3, startAt: start, rate: 2 }, 30 * MINUTE, 200);
    expect(coarse.events.length).toBeGreaterThan(1000);
    expect(JSON.stringify(fine.events)).toBe(JSON.stringify(coarse.events));
  });

  it('never reuses ids across runs started at different times', () => {
    const first = simulate({ seed: 7, startAt: start, rate: 2 }, 10 * MINUTE);
    const second = simulate({ seed: 7, startAt: start + 1000, rate: 2 }, 10 * MINUTE);
    const ids = new Set(first.events.map((e) => e.id));
    expect(second.events.some((e) => ids.has(e.id))).toBe(false);
  });

  it('keeps the queue of future events bounded by compressing long lifecycles', () => {
    const model = createTrafficModel({ seed: 1, startAt: start, rate: 1, maxActiveAppeals: 1000, burstChance: 0 });
    expect(model.lifecycleCapMs).toBe(30 * MINUTE);
    const registeredAt = new Map<string, number>();
    let maxPending = 0;
    let longest = 0;
    for (let t = start + MINUTE; t <= start + 6 * HOUR; t += MINUTE) {
      for (const e of model.step(t)) {
        if (e.type === 'appeal.registered') registeredAt.set(e.data.appealId, Date.parse(e.at));
        else if ('appealId' in e.data)
          longest = Math.max(longest, Date.parse(e.at) - (registeredAt.get(e.data.appealId) as number));
      }
      maxPending = Math.max(maxPending, model.pending);
    }
    expect(longest).toBeLessThanOrEqual(30 * MINUTE + 10_000);
    expect(maxPending).toBeLessThan(1.8 * 1800 + 500);
  });

  it('ends every lifecycle within a few hours (default cap)', () => {
    const model = createTrafficModel({ seed: 5, startAt: start, rate: 1 });
    model.step(start + 2 * HOUR);
    expect(model.pending).toBeGreaterThan(0);
    model.skip(start + 2 * HOUR + 9 * HOUR);
    expect(model.pending).toBe(0);
  });

  it('skip() lets lifecycles finish but lets no new appeals in', () => {
    const model = createTrafficModel({ seed: 5, startAt: start, rate: 2, burstChance: 0 });
    model.step(start + HOUR);
    const skipped = model.skip(start + 2 * HOUR);
    expect(skipped.length).toBeGreaterThan(0);
    expect(skipped.some((e) => e.type === 'appeal.registered')).toBe(false);
    expect(model.step(start + 2 * HOUR + MINUTE).some((e) => e.type === 'appeal.registered')).toBe(true);
  });

  it('rejects a non-positive rate', () => {
    expect(() => createTrafficModel({ seed: 1, startAt: start, rate: 0 })).toThrow(RangeError);
  });
});
