import { compareStreamIds, previousStreamId, type Appeal, type StreamEvent } from '@shared';
import type { History } from '../archive/history';
import type { Logger } from '../logger';
import type { ProjectionStore } from '../projection/createProjectionStore';
import { decodeEntry } from '../stream/decodeEntry';
import type { EventLog } from '../stream/eventLog';

/** Where an appeal was found: the live projection, or the archive (finished and dropped long ago). */
export type AppealSource = 'memory' | 'archive';

export interface FoundAppeal {
  appeal: Appeal;
  source: AppealSource;
  /** Imported into the archive without its events. */
  isBackfilled: boolean;
  /** The archive's events, when they came with the appeal (one query): not asked for again. */
  archivedTimeline?: StreamEvent[];
}

/**
 * Whether a timeline holds every event of its appeal, and if not, why (docs/api.md):
 * `trimmed` — events left the stream (retention) before the archive held them;
 * `imported` — the appeal came into the archive from elsewhere, without its earlier events;
 * `unavailable` — the archive could not be asked, and some events are no longer in the stream.
 */
export interface TimelineStatus {
  isPartial: boolean;
  reason: 'trimmed' | 'imported' | 'unavailable' | null;
  /** Events known to exist (by stream id) that could not be read; 0 when unknown. */
  missing: number;
}

export interface AppealLookupDeps {
  log: EventLog;
  store: ProjectionStore;
  history?: History | undefined;
  logger?: Logger;
}

export interface AppealLookup {
  /** The appeal from the projection, else from the archive; null when neither holds it. Not scoped. */
  find(id: string): Promise<FoundAppeal | null>;
  /** Its events, oldest first (raw: present them), and whether that is all of them. */
  timeline(found: FoundAppeal): Promise<{ events: StreamEvent[]; status: TimelineStatus }>;
}

const COMPLETE: TimelineStatus = { isPartial: false, reason: null, missing: 0 };

/**
 * Reads of one appeal that answer for any appeal ever registered: from memory when it is
 * there, from the archive otherwise. The timeline is never silently partial: stream entries
 * trimmed away are taken from the archive, and what neither holds is said (`TimelineStatus`).
 */
export function createAppealLookup(deps: AppealLookupDeps): AppealLookup {
  const { log, store, history } = deps;

  async function streamEvents(appeal: Appeal): Promise<{ events: StreamEvent[]; missing: string[] }> {
    const events: StreamEvent[] = [];
    const missing: string[] = [];
    // One bounded XRANGE per event of this appeal (never the whole stream), all sent at once:
    // the connection pipelines them, one round trip instead of one per event.
    const entries = await Promise.all(
      appeal.streamIds.map((streamId) => log.range('events', previousStreamId(streamId), streamId, 1)),
    );
    appeal.streamIds.forEach((streamId, i) => {
      const entry = entries[i]?.[0];
      const decoded = entry ? decodeEntry(entry, () => appeal.region) : null;
      if (decoded?.ok) events.push(decoded.event);
      else missing.push(streamId);
    });
    return { events, missing };
  }

  return {
    async find(id) {
      const live = store.state.appeals.get(id);
      if (live) return { appeal: live, source: 'memory', isBackfilled: false };
      if (!history) return null;
      const archived = await history.getAppealWithTimeline(id);
      return (
        archived && {
          appeal: archived.record.appeal,
          source: 'archive',
          isBackfilled: archived.record.isBackfilled,
          archivedTimeline: archived.timeline,
        }
      );
    },

    async timeline(found) {
      const fromStream =
        found.source === 'memory' ? await streamEvents(found.appeal) : { events: [], missing: [] as string[] };
      let archived: StreamEvent[] = [];
      let isArchiveDown = false;
      if (history) {
        try {
          archived = found.archivedTimeline ?? (await history.getTimeline(found.appeal.id));
        } catch (error) {
          if (found.source === 'archive') throw error;
          isArchiveDown = true;
          deps.logger?.warn({ err: (error as Error).message }, 'archive unreadable: timeline from the stream only');
        }
      }
      // One line per stream entry: the archive's copy and the stream's are the same event.
      const byStreamId = new Map<string, StreamEvent>();
      for (const event of [...archived, ...fromStream.events]) byStreamId.set(event.streamId, event);
      const events = [...byStreamId.values()].sort((a, b) => compareStreamIds(a.streamId, b.streamId));
      const missing = fromStream.missing.filter((streamId) => !byStreamId.has(streamId)).length;
      if (missing > 0)
        return { events, status: { isPartial: true, reason: isArchiveDown ? 'unavailable' : 'trimmed', missing } };
      // An appeal restored to memory shows its archived history before its restore (memory holds the rest).
      const hasStart = events.some((e) => e.type === 'appeal.registered');
      if (found.isBackfilled && !hasStart)
        return { events, status: { isPartial: true, reason: 'imported', missing: 0 } };
      if (!hasStart && found.source === 'archive')
        return { events, status: { isPartial: true, reason: 'trimmed', missing: 0 } };
      if (!hasStart && isArchiveDown && events[0]?.type === 'appeal.restored') {
        return { events, status: { isPartial: true, reason: 'unavailable', missing: 0 } };
      }
      return { events, status: COMPLETE };
    },
  };
}
