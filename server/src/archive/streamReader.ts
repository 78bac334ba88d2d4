import type { LogEntry, StreamLog } from '../stream/eventLog';
import { EVENTS_STREAM } from '../keys';

/** What the archiver needs of the stream: entries strictly after a cursor, oldest first. */
export interface StreamReader {
  /** At most `count` entries after `cursor`; may wait a little for new ones, [] when none came. */
  readAfter(cursor: string, count: number): Promise<LogEntry[]>;
}

/** The event log's `events` stream as a `StreamReader` (XREAD BLOCK up to `blockMs` when caught up). */
export function createLogStreamReader(
  log: StreamLog,
  options: { stream?: string; blockMs?: number } = {},
): StreamReader {
  const stream = options.stream ?? EVENTS_STREAM;
  const blockMs = options.blockMs ?? 1000;
  return { readAfter: (cursor, count) => log.read(stream, cursor, count, blockMs) };
}
