import {
  allowedStatusChanges,
  isInRegions,
  isOpenStatus,
  priorityRank,
  type Appeal,
  type AssignAppealBody,
  type ChangeStatusBody,
  type EscalateAppealBody,
  type EventEnvelope,
  type LocatedEvent,
  type Incident,
  type LinkAppealsBody,
  type OpenIncidentBody,
  type ProjectionState,
  type RegionCode,
  type RegionScope,
  type RegisterAppealBody,
  type ResolveIncidentBody,
  type UpdateIncidentBody,
  type AuditAction,
} from '@shared';
import type { Locator, PlaceOfEvent } from '../regions/createLocator';
import { mismatchMessage } from '../regions/mismatchMessage';
import { resolveAssignment } from '../services/resolveAssignment';
import type { DirectorySnapshot as DirectoryView } from '../services/serviceDirectory';

/**
 * The write API's decisions, free of I/O: each command checks the request against the
 * projection and either plans the one event to append or says why not. The router
 * validates bodies before, and appends, audits and answers after.
 */

/** Why a write is refused: the HTTP status, a stable code, a message and the field at fault. */
export interface WriteError {
  status: 403 | 404 | 409 | 422;
  code: string;
  message: string;
  field?: string;
}

export interface PlannedWrite {
  /** The envelope to append (its `id` is the idempotency key of the write); a national one has no region. */
  event: LocatedEvent;
  audit: { action: AuditAction; target: string; changed: string[] };
  appealId?: string;
  incidentId?: string;
}

export type CommandResult = { ok: true; write: PlannedWrite } | { ok: false; error: WriteError };

export interface CommandContext {
  state: ProjectionState;
  /** The caller's region scope (from the session, never the request). */
  regions: RegionScope;
  /** Id of the event to write. */
  eventId: string;
  /** When it happens (ISO-8601). */
  at: string;
  /** Places new appeals and incidents (region from point, address; region/point agreement). */
  locate: Locator;
  /** A fresh appeal or incident id. */
  newId: (kind: 'appeal' | 'incident') => string;
}

export const refuse = (status: WriteError['status'], code: string, message: string, field?: string): CommandResult => ({
  ok: false,
  error: { status, code, message, ...(field !== undefined ? { field } : {}) },
});

const inScope = isInRegions;

/**
 * The region a new appeal or incident goes to: the one given, else the place its address
 * names, else the one its location lies in; a region that contradicts the point is refused,
 * never corrected (`Locator.place`).
 */
function regionFor(
  ctx: CommandContext,
  body: { region?: RegionCode | undefined; location: PlaceOfEvent },
): { region: RegionCode } | { error: CommandResult } {
  const placed = ctx.locate.place(body.location, body.region);
  if (!placed.ok && placed.code === 'outside_regions') {
    return { error: refuse(422, 'outside_regions', 'the location is outside every region', 'location') };
  }
  if (!placed.ok) {
    const field = placed.place ? 'location.address' : 'region';
    return { error: refuse(422, 'region_mismatch', mismatchMessage(placed), field) };
  }
  const { region } = placed;
  if (!inScope(ctx.regions, region)) {
    return { error: refuse(403, 'region_out_of_scope', `region ${region} is not one of yours`, 'region') };
  }
  return { region };
}

/** The appeal addressed by a path, when it exists and the caller may see it (404 otherwise: no existence leak). */
export function findAppeal(ctx: CommandContext, appealId: string): Appeal | CommandResult {
  const appeal = ctx.state.appeals.get(appealId);
  if (!appeal || !inScope(ctx.regions, appeal.region))
    return refuse(404, 'not_found', `appeal ${quoteId(appealId)} not found`);
  return appeal;
}

function findIncident(ctx: CommandContext, incidentId: string): Incident | CommandResult {
  const incident = ctx.state.incidents.get(incidentId);
  if (!incident || !inScope(ctx.regions, incident.region)) {
    return refuse(404, 'not_found', `incident ${quoteId(incidentId)} not found`);
  }
  return incident;
}

export const isResult = (value: object): value is CommandResult => 'ok' in value;

