import { getRegion, type EventEnvelope, type RegionCode } from '@shared';
import { dailyFactor, DAY, formatKzTime, HOUR, MAX_DAILY_FACTOR, MINUTE, SECOND } from './kzClock';
import type { Plan, PlannedStep } from './plan';
import { planAppeal } from './planAppeal';
import { planLongAppeal } from './planLongAppeal';
import { planBurst, type BurstCategory } from './planBurst';
import { nextStep, PlanQueue } from './planQueue';
import { createRng, hashSeed } from './random';
import { pickRegion } from './seasons';

export type { BurstCategory } from './planBurst';

/** A mass outage to start at a given time (or as soon as possible). */
export interface BurstRequest {
  /** Epoch ms; default (or anything not after the model's clock): the next second. */
  at?: number;
  /** Default: a population-weighted random region. */
  region?: RegionCode;
  /** Default: a seasonal pick (heating in winter, thaw floods in spring…). */
  category?: BurstCategory;
}

export interface TrafficModelOptions {
  /** Same seed and start → same events (ids included). */
  seed: number;
  /** Epoch ms the simulated history starts at. */
  startAt: number;
  /** Average new appeals per second over a day (bursts come on top). Default 5. */
  rate?: number;
  /** Probability that a burst starts in any one simulated hour, 0–1. Default 0.1. */
  burstChance?: number;
  /** Bursts that happen whatever the chance says. */
  bursts?: readonly BurstRequest[];
  /** Goes into every appeal and incident id; default derived from seed and startAt. */
  runId?: string;
  /**
   * About how many appeals may be in flight at once. Lifecycles are compressed to
   * `maxActiveAppeals / rate` seconds (between 30 min and 8 h), which bounds the queue
   * of future events. Default 100,000.
   */
  maxActiveAppeals?: number;
  /**
   * `ordinary` (default): the day's mix, lifecycles of minutes to hours. `long`: appeals that
   * take days to weeks (planLongAppeal), never compressed — the law's clock in the demo. A
   * long model runs at a small rate beside the ordinary one (createSimulator).
   */
  lifecycle?: 'ordinary' | 'long';
}

export interface TrafficModel {
  readonly runId: string;
  /** The simulated time covered so far (the last `step`/`skip`), epoch ms. */
  readonly now: number;
  /** Appeals and incidents with events still to come. */
  readonly pending: number;
  /** Longest lifecycle of one appeal, ms. */
  readonly lifecycleCapMs: number;
  /**
   * Everything that happens after the previous `now` and up to `now` (inclusive), in
   * time order. The result does not depend on how time is sliced into steps.
   */
  step(now: number): EventEnvelope[];
  /**
   * Like `step`, but no new appeals or random bursts arrive in the skipped time: only
   * the lifecycles already under way (and requested bursts) continue. For a producer
   * that cannot keep up and must not buffer without bound.
   */
  skip(now: number): EventEnvelope[];
  /** Schedules a mass outage (see `BurstRequest`). */
  triggerBurst(request?: BurstRequest): void;
}

export const DEFAULT_RATE = 5;
export const DEFAULT_BURST_CHANCE = 0.1;
const DEFAULT_MAX_ACTIVE = 100_000;
/** A long appeal's lifecycle is never compressed below this (its draws stay well within). */
const LONG_LIFECYCLE_CAP_MS = 120 * DAY;
/** Every simulated event says it was made by the demo simulator, not a person (docs/protocol.md `actor`). */
export const SIMULATOR_ACTOR = { kind: 'system', name: 'simulator' } as const;

/** Crockford's base 32 in lower case: no i, l, o or u, so no letter reads as 1 or 0 (issue 18: ids people read aloud). */
const RUN_ID_ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

/**
 * A short, stable tag for a run: six Crockford base-32 characters of a hash. Runs tagged
 * before issue 18 (base 36, lower case) keep their ids; only new runs use this alphabet.
 */
function defaultRunId(seed: number, startAt: number): string {
  let hash = hashSeed(seed, startAt);
  let id = '';
  for (let i = 0; i < 6; i += 1) {
    id += RUN_ID_ALPHABET[hash % 32];
    hash = Math.floor(hash / 32);
  }
  return id;
}

/**
 * The traffic generator behind demo mode: pure and deterministic (seeded PRNG, the clock
 * is a parameter). New appeals arrive as a Poisson process whose rate follows the daily
 * rhythm; each is planned with its whole lifecycle on arrival and kept in a heap until
 * its events fall due.
 */
