import { getCategory, type CategoryCode } from '../domain/categories';
import { isOpenStatus } from '../domain/enums';
import type { RegionCode } from '../domain/regions';
import type { EventOf, StreamEvent } from '../schemas/events';
import { DEDUP_WINDOW, FEED_LENGTH, MAX_RECENT_CLOSED_APPEALS, MAX_RECENT_RESOLVED_INCIDENTS } from '../limits';
import { regionCategoryKey } from './metrics';
import { ALL_KEY, type Appeal, type ProjectionState } from './state';
import {
  createRing,
  recordFinish,
  recordRegistration,
  recordResolution,
  recordResponse,
  type MinuteRing,
} from './windows';

export type ApplyOutcome =
  | { kind: 'applied' }
  | { kind: 'duplicate' }
  /** Valid event that refers to something unknown or conflicts; counted, not applied. */
  | { kind: 'ignored'; reason: string };

const MINUTE = 60_000;

/** Statuses that finish an appeal for first-call resolution (a rejection is not a resolution). */
const FINISHED: ReadonlySet<string> = new Set(['resolved', 'closed']);

/**
 * Applies one validated, located event (in stream order) to the projection.
 *
 * Deterministic and free of I/O and clocks: the same events always give the same state.
 * For speed with 100k open appeals it updates `state` in place instead of copying it;
 * callers that need the old state serialise it first. Durations come from the events'
 * `at`, order from the stream, so out-of-order `at` never reorders history.
 */
export function applyEvent(state: ProjectionState, event: StreamEvent): ApplyOutcome {
  state.cursor = event.streamId;
  if (state.seen.has(event.id)) {
    state.counters.duplicates += 1;
    return { kind: 'duplicate' };
  }
  const reason = applyByType(state, event);
  if (reason !== null) {
    state.counters.ignored += 1;
    state.counters.lastIgnored = reason;
    return { kind: 'ignored', reason };
  }
  remember(state, event);
  return { kind: 'applied' };
}

/** Moves the cursor past an entry that was not applied (dead-lettered). */
export function skipEntry(state: ProjectionState, streamId: string): void {
  state.cursor = streamId;
}

function remember(state: ProjectionState, event: StreamEvent): void {
  state.counters.applied += 1;
  state.seen.set(event.id, event.streamId);
  if (state.seen.size > DEDUP_WINDOW) {
    const oldest = state.seen.keys().next().value;
    if (oldest !== undefined) state.seen.delete(oldest);
  }
  state.feed.push(event);
  if (state.feed.length > FEED_LENGTH * 2) state.feed.splice(0, state.feed.length - FEED_LENGTH);
}

/** Returns null when applied, or why the event was ignored. */
function applyByType(state: ProjectionState, event: StreamEvent): string | null {
  switch (event.type) {
    case 'appeal.registered':
      return applyRegistered(state, event);
    case 'appeal.assigned':
      return applyAssigned(state, event);
    case 'appeal.status_changed':
      return applyStatusChanged(state, event);
    case 'appeal.escalated':
      return applyEscalated(state, event);
    case 'incident.opened':
      return applyIncidentOpened(state, event);
    case 'incident.updated':
      return applyIncidentUpdated(state, event);
    case 'incident.resolved':
      return applyIncidentResolved(state, event);
  }
}

function ringsFor(state: ProjectionState, region: RegionCode, category: CategoryCode): MinuteRing[] {
  // National, regional, per category, and per category within a region (for scoped users).
  const keys = [ALL_KEY, region, category, regionCategoryKey(region, category)];
  return keys.map((key) => (state.metrics[key] ??= createRing()));
}

