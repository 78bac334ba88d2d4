import type { Logger } from '../../logger';
import type { ArchiveDb } from '../archiveDb';
import { erasePersonalData, type ErasureResult } from './erasePersonalData';

export interface PiiRetentionOptions {
  db: ArchiveDb;
  logger: Logger;
  retentionDays: number;
  /** Between two runs, ms. Default 1 hour (the first run comes a minute after start). */
  intervalMs?: number;
  firstRunMs?: number;
  now?: () => number;
}

export interface PiiRetention {
  start(): void;
  stop(): Promise<void>;
  /** Runs once now (tests, the CLI); resolves to what it erased. */
  runOnce(): Promise<ErasureResult>;
}

/** The retention job: erasePersonalData on a timer; a failed run is logged and retried next time. */
export function createPiiRetention(options: PiiRetentionOptions): PiiRetention {
  const now = options.now ?? Date.now;
  const intervalMs = options.intervalMs ?? 3_600_000;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let running: Promise<unknown> | null = null;
  let isRunning = false;

  async function runOnce(): Promise<ErasureResult> {
    const result = await erasePersonalData(options.db, { retentionDays: options.retentionDays, now: now() });
    if (result.appeals > 0) {
      options.logger.info({ ...result, retentionDays: options.retentionDays }, 'archive: personal data erased');
    }
    return result;
  }

  function schedule(delayMs: number): void {
    timer = setTimeout(() => {
      running = runOnce()
        .catch((error: unknown) => options.logger.error({ err: error }, 'archive: personal data erasure failed'))
        .finally(() => {
          running = null;
          if (isRunning) schedule(intervalMs);
        });
    }, delayMs);
    timer.unref();
  }

  return {
    start() {
      if (isRunning) return;
      isRunning = true;
      schedule(options.firstRunMs ?? 60_000);
    },
    async stop() {
      isRunning = false;
      if (timer) clearTimeout(timer);
      await running;
    },
    runOnce,
  };
}
