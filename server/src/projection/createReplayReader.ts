import {
  compareStreamIds,
  isInRegions,
  MAX_REPLAY_EVENTS,
  READ_BATCH,
  type RegionCode,
  type Scope,
  type StreamEvent,
} from '@shared';
import { EVENTS_STREAM } from '../keys';
import { presentEvent, type Viewer } from '../presenters/present';
import { decodeEntry, type LocateRegion } from '../stream/decodeEntry';
import type { StreamLog } from '../stream/eventLog';
import type { ProjectionStore } from './createProjectionStore';

/** A national event (no region: a calendar year) belongs to every scope. */
const isInScope = (scope: Scope, region: RegionCode | undefined): boolean =>
  region === undefined || isInRegions(scope.regions, region);

export interface ReplayReader {
  /**
   * The applied events in (after, to] for the scope from the node's memory, presented for the
   * viewer; null when memory no longer holds them all.
   */
  recent(after: string, to: string, scope: Scope, viewer: Viewer): StreamEvent[] | null;
  /**
   * The applied events in (after, to] for the scope, presented for the viewer: from memory,
   * else read back from the stream. Null when they can no longer be replayed exactly
   * (trimmed, beyond the de-dup window, more than MAX_REPLAY_EVENTS): send a snapshot.
   */
  replay(after: string, to: string, scope: Scope, viewer: Viewer): Promise<StreamEvent[] | null>;
}

/** A resuming socket's missed events, as the projection applied them (never one it skipped). */
export function createReplayReader(deps: {
  log: StreamLog;
  store: ProjectionStore;
  locate: LocateRegion;
}): ReplayReader {
  const { log, store, locate } = deps;

  function recent(after: string, to: string, scope: Scope, viewer: Viewer): StreamEvent[] | null {
    if (compareStreamIds(after, to) >= 0) return [];
    const events = store.recentSince(after, to);
    return events && events.filter((e) => isInScope(scope, e.region)).map((e) => presentEvent(e, viewer));
  }

  async function replay(after: string, to: string, scope: Scope, viewer: Viewer): Promise<StreamEvent[] | null> {
    const fromMemory = recent(after, to, scope, viewer);
    if (fromMemory !== null) return fromMemory;
    if (compareStreamIds(after, store.appliedHorizon()) < 0) return null;
    const info = await log.info(EVENTS_STREAM);
    if (compareStreamIds(after, info.maxDeletedId) < 0) return null;
    const events: StreamEvent[] = [];
    let cursor = after;
    let read = 0;
    for (;;) {
      const entries = await log.range(EVENTS_STREAM, cursor, to, READ_BATCH);
      read += entries.length;
      if (read > MAX_REPLAY_EVENTS) return null;
      for (const entry of entries) {
        const decoded = decodeEntry(entry, locate);
        if (decoded.ok && store.wasApplied(decoded.event) && isInScope(scope, decoded.event.region)) {
          events.push(presentEvent(decoded.event, viewer));
        }
      }
      const last = entries[entries.length - 1];
      if (!last || entries.length < READ_BATCH) return events;
      cursor = last.id;
    }
  }

  return { recent, replay };
}
