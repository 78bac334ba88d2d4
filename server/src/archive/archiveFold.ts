import { applyEvent, type ProjectionState, type StreamEvent } from '@shared';
import type { AppealWrite } from './appealsTable';
import type { IncidentLink, IncidentWrite } from './incidentsTable';

export const appealIdOf = (event: StreamEvent): string | null =>
  'appealId' in event.data ? (event.data as { appealId: string }).appealId : null;
export const incidentIdOf = (event: StreamEvent): string | null =>
  'incidentId' in event.data ? (event.data as { incidentId: string }).incidentId : null;
const linkedIdsOf = (event: StreamEvent): readonly string[] =>
  'appealIds' in event.data ? ((event.data as { appealIds?: string[] }).appealIds ?? []) : [];

/** The appeals and incidents a batch's events touch (linked appeals included): the rows to fold into. */
export function touchedIds(events: readonly StreamEvent[]): { appealIds: string[]; incidentIds: string[] } {
  const appealIds = new Set<string>();
  const incidentIds = new Set<string>();
  for (const event of events) {
    const appealId = appealIdOf(event);
    if (appealId !== null) appealIds.add(appealId);
    const incidentId = incidentIdOf(event);
    if (incidentId !== null) incidentIds.add(incidentId);
    for (const id of linkedIdsOf(event)) appealIds.add(id);
  }
  return { appealIds: [...appealIds], incidentIds: [...incidentIds] };
}

/** What folding a batch gives: the events to store, the rows to write, the links. */
export interface FoldResult {
  appealEvents: StreamEvent[];
  incidentEvents: StreamEvent[];
  appealWrites: AppealWrite[];
  incidentWrites: IncidentWrite[];
  links: IncidentLink[];
  /** Events the reducer did not apply (unknown appeal, region mismatch, duplicate). */
  ignored: number;
}

/** Events folded between two turns of the event loop (about 2–5 ms). */
const EVENTS_PER_TURN = 1000;

/** Lets the event loop run (a transaction in flight gets its replies) between slices of CPU work. */
export const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Folds `events` into `state` (holding the rows they touch) with the shared reducer, in stream
 * order, and collects what to write. Yields to the event loop every `EVENTS_PER_TURN` events:
 * a fold running ahead must not hold up the replies of the transaction that writes the batch
 * before it.
 */
export async function foldEvents(state: ProjectionState, events: readonly StreamEvent[]): Promise<FoldResult> {
  const appealEvents: StreamEvent[] = [];
  const incidentEvents: StreamEvent[] = [];
  const appealWrites = new Map<string, AppealWrite>();
  const incidentWrites = new Map<string, IncidentWrite>();
  const links: IncidentLink[] = [];
  let ignored = 0;
  for (let index = 0; index < events.length; index += 1) {
    if (index > 0 && index % EVENTS_PER_TURN === 0) await nextTurn();
    const event = events[index] as StreamEvent;
    // Duplicates within the batch are caught by the reducer's own de-duplication.
    if (applyEvent(state, event).kind !== 'applied') {
      ignored += 1;
      continue;
    }
    const mark = { lastEventId: event.id, lastStreamId: event.streamId };
    const appealId = appealIdOf(event);
    if (appealId !== null) {
      appealEvents.push(event);
      const appeal = state.appeals.get(appealId);
      if (appeal) appealWrites.set(appealId, { appeal, ...mark });
    }
    const incidentId = incidentIdOf(event);
    if (incidentId !== null) {
      incidentEvents.push(event);
      const incident = state.incidents.get(incidentId);
      if (incident) incidentWrites.set(incidentId, { incident, ...mark });
      const linkedAt = Date.parse(event.at);
      for (const linked of linkedIdsOf(event)) {
        links.push({ incidentId, appealId: linked, eventId: event.id, linkedAt });
        // The reducer sets incidentId on a linked appeal it knows.
        const appeal = state.appeals.get(linked);
        if (appeal) appealWrites.set(linked, { appeal, ...mark });
      }
    }
  }
  return {
    appealEvents,
    incidentEvents,
    appealWrites: [...appealWrites.values()],
    incidentWrites: [...incidentWrites.values()],
    links,
    ignored,
  };
}
