import { DEAD_LETTER_KEEP_BYTES } from '@shared';
import type { LogEntry, StreamLog } from './eventLog';
import { DEAD_LETTER_STREAM } from '../keys';

/** Stream (key suffix) that receives entries failing validation. */
export { DEAD_LETTER_STREAM };

/**
 * Fields of the dead-letter copy: the original fields (each cut to 4 KB so a 1 MB value
 * cannot bloat Redis; `truncated` lists the cut ones), plus `reason`, `sourceId` (the
 * original stream id) and `deadAt`.
 */
export function deadLetterFields(entry: LogEntry, reason: string, now: number): Record<string, string> {
  const fields: Record<string, string> = {};
  const truncated: string[] = [];
  for (const [name, value] of Object.entries(entry.fields)) {
    if (name === 'reason' || name === 'sourceId' || name === 'deadAt' || name === 'truncated') continue;
    if (Buffer.byteLength(value, 'utf8') > DEAD_LETTER_KEEP_BYTES) {
      fields[name] = Buffer.from(value, 'utf8').subarray(0, DEAD_LETTER_KEEP_BYTES).toString('utf8');
      truncated.push(name);
    } else {
      fields[name] = value;
    }
  }
  fields.reason = reason;
  fields.sourceId = entry.id;
  fields.deadAt = new Date(now).toISOString();
  if (truncated.length > 0) fields.truncated = truncated.join(',');
  return fields;
}

/** Copies a bad entry to the dead-letter stream. */
export async function sendToDeadLetter(log: StreamLog, entry: LogEntry, reason: string, now: number): Promise<string> {
  return log.append(DEAD_LETTER_STREAM, deadLetterFields(entry, reason, now));
}
