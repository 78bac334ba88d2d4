import { STATUS_CHANGES, type Appeal, type AppealStatus, type StreamEvent } from '@shared';
import { ANONYMOUS_VIEWER, presentEvent } from '../../presenters/present';
import { decodeEntry } from '../../stream/decodeEntry';
import type { StreamLog } from '../../stream/eventLog';
import { readEntry } from '../../stream/readEntry';

/** Comments remembered per appeal state (appeal id + newest stream id); oldest forgotten first. */
const CACHE_SIZE = 20_000;
/** Events looked at per appeal, newest first, before giving up on finding its status change. */
const MAX_EVENTS_READ = 20;

const SET_BY_STATUS_CHANGE: ReadonlySet<AppealStatus> = new Set(STATUS_CHANGES);

export interface StatusNotes {
  /**
   * `status_notes` of each appeal: the status code (`in_progress`, `redirected`…), followed
   * by `: <comment>` when the status change that set it carried one, phone numbers scrubbed.
   */
  notesOf(appeals: readonly Appeal[]): Promise<Map<string, string>>;
}

/**
 * The projection keeps an appeal's status but not the comment that came with it; the comment
 * is read back from the stream (the appeal's newest `appeal.status_changed` event) and
 * remembered, since an appeal's events never change once written.
 */
export function createStatusNotes(log: StreamLog): StatusNotes {
  const cache = new Map<string, string | null>();

  async function commentOf(appeal: Appeal): Promise<string | null> {
    for (let i = appeal.streamIds.length - 1, read = 0; i >= 0 && read < MAX_EVENTS_READ; i -= 1, read += 1) {
      const streamId = appeal.streamIds[i] as string;
      const entry = await readEntry(log, streamId);
      if (!entry) return null; // trimmed away
      const decoded = decodeEntry(entry, () => appeal.region);
      if (!decoded.ok || decoded.event.type !== 'appeal.status_changed') continue;
      const event = presentEvent(decoded.event, ANONYMOUS_VIEWER);
      return event.type === 'appeal.status_changed' ? (event.data.comment ?? null) : null;
    }
    return null;
  }

  async function cachedCommentOf(appeal: Appeal): Promise<string | null> {
    // Registered and assigned are not set by a status change: no comment to find.
    if (!SET_BY_STATUS_CHANGE.has(appeal.status)) return null;
    const key = `${appeal.id}@${appeal.streamIds[appeal.streamIds.length - 1] ?? ''}`;
    const known = cache.get(key);
    if (known !== undefined) return known;
    const comment = await commentOf(appeal);
    cache.set(key, comment);
    if (cache.size > CACHE_SIZE) {
      const oldest = cache.keys().next().value;
      if (oldest !== undefined) cache.delete(oldest);
    }
    return comment;
  }

  return {
    async notesOf(appeals) {
      // Concurrent reads: the Redis client pipelines them.
      const comments = await Promise.all(appeals.map(cachedCommentOf));
      const notes = new Map<string, string>();
      appeals.forEach((appeal, index) => {
        const comment = comments[index] ?? null;
        notes.set(appeal.id, comment === null ? appeal.status : `${appeal.status}: ${comment}`);
      });
      return notes;
    },
  };
}

/**
 * `status_notes` of an archived appeal, from its archived events (the same rule as
 * `notesOf`: its status, and the comment of the status change that set it, scrubbed).
 */
export function archivedStatusNote(appeal: Appeal, timeline: readonly StreamEvent[]): string {
  if (!SET_BY_STATUS_CHANGE.has(appeal.status)) return appeal.status;
  for (let i = timeline.length - 1; i >= 0; i -= 1) {
    const event = timeline[i] as StreamEvent;
    if (event.type !== 'appeal.status_changed') continue;
    const shown = presentEvent(event, ANONYMOUS_VIEWER);
    const comment = shown.type === 'appeal.status_changed' ? shown.data.comment : undefined;
    return comment === undefined ? appeal.status : `${appeal.status}: ${comment}`;
  }
  return appeal.status;
}
