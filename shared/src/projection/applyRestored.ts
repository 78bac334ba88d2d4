import { isOpenStatus } from '../domain/enums';
import { MAX_RECENT_CLOSED_APPEALS } from '../limits';
import type { EventOf, StreamEvent } from '../schemas/events';
import { evictOldest } from './evictOldest';
import type { Appeal, ProjectionState } from './state';

const msOrNull = (iso: string | undefined): number | null => (iso === undefined ? null : Date.parse(iso));

/**
 * `appeal.restored` (docs/protocol.md): an appeal the projection had dropped comes back as the
 * archive holds it, so that a change to it (a reopen) can be applied. Not a new registration:
 * no metric counts it. Ignored when the appeal is already held (the archive, or a projection
 * that never dropped it), so a replay or a second restore changes nothing.
 */
export function applyRestored(
  state: ProjectionState,
  event: EventOf<'appeal.restored'> & StreamEvent,
  at: number,
): string | null {
  const d = event.data;
  if (state.appeals.has(d.appealId)) return `appeal ${d.appealId} is already held`;
  const appeal: Appeal = {
    id: d.appealId,
    region: event.region,
    category: d.category,
    priority: d.priority,
    channel: d.channel,
    location: d.location,
    description: d.description,
    status: d.status,
    registeredAt: Date.parse(d.registeredAt),
    respondedAt: msOrNull(d.respondedAt),
    resolvedAt: msOrNull(d.resolvedAt),
    closedAt: msOrNull(d.closedAt),
    responseDueAt: Date.parse(d.responseDueAt),
    dueAt: Date.parse(d.dueAt),
    updatedAt: Math.max(Date.parse(d.updatedAt), at),
    streamIds: [event.streamId],
  };
  if (d.citizen) appeal.citizen = d.citizen;
  if (d.slaMinutes !== undefined) appeal.slaMinutes = d.slaMinutes;
  if (d.service !== undefined) appeal.service = d.service;
  if (d.assignee !== undefined) appeal.assignee = d.assignee;
  if (d.incidentId !== undefined) appeal.incidentId = d.incidentId;
  state.appeals.set(appeal.id, appeal);
  state.owned?.add(appeal);
  if (!isOpenStatus(appeal.status)) {
    state.closedAppeals.set(appeal.id, true);
    evictOldest(state.closedAppeals, MAX_RECENT_CLOSED_APPEALS, (id) => state.appeals.delete(id));
  }
  return null;
}
