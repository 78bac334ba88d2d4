import { compareStreamIds, type Incident, type StreamEvent } from '@shared';
import type { EventLog } from '../stream/eventLog';
import type { ArchiveTimelineReads } from './auditActors';
import { incidentTimeline } from './incidentDetails';

/**
 * An incident's timeline, oldest first: from the stream while the projection holds the
 * incident, with the entries the stream has trimmed taken from the archive; from the
 * archive alone for an incident no longer in memory (issue 18: an archived incident's page
 * shows its history). `missing` counts the events neither holds (the page says "partial");
 * with no archive, or the archive unreadable, an archived incident's timeline is all missing.
 */
export async function incidentTimelineWithArchive(
  log: EventLog,
  archive: Pick<ArchiveTimelineReads, 'incidentEvents'> | undefined,
  incident: Incident,
  source: 'memory' | 'archive',
): Promise<{ events: StreamEvent[]; missing: number }> {
  const live = source === 'memory' ? await incidentTimeline(log, incident) : { events: [], missing: 0 };
  if (source === 'memory' && live.missing === 0) return live;
  let archived: StreamEvent[] = [];
  try {
    archived = archive ? await archive.incidentEvents(incident.id) : [];
  } catch {
    // The archive down: the live part is still shown, the rest counted as missing.
  }
  const byStreamId = new Map<string, StreamEvent>();
  for (const event of [...archived, ...live.events]) byStreamId.set(event.streamId, event);
  const events = [...byStreamId.values()].sort((a, b) => compareStreamIds(a.streamId, b.streamId));
  const held = new Set(byStreamId.keys());
  const missing = incident.streamIds.filter((id) => !held.has(id)).length;
  return { events, missing: source === 'archive' && archived.length === 0 ? Math.max(missing, 1) : missing };
}
