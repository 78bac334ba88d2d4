import { randomBytes, randomInt } from 'node:crypto';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { HistoryProgress, HistoryState } from '@shared';
import type { Logger } from '../../logger';
import { DAY } from '../../simulator/kzClock';
import type { ArchiveDb } from '../archiveDb';
import { startTsWorker } from '../tsWorker';
import { advanceHistory, claimHistory, type HistoryMarker } from './historyMarker';
import { historyRunId } from './historyRunId';
import { canSkipTriggers, insertHistoryChunk } from './historyTables';
import type { HistoryWorkerCommand, HistoryWorkerData, HistoryWorkerMessage } from './historyWorker';
import { createProgressReporter, type ProgressReporter } from './progressReporter';

export interface HistoryBackfillOptions {
  db: ArchiveDb;
  logger: Logger;
  /** Days of history to write (SIM_HISTORY_DAYS); 0 writes none. */
  days: number;
  /** Average appeals per day (SIM_HISTORY_PER_DAY). */
  perDay: number;
  /**
   * Mass outages per day (each 150–400 appeals), default 1. Tests lower it so a long span
   * stays small; not recorded in `archive_history`, so a resumed run must pass the same.
   */
  burstsPerDay?: number;
  /** Epoch ms where the live stream's data starts: history ends before it. */
  liveStartAt: number;
  seed?: number;
  /** Terminal progress bar on this stream when it is a TTY; a log line per 10 % otherwise. */
  out?: NodeJS.WriteStream | null;
  /** Events per transaction, about. Default 4,000 (keeps the embedded database's lock short). */
  chunkEvents?: number;
  /**
   * Awaited once the history is claimed (its range fixed as of now) and before anything is
   * written: the demo server waits here for its own start-up to settle (`waitForStartUp`).
   * `isStopping` turns true when `stop()` is called meanwhile.
   */
  waitBeforeWriting?: (isStopping: () => boolean) => Promise<unknown>;
}

/** Where the time went (the benchmark's breakdown), ms. */
export interface HistoryTimings {
  /** In the history worker: simulating and folding, then encoding rows for the database. */
  generateMs: number;
  encodeMs: number;
  /** Transactions in the database (lease compare-and-set + bulk inserts + commit). */
  writeMs: number;
  /** The writer waiting for the worker's next chunk (generation is the bottleneck then). */
  waitMs: number;
  /** CPU time of the history worker's thread (Linux; NaN elsewhere). */
  workerCpuMs: number;
  chunks: number;
}

export type { HistoryProgress, HistoryState };

export interface HistoryBackfill {
  /** Writes the history (or finds it written); resolves when finished. Never rejects. */
  run(): Promise<HistoryProgress>;
  /** Stops after the chunk in flight; a later run resumes from there. */
  stop(): Promise<void>;
  progress(): HistoryProgress;
  timings(): HistoryTimings;
}

/**
 * The history worker's young generation (V8 `maxYoungGenerationSizeMb`: three semi-spaces, so
 * 64 MB each, against 16 by default). Nearly everything it allocates (envelopes, payload JSON,
 * COPY text) dies within a chunk; with small semi-spaces the scavenger ran all the time and
 * promoted live chunk data. Measured generating 6 days in-process: 10–20 % less CPU in all
 * (`--max-semi-space-size=64`, garbage collection included). Costs up to ~150 MB more while the
 * backfill runs.
 */
const WORKER_YOUNG_GENERATION_MB = 192;
/** Chunks the worker generates ahead of the one being written. */
const AHEAD = 2;
const iso = (ms: number): string => new Date(ms).toISOString();

/**
 * The demo's history: `days` of simulated appeals, finished, with full timelines, written in
 * bulk into the archive and tagged `backfilled`, in the background. Recorded in
 * `archive_history` before the first row, so it is written once per archive, ever: a restart
 * finds it done, or resumes it where a stopped one left off.
 */
