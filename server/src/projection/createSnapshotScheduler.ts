import { EVENTS_STREAM } from '../keys';
import type { Logger } from '../logger';
import type { StreamLog } from '../stream/eventLog';
import { retentionTrimPoint } from '../stream/retention';
import type { ProjectionStore } from './createProjectionStore';

export interface SnapshotScheduler {
  start(): void;
  stop(): void;
}

export interface SnapshotSchedulerDeps {
  store: ProjectionStore;
  log: StreamLog;
  logger: Logger;
  now: () => number;
  intervalMs: number;
  /** STREAM_RETENTION in ms: how far behind the snapshot the stream is kept. */
  retentionMs: number;
  /** The archive's cursor: the stream is never trimmed past it (null: no archive). */
  archivedThrough?: () => string | null;
}

/**
 * The periodic snapshot, then the stream trimmed to STREAM_RETENTION behind it (never past
 * the snapshot's cursor, so a restart always finds what follows its snapshot).
 */
export function createSnapshotScheduler(deps: SnapshotSchedulerDeps): SnapshotScheduler {
  const { store, log, logger } = deps;
  let timer: NodeJS.Timeout | null = null;

  async function saveSnapshotAndTrim(): Promise<void> {
    const saved = await store.saveSnapshot();
    const point = retentionTrimPoint(deps.now(), deps.retentionMs, saved, deps.archivedThrough?.() ?? null);
    if (point === null) return;
    const removed = await log.trim(EVENTS_STREAM, point);
    if (removed > 0) logger.info({ removed, before: point }, 'stream trimmed to its retention');
  }

  return {
    start() {
      timer = setInterval(() => {
        saveSnapshotAndTrim().catch((error: unknown) =>
          logger.warn({ err: (error as Error).message }, 'snapshot or trim failed'),
        );
      }, deps.intervalMs);
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = null;
    },
  };
}
