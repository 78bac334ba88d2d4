import { randomInt } from 'node:crypto';
import type { EventEnvelope, RegionCode } from '@shared';
import type { Logger } from '../logger';
import type { StreamLog } from '../stream/eventLog';
import { EVENTS_STREAM } from '../keys';
import { createTrafficModel, DEFAULT_BURST_CHANCE, type TrafficModel } from './createTrafficModel';
import { DAY, HOUR, MINUTE } from './kzClock';

export interface SimulatorOptions {
  log: StreamLog;
  /** Average new appeals per second over a day. */
  rate: number;
  logger: Logger;
  /** Default: random, so that two runs never write the same ids. */
  seed?: number;
  /** The wall clock, epoch ms (tests pass a fake). */
  now?: () => number;
  /** Probability that a mass outage starts in any one hour, 0–1. Default 0.1. */
  burstChance?: number;
  /** Minutes of history written at start, with `at` in the past, oldest first. Default 0. */
  backfillMinutes?: number;
  /** Start with a mass outage (for demos and tests). Default false. */
  burstOnStart?: boolean;
  /** Loop period, ms. Default 200. */
  intervalMs?: number;
  /**
   * Envelopes waiting for the log beyond which new arrivals are skipped (lifecycles
   * already under way still complete), so an unreachable log cannot exhaust memory.
   * Default 100,000.
   */
  maxBuffered?: number;
  /** Stream key suffix. Default 'events'. */
  stream?: string;
  /**
   * Share of `rate` that arrives as appeals taking days to weeks (planLongAppeal), beside the
   * ordinary traffic: what makes the legal deadlines come and go in a long-running demo.
   * Default LONG_APPEAL_SHARE; 0 turns them off.
   */
  longShare?: number;
  /**
   * Days of those long appeals written at start, with `at` in the past, before everything
   * else: a backlog registered over the past weeks (open past the legal deadline, extended,
   * resolved and awaiting the callback), whose later events then come live. Only for an
   * empty stream (lawBacklogWindow), so a restart never seeds twice. Default 0.
   */
  lawBacklogDays?: number;
}

/**
 * Long appeals as a share of the rate: 0.05 % (at 5 a second, about 215 a day). Small on
 * purpose: the backlog is appended before live traffic starts (about 26,000 events at 5/s).
 */
export const LONG_APPEAL_SHARE = 0.0005;
/** The backlog the demo seeds an empty stream with: longer than the legal term (~21 days). */
export const LAW_BACKLOG_DAYS = 28;

/** Days of law backlog to seed `stream` with: all of `configured` on an empty stream, else none. */
export async function lawBacklogWindow(log: StreamLog, stream: string, configured: number): Promise<number> {
  const { lastId } = await log.info(stream);
  return lastId === '0-0' ? configured : 0;
}

/** Simulated time generated per backlog step (the backlog is sparse). */
const BACKLOG_CHUNK_MS = 6 * HOUR;

/** Merges two time-ordered envelope lists by `at` (both models write the same +05:00 form). */
function mergeByAt(a: EventEnvelope[], b: EventEnvelope[]): EventEnvelope[] {
  if (b.length === 0) return a;
  if (a.length === 0) return b;
  const out: EventEnvelope[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const x = a[i];
    const y = b[j];
    if (y === undefined || (x !== undefined && x.at <= y.at)) {
      out.push(x as EventEnvelope);
      i += 1;
    } else {
      out.push(y);
      j += 1;
    }
  }
  return out;
}

export interface SimulatorStatus {
  runId: string | null;
  isRunning: boolean;
  /** Envelopes appended to the log so far. */
  appended: number;
  /** Envelopes generated and not yet appended. */
  buffered: number;
  failedAppends: number;
}

export interface Simulator {
  /** Starts the loop (backfill first, if asked). Calling it twice does nothing. */
  start(): void;
  /** Stops the loop; resolves once the append in flight (if any) has settled. */
  stop(): Promise<void>;
  /** Starts a mass outage now, in `region` or a population-weighted random one. */
  triggerBurst(region?: RegionCode): void;
  /**
   * Resolves once the start-up backfill (law backlog and `backfillMinutes`) is all in the log,
   * at once when there was none. The demo history waits for it (and for the projection and
   * the archive to read it), so the two do not share the main thread.
   */
  whenBackfilled(): Promise<void>;
  status(): SimulatorStatus;
}

