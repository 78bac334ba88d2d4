import { previousStreamId } from '@shared';
import type { LogEntry, StreamLog } from './eventLog';
import { EVENTS_STREAM } from '../keys';

/**
 * One entry by its id (a range from just before it up to it), or null when it is not in
 * the stream (never written, or trimmed away). `stream` defaults to the event stream.
 */
export async function readEntry(log: StreamLog, id: string, stream: string = EVENTS_STREAM): Promise<LogEntry | null> {
  const [entry] = await log.range(stream, previousStreamId(id), id, 1);
  return entry?.id === id ? entry : null;
}
