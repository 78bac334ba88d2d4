import { previousStreamId, type Appeal, type Incident, type StreamEvent } from '@shared';
import type { History } from '../archive/history';
import type { ProjectionStore } from '../projection/createProjectionStore';
import { decodeEntry } from '../stream/decodeEntry';
import type { EventLog } from '../stream/eventLog';

/** Linked appeals the archive is asked for, at most (the rest are named by id only). */
export const MAX_ARCHIVED_LINKED = 50;

/**
 * The incident's events, oldest first, from the stream (its `streamIds`); entries trimmed away
 * are counted as `missing` (the incident page says its timeline is partial).
 */
export async function incidentTimeline(
  log: EventLog,
  incident: Incident,
): Promise<{ events: StreamEvent[]; missing: number }> {
  const events: StreamEvent[] = [];
  let missing = 0;
  for (const streamId of incident.streamIds) {
    const [entry] = await log.range('events', previousStreamId(streamId), streamId, 1);
    const decoded = entry ? decodeEntry(entry, () => incident.region) : null;
    if (decoded?.ok) events.push(decoded.event);
    else missing += 1;
  }
  return { events, missing };
}

/**
 * The appeals linked to an incident, as the projection holds them, else as the archive does
 * (the first `MAX_ARCHIVED_LINKED` missing ones); ids neither holds are left out (`unknown`).
 */
export async function linkedAppeals(
  store: ProjectionStore,
  history: History | undefined,
  incident: Incident,
): Promise<{ appeals: Appeal[]; unknown: string[] }> {
  const appeals: Appeal[] = [];
  const unknown: string[] = [];
  for (const id of incident.appealIds) {
    const live = store.state.appeals.get(id);
    if (live) appeals.push(live);
    else unknown.push(id);
  }
  if (!history || unknown.length === 0) return { appeals, unknown };
  const asked = unknown.slice(0, MAX_ARCHIVED_LINKED);
  const rest = unknown.slice(MAX_ARCHIVED_LINKED);
  const stillUnknown: string[] = [];
  let isArchiveUp = true;
  for (const id of asked) {
    // The archive down: the page still shows the incident and its live appeals.
    let archived: Awaited<ReturnType<History['getAppeal']>> = null;
    if (isArchiveUp) {
      try {
        archived = await history.getAppeal(id);
      } catch {
        isArchiveUp = false;
      }
    }
    if (archived) appeals.push(archived.appeal);
    else stillUnknown.push(id);
  }
  return { appeals, unknown: [...stillUnknown, ...rest] };
}
