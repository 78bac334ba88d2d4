import type { ArchiveDb, ArchiveQuery } from '../archive/archiveDb';
import { pruneHours } from './rollupGrains';
import { recomputeAllDirty, recomputeDirty } from './rollups';
import type { Logger } from '../logger';

/** Where reports read: the archive's database once it is open, and its rollups brought up to date. */
export interface ReportsSource {
  /** The database, or null while the archive is not open (a 503). */
  query(): ArchiveQuery | null;
  /** Recomputes the dirty rollup keys (a report is as current as the appeals it reads). */
  refresh(): Promise<void>;
}

export function createReportsSource(database: () => ArchiveDb | null): ReportsSource {
  let running: Promise<void> | null = null;
  return {
    query: database,
    refresh() {
      const db = database();
      if (db === null) return Promise.resolve();
      // One recompute at a time per process: concurrent reports wait for the same one.
      running ??= recomputeAllDirty(db)
        .then(() => undefined)
        .finally(() => (running = null));
      return running;
    },
  };
}

export interface RollupJob {
  start(): void;
  stop(): Promise<void>;
}

/**
 * Keeps the rollups current in the background (every `intervalMs`, default 5 s): the days the
 * archiver and the backfill marked dirty are recomputed a month of days at a time, then their
 * months; hour rows older than the horizon are deleted.
 */
export function createRollupJob(options: { db: ArchiveDb; logger: Logger; intervalMs?: number }): RollupJob {
  const intervalMs = options.intervalMs ?? 5_000;
  let timer: NodeJS.Timeout | null = null;
  let current: Promise<unknown> = Promise.resolve();
  const tick = (): void => {
    current = recomputeDirty(options.db)
      .then(() => pruneHours(options.db, Date.now()))
      .catch((error: unknown) => options.logger.warn({ err: error }, 'reports: rollup recompute failed; retrying'))
      .finally(() => {
        if (timer !== null) timer = setTimeout(tick, intervalMs);
      });
  };
  return {
    start() {
      if (timer !== null) return;
      timer = setTimeout(tick, intervalMs);
    },
    async stop() {
      if (timer !== null) clearTimeout(timer);
      timer = null;
      await current;
    },
  };
}
