import { getCategory, type CategoryCode } from '../domain/categories';
import { isOpenStatus } from '../domain/enums';
import type { RegionCode } from '../domain/regions';
import type { EventOf, StreamEvent } from '../schemas/events';
import { DEDUP_WINDOW, FEED_LENGTH } from '../limits';
import { applyRestored } from './applyRestored';
import { evictOldest } from './evictOldest';
import { regionCategoryKey } from './metrics';
import { ALL_KEY, type Appeal, type Incident, type ProjectionState } from './state';
import {
  addFinish,
  addRegistration,
  addResolution,
  addResponse,
  createRing,
  isWithinRing,
  slotFor,
  type MinuteSlot,
} from './windows';

export type ApplyOutcome =
  | { kind: 'applied' }
  | { kind: 'duplicate' }
  /** Valid event that refers to something unknown or conflicts; counted, not applied. */
  | { kind: 'ignored'; reason: string };

const MINUTE = 60_000;
/** The outcomes without detail, shared: one object per event would be garbage at 50,000 events/s. */
const APPLIED: ApplyOutcome = Object.freeze({ kind: 'applied' });
const DUPLICATE: ApplyOutcome = Object.freeze({ kind: 'duplicate' });

/** Statuses that finish an appeal for first-call resolution (a rejection is not a resolution). */
const FINISHED: ReadonlySet<string> = new Set(['resolved', 'closed']);

/**
 * Applies one validated, located event (in stream order) to the projection.
 *
 * Deterministic and free of I/O and clocks: the same events always give the same state.
 * For speed with 100k open appeals it updates `state` in place instead of copying it; while a
 * snapshot is being written (`state.owned` set), an appeal, incident or metric slot the
 * snapshot holds is first replaced by a copy. Durations come from the events' `at`, order from
 * the stream, so out-of-order `at` never reorders history.
 */
export function applyEvent(state: ProjectionState, event: StreamEvent): ApplyOutcome {
  state.cursor = event.streamId;
  if (state.seen.has(event.id)) {
    state.counters.duplicates += 1;
    return DUPLICATE;
  }
  const at = Date.parse(event.at);
  const reason = applyByType(state, event, at);
  if (reason !== null) {
    state.counters.ignored += 1;
    state.counters.lastIgnored = reason;
    return { kind: 'ignored', reason };
  }
  if (state.latestAt === null || at > state.latestAt) state.latestAt = at;
  remember(state, event);
  return APPLIED;
}

/** Moves the cursor past an entry that was not applied (dead-lettered). */
export function skipEntry(state: ProjectionState, streamId: string): void {
  state.cursor = streamId;
}

function remember(state: ProjectionState, event: StreamEvent): void {
  state.counters.applied += 1;
  state.seen.set(event.id, event.streamId);
  evictOldest(state.seen, DEDUP_WINDOW);
  state.feed.push(event);
  if (state.feed.length > FEED_LENGTH * 2) state.feed.splice(0, state.feed.length - FEED_LENGTH);
}

/** Returns null when applied, or why the event was ignored. `at` is the event's, parsed. */
function applyByType(state: ProjectionState, event: StreamEvent, at: number): string | null {
  switch (event.type) {
    case 'appeal.registered':
      return applyRegistered(state, event, at);
    case 'appeal.assigned':
      return applyAssigned(state, event, at);
    case 'appeal.status_changed':
      return applyStatusChanged(state, event, at);
    case 'appeal.escalated':
      return applyEscalated(state, event, at);
    case 'appeal.restored':
      return applyRestored(state, event, at);
    case 'incident.opened':
      return applyIncidentOpened(state, event, at);
    case 'incident.updated':
      return applyIncidentUpdated(state, event, at);
    case 'incident.resolved':
      return applyIncidentResolved(state, event, at);
  }
}

/** Ring keys per region and category, built once each: the key strings are not rebuilt per event. */
const RING_KEYS = new Map<string, readonly string[]>();

function ringKeysOf(region: RegionCode, category: CategoryCode): readonly string[] {
  const pair = regionCategoryKey(region, category);
  let keys = RING_KEYS.get(pair);
  // National, regional, per category, and per category within a region (for scoped users).
  if (!keys) RING_KEYS.set(pair, (keys = [ALL_KEY, region, category, pair]));
  return keys;
}

/** No slot: a minute outside the rings' window. Shared, never written to. */
const NO_SLOTS: readonly MinuteSlot[] = Object.freeze([]);

