import { compareStreamIds, streamIdTime } from '@shared';
import type { EventLog } from '../stream/eventLog';

/** Entries counted one page at a time before the count becomes an estimate. */
export const LAG_COUNT_EXACT = 5000;
const PAGE = 1000;

/**
 * How many entries of `stream` come after `afterId` (up to `lastId`): counted exactly up to
 * LAG_COUNT_EXACT, beyond that estimated from the counted entries' rate over their ids' time
 * span (Redis gives no count between two ids, and reading millions each second for a health
 * figure would cost more than the lag itself).
 */
export async function countAfter(
  log: EventLog,
  stream: string,
  afterId: string,
  lastId: string,
): Promise<{ count: number; isExact: boolean }> {
  let count = 0;
  let cursor = afterId;
  for (;;) {
    const entries = await log.range(stream, cursor, lastId, PAGE);
    count += entries.length;
    const last = entries.at(-1);
    if (!last || entries.length < PAGE || compareStreamIds(last.id, lastId) >= 0) return { count, isExact: true };
    cursor = last.id;
    if (count >= LAG_COUNT_EXACT) {
      const counted = Math.max(1, streamIdTime(last.id) - streamIdTime(afterId));
      const rest = Math.max(0, streamIdTime(lastId) - streamIdTime(last.id));
      return { count: count + Math.round((count * rest) / counted), isExact: false };
    }
  }
}
