import type { EventOf, StreamEvent } from '../schemas/events';
import { followedIncident, writableAppeal, writableIncident } from './applyHelpers';
import type { Incident, ProjectionState } from './state';

/**
 * Links appeals to an incident. An appeal of another region is not linked, as the API refuses
 * it (`other_region`): events are routed to region scopes, so the link would show one region's
 * appeal in another's incident. The incident event itself is still applied (it happened); the
 * refused links are counted (`/api/health`). An unknown id is kept: its appeal may have been
 * evicted after closing, or be an import's.
 */
function linkAppeals(state: ProjectionState, incident: Incident, appealIds: readonly string[], into: string[]): void {
  for (const appealId of appealIds) {
    const appeal = state.appeals.get(appealId);
    if (appeal && appeal.region !== incident.region) {
      state.counters.refusedLinks += 1;
      state.counters.lastRefusedLink = `incident ${incident.id} (${incident.region}) cannot link appeal ${appealId} of ${appeal.region}`;
      continue;
    }
    if (!into.includes(appealId)) into.push(appealId);
    if (appeal) writableAppeal(state, appeal).incidentId = incident.id;
  }
}

export function applyIncidentOpened(
  state: ProjectionState,
  event: EventOf<'incident.opened'> & StreamEvent,
  at: number,
): string | null {
  const d = event.data;
  if (state.incidents.has(d.incidentId)) return `incident ${d.incidentId} is already open`;
  const appealIds: string[] = [];
  const incident: Incident = {
    id: d.incidentId,
    region: event.region,
    title: d.title,
    category: d.category,
    severity: d.severity,
    location: d.location,
    ...(d.affected !== undefined ? { affected: d.affected } : {}),
    appealIds,
    status: 'open',
    openedAt: at,
    resolvedAt: null,
    updatedAt: at,
    streamIds: [event.streamId],
  };
  state.incidents.set(d.incidentId, incident);
  state.owned?.add(incident);
  linkAppeals(state, incident, d.appealIds ?? [], appealIds);
  return null;
}

export function applyIncidentUpdated(
  state: ProjectionState,
  event: EventOf<'incident.updated'> & StreamEvent,
  at: number,
): string | null {
  const d = event.data;
  const current = followedIncident(state, d.incidentId, event.region);
  if (typeof current === 'string') return current;
  const incident = writableIncident(state, current);
  if (d.severity) incident.severity = d.severity;
  if (d.note) incident.note = d.note;
  linkAppeals(state, incident, d.appealIds ?? [], incident.appealIds);
  incident.updatedAt = Math.max(incident.updatedAt, at);
  incident.streamIds.push(event.streamId);
  return null;
}

export function applyIncidentResolved(
  state: ProjectionState,
  event: EventOf<'incident.resolved'> & StreamEvent,
  at: number,
): string | null {
  const d = event.data;
  const current = followedIncident(state, d.incidentId, event.region);
  if (typeof current === 'string') return current;
  if (current.status === 'resolved') return `incident ${d.incidentId} is already resolved`;
  const incident = writableIncident(state, current);
  incident.status = 'resolved';
  incident.resolvedAt = at;
  if (d.note) incident.note = d.note;
  incident.updatedAt = Math.max(incident.updatedAt, at);
  incident.streamIds.push(event.streamId);
  state.resolvedIncidents.set(incident.id, true);
  return null;
}