function applyRegistered(state: ProjectionState, event: EventOf<'appeal.registered'> & StreamEvent): string | null {
  const d = event.data;
  if (state.appeals.has(d.appealId)) return `appeal ${d.appealId} is already registered`;
  const at = Date.parse(event.at);
  const category = getCategory(d.category);
  const resolutionMinutes = d.slaMinutes ?? category.resolutionSla[d.priority];
  const appeal: Appeal = {
    id: d.appealId,
    region: event.region,
    category: d.category,
    priority: d.priority,
    channel: d.channel,
    location: d.location,
    description: d.description,
    ...(d.citizen ? { citizen: d.citizen } : {}),
    ...(d.slaMinutes !== undefined ? { slaMinutes: d.slaMinutes } : {}),
    status: 'registered',
    registeredAt: at,
    respondedAt: null,
    resolvedAt: null,
    closedAt: null,
    responseDueAt: at + category.responseSla[d.priority] * MINUTE,
    dueAt: at + resolutionMinutes * MINUTE,
    updatedAt: at,
    streamIds: [event.streamId],
  };
  state.appeals.set(appeal.id, appeal);
  for (const ring of ringsFor(state, appeal.region, appeal.category)) recordRegistration(ring, at, appeal.channel);
  return null;
}

/**
 * A follow-up event must name the region of what it follows: events are routed to region
 * scopes by their own region, so a mismatch would show one region's appeal to another's users.
 */
function regionMismatch(kind: string, id: string, expected: RegionCode, got: RegionCode): string {
  return `${kind} ${id} is in ${expected}, the event says ${got}`;
}

function touch(appeal: Appeal, event: StreamEvent, at: number): void {
  appeal.updatedAt = Math.max(appeal.updatedAt, at);
  appeal.streamIds.push(event.streamId);
}

function applyAssigned(state: ProjectionState, event: EventOf<'appeal.assigned'> & StreamEvent): string | null {
  const appeal = state.appeals.get(event.data.appealId);
  if (!appeal) return `unknown appeal ${event.data.appealId}`;
  if (appeal.region !== event.region) return regionMismatch('appeal', appeal.id, appeal.region, event.region);
  const at = Date.parse(event.at);
  appeal.service = event.data.service;
  if (event.data.assignee !== undefined) appeal.assignee = event.data.assignee;
  else delete appeal.assignee;
  if (isOpenStatus(appeal.status)) appeal.status = 'assigned';
  if (appeal.respondedAt === null) {
    appeal.respondedAt = at;
    const within = at <= appeal.responseDueAt;
    const targetMs = appeal.responseDueAt - appeal.registeredAt;
    for (const ring of ringsFor(state, appeal.region, appeal.category)) {
      recordResponse(ring, at, at - appeal.registeredAt, within, targetMs);
    }
  }
  touch(appeal, event, at);
  return null;
}

function applyStatusChanged(
  state: ProjectionState,
  event: EventOf<'appeal.status_changed'> & StreamEvent,
): string | null {
  const appeal = state.appeals.get(event.data.appealId);
  if (!appeal) return `unknown appeal ${event.data.appealId}`;
  if (appeal.region !== event.region) return regionMismatch('appeal', appeal.id, appeal.region, event.region);
  const at = Date.parse(event.at);
  const status = event.data.status;
  // Going back from a finished status to an open one is a reopen, whatever it is called:
  // the resolution no longer counts (design.md: "reopen clears it").
  if (!isOpenStatus(appeal.status) && isOpenStatus(status)) {
    appeal.resolvedAt = null;
    appeal.closedAt = null;
  }
  // First-call resolution counts every open → finished step, routed or not.
  if (isOpenStatus(appeal.status) && FINISHED.has(status)) {
    for (const ring of ringsFor(state, appeal.region, appeal.category)) {
      recordFinish(ring, at, appeal.respondedAt !== null);
    }
  }
  appeal.status = status;
  if (status === 'resolved' && appeal.resolvedAt === null) {
    appeal.resolvedAt = at;
    const within = at <= appeal.dueAt;
    for (const ring of ringsFor(state, appeal.region, appeal.category)) {
      recordResolution(ring, at, at - appeal.registeredAt, within);
    }
  }
  if (status === 'closed' || status === 'rejected') appeal.closedAt = at;
  // Re-inserting moves it to the newest end of the eviction order.
  state.closedAppeals.delete(appeal.id);
  if (!isOpenStatus(status)) {
    state.closedAppeals.set(appeal.id, true);
    evictOldest(state.closedAppeals, MAX_RECENT_CLOSED_APPEALS, (id) => state.appeals.delete(id));
  }
  touch(appeal, event, at);
  return null;
}