export function createTrafficModel(options: TrafficModelOptions): TrafficModel {
  const rate = options.rate ?? DEFAULT_RATE;
  if (!(rate > 0 && Number.isFinite(rate))) throw new RangeError(`rate must be a positive number, got ${rate}`);
  const burstChance = Math.min(0.999, Math.max(0, options.burstChance ?? DEFAULT_BURST_CHANCE));
  const runId = options.runId ?? defaultRunId(options.seed, options.startAt);
  if (!/^[\w.-]{1,16}$/.test(runId)) throw new RangeError(`runId must be 1–16 letters, digits, . _ -, got ${runId}`);
  const maxActive = options.maxActiveAppeals ?? DEFAULT_MAX_ACTIVE;
  const isLong = options.lifecycle === 'long';
  const lifecycleCapMs = isLong
    ? LONG_LIFECYCLE_CAP_MS
    : Math.min(8 * HOUR, Math.max(30 * MINUTE, (maxActive / rate) * SECOND));
  const plan = isLong ? planLongAppeal : planAppeal;

  const rng = createRng(hashSeed(options.seed, 'traffic'));
  const queue = new PlanQueue();
  const candidateRatePerMs = (rate * MAX_DAILY_FACTOR) / SECOND;
  const burstRatePerMs = -Math.log(1 - burstChance) / HOUR;
  const forced: BurstRequest[] = [];
  let clock = options.startAt;
  let nextArrivalAt = clock + rng.exponential(candidateRatePerMs);
  let nextBurstAt = clock + rng.exponential(burstRatePerMs);
  let planSeq = 0;
  let appealSeq = 0;
  let incidentSeq = 0;

  const digits = (region: RegionCode): string => region.slice(3);
  const newAppealId = (region: RegionCode): string => `A-${digits(region)}-${runId}-${(appealSeq += 1)}`;
  const ceilSecond = (ms: number): number => Math.ceil(ms / SECOND) * SECOND;

  function schedule(entityId: string, region: RegionCode, steps: PlannedStep[]): void {
    const first = steps[0];
    if (!first) return;
    const plan: Plan = { seq: (planSeq += 1), entityId, region, steps, next: 0, nextAt: first.at };
    queue.push(plan);
  }

  function startBurst(at: number, request: BurstRequest): void {
    const region = request.region ? getRegion(request.region) : pickRegion(rng);
    const incidentId = `I-${digits(region.code)}-${runId}-${(incidentSeq += 1)}`;
    const burst = planBurst({
      rng,
      startAt: ceilSecond(at),
      region,
      ...(request.category ? { category: request.category } : {}),
      incidentId,
      nextAppealId: () => newAppealId(region.code),
      capMs: lifecycleCapMs,
    });
    for (const steps of burst.appeals) {
      const first = steps[0];
      if (first?.body.type === 'appeal.registered') schedule(first.body.data.appealId, region.code, steps);
    }
    schedule(incidentId, region.code, burst.incident);
  }

  function arrive(at: number): void {
    // Thinning: candidates come at the peak rate, each kept with the current share of it.
    if (rng.next() * MAX_DAILY_FACTOR >= dailyFactor(at)) return;
    const region = pickRegion(rng);
    const appealId = newAppealId(region.code);
    const steps = plan({ rng, appealId, region, registeredAt: ceilSecond(at), capMs: lifecycleCapMs });
    schedule(appealId, region.code, steps);
  }

  /** Creates every arrival and burst up to `now`, in time order, so the PRNG is used the same way however time is sliced. */
  function generate(now: number, withArrivals: boolean): void {
    if (!withArrivals) {
      nextArrivalAt = Math.max(nextArrivalAt, now + rng.exponential(candidateRatePerMs));
      nextBurstAt = Math.max(nextBurstAt, now + rng.exponential(burstRatePerMs));
    }
    for (;;) {
      const forcedAt = forced[0]?.at ?? Number.POSITIVE_INFINITY;
      const t = Math.min(nextArrivalAt, nextBurstAt, forcedAt);
      if (t > now) return;
      if (t === forcedAt) {
        startBurst(t, forced.shift() as BurstRequest);
      } else if (t === nextBurstAt) {
        startBurst(t, {});
        nextBurstAt += rng.exponential(burstRatePerMs);
      } else {
        arrive(t);
        nextArrivalAt += rng.exponential(candidateRatePerMs);
      }
    }
  }

  function drain(now: number): EventEnvelope[] {
    const out: EventEnvelope[] = [];
    for (let plan = queue.peek(); plan && plan.nextAt <= now; plan = queue.peek()) {
      queue.pop();
      const step = nextStep(plan);
      const envelope = {
        v: 1 as const,
        id: `${plan.entityId}.e${plan.next}`,
        at: formatKzTime(step.at),
        region: plan.region,
        actor: SIMULATOR_ACTOR,
        ...step.body,
      };
      out.push(envelope);
      plan.steps[plan.next] = null; // the registered payload is the big one: free it
      plan.next += 1;
      const following = plan.steps[plan.next];
      if (following) {
        plan.nextAt = following.at;
        queue.push(plan);
      }
    }
    return out;
  }

  function advance(now: number, withArrivals: boolean): EventEnvelope[] {
    if (now <= clock) return [];
    generate(now, withArrivals);
    clock = now;
    return drain(now);
  }

  function triggerBurst(request: BurstRequest = {}): void {
    const at = request.at !== undefined && request.at > clock ? request.at : clock + 1;
    forced.push({ ...request, at });
    forced.sort((a, b) => (a.at as number) - (b.at as number));
  }

  for (const request of options.bursts ?? []) triggerBurst(request);

  return {
    runId,
    get now() {
      return clock;
    },
    get pending() {
      return queue.size;
    },
    lifecycleCapMs,
    step: (now) => advance(now, true),
    skip: (now) => advance(now, false),
    triggerBurst,
  };
}
