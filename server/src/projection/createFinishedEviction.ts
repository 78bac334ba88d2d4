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
  /** A finished appeal the live view still needs (e.g. awaiting the citizen's confirmation): never evicted. */
  keepFinished?: (appeal: Appeal) => boolean;
}

/** Newest feed events whose finished appeals stay in memory with an archive (a snapshot's feed). */
const FEED_KEPT = 100;

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
    if (archivedThrough === null) {
      evictFinished(state, {
        archivedThrough,
        maxFinished: MAX_RECENT_CLOSED_APPEALS,
        maxResolvedIncidents: MAX_RECENT_RESOLVED_INCIDENTS,
        ...(keepFinished ? { keep: keepFinished } : {}),
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
      keep: (appeal) => inFeed.has(appeal.id) || (keepFinished?.(appeal) ?? false),
    });
  };
}