/** New priority, new targets: both due times are recomputed from registration (an explicit slaMinutes stays). */
function applyEscalated(state: ProjectionState, event: EventOf<'appeal.escalated'> & StreamEvent): string | null {
  const appeal = state.appeals.get(event.data.appealId);
  if (!appeal) return `unknown appeal ${event.data.appealId}`;
  if (appeal.region !== event.region) return regionMismatch('appeal', appeal.id, appeal.region, event.region);
  const category = getCategory(appeal.category);
  const priority = event.data.priority;
  appeal.priority = priority;
  appeal.responseDueAt = appeal.registeredAt + category.responseSla[priority] * MINUTE;
  appeal.dueAt = appeal.registeredAt + (appeal.slaMinutes ?? category.resolutionSla[priority]) * MINUTE;
  touch(appeal, event, Date.parse(event.at));
  return null;
}

function evictOldest(order: Map<string, true>, max: number, drop: (id: string) => void): void {
  while (order.size > max) {
    const oldest = order.keys().next().value;
    if (oldest === undefined) return;
    order.delete(oldest);
    drop(oldest);
  }
}

function linkAppeals(state: ProjectionState, incidentId: string, appealIds: readonly string[], into: string[]): void {
  for (const appealId of appealIds) {
    if (!into.includes(appealId)) into.push(appealId);
    const appeal = state.appeals.get(appealId);
    if (appeal) appeal.incidentId = incidentId;
  }
}

function applyIncidentOpened(state: ProjectionState, event: EventOf<'incident.opened'> & StreamEvent): string | null {
  const d = event.data;
  if (state.incidents.has(d.incidentId)) return `incident ${d.incidentId} is already open`;
  const at = Date.parse(event.at);
  const appealIds: string[] = [];
  state.incidents.set(d.incidentId, {
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
  });
  linkAppeals(state, d.incidentId, d.appealIds ?? [], appealIds);
  return null;
}

function applyIncidentUpdated(state: ProjectionState, event: EventOf<'incident.updated'> & StreamEvent): string | null {
  const d = event.data;
  const incident = state.incidents.get(d.incidentId);
  if (!incident) return `unknown incident ${d.incidentId}`;
  if (incident.region !== event.region) return regionMismatch('incident', incident.id, incident.region, event.region);
  const at = Date.parse(event.at);
  if (d.severity) incident.severity = d.severity;
  if (d.note) incident.note = d.note;
  linkAppeals(state, d.incidentId, d.appealIds ?? [], incident.appealIds);
  incident.updatedAt = Math.max(incident.updatedAt, at);
  incident.streamIds.push(event.streamId);
  return null;
}

function applyIncidentResolved(
  state: ProjectionState,
  event: EventOf<'incident.resolved'> & StreamEvent,
): string | null {
  const d = event.data;
  const incident = state.incidents.get(d.incidentId);
  if (!incident) return `unknown incident ${d.incidentId}`;
  if (incident.region !== event.region) return regionMismatch('incident', incident.id, incident.region, event.region);
  if (incident.status === 'resolved') return `incident ${d.incidentId} is already resolved`;
  const at = Date.parse(event.at);
  incident.status = 'resolved';
  incident.resolvedAt = at;
  if (d.note) incident.note = d.note;
  incident.updatedAt = Math.max(incident.updatedAt, at);
  incident.streamIds.push(event.streamId);
  state.resolvedIncidents.set(incident.id, true);
  evictOldest(state.resolvedIncidents, MAX_RECENT_RESOLVED_INCIDENTS, (id) => state.incidents.delete(id));
  return null;
}
