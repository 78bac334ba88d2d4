import path from 'node:path';
import type { Logger } from '../logger';
import type { EventLog } from '../stream/eventLog';
import { createRedisLog } from '../stream/redisLog';
import { createMemoryLog } from './memoryLog';
import { findRedisServer, startRedisChild } from './redisChild';

export interface OpenEventLogOptions {
  /** REDIS_URL; undefined means "find a Redis of our own". */
  redisUrl: string | undefined;
  prefix: string;
  /** DATA_DIR; the private redis-server keeps its AOF under `${dataDir}/redis`. */
  dataDir: string;
  logger: Logger;
}

export interface OpenedEventLog {
  log: EventLog;
  /** external = REDIS_URL, child = private redis-server, memory = demo only. */
  mode: 'external' | 'child' | 'memory';
  /** The Redis URL behind the log (null for the in-memory one), for the Socket.IO cluster adapter. */
  url: string | null;
  /** Closes the log, then stops the private redis-server if there is one. */
  close(): Promise<void>;
}

const MEMORY_WARNING = [
  '',
  '################################################################################',
  '#  DEMO ONLY: no Redis found, events live in memory, nothing is persisted.     #',
  '#  Everything is lost when the server stops, and no second node can join.      #',
  '#  Set REDIS_URL, or install redis-server so a private one can be started.     #',
  '################################################################################',
  '',
].join('\n');

function once(close: () => Promise<void>): () => Promise<void> {
  let closing: Promise<void> | null = null;
  return () => (closing ??= close());
}

/**
 * Picks the event log as design.md "Running" says: REDIS_URL if set; otherwise a
 * private redis-server child (AOF on) when the binary exists; otherwise an in-memory log,
 * announced loudly because nothing survives a restart.
 */
export async function openEventLog(options: OpenEventLogOptions): Promise<OpenedEventLog> {
  const { redisUrl, prefix, logger } = options;
  if (redisUrl !== undefined) {
    const log = await createRedisLog({ url: redisUrl, prefix, logger });
    return { log, mode: 'external', url: redisUrl, close: once(() => log.close()) };
  }

  if (findRedisServer() !== null) {
    const child = await startRedisChild({ dataDir: path.join(options.dataDir, 'redis'), logger });
    let log: EventLog;
    try {
      log = await createRedisLog({ url: child.url, prefix, logger });
    } catch (error) {
      await child.stop();
      throw error;
    }
    const close = async () => {
      try {
        await log.close();
      } finally {
        await child.stop();
      }
    };
    return { log, mode: 'child', url: child.url, close: once(close) };
  }

  // Both channels on purpose: the logger may be JSON at a level nobody reads, and a
  // person trying the demo should not miss that their data is not being kept.
  logger.warn(MEMORY_WARNING);
  console.error(MEMORY_WARNING);
  const log = createMemoryLog();
  return { log, mode: 'memory', url: null, close: once(() => log.close()) };
}