/**
 * The slots of the minute of `at` in the appeal's four rings: none when that minute lies
 * outside the rings' 25 h ending at the projection's clock (the newest `at`, this one
 * included), fewer when a ring holds a newer minute there.
 */
function slotsFor(state: ProjectionState, appeal: Appeal, at: number): readonly MinuteSlot[] {
  const newestAt = Math.max(state.latestAt ?? at, at);
  if (!isWithinRing(at, newestAt)) return NO_SLOTS;
  const slots: MinuteSlot[] = [];
  for (const key of ringKeysOf(appeal.region, appeal.category)) {
    const slot = slotFor((state.metrics[key] ??= createRing()), at, state.owned, newestAt);
    if (slot) slots.push(slot);
  }
  return slots;
}

function applyRegistered(
  state: ProjectionState,
  event: EventOf<'appeal.registered'> & StreamEvent,
  at: number,
): string | null {
  const d = event.data;
  if (state.appeals.has(d.appealId)) return `appeal ${d.appealId} is already registered`;
  const category = getCategory(d.category);
  const resolutionMinutes = d.slaMinutes ?? category.resolutionSla[d.priority];
  // A plain literal (no spread of optional parts): V8 then lays out every field inside the
  // object, which is most of what 100,000 open appeals cost.
  const appeal: Appeal = {
    id: d.appealId,
    region: event.region,
    category: d.category,
    priority: d.priority,
    channel: d.channel,
    location: d.location,
    description: d.description,
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
  if (d.citizen) appeal.citizen = d.citizen;
  if (d.slaMinutes !== undefined) appeal.slaMinutes = d.slaMinutes;
  state.appeals.set(appeal.id, appeal);
  state.owned?.add(appeal);
  for (const slot of slotsFor(state, appeal, at)) addRegistration(slot, appeal.channel);
  return null;
}

/**
 * A follow-up event must name the region of what it follows: events are routed to region
 * scopes by their own region, so a mismatch would show one region's appeal to another's users.
 */
function regionMismatch(kind: string, id: string, expected: RegionCode, got: RegionCode): string {
  return `${kind} ${id} is in ${expected}, the event says ${got}`;
}

/**
 * The appeal to change in place: itself, or while a snapshot holds it (state.owned), a copy
 * put in its place (once per snapshot; the snapshot keeps the original).
 */
function writableAppeal(state: ProjectionState, appeal: Appeal): Appeal {
  const owned = state.owned;
  if (owned === null || owned.has(appeal)) return appeal;
  const copy: Appeal = { ...appeal, streamIds: appeal.streamIds.slice() };
  owned.add(copy);
  state.appeals.set(copy.id, copy);
  return copy;
}

function writableIncident(state: ProjectionState, incident: Incident): Incident {
  const owned = state.owned;
  if (owned === null || owned.has(incident)) return incident;
  const copy: Incident = { ...incident, appealIds: incident.appealIds.slice(), streamIds: incident.streamIds.slice() };
  owned.add(copy);
  state.incidents.set(copy.id, copy);
  return copy;
}

function touch(appeal: Appeal, event: StreamEvent, at: number): void {
  appeal.updatedAt = Math.max(appeal.updatedAt, at);
  appeal.streamIds.push(event.streamId);
}

/**
 * A follow-up dated before its appeal's registration: one producer's clock is wrong. It is
 * applied (the change happened), but a negative duration would count as an instant response
 * within target, so it is left out of the figures and counted instead (`/api/health`).
 */
function isClockSkewed(state: ProjectionState, appeal: Appeal, event: StreamEvent, at: number): boolean {
  if (at >= appeal.registeredAt) return false;
  state.counters.clockSkew += 1;
  const seconds = Math.round((appeal.registeredAt - at) / 1000);
  state.counters.lastClockSkew = `${event.type} ${event.id} is dated ${seconds} s before appeal ${appeal.id} was registered`;
  return true;
}

function applyAssigned(
  state: ProjectionState,
  event: EventOf<'appeal.assigned'> & StreamEvent,
  at: number,
): string | null {
  const current = state.appeals.get(event.data.appealId);
  if (!current) return `unknown appeal ${event.data.appealId}`;
  if (current.region !== event.region) return regionMismatch('appeal', current.id, current.region, event.region);
  const appeal = writableAppeal(state, current);
  const isSkewed = isClockSkewed(state, appeal, event, at);
  appeal.service = event.data.service;
  if (event.data.serviceId !== undefined) appeal.serviceId = event.data.serviceId;
  else delete appeal.serviceId;
  if (event.data.assignee !== undefined) appeal.assignee = event.data.assignee;
  else delete appeal.assignee;
  if (isOpenStatus(appeal.status)) appeal.status = 'assigned';
  if (appeal.respondedAt === null) {
    appeal.respondedAt = at;
    const within = at <= appeal.responseDueAt;
    const targetMs = appeal.responseDueAt - appeal.registeredAt;
    const slots = isSkewed ? NO_SLOTS : slotsFor(state, appeal, at);
    for (const slot of slots) addResponse(slot, at - appeal.registeredAt, within, targetMs);
  }
  touch(appeal, event, at);
  return null;
}

function applyStatusChanged(
  state: ProjectionState,
  event: EventOf<'appeal.status_changed'> & StreamEvent,
  at: number,
): string | null {
  const current = state.appeals.get(event.data.appealId);
  if (!current) return `unknown appeal ${event.data.appealId}`;
  if (current.region !== event.region) return regionMismatch('appeal', current.id, current.region, event.region);
  const appeal = writableAppeal(state, current);
  const isSkewed = isClockSkewed(state, appeal, event, at);
  const status = event.data.status;
  // Going back from a finished status to an open one is a reopen, whatever it is called:
  // the resolution no longer counts (design.md: "reopen clears it").
  if (!isOpenStatus(appeal.status) && isOpenStatus(status)) {
    appeal.resolvedAt = null;
    appeal.closedAt = null;
  }
  let slots: readonly MinuteSlot[] | null = null;
  // First-call resolution counts every open → finished step, routed or not.
  if (isOpenStatus(appeal.status) && FINISHED.has(status)) {
    slots = slotsFor(state, appeal, at);
    for (const slot of slots) addFinish(slot, appeal.respondedAt !== null);
  }
  appeal.status = status;
  if (status === 'resolved' && appeal.resolvedAt === null) {
    appeal.resolvedAt = at;
    const within = at <= appeal.dueAt;
    if (!isSkewed) {
      for (const slot of slots ?? slotsFor(state, appeal, at)) addResolution(slot, at - appeal.registeredAt, within);
    }
  }
  if (status === 'closed' || status === 'rejected') appeal.closedAt = at;
  // Re-inserting moves it to the newest end of the eviction order (evictFinished, after the batch).
  state.closedAppeals.delete(appeal.id);
  if (!isOpenStatus(status)) state.closedAppeals.set(appeal.id, true);
  touch(appeal, event, at);
  return null;
}

/** New priority, new targets: both due times are recomputed from registration (an explicit slaMinutes stays). */
function applyEscalated(
  state: ProjectionState,
  event: EventOf<'appeal.escalated'> & StreamEvent,
  at: number,
): string | null {
  const current = state.appeals.get(event.data.appealId);
  if (!current) return `unknown appeal ${event.data.appealId}`;
  if (current.region !== event.region) return regionMismatch('appeal', current.id, current.region, event.region);
  const appeal = writableAppeal(state, current);
  isClockSkewed(state, appeal, event, at);
  const category = getCategory(appeal.category);
  const priority = event.data.priority;
  appeal.priority = priority;
  appeal.responseDueAt = appeal.registeredAt + category.responseSla[priority] * MINUTE;
  appeal.dueAt = appeal.registeredAt + (appeal.slaMinutes ?? category.resolutionSla[priority]) * MINUTE;
  touch(appeal, event, at);
  return null;
}

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

function applyIncidentOpened(
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

function applyIncidentUpdated(
  state: ProjectionState,
  event: EventOf<'incident.updated'> & StreamEvent,
  at: number,
): string | null {
  const d = event.data;
  const current = state.incidents.get(d.incidentId);
  if (!current) return `unknown incident ${d.incidentId}`;
  if (current.region !== event.region) return regionMismatch('incident', current.id, current.region, event.region);
  const incident = writableIncident(state, current);
  if (d.severity) incident.severity = d.severity;
  if (d.note) incident.note = d.note;
  linkAppeals(state, incident, d.appealIds ?? [], incident.appealIds);
  incident.updatedAt = Math.max(incident.updatedAt, at);
  incident.streamIds.push(event.streamId);
  return null;
}

function applyIncidentResolved(
  state: ProjectionState,
  event: EventOf<'incident.resolved'> & StreamEvent,
  at: number,
): string | null {
  const d = event.data;
  const current = state.incidents.get(d.incidentId);
  if (!current) return `unknown incident ${d.incidentId}`;
  if (current.region !== event.region) return regionMismatch('incident', current.id, current.region, event.region);
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
