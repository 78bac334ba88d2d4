/**
 * The benchmarks' traffic: a steady mix of appeal lifecycles as an outside producer writes
 * them (registered, routed 20 s later, closed 60 s later, in the ~8 biggest regions), each
 * event's id stamped with its send time in epoch microseconds, so any receiver can compute
 * its latency (receive time − stamp) without a clock of its own.
 */
import type { RegionCode } from '@shared';

const REGIONS: RegionCode[] = ['KZ-75', 'KZ-71', 'KZ-79', 'KZ-11', 'KZ-15', 'KZ-35', 'KZ-55', 'KZ-63'];
const CATEGORIES = ['heating', 'water_sewer', 'electricity', 'roads', 'waste', 'lighting'];

/** The stamp of a stamped event id (`…:<micros>`), NaN when the id has none. */
export function stampOf(id: string): number {
  return Number(id.slice(id.lastIndexOf(':') + 1));
}

/** The id prefix of one run, so runs against the same stream never collide. */
export function runTag(): string {
  return Math.random().toString(36).slice(2, 8);
}

/** Appeal `n`'s life as three events: registered, routed, closed (the caller spaces them out). */
export function lifecycleEvent(tag: string, n: number, step: 0 | 1 | 2, stampMicros: number): string {
  const region = REGIONS[n % REGIONS.length] as RegionCode;
  const appealId = `${tag}-${n}`;
  const base = {
    v: 1,
    id: `b:${tag}:${n}.${step}:${stampMicros}`,
    at: new Date(stampMicros / 1000).toISOString(),
    region,
  };
  if (step === 0) {
    return JSON.stringify({
      ...base,
      type: 'appeal.registered',
      data: {
        appealId,
        channel: 'call',
        category: CATEGORIES[n % CATEGORIES.length],
        priority: 'normal',
        location: { lat: 43.2 + (n % 100) / 1000, lng: 76.9 + (n % 37) / 1000 },
        description: 'Нет воды в подъезде, просьба проверить',
      },
    });
  }
  if (step === 1) return JSON.stringify({ ...base, type: 'appeal.assigned', data: { appealId, service: 'Водоканал' } });
  return JSON.stringify({ ...base, type: 'appeal.status_changed', data: { appealId, status: 'closed' } });
}

/** Appeal numbers from here on are fillers: registrations while no appeal is old enough to route or close. */
const FILLER = 1_000_000_000;

/**
 * Event `i` of a steady stream at `perSecond`: registration of appeal i/3, routing of one
 * registered 20 s earlier, closing of one 60 s earlier (a registration of a filler appeal
 * while none is that old); so about 80 s × rate / 3 appeals stay open. Every event is valid
 * and applied: no id repeats.
 */
export function steadyEvent(tag: string, i: number, stampMicros: number, perSecond: number): string {
  const third = Math.floor(i / 3);
  const step = i % 3;
  if (step === 0) return lifecycleEvent(tag, third, 0, stampMicros);
  const older = third - Math.round(((step === 1 ? 20 : 60) * perSecond) / 3);
  return older >= 0
    ? lifecycleEvent(tag, older, step as 1 | 2, stampMicros)
    : lifecycleEvent(tag, FILLER + i, 0, stampMicros);
}

/** Registration `n` only (every appeal stays open), for snapshot and memory figures. */
export function openAppealEvent(tag: string, n: number, stampMicros: number): string {
  return lifecycleEvent(tag, n, 0, stampMicros);
}
