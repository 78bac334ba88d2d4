import { compareStreamIds, type StreamId } from '../domain/ids';
import { evictOldest } from './evictOldest';
import type { Appeal, Incident, ProjectionState } from './state';

export interface EvictFinishedOptions {
  /**
   * The archive's cursor: every event up to it is held by the archive. Null when there is no
   * archive: then memory is bounded by count alone (`maxFinished`), as before the archive.
   */
  archivedThrough: StreamId | null;
  /** Without an archive: finished appeals kept, the oldest evicted beyond it. */
  maxFinished: number;
  /** Resolved incidents kept, the oldest evicted beyond it (with an archive, only archived ones). Default: none kept. */
  maxResolvedIncidents?: number;
  /** A finished appeal the live view still needs (awaiting the citizen's confirmation, in the feed): never evicted. */
  keep?: (appeal: Appeal) => boolean;
}

const newestOf = (item: Appeal | Incident): StreamId | undefined => item.streamIds[item.streamIds.length - 1];

/**
 * Drops finished appeals (and resolved incidents) from the projection, so the server's heap
 * holds what the live view needs, not every appeal that ever closed. Called after each ingest
 * batch, outside the reducer (applyEvent stays a pure fold with no memory policy).
 *
 * - No archive (`archivedThrough` null): the oldest finished beyond `maxFinished` go, as the
 *   reducer used to do: nothing else would hold them, so a bound by count is all there is.
 * - With an archive: exactly the finished ones whose newest event the archive already holds
 *   (newest stream id ≤ `archivedThrough`) go, and all of them; one the archive has not taken
 *   yet stays (its page and a late event still need it), however many pile up while the
 *   archive is down (health's stream limit is the alarm for that).
 *
 * Resolved incidents (a few hundred) stay bounded by `maxResolvedIncidents`, with an archive
 * evicting only archived ones. `keep` is asked last and wins in both modes. Resolves to how
 * many appeals were evicted.
 */
export function evictFinished(state: ProjectionState, options: EvictFinishedOptions): number {
  const { archivedThrough, keep } = options;
  const maxIncidents = options.maxResolvedIncidents;
  if (archivedThrough === null) {
    let evicted = 0;
    const drop = (id: string): void => {
      state.appeals.delete(id);
      evicted += 1;
    };
    if (!keep) evictOldest(state.closedAppeals, options.maxFinished, drop);
    else evictOldestUnkept(state, options.maxFinished, keep, drop);
    if (maxIncidents !== undefined) {
      evictOldest(state.resolvedIncidents, maxIncidents, (id) => state.incidents.delete(id));
    }
    return evicted;
  }
  let evicted = 0;
  for (const id of state.closedAppeals.keys()) {
    const appeal = state.appeals.get(id);
    if (!appeal) {
      state.closedAppeals.delete(id);
      continue;
    }
    const newest = newestOf(appeal);
    if (newest === undefined || compareStreamIds(newest, archivedThrough) > 0) continue;
    if (keep?.(appeal)) continue;
    state.closedAppeals.delete(id);
    state.appeals.delete(id);
    evicted += 1;
  }
  // Resolved incidents are few and the wall lists them: the newest stay as without an
  // archive, and an older one goes only once archived.
  let excess = state.resolvedIncidents.size - (maxIncidents ?? 0);
  for (const id of state.resolvedIncidents.keys()) {
    if (excess <= 0) break;
    const incident = state.incidents.get(id);
    const newest = incident && newestOf(incident);
    if (newest !== undefined && compareStreamIds(newest, archivedThrough) > 0) continue;
    state.resolvedIncidents.delete(id);
    state.incidents.delete(id);
    excess -= 1;
  }
  return evicted;
}

/** The count bound when some finished appeals must stay: the oldest others go first. */
function evictOldestUnkept(
  state: ProjectionState,
  max: number,
  keep: (appeal: Appeal) => boolean,
  drop: (id: string) => void,
): void {
  let excess = state.closedAppeals.size - max;
  if (excess <= 0) return;
  for (const id of state.closedAppeals.keys()) {
    if (excess <= 0) return;
    const appeal = state.appeals.get(id);
    if (appeal && keep(appeal)) continue;
    state.closedAppeals.delete(id);
    drop(id);
    excess -= 1;
  }
}
