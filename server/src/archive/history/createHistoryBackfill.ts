import { randomBytes, randomInt } from 'node:crypto';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type { HistoryProgress, HistoryState } from '@shared';
import type { Logger } from '../../logger';
import { DAY, MINUTE } from '../../simulator/kzClock';
import type { ArchiveDb } from '../archiveDb';
import { createHistoryGenerator, historyRunId, type HistoryChunk } from './generateHistory';
import { advanceHistory, claimHistory, type HistoryMarker } from './historyMarker';
import { insertHistoryChunk } from './historyTables';
import { createProgressReporter, type ProgressReporter } from './progressReporter';

export interface HistoryBackfillOptions {
  db: ArchiveDb;
  logger: Logger;
  /** Days of history to write (SIM_HISTORY_DAYS); 0 writes none. */
  days: number;
  /** Average appeals per day (SIM_HISTORY_PER_DAY). */
  perDay: number;
  /** Epoch ms where the live stream's data starts: history ends before it. */
  liveStartAt: number;
  seed?: number;
  /** Terminal progress bar on this stream when it is a TTY; a log line per 10 % otherwise. */
  out?: NodeJS.WriteStream | null;
  /** Events per transaction, about. Default 2,000 (keeps the embedded database's lock short). */
  chunkEvents?: number;
}

export type { HistoryProgress, HistoryState };

export interface HistoryBackfill {
  /** Writes the history (or finds it written); resolves when finished. Never rejects. */
  run(): Promise<HistoryProgress>;
  /** Stops after the chunk in flight; a later run resumes from there. */
  stop(): Promise<void>;
  progress(): HistoryProgress;
}

/** Simulated time generated between two yields to the event loop: a few ms of work. */
const SLICE_MS = 2 * MINUTE;
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
  const chunkEvents = options.chunkEvents ?? 2_000;
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

  async function claim(): Promise<{ marker: HistoryMarker; resumed: boolean } | null> {
    return db.transaction(async (tx) => {
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
  async function writeChunk(
    chunk: HistoryChunk,
    through: number,
    isDone: boolean,
    marker: HistoryMarker,
  ): Promise<boolean> {
    const isOurs = await db.transaction(async (tx) => {
      const ok = await advanceHistory(tx, owner, {
        writtenThrough: through,
        appeals: chunk.appeals.length,
        incidents: chunk.incidents.length,
        events: chunk.events,
        isDone,
      });
      if (ok) await insertHistoryChunk(tx, chunk);
      return ok;
    });
    if (isOurs) {
      progress.appeals += chunk.appeals.length;
      progress.incidents += chunk.incidents.length;
      progress.events += chunk.events;
      progress.fraction = Math.min(1, (through - marker.fromAt) / (marker.toAt - marker.fromAt));
      reporter?.update(progress);
    }
    return isOurs;
  }

  let reporter: ProgressReporter | null = null;

  async function write(marker: HistoryMarker, resumed: boolean): Promise<void> {
    const generator = createHistoryGenerator({
      seed: marker.seed,
      fromAt: marker.fromAt,
      toAt: marker.toAt,
      perDay: marker.perDay,
    });
    reporter = createProgressReporter({ out: options.out ?? null, logger });
    if (resumed) {
      // Same seed, same history: regenerate what is committed without writing it again.
      logger.info({ writtenThrough: iso(marker.writtenThrough) }, 'history: resuming');
      while (generator.now < marker.writtenThrough && !isStopping) {
        generator.advance(Math.min(marker.writtenThrough, generator.now + SLICE_MS));
        await yieldToLoop();
      }
    }
    const end = marker.toAt - 1;
    // Generation (this thread) and writing (the database) overlap: the next chunk is generated
    // while the previous one is being written.
    let writing: Promise<boolean> = Promise.resolve(true);
    while (!isStopping && generator.now < end) {
      const chunk: HistoryChunk = { appeals: [], incidents: [], events: 0 };
      while (chunk.events < chunkEvents && generator.now < end) {
        const slice = generator.advance(Math.min(end, generator.now + SLICE_MS));
        for (const a of slice.appeals) chunk.appeals.push(a);
        for (const i of slice.incidents) chunk.incidents.push(i);
        chunk.events += slice.events;
        await yieldToLoop();
      }
      if (!(await writing)) break;
      writing = writeChunk(chunk, generator.now, generator.now >= end, marker);
      // Awaited on the next round; marked handled now, or a failure while the next chunk is
      // generated would count as an unhandled rejection and end the process.
      writing.catch(() => undefined);
    }
    if (!(await writing)) {
      progress.state = 'skipped';
      progress.reason = 'another process took the history over';
      return;
    }
    reporter.finish(progress);
    if (generator.now >= end) {
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
    const startedAt = Date.now();
    const delay = monitorEventLoopDelay({ resolution: 10 });
    try {
      const claimed = await claim();
      if (!claimed) {
        progress.state = 'skipped';
        logger.info({ reason: progress.reason }, 'history: nothing to write');
        return progress;
      }
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
  };
}