export function createHistoryBackfill(options: HistoryBackfillOptions): HistoryBackfill {
  const { db, logger } = options;
  const owner = `history-${randomBytes(4).toString('hex')}`;
  const chunkEvents = options.chunkEvents ?? 4_000;
  const timings: HistoryTimings = { generateMs: 0, encodeMs: 0, writeMs: 0, waitMs: 0, workerCpuMs: 0, chunks: 0 };
  const progress: HistoryProgress = {
    state: 'idle',
    reason: null,
    fromAt: null,
    toAt: null,
    fraction: 0,
    appeals: 0,
    incidents: 0,
    events: 0,
    perDay: options.perDay,
    elapsedMs: null,
    eventLoopP99Ms: null,
  };
  let isStopping = false;
  let running: Promise<HistoryProgress> | null = null;

  /** Whether chunks may switch the rollup triggers off (canSkipTriggers), asked once per run. */
  let skipTriggers = false;

  async function claim(): Promise<{ marker: HistoryMarker; resumed: boolean } | null> {
    return db.transaction(async (tx) => {
      skipTriggers = await canSkipTriggers(tx);
      // Never over existing data: end before the oldest archived appeal as well.
      const { rows } = await tx.query<{ first: Date | null }>(
        'SELECT min(registered_at) AS first FROM appeals WHERE NOT backfilled',
      );
      const toAt = Math.floor(Math.min(options.liveStartAt, rows[0]?.first?.getTime() ?? Infinity) / 1000) * 1000;
      const seed = options.seed ?? randomInt(0x1_0000_0000);
      const claimed = await claimHistory(tx, {
        runId: historyRunId(seed),
        seed,
        fromAt: toAt - options.days * DAY,
        toAt,
        perDay: options.perDay,
        status: 'running',
        writtenThrough: toAt - options.days * DAY,
        appeals: 0,
        incidents: 0,
        events: 0,
        owner,
      });
      const { marker } = claimed;
      Object.assign(progress, {
        fromAt: iso(marker.fromAt),
        toAt: iso(marker.toAt),
        perDay: marker.perDay,
        appeals: marker.appeals,
        incidents: marker.incidents,
        events: marker.events,
      });
      if (claimed.kind === 'done') {
        progress.fraction = 1;
        progress.reason = `history already written (${progress.fromAt} – ${progress.toAt})`;
        return null;
      }
      if (claimed.kind === 'busy') {
        progress.reason = `another process (${marker.owner}) is writing the history`;
        return null;
      }
      return { marker, resumed: claimed.kind === 'resumed' };
    });
  }

  /** One chunk in one transaction, the lease's compare-and-set first; false if the lease is lost. */
  async function writeChunk(chunk: HistoryWorkerMessage & { type: 'chunk' }, marker: HistoryMarker): Promise<boolean> {
    const startedAt = performance.now();
    const isOurs = await db.transaction(async (tx) => {
      const ok = await advanceHistory(tx, owner, {
        writtenThrough: chunk.through,
        appeals: chunk.appeals,
        incidents: chunk.incidents,
        events: chunk.events,
        isDone: chunk.isLast,
      });
      if (ok) await insertHistoryChunk(tx, chunk.encoded, { skipTriggers });
      return ok;
    });
    timings.writeMs += performance.now() - startedAt;
    timings.generateMs += chunk.generateMs;
    timings.encodeMs += chunk.encodeMs;
    timings.workerCpuMs = chunk.cpuMs;
    timings.chunks += 1;
    if (isOurs) {
      progress.appeals += chunk.appeals;
      progress.incidents += chunk.incidents;
      progress.events += chunk.events;
      progress.fraction = Math.min(1, (chunk.through - marker.fromAt) / (marker.toAt - marker.fromAt));
      reporter?.update(progress);
    }
    return isOurs;
  }

  let reporter: ProgressReporter | null = null;

  /**
   * Generation runs in the history worker, which sends chunks ready to write (encoded for
   * this database) a few ahead; this thread only writes them and reports progress.
   */
  async function write(marker: HistoryMarker, resumed: boolean): Promise<void> {
    reporter = createProgressReporter({ out: options.out ?? null, logger });
    if (resumed) logger.info({ writtenThrough: iso(marker.writtenThrough) }, 'history: resuming');
    const data: HistoryWorkerData = {
      seed: marker.seed,
      fromAt: marker.fromAt,
      toAt: marker.toAt,
      perDay: marker.perDay,
      burstsPerDay: options.burstsPerDay,
      writtenThrough: marker.writtenThrough,
      chunkEvents,
      ahead: AHEAD,
    };
    const worker = startTsWorker(new URL('./historyWorker.ts', import.meta.url), data, {
      maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB,
    });
    const inbox = createInbox<HistoryWorkerMessage>();
    worker.on('message', (message: HistoryWorkerMessage) => inbox.push(message));
    worker.on('error', (error) => inbox.fail(error));
    worker.on('exit', (code) => inbox.fail(new Error(`history worker exited (code ${code})`)));
    let outcome: 'done' | 'stopped' | 'lost' = 'stopped';
    try {
      while (!isStopping) {
        const waitedAt = performance.now();
        const message = await inbox.next();
        timings.waitMs += performance.now() - waitedAt;
        if (message.type === 'failed') throw new Error(`history worker: ${message.message}`);
        if (isStopping) break;
        if (!(await writeChunk(message, marker))) {
          outcome = 'lost';
          break;
        }
        if (message.isLast) {
          outcome = 'done';
          break;
        }
        worker.postMessage({ type: 'written' } satisfies HistoryWorkerCommand);
      }
    } finally {
      worker.removeAllListeners('exit');
      await worker.terminate();
    }
    if (outcome === 'lost') {
      progress.state = 'skipped';
      progress.reason = 'another process took the history over';
      return;
    }
    reporter.finish(progress);
    if (outcome === 'done') {
      progress.state = 'done';
      progress.fraction = 1;
    } else {
      progress.state = 'idle';
      progress.reason = 'stopped; the next start resumes it';
    }
  }

  async function run(): Promise<HistoryProgress> {
    if (options.days <= 0) {
      progress.state = 'skipped';
      progress.reason = 'SIM_HISTORY_DAYS is 0';
      return progress;
    }
    const delay = monitorEventLoopDelay({ resolution: 10 });
    try {
      let claimed = await claim();
      const waitedAt = Date.now();
      if (claimed && options.waitBeforeWriting) {
        const { resumed } = claimed;
        progress.reason = 'waiting for the live start-up to settle';
        await options.waitBeforeWriting(() => isStopping);
        if (isStopping) {
          progress.reason = 'stopped; the next start resumes it';
          return progress;
        }
        progress.reason = null;
        // Again, as the same owner: renews the lease (60 s) the wait may have outlived, or finds
        // that another process has taken the history over meanwhile.
        const renewed = await claim();
        claimed = renewed && { marker: renewed.marker, resumed };
      }
      if (!claimed) {
        progress.state = 'skipped';
        logger.info({ reason: progress.reason }, 'history: nothing to write');
        return progress;
      }
      // From here on: the backfill's whole run, the event-loop delay included (not the wait).
      const startedAt = Date.now();
      progress.state = 'running';
      delay.enable();
      logger.info(
        { from: progress.fromAt, to: progress.toAt, perDay: progress.perDay, runId: claimed.marker.runId },
        'history: writing the demo history into the archive in the background',
      );
      await write(claimed.marker, claimed.resumed);
      delay.disable();
      progress.elapsedMs = Date.now() - startedAt;
      progress.eventLoopP99Ms = Math.round(delay.percentile(99) / 1e4) / 100;
      logger.info(
        {
          state: progress.state,
          appeals: progress.appeals,
          incidents: progress.incidents,
          events: progress.events,
          seconds: Math.round(progress.elapsedMs / 100) / 10,
          waitedSeconds: Math.round((startedAt - waitedAt) / 100) / 10,
          eventLoopP99Ms: progress.eventLoopP99Ms,
        },
        'history: finished',
      );
    } catch (error) {
      delay.disable();
      progress.state = 'failed';
      progress.reason = error instanceof Error ? error.message : String(error);
      logger.error({ err: error }, 'history: backfill failed (the next start resumes it)');
    }
    return progress;
  }

  return {
    run() {
      running ??= run();
      return running;
    },
    async stop() {
      isStopping = true;
      await running;
    },
    progress: () => ({ ...progress }),
    timings: () => ({ ...timings }),
  };
}

/** Messages in arrival order, awaited one at a time; a failure rejects the waiting (and every later) read. */
function createInbox<T>(): { push(message: T): void; fail(error: Error): void; next(): Promise<T> } {
  const queue: T[] = [];
  let failure: Error | null = null;
  let waiting: { resolve: (message: T) => void; reject: (error: Error) => void } | null = null;
  return {
    push(message) {
      if (waiting) {
        waiting.resolve(message);
        waiting = null;
      } else queue.push(message);
    },
    fail(error) {
      failure ??= error;
      waiting?.reject(error);
      waiting = null;
    },
    next() {
      const message = queue.shift();
      if (message !== undefined) return Promise.resolve(message);
      if (failure) return Promise.reject(failure);
      return new Promise((resolve, reject) => (waiting = { resolve, reject }));
    },
  };
}
