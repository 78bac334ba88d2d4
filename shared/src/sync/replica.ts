import { addCalendarYear } from '../calendar/workingCalendar';
import { compareStreamIds } from '../domain/ids';
import { applyEvent } from '../projection/applyEvent';
import { createProjection, type ProjectionState } from '../projection/state';
import type { Frame, Snapshot } from '../protocol';
import type { StreamEvent } from '../schemas/events';

/**
 * A client's copy of the projection for its scope, kept in step with the server by
 * snapshot + frames (design.md "Real-time protocol"). Pure: no socket, no clock, so the
 * browser store and the integration tests' socket clients share exactly this logic.
 */
export interface Replica {
  state: ProjectionState;
  /** False until the first snapshot, and again from a detected gap or a disconnect until the resync answer. */
  isSynced: boolean;
  /** Live frames that arrived while not synced, applied (de-duplicated) once synced. */
  queued: Frame[];
}

/** What a snapshot or frame did to the replica. */
export interface SyncOutcome {
  /** Events newly applied, in stream order (possibly none). */
  events: StreamEvent[];
  /**
   * Set when entries between our cursor and a frame's `from` are missing: the caller must
   * ask the server to resume from this cursor (`sync:resume`). Later frames queue until then.
   */
  gap: string | null;
}

export function createReplica(): Replica {
  return { state: createProjection(), isSynced: false, queued: [] };
}

/** Replaces the replica with a snapshot, then applies the frames queued meanwhile. */
export function loadSnapshot(replica: Replica, snapshot: Snapshot): SyncOutcome {
  const state = createProjection();
  state.cursor = snapshot.cursor;
  for (const appeal of snapshot.appeals) state.appeals.set(appeal.id, appeal);
  for (const incident of snapshot.incidents) state.incidents.set(incident.id, incident);
  state.feed = [...snapshot.feed];
  for (const year of snapshot.calendarYears ?? []) {
    state.calendar = addCalendarYear(state.calendar, year);
    state.addedYears = [...state.addedYears.filter((y) => y !== year.year), year.year];
  }
  for (const event of snapshot.feed) state.seen.set(event.id, event.streamId);
  replica.state = state;
  replica.isSynced = true;
  return drainQueue(replica, []);
}

/** Marks the replica as waiting for a resync (the socket dropped). */
export function markUnsynced(replica: Replica): void {
  replica.isSynced = false;
}

/**
 * Applies one frame. A live frame while unsynced is queued; a replay frame (the answer to a
 * resume) is applied at once and releases the queue. Events at or before the cursor are
 * dropped, so overlapping frames never show an event twice.
 */
export function applyFrame(replica: Replica, frame: Frame): SyncOutcome {
  if (!replica.isSynced && !frame.replay) {
    replica.queued.push(frame);
    return { events: [], gap: null };
  }
  const events: StreamEvent[] = [];
  if (!applyInOrder(replica.state, frame, events)) {
    replica.isSynced = false;
    return { events, gap: replica.state.cursor };
  }
  if (!frame.replay) return { events, gap: null };
  replica.isSynced = true;
  return drainQueue(replica, events);
}

/** Applies the frame's new events into `applied`; false (nothing applied) on a gap. */
function applyInOrder(state: ProjectionState, frame: Frame, applied: StreamEvent[]): boolean {
  if (compareStreamIds(frame.from, state.cursor) > 0) return false;
  const cursor = state.cursor;
  for (const event of frame.events) {
    if (compareStreamIds(event.streamId, cursor) <= 0) continue;
    const outcome = applyEvent(state, event);
    if (outcome.kind === 'duplicate') continue;
    // The server applied it; the replica may lack its appeal (not in the snapshot scope),
    // but the event is still shown in the feed.
    if (outcome.kind === 'ignored') state.feed.push(event);
    applied.push(event);
  }
  if (compareStreamIds(frame.cursor, state.cursor) > 0) state.cursor = frame.cursor;
  return true;
}

function drainQueue(replica: Replica, applied: StreamEvent[]): SyncOutcome {
  while (replica.queued.length > 0) {
    const frame = replica.queued[0] as Frame;
    if (!applyInOrder(replica.state, frame, applied)) {
      replica.isSynced = false;
      return { events: applied, gap: replica.state.cursor };
    }
    replica.queued.shift();
  }
  return { events: applied, gap: null };
}