/** Simulated time generated per backfill step: keeps a long backfill's buffer small. */
const BACKFILL_CHUNK_MS = MINUTE;
/** The backfill generates more only while fewer envelopes than this wait for the log. */
const BACKFILL_LOW_WATER = 10_000;
/** A longer gap between two live ticks gets no new appeals beyond its last part. */
const MAX_CATCH_UP_MS = 5 * MINUTE;
/** Repeat the "append failed" warning at most this often. */
const WARN_EVERY_MS = 10_000;

/**
 * Demo traffic: a timer loop that asks the traffic model for what has happened since the
 * last tick and appends it, in order, to the event log. A failed append is retried on the
 * next tick from the same envelope, so nothing is lost or reordered; the loop itself
 * never throws.
 */
export function createSimulator(options: SimulatorOptions): Simulator {
  const { log, logger } = options;
  const clock = options.now ?? Date.now;
  const stream = options.stream ?? EVENTS_STREAM;
  const intervalMs = options.intervalMs ?? 200;
  const maxBuffered = options.maxBuffered ?? 100_000;
  const seed = options.seed ?? randomInt(0x1_0000_0000);
  const outbox: EventEnvelope[] = [];
  const earlyBursts: (RegionCode | undefined)[] = [];
  let head = 0;
  let model: TrafficModel | null = null;
  /** The long appeals' model (days to weeks), or null when `longShare` is 0. */
  let longModel: TrafficModel | null = null;
  let backfillUntil = 0;
  let isRunning = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let loop: Promise<void> | null = null;
  let appended = 0;
  let failedAppends = 0;
  let isFailing = false;
  let lastWarnAt = Number.NEGATIVE_INFINITY;
  let isSkipping = false;
  let isBackfilled = false;
  let markBackfilled: () => void = () => undefined;
  const backfilled = new Promise<void>((resolve) => {
    markBackfilled = resolve;
  });

  const buffered = (): number => outbox.length - head;

  function enqueue(envelopes: readonly EventEnvelope[]): void {
    // A loop, not push(...envelopes): a backfill chunk can exceed the argument limit.
    for (const envelope of envelopes) outbox.push(envelope);
  }

  /** Both models up to `to`, merged in time order (`skip`: no new arrivals). */
  function advance(m: TrafficModel, to: number, withArrivals: boolean): EventEnvelope[] {
    const ordinary = withArrivals ? m.step(to) : m.skip(to);
    if (!longModel) return ordinary;
    return mergeByAt(ordinary, withArrivals ? longModel.step(to) : longModel.skip(to));
  }

  const isSeeding = (m: TrafficModel): boolean => longModel !== null && longModel.now < m.now;

  function generate(m: TrafficModel): void {
    if (longModel && isSeeding(m)) {
      // The law backlog first: it is older than anything the ordinary backfill writes.
      while (longModel.now < m.now && buffered() < BACKFILL_LOW_WATER) {
        enqueue(longModel.step(Math.min(m.now, longModel.now + BACKLOG_CHUNK_MS)));
      }
      if (longModel.now >= m.now) logger.info({ buffered: buffered() }, 'simulator: law backlog generated');
      return;
    }
    if (m.now < backfillUntil) {
      while (m.now < backfillUntil && buffered() < BACKFILL_LOW_WATER) {
        enqueue(advance(m, Math.min(backfillUntil, m.now + BACKFILL_CHUNK_MS), true));
      }
      if (m.now >= backfillUntil) logger.info({ appended, buffered: buffered() }, 'simulator: backfill generated');
      return;
    }
    const now = clock();
    if (buffered() < maxBuffered) {
      if (isSkipping) logger.info({ buffered: buffered() }, 'simulator: buffer drained, new appeals resume');
      isSkipping = false;
      if (now - m.now > MAX_CATCH_UP_MS) {
        // The process slept (laptop lid, debugger) or a huge backfill took long to append:
        // do not replay the whole gap's arrivals at once.
        logger.warn({ gapMs: now - m.now }, 'simulator: fell behind the clock, skipping new appeals in the gap');
        enqueue(advance(m, now - MAX_CATCH_UP_MS, false));
      }
      enqueue(advance(m, now, true));
    } else {
      if (!isSkipping)
        logger.warn({ buffered: buffered(), maxBuffered }, 'simulator: buffer full, skipping new appeals');
      isSkipping = true;
      enqueue(advance(m, now, false));
    }
  }

  async function flush(): Promise<void> {
    while (isRunning && head < outbox.length) {
      const envelope = outbox[head] as EventEnvelope;
      try {
        await log.append(stream, { event: JSON.stringify(envelope) });
      } catch (error) {
        failedAppends += 1;
        const now = clock();
        if (!isFailing || now - lastWarnAt >= WARN_EVERY_MS) {
          lastWarnAt = now;
          logger.warn(
            { err: error, buffered: buffered(), failedAppends },
            'simulator: append failed, retrying next tick',
          );
        }
        isFailing = true;
        return;
      }
      if (isFailing) logger.info({ buffered: buffered() - 1 }, 'simulator: appends work again');
      isFailing = false;
      head += 1;
      appended += 1;
    }
    if (head > 4096 && head * 2 > outbox.length) {
      outbox.splice(0, head);
      head = 0;
    }
  }

  const isBackfilling = (m: TrafficModel): boolean => m.now < backfillUntil || isSeeding(m);

  async function tick(): Promise<void> {
    try {
      if (model) generate(model);
      await flush();
      if (!isBackfilled && model && !isBackfilling(model) && buffered() === 0) {
        isBackfilled = true;
        logger.info({ appended }, 'simulator: backfill appended');
        markBackfilled();
      }
    } catch (error) {
      logger.error({ err: error }, 'simulator: tick failed');
    }
  }

  function schedule(delayMs: number): void {
    timer = setTimeout(() => {
      timer = null;
      loop = tick().finally(() => {
        loop = null;
        const isBehind = model !== null && isBackfilling(model);
        if (isRunning) schedule(isBehind && !isFailing ? 0 : intervalMs);
      });
    }, delayMs);
  }

  return {
    start() {
      if (isRunning) return;
      isRunning = true;
      if (!model) {
        const now = clock();
        const backfillMs = Math.max(0, options.backfillMinutes ?? 0) * MINUTE;
        backfillUntil = now;
        model = createTrafficModel({
          seed,
          startAt: now - backfillMs,
          rate: options.rate,
          burstChance: options.burstChance ?? DEFAULT_BURST_CHANCE,
          bursts: options.burstOnStart ? [{ at: now }] : [],
        });
        const longShare = Math.max(0, options.longShare ?? LONG_APPEAL_SHARE);
        if (longShare > 0) {
          longModel = createTrafficModel({
            seed: (seed ^ 0x5eed) >>> 0,
            startAt: now - Math.max(0, options.lawBacklogDays ?? 0) * DAY,
            rate: options.rate * longShare,
            burstChance: 0,
            lifecycle: 'long',
            // Its own ids: `A-71-<run>w-7` never meets the ordinary model's `A-71-<run>-7`.
            runId: `${model.runId}w`,
          });
        }
        for (const region of earlyBursts.splice(0)) model.triggerBurst({ at: now, ...(region ? { region } : {}) });
        logger.info(
          {
            rate: options.rate,
            seed,
            runId: model.runId,
            backfillMinutes: options.backfillMinutes ?? 0,
            longShare,
            lawBacklogDays: options.lawBacklogDays ?? 0,
            stream,
          },
          'simulator started',
        );
      }
      schedule(0);
    },
    async stop() {
      isRunning = false;
      if (timer) clearTimeout(timer);
      timer = null;
      await loop;
      logger.info({ appended, buffered: buffered() }, 'simulator stopped');
    },
    triggerBurst(region) {
      if (!model) {
        earlyBursts.push(region);
        return;
      }
      model.triggerBurst({ at: clock(), ...(region ? { region } : {}) });
      logger.info({ region: region ?? 'random' }, 'simulator: burst triggered');
    },
    whenBackfilled: () => backfilled,
    status: () => ({ runId: model?.runId ?? null, isRunning, appended, buffered: buffered(), failedAppends }),
  };
}
