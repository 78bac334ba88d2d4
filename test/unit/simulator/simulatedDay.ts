import type { EventEnvelope, EventOf, RegionCode } from '@shared';
import { createTrafficModel, type TrafficModelOptions } from '../../../server/src/simulator/createTrafficModel';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** Epoch ms of a Kazakhstan wall-clock time, e.g. kz('2026-01-15T10:00'). */
export function kz(local: string): number {
  return Date.parse(`${local}:00+05:00`);
}

export interface SimulatedDay {
  events: EventEnvelope[];
  registered: EventOf<'appeal.registered'>[];
  pendingAfter: number;
}

/** Runs a model over `durationMs` in 1-minute steps (like a live loop, only faster). */
export function simulate(
  options: TrafficModelOptions,
  durationMs: number = DAY,
  stepMs: number = MINUTE,
): SimulatedDay {
  const model = createTrafficModel(options);
  const events: EventEnvelope[] = [];
  for (let t = options.startAt + stepMs; t <= options.startAt + durationMs; t += stepMs) {
    for (const e of model.step(t)) events.push(e);
  }
  const registered = events.filter((e): e is EventOf<'appeal.registered'> => e.type === 'appeal.registered');
  return { events, registered, pendingAfter: model.pending };
}

/** Local hour (0–23) of an envelope's `at` (always written with +05:00). */
export function localHour(at: string): number {
  return Number(at.slice(11, 13));
}

export function countBy<T>(items: readonly T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

/** Share of registered appeals in `category`. */
export function categoryShare(day: SimulatedDay, category: string): number {
  return day.registered.filter((e) => e.data.category === category).length / day.registered.length;
}

export function regionCount(day: SimulatedDay, region: RegionCode): number {
  return day.registered.filter((e) => e.region === region).length;
}