/** The one event a write appends, its audit record, and the id it is about. */
export function planned<T extends EventEnvelope['type']>(
  ctx: CommandContext,
  type: T,
  region: RegionCode,
  /** Carries the `appealId` or the `incidentId` the write is about. */
  data: { appealId?: string; incidentId?: string } & Record<string, unknown>,
  audit: { action: AuditAction; changed: string[] },
): CommandResult {
  const ids = idsOf(data);
  const target = ids.appealId !== undefined ? `appeal:${ids.appealId}` : `incident:${ids.incidentId ?? ''}`;
  // The data was validated by the body schema; the envelope schema checks it again on the stream.
  const event = { v: 1, id: ctx.eventId, type, at: ctx.at, region, data } as unknown as PlannedWrite['event'];
  return { ok: true, write: { event, audit: { ...audit, target }, ...ids } };
}

/** What a write's answer names: the appeal, or else the incident, its event is about. */
export function idsOf(data: {
  appealId?: unknown;
  incidentId?: unknown;
}): Pick<PlannedWrite, 'appealId' | 'incidentId'> {
  if (typeof data.appealId === 'string') return { appealId: data.appealId };
  return { incidentId: typeof data.incidentId === 'string' ? data.incidentId : '' };
}

/** An id from a path as a message may quote it: a 10 KB id must not make a 10 KB answer. */
const quoteId = (id: string): string => (id.length > 64 ? `${id.slice(0, 64)}…` : id);

/** Defined keys of a body, for the audit trail (names only, never personal values). */
export function fieldsOf(body: object): string[] {
  return Object.entries(body)
    .filter(([, value]) => value !== undefined)
    .map(([key]) => key);
}

export function registerAppeal(ctx: CommandContext, body: RegisterAppealBody): CommandResult {
  const placed = regionFor(ctx, body);
  if ('error' in placed) return placed.error;
  const appealId = ctx.newId('appeal');
  const { region: _given, ...data } = body;
  return planned(
    ctx,
    'appeal.registered',
    placed.region,
    { appealId, ...data },
    { action: 'appeal.register', changed: fieldsOf(body) },
  );
}

export function assignAppeal(
  ctx: CommandContext,
  appealId: string,
  body: AssignAppealBody,
  directory: DirectoryView | null = null,
): CommandResult {
  const appeal = findAppeal(ctx, appealId);
  if (isResult(appeal)) return appeal;
  if (!isOpenStatus(appeal.status)) {
    return refuse(409, 'invalid_transition', `appeal ${appealId} is ${appeal.status}; reopen it before assigning`);
  }
  // The service directory decides the text and the БИН (services/resolveAssignment).
  const resolved = resolveAssignment(directory, body, appeal);
  if (!resolved.ok) return refuse(resolved.status, resolved.code, resolved.message, resolved.field);
  const { service, serviceId } = resolved;
  if (appeal.service === service && appeal.serviceId === serviceId && appeal.assignee === body.assignee) {
    return refuse(409, 'no_change', `appeal ${appealId} is already assigned to ${service}`, 'service');
  }
  const data = {
    appealId,
    service,
    ...(serviceId ? { serviceId } : {}),
    ...(body.assignee ? { assignee: body.assignee } : {}),
  };
  return planned(ctx, 'appeal.assigned', appeal.region, data, { action: 'appeal.assign', changed: fieldsOf(body) });
}

export function changeStatus(ctx: CommandContext, appealId: string, body: ChangeStatusBody): CommandResult {
  const appeal = findAppeal(ctx, appealId);
  if (isResult(appeal)) return appeal;
  const allowed = allowedStatusChanges(appeal.status);
  if (!allowed.includes(body.status)) {
    return refuse(
      409,
      'invalid_transition',
      `appeal ${appealId} is ${appeal.status}: it can go to ${allowed.join(', ')}, not ${body.status}`,
      'status',
    );
  }
  return planned(
    ctx,
    'appeal.status_changed',
    appeal.region,
    { appealId, ...body },
    { action: 'appeal.status', changed: fieldsOf(body) },
  );
}

