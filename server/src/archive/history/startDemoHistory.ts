import type { Config } from '../../config';
import type { Logger } from '../../logger';
import { streamIdMs } from '../../simulator/backfillWindow';
import { MINUTE } from '../../simulator/kzClock';
import type { EventLog } from '../../stream/eventLog';
import type { ArchiveDb } from '../archiveDb';
import { createHistoryBackfill, type HistoryBackfill, type HistoryBackfillOptions } from './createHistoryBackfill';

export interface DemoHistoryOptions {
  db: ArchiveDb;
  log: EventLog;
  logger: Logger;
  days: number;
  perDay: number;
  /** The simulator's own backfill into the stream (SIM_BACKFILL_MINUTES): history ends before it. */
  streamBackfillMinutes: number;
  now?: () => number;
  /** Awaited after the claim, before writing (`waitForStartUp`): see HistoryBackfillOptions. */
  waitBeforeWriting?: HistoryBackfillOptions['waitBeforeWriting'];
}

/**
 * Where the live data starts: the stream's oldest entry, or, on a fresh stream, where the
 * simulator's backfill will start. History ends before it, so the two never overlap.
 */
async function liveStartAt(log: EventLog, backfillMinutes: number, now: number): Promise<number> {
  const { firstId } = await log.info('events');
  const simulatorStart = now - backfillMinutes * MINUTE;
  return firstId ? Math.min(streamIdMs(firstId), simulatorStart) : simulatorStart;
}

/**
 * Demo mode: writes the history into the archive in the background (the server is already
 * serving). Resolves at once with the backfill, whose `progress()` the admin page shows.
 */
export async function startDemoHistory(options: DemoHistoryOptions): Promise<HistoryBackfill> {
  const now = (options.now ?? Date.now)();
  const backfill = createHistoryBackfill({
    db: options.db,
    logger: options.logger,
    days: options.days,
    perDay: options.perDay,
    liveStartAt: await liveStartAt(options.log, options.streamBackfillMinutes, now),
    out: process.stdout,
    ...(options.waitBeforeWriting ? { waitBeforeWriting: options.waitBeforeWriting } : {}),
  });
  void backfill.run();
  return backfill;
}

/** The demo's history backfill, started once the archive is open. */
export interface DemoArchive {
  history: HistoryBackfill;
  close(): Promise<void>;
}

/** Starts the demo history on the archive service's database (one process owns a PGlite). */
export async function startDemoArchive(options: {
  db: ArchiveDb;
  config: Pick<Config, 'SIM_HISTORY_DAYS' | 'SIM_HISTORY_PER_DAY' | 'SIM_BACKFILL_MINUTES'>;
  log: EventLog;
  logger: Logger;
  waitBeforeWriting?: HistoryBackfillOptions['waitBeforeWriting'];
}): Promise<DemoArchive> {
  const { config } = options;
  const history = await startDemoHistory({
    db: options.db,
    log: options.log,
    logger: options.logger,
    days: config.SIM_HISTORY_DAYS,
    perDay: config.SIM_HISTORY_PER_DAY,
    streamBackfillMinutes: config.SIM_BACKFILL_MINUTES,
    ...(options.waitBeforeWriting ? { waitBeforeWriting: options.waitBeforeWriting } : {}),
  });
  return { history, close: () => history.stop() };
}
