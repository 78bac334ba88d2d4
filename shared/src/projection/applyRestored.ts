import { isOpenStatus } from '../domain/enums';
import type { EventOf, StreamEvent } from '../schemas/events';
import { extendedDueOf, initialLawFields } from './lawClock';
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
  const registeredAt = Date.parse(d.registeredAt);
  const law = initialLawFields(state.calendar, registeredAt);
  const appeal: Appeal = {
    ...law,
    ...(d.extension ? extendedDueOf(state.calendar, registeredAt, d.extension.months) : {}),
    extension: d.extension
      ? { months: d.extension.months, reason: d.extension.reason, at: Date.parse(d.extension.at) }
      : null,
    outcome: d.outcome ?? (isOpenStatus(d.status) ? null : 'unknown'),
    feedback: d.feedback
      ? {
          result: d.feedback.result,
          ...(d.feedback.rating !== undefined ? { rating: d.feedback.rating } : {}),
          ...(d.feedback.comment !== undefined ? { comment: d.feedback.comment } : {}),
          at: Date.parse(d.feedback.at),
        }
      : null,
    id: d.appealId,
    region: event.region,
    category: d.category,
    priority: d.priority,
    channel: d.channel,
    location: d.location,
    description: d.description,
    status: d.status,
    registeredAt,
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
  if (d.serviceId !== undefined) appeal.serviceId = d.serviceId;
  if (d.assignee !== undefined) appeal.assignee = d.assignee;
  if (d.incidentId !== undefined) appeal.incidentId = d.incidentId;
  state.appeals.set(appeal.id, appeal);
  state.owned?.add(appeal);
  if (!isOpenStatus(appeal.status)) {
    state.closedAppeals.set(appeal.id, true);
  }
  return null;
}
