import type { EventOf, EventType, NationalEventType, Outcome, RegionCode, StatusChange } from '@shared';
import { SECOND } from './kzClock';

/**
 * The type-tagged part of an envelope (what happens), without id, time or region. The
 * simulator plays appeals and incidents of regions, never national events.
 */
export type EventBody = {
  [T in Exclude<EventType, NationalEventType>]: { type: T; data: EventOf<T>['data'] };
}[Exclude<EventType, NationalEventType>];

/** One future event of a plan. */
export interface PlannedStep {
  /** Epoch ms, whole seconds. */
  at: number;
  body: EventBody;
}

/**
 * Everything that will happen to one appeal or one incident, decided when it is
 * created. Steps are in strictly increasing time order.
 */
export interface Plan {
  /** Creation order; breaks ties between plans whose next steps share a second. */
  seq: number;
  /** Appeal or incident id; event ids are derived from it, so they are unique per run. */
  entityId: string;
  region: RegionCode;
  steps: (PlannedStep | null)[];
  /** Time of `steps[next]`: the queue's key, kept here so comparisons are cheap. */
  nextAt: number;
  /** Index of the next step to emit. */
  next: number;
}

/** A step relative to the start of its plan, before it is fitted and rounded. */
export interface RelativeStep {
  offsetMs: number;
  body: EventBody;
}

/**
 * Turns relative steps into absolute ones: if the whole lifecycle is longer than
 * `capMs` it is compressed proportionally (this is what keeps the queue of future
 * events bounded), then every time is rounded to a whole second and pushed at least
 * one second after the previous step, so per-entity order is strict.
 */
export function fitSteps(startAt: number, steps: readonly RelativeStep[], capMs: number): PlannedStep[] {
  const last = steps.length > 0 ? (steps[steps.length - 1] as RelativeStep).offsetMs : 0;
  const scale = last > capMs ? capMs / last : 1;
  let previous = startAt;
  return steps.map((step) => {
    const at = Math.max(previous + SECOND, Math.round((startAt + step.offsetMs * scale) / SECOND) * SECOND);
    previous = at;
    return { at, body: step.body };
  });
}

/**
 * Builds relative steps one gap at a time. A class rather than a closure factory: it is
 * created for every appeal, and tsx (esbuild keepNames) wraps each named closure in a
 * defineProperty call, which made closure factories the simulator's hot spot.
 */
export class StepList {
  readonly steps: RelativeStep[] = [];
  /** The smallest gap between two steps. */
  readonly minGapMs: number;
  private lastOffsetMs = 0;

  constructor(minGapMs: number) {
    this.minGapMs = minGapMs;
  }

  /** Offset of the last step added (0 before the first). */
  get elapsedMs(): number {
    return this.lastOffsetMs;
  }

  /** Adds a step `gapMs` (at least the minimum gap) after the previous one. */
  add(gapMs: number, body: EventBody): void {
    this.lastOffsetMs += Math.max(this.minGapMs, gapMs);
    this.steps.push({ offsetMs: this.lastOffsetMs, body });
  }
}

/** An `appeal.status_changed` body. */
export function statusBody(appealId: string, status: StatusChange, comment?: string, outcome?: Outcome): EventBody {
  const data: EventOf<'appeal.status_changed'>['data'] = comment ? { appealId, status, comment } : { appealId, status };
  if (outcome !== undefined) data.outcome = outcome;
  return { type: 'appeal.status_changed', data };
}
