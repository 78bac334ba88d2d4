import { getCategory } from '../domain/categories';
import { isOpenStatus, type StatusChange } from '../domain/enums';
import type { EventOf, StreamEvent } from '../schemas/events';
import { isClockSkewed, MINUTE, NO_SLOTS, followedAppeal, slotsFor, touch, writableAppeal } from './applyHelpers';
import type { Appeal, ProjectionState } from './state';
import { addFinish, addResolution, addResponse, type MinuteSlot } from './windows';

/** Statuses that finish an appeal for first-call resolution (a rejection is not a resolution). */
const FINISHED: ReadonlySet<string> = new Set(['resolved', 'closed']);

export function applyAssigned(
  state: ProjectionState,
  event: EventOf<'appeal.assigned'> & StreamEvent,
  at: number,
): string | null {
  const current = followedAppeal(state, event.data.appealId, event.region);
  if (typeof current === 'string') return current;
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

export function applyStatusChanged(
  state: ProjectionState,
  event: EventOf<'appeal.status_changed'> & StreamEvent,
  at: number,
): string | null {
  const current = followedAppeal(state, event.data.appealId, event.region);
  if (typeof current === 'string') return current;
  const appeal = writableAppeal(state, current);
  const isSkewed = isClockSkewed(state, appeal, event, at);
  changeStatus(state, appeal, event.data.status, event.data.outcome, at, isSkewed);
  touch(appeal, event, at);
  return null;
}

/**
 * Moves a (writable) appeal to `status` at `at`: the figures, the finish times, the outcome and
 * the eviction order. Shared by status changes and by a "not confirmed" callback (a reopen).
 */
export function changeStatus(
  state: ProjectionState,
  appeal: Appeal,
  status: StatusChange,
  outcome: Appeal['outcome'] | undefined,
  at: number,
  isSkewed: boolean,
): void {
  // Going back from a finished status to an open one is a reopen, whatever it is called:
  // the resolution no longer counts (design.md: "reopen clears it"), nor its outcome.
  if (!isOpenStatus(appeal.status) && isOpenStatus(status)) {
    appeal.resolvedAt = null;
    appeal.closedAt = null;
    appeal.outcome = null;
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
  // A finishing change without an outcome keeps the one recorded (resolved, then closed), or
  // says `unknown`: a producer that sends none.
  if (!isOpenStatus(status)) appeal.outcome = outcome ?? appeal.outcome ?? 'unknown';
  // Re-inserting moves it to the newest end of the eviction order (evictFinished, after the batch).
  state.closedAppeals.delete(appeal.id);
  if (!isOpenStatus(status)) state.closedAppeals.set(appeal.id, true);
}

/** New priority, new targets: both due times are recomputed from registration (an explicit slaMinutes stays). */
export function applyEscalated(
  state: ProjectionState,
  event: EventOf<'appeal.escalated'> & StreamEvent,
  at: number,
): string | null {
  const current = followedAppeal(state, event.data.appealId, event.region);
  if (typeof current === 'string') return current;
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
