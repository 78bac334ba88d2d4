import type { CategoryCode } from '../domain/categories';
import type { RegionCode } from '../domain/regions';
import type { StreamEvent } from '../schemas/events';
import { regionCategoryKey } from './metrics';
import { ALL_KEY, type Appeal, type Incident, type ProjectionState } from './state';
import { createRing, isWithinRing, slotFor, type MinuteSlot } from './windows';

/** The pieces every event handler of the reducer shares (applyEvent.ts and its siblings). */

export const MINUTE = 60_000;

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
export const NO_SLOTS: readonly MinuteSlot[] = Object.freeze([]);

/**
 * The slots of the minute of `at` in the appeal's four rings: none when that minute lies
 * outside the rings' 25 h ending at the projection's clock (the newest `at`, this one
 * included), fewer when a ring holds a newer minute there.
 */
export function slotsFor(state: ProjectionState, appeal: Appeal, at: number): readonly MinuteSlot[] {
  const newestAt = Math.max(state.latestAt ?? at, at);
  if (!isWithinRing(at, newestAt)) return NO_SLOTS;
  const slots: MinuteSlot[] = [];
  for (const key of ringKeysOf(appeal.region, appeal.category)) {
    const slot = slotFor((state.metrics[key] ??= createRing()), at, state.owned, newestAt);
    if (slot) slots.push(slot);
  }
  return slots;
}

/**
 * A follow-up event must name the region of what it follows: events are routed to region
 * scopes by their own region, so a mismatch would show one region's appeal to another's users.
 */
export function regionMismatch(kind: string, id: string, expected: RegionCode, got: RegionCode): string {
  return `${kind} ${id} is in ${expected}, the event says ${got}`;
}

/** The appeal a follow-up names, or why it cannot apply (unknown, or another region's). */
export function followedAppeal(state: ProjectionState, appealId: string, region: RegionCode): Appeal | string {
  const appeal = state.appeals.get(appealId);
  if (!appeal) return `unknown appeal ${appealId}`;
  return appeal.region === region ? appeal : regionMismatch('appeal', appeal.id, appeal.region, region);
}

/** The incident a follow-up names, or why it cannot apply (unknown, or another region's). */
export function followedIncident(state: ProjectionState, incidentId: string, region: RegionCode): Incident | string {
  const incident = state.incidents.get(incidentId);
  if (!incident) return `unknown incident ${incidentId}`;
  return incident.region === region ? incident : regionMismatch('incident', incident.id, incident.region, region);
}

/**
 * The appeal to change in place: itself, or while a snapshot holds it (state.owned), a copy
 * put in its place (once per snapshot; the snapshot keeps the original).
 */
export function writableAppeal(state: ProjectionState, appeal: Appeal): Appeal {
  const owned = state.owned;
  if (owned === null || owned.has(appeal)) return appeal;
  const copy: Appeal = { ...appeal, streamIds: appeal.streamIds.slice() };
  owned.add(copy);
  state.appeals.set(copy.id, copy);
  return copy;
}

export function writableIncident(state: ProjectionState, incident: Incident): Incident {
  const owned = state.owned;
  if (owned === null || owned.has(incident)) return incident;
  const copy: Incident = { ...incident, appealIds: incident.appealIds.slice(), streamIds: incident.streamIds.slice() };
  owned.add(copy);
  state.incidents.set(copy.id, copy);
  return copy;
}

export function touch(appeal: Appeal, event: StreamEvent, at: number): void {
  appeal.updatedAt = Math.max(appeal.updatedAt, at);
  appeal.streamIds.push(event.streamId);
}

/**
 * A follow-up dated before its appeal's registration: one producer's clock is wrong. It is
 * applied (the change happened), but a negative duration would count as an instant response
 * within target, so it is left out of the figures and counted instead (`/api/health`).
 */
export function isClockSkewed(state: ProjectionState, appeal: Appeal, event: StreamEvent, at: number): boolean {
  if (at >= appeal.registeredAt) return false;
  state.counters.clockSkew += 1;
  const seconds = Math.round((appeal.registeredAt - at) / 1000);
  state.counters.lastClockSkew = `${event.type} ${event.id} is dated ${seconds} s before appeal ${appeal.id} was registered`;
  return true;
}
