import type { EventLog } from '../stream/eventLog';
import { MINUTE } from './kzClock';

/** Epoch ms of a stream id ("<ms>-<seq>"). */
export const streamIdMs = (id: string): number => Number(id.split('-')[0]);

/**
 * Minutes the simulator may backfill into `stream` at start without writing under data that is
 * already there: all of `configured` on an empty stream; after a restart only the gap since
 * the newest entry (events dated before it would arrive after it, and the burst detector
 * reads such a second copy of the last hour as a surge).
 */
export async function backfillWindow(log: EventLog, stream: string, configured: number, now: number): Promise<number> {
  const { lastId } = await log.info(stream);
  if (lastId === '0-0') return configured;
  const gapMinutes = Math.floor((now - streamIdMs(lastId)) / MINUTE);
  return Math.max(0, Math.min(configured, gapMinutes));
}
