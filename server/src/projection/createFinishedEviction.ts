import {
  evictFinished,
  MAX_RECENT_CLOSED_APPEALS,
  MAX_RECENT_RESOLVED_INCIDENTS,
  type Appeal,
  type ProjectionState,
} from '@shared';

export interface FinishedEvictionOptions {
  /**
   * The archive's cursor (everything up to it is archived): finished appeals are then evicted
   * once archived, not by count. Absent or null: no archive, the newest 20,000 stay.
   */
  archivedThrough?: () => string | null;
  /**
   * A finished appeal the live view still needs at `at` (e.g. awaiting the citizen's
   * confirmation): never evicted. `at` is the projection's clock (evictionTime), not the wall's.
   */
  keepFinished?: (appeal: Appeal, at: number) => boolean;
  /** The wall clock (epoch ms): the projection's clock is never taken to be ahead of it. */
  now: () => number;
}

/** Newest feed events whose finished appeals stay in memory with an archive (a snapshot's feed). */
const FEED_KEPT = 100;

/**
 * The time a finished appeal's window is judged at: the newest `at` the projection has applied,
 * not the wall clock's. Entries weeks old (the demo's law backlog, a start-up replay after
 * days down) are judged as of their own time: by today's, an appeal resolved three weeks ago
 * is past its window and was evicted once archived, though its confirmation and closing were
 * the next entries to apply, and they were then ignored as an unknown appeal (~800 at a fresh
 * demo start). Live, the two clocks agree. Capped by the wall clock, as an `at` may run up to
 * MAX_FUTURE_SKEW ahead: an appeal is never evicted sooner than the wall clock would.
 */
function evictionTime(state: ProjectionState, now: () => number): number {
  const wall = now();
  return state.latestAt === null ? wall : Math.min(state.latestAt, wall);
}

/**
 * What the projection store runs after each batch: finished appeals out of memory
 * (evictFinished). With an archive only when its cursor moved (nothing else became evictable;
 * a scan per batch would cost O(finished) while the archive is down), keeping the appeals of
 * the newest feed events: a snapshot shows them with the feed.
 */
export function createFinishedEviction(options: FinishedEvictionOptions): (state: ProjectionState) => void {
  let evictedThrough: string | null = null;
  return (state) => {
    const archivedThrough = options.archivedThrough?.() ?? null;
    const keepFinished = options.keepFinished;
    const at = evictionTime(state, options.now);
    if (archivedThrough === null) {
      evictFinished(state, {
        archivedThrough,
        maxFinished: MAX_RECENT_CLOSED_APPEALS,
        maxResolvedIncidents: MAX_RECENT_RESOLVED_INCIDENTS,
        ...(keepFinished ? { keep: (appeal: Appeal) => keepFinished(appeal, at) } : {}),
      });
      return;
    }
    if (archivedThrough === evictedThrough) return;
    evictedThrough = archivedThrough;
    const inFeed = new Set<string>();
    for (const event of state.feed.slice(-FEED_KEPT)) {
      const appealId = (event.data as { appealId?: unknown }).appealId;
      if (typeof appealId === 'string') inFeed.add(appealId);
    }
    evictFinished(state, {
      archivedThrough,
      maxFinished: MAX_RECENT_CLOSED_APPEALS,
      maxResolvedIncidents: MAX_RECENT_RESOLVED_INCIDENTS,
      keep: (appeal) => inFeed.has(appeal.id) || (keepFinished?.(appeal, at) ?? false),
    });
  };
}
