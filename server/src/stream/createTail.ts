import type { Logger } from '../logger';
import type { LogEntry, StreamLog } from './eventLog';

export interface TailOptions {
  log: StreamLog;
  stream: string;
  /** Read entries strictly after this id. */
  from: string;
  /** Handles one batch in order; the cursor advances only after it resolves. */
  onBatch: (entries: LogEntry[]) => Promise<void>;
  logger: Logger;
  batchSize: number;
  blockMs: number;
}

export interface TailStatus {
  /** False from the first failed read until a read succeeds again. */
  isConnected: boolean;
  cursor: string;
  lastError: string | null;
  /** Clock reading (ms) of the last successful read. */
  lastReadAt: number | null;
}

export interface Tail {
  start(): void;
  /** Stops after the batch in hand; resolves when the loop has ended. */
  stop(): Promise<void>;
  status(): TailStatus;
}

const RETRY_MIN_MS = 100;
const RETRY_MAX_MS = 500;

/**
 * Follows a stream with XREAD BLOCK from its own cursor. A failed read or batch is retried
 * with capped backoff from the same cursor (the projection ignores re-applied ids), so the
 * tail never stops: not on bad data (decode handles that) and not on a lost link.
 */
export function createTail(options: TailOptions): Tail {
  const { log, stream, onBatch, logger } = options;
  const status: TailStatus = { isConnected: true, cursor: options.from, lastError: null, lastReadAt: null };
  let isRunning = false;
  let loop: Promise<void> | null = null;

  async function run(): Promise<void> {
    let retryMs = RETRY_MIN_MS;
    while (isRunning) {
      try {
        const entries = await log.read(stream, status.cursor, options.batchSize, options.blockMs);
        status.lastReadAt = Date.now();
        if (!status.isConnected) logger.info({ stream }, 'stream link restored');
        status.isConnected = true;
        status.lastError = null;
        retryMs = RETRY_MIN_MS;
        if (entries.length === 0 || !isRunning) continue;
        await onBatch(entries);
        status.cursor = (entries[entries.length - 1] as LogEntry).id;
      } catch (error) {
        if (!isRunning) break;
        const message = (error as Error).message;
        if (status.isConnected || status.lastError !== message)
          logger.warn({ stream, err: message }, 'stream read failed, retrying');
        status.isConnected = false;
        status.lastError = message;
        await new Promise((resolve) => setTimeout(resolve, retryMs));
        retryMs = Math.min(RETRY_MAX_MS, retryMs * 2);
      }
    }
  }

  return {
    start() {
      if (isRunning) return;
      isRunning = true;
      loop = run();
    },
    async stop() {
      isRunning = false;
      await loop;
    },
    status: () => ({ ...status }),
  };
}