export function escalateAppeal(ctx: CommandContext, appealId: string, body: EscalateAppealBody): CommandResult {
  const appeal = findAppeal(ctx, appealId);
  if (isResult(appeal)) return appeal;
  if (!isOpenStatus(appeal.status)) {
    return refuse(409, 'invalid_transition', `appeal ${appealId} is ${appeal.status}; only open appeals are escalated`);
  }
  if (priorityRank(body.priority) <= priorityRank(appeal.priority)) {
    return refuse(
      409,
      'not_higher',
      `appeal ${appealId} is already ${appeal.priority}; escalation only raises the priority`,
      'priority',
    );
  }
  return planned(
    ctx,
    'appeal.escalated',
    appeal.region,
    { appealId, ...body },
    { action: 'appeal.escalate', changed: fieldsOf(body) },
  );
}

/**
 * Appeals named in a body must exist, be visible to the caller and lie in the incident's
 * region (events are routed by region). Unknown and out-of-scope ids get the same answer.
 */
function checkLinkable(ctx: CommandContext, region: RegionCode, appealIds: readonly string[]): CommandResult | null {
  for (const appealId of appealIds) {
    const appeal = ctx.state.appeals.get(appealId);
    if (!appeal || !inScope(ctx.regions, appeal.region)) {
      return refuse(409, 'unknown_appeal', `no appeal ${appealId}`, 'appealIds');
    }
    if (appeal.region !== region) {
      return refuse(
        409,
        'other_region',
        `appeal ${appealId} is in ${appeal.region}, the incident in ${region}`,
        'appealIds',
      );
    }
  }
  return null;
}

export function openIncident(ctx: CommandContext, body: OpenIncidentBody): CommandResult {
  const placed = regionFor(ctx, body);
  if ('error' in placed) return placed.error;
  const refused = checkLinkable(ctx, placed.region, body.appealIds ?? []);
  if (refused) return refused;
  const incidentId = ctx.newId('incident');
  const { region: _given, ...data } = body;
  return planned(
    ctx,
    'incident.opened',
    placed.region,
    { incidentId, ...data },
    { action: 'incident.open', changed: fieldsOf(body) },
  );
}

function openIncidentOrRefuse(ctx: CommandContext, incidentId: string): Incident | CommandResult {
  const incident = findIncident(ctx, incidentId);
  if (isResult(incident)) return incident;
  if (incident.status === 'resolved') {
    return refuse(409, 'invalid_transition', `incident ${incidentId} is already resolved`);
  }
  return incident;
}

export function updateIncident(ctx: CommandContext, incidentId: string, body: UpdateIncidentBody): CommandResult {
  const incident = openIncidentOrRefuse(ctx, incidentId);
  if (isResult(incident)) return incident;
  return planned(
    ctx,
    'incident.updated',
    incident.region,
    { incidentId, ...body },
    { action: 'incident.update', changed: fieldsOf(body) },
  );
}

export function resolveIncident(ctx: CommandContext, incidentId: string, body: ResolveIncidentBody): CommandResult {
  const incident = openIncidentOrRefuse(ctx, incidentId);
  if (isResult(incident)) return incident;
  return planned(
    ctx,
    'incident.resolved',
    incident.region,
    { incidentId, ...body },
    { action: 'incident.resolve', changed: fieldsOf(body) },
  );
}

export function linkAppeals(ctx: CommandContext, incidentId: string, body: LinkAppealsBody): CommandResult {
  const incident = openIncidentOrRefuse(ctx, incidentId);
  if (isResult(incident)) return incident;
  const refused = checkLinkable(ctx, incident.region, body.appealIds);
  if (refused) return refused;
  const added = [...new Set(body.appealIds)].filter((id) => !incident.appealIds.includes(id));
  if (added.length === 0) {
    return refuse(409, 'no_change', `these appeals are already linked to incident ${incidentId}`, 'appealIds');
  }
  return planned(
    ctx,
    'incident.updated',
    incident.region,
    { incidentId, appealIds: added },
    { action: 'incident.link', changed: ['appealIds'] },
  );
}
