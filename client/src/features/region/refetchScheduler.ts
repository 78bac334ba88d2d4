import { compareStreamIds, isStreamId, type StreamEvent } from '@shared';
import { browserTimers, type Timers } from '../../state/batcher';

/** Wait after the first change before the list is read again (changes meanwhile ride along). */
export const REFETCH_DELAY_MS = 1500;

export interface RefetchScheduler {
  /** Something changed: read again soon. */
  request(): void;
  /** Read now (the first load, a retry); queued behind a read in flight. */
  runNow(): void;
  /** Stops: a pending read is dropped, one in flight finishes but nothing follows it. */
  dispose(): void;
}

/**
 * Live refresh of a list: at most one read in flight, at most one read per `delayMs`
 * however fast changes arrive, and none lost. A request waits `delayMs` (so a burst becomes
 * one read); a request during a read queues exactly one more read, `delayMs` after it ends.
 * A throttle rather than a pure debounce: under steady traffic a debounce would never fire.
 */
export function createRefetchScheduler(
  run: () => Promise<void>,
  options: { delayMs?: number; timers?: Timers } = {},
): RefetchScheduler {
  const delayMs = options.delayMs ?? REFETCH_DELAY_MS;
  const timers = options.timers ?? browserTimers;
  let timer: unknown = null;
  let isRunning = false;
  /** What follows the read in flight: nothing, a read after `delayMs`, or one at once (runNow). */
  let queued: 'none' | 'soon' | 'now' = 'none';
  let isDisposed = false;

  const start = (): void => {
    timer = null;
    if (isDisposed) return;
    isRunning = true;
    void run()
      .catch(() => undefined)
      .then(() => {
        isRunning = false;
        const next = queued;
        queued = 'none';
        if (isDisposed || next === 'none') return;
        if (next === 'now') start();
        else timer = timers.setTimeout(start, delayMs);
      });
  };

  return {
    request() {
      if (isDisposed) return;
      if (isRunning) queued = queued === 'now' ? 'now' : 'soon';
      else if (timer === null) timer = timers.setTimeout(start, delayMs);
    },
    runNow() {
      if (isDisposed) return;
      if (isRunning) {
        queued = 'now';
        return;
      }
      if (timer !== null) timers.clearTimeout(timer);
      start();
    },
    dispose() {
      isDisposed = true;
      queued = 'none';
      if (timer !== null) timers.clearTimeout(timer);
      timer = null;
    },
  };
}

/** The later of two stream cursors (an unreadable one counts as the start). */
export function laterCursor(a: string, b: string): string {
  if (!isStreamId(a)) return isStreamId(b) ? b : '0-0';
  if (!isStreamId(b)) return a;
  return compareStreamIds(a, b) >= 0 ? a : b;
}

/**
 * Whether the live feed has events in `regions` after `since`, and the cursor up to which
 * it has now been looked at. The feed keeps only the newest events: when its oldest one is
 * already past `since`, events in between may have been dropped, so that counts as a change.
 */
export function scanFeed(
  feed: readonly Pick<StreamEvent, 'streamId' | 'region'>[],
  since: string,
  regions: ReadonlySet<string>,
): { hasChanges: boolean; through: string } {
  const oldest = feed[0];
  const newest = feed[feed.length - 1];
  if (!oldest || !newest) return { hasChanges: false, through: since };
  const through = laterCursor(since, newest.streamId);
  if (isStreamId(since) && compareStreamIds(oldest.streamId, since) > 0 && since !== '0-0') {
    return { hasChanges: true, through };
  }
  for (let i = feed.length - 1; i >= 0; i -= 1) {
    const event = feed[i] as Pick<StreamEvent, 'streamId' | 'region'>;
    if (isStreamId(since) && compareStreamIds(event.streamId, since) <= 0) break;
    // A national event (a calendar year) changes every region's legal deadlines.
    if (event.region === undefined || regions.has(event.region)) return { hasChanges: true, through };
  }
  return { hasChanges: false, through };
}
