import {
  BUILT_IN_CALENDAR,
  initialLawFields,
  type Appeal,
  type AppealExtension,
  type AppealFeedback,
  type AppealStatus,
  type CategoryCode,
  type Channel,
  type Outcome,
  type Priority,
  type RegionCode,
} from '@shared';
import type { ArchiveQuery } from './archiveDb';

/** An appeal as folded, with the event that changed it last. */
export interface AppealWrite {
  appeal: Appeal;
  lastEventId: string;
  lastStreamId: string;
}

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());
/** Both drivers hand timestamptz back as Date. */
const ms = (value: unknown): number | null => (value === null ? null : (value as Date).getTime());

/** A row of `appeals` back into the reducer's shape (its timeline ids are not needed to fold). */
export function rowToAppeal(row: Record<string, unknown>): Appeal {
  const appeal: Appeal = {
    id: row.id as string,
    region: row.region as RegionCode,
    category: row.category as CategoryCode,
    priority: row.priority as Priority,
    channel: row.channel as Channel,
    location: {
      lat: row.lat as number,
      lng: row.lng as number,
      ...(row.address !== null ? { address: row.address as string } : {}),
      ...(row.district !== null ? { district: row.district as string } : {}),
    },
    description: row.description as string,
    status: row.status as AppealStatus,
    registeredAt: ms(row.registered_at) as number,
    respondedAt: ms(row.responded_at),
    resolvedAt: ms(row.resolved_at),
    closedAt: ms(row.closed_at),
    responseDueAt: ms(row.response_due_at) as number,
    dueAt: ms(row.resolution_due_at) as number,
    ...lawFieldsOfRow(row),
    updatedAt: ms(row.updated_at) as number,
    streamIds: [],
  };
  if (row.citizen_name !== null || row.citizen_phone !== null) {
    appeal.citizen = {
      ...(row.citizen_name !== null ? { name: row.citizen_name as string } : {}),
      ...(row.citizen_phone !== null ? { phone: row.citizen_phone as string } : {}),
    };
  }
  if (row.sla_minutes !== null) appeal.slaMinutes = row.sla_minutes as number;
  if (row.service !== null) appeal.service = row.service as string;
  if (row.service_id !== null && row.service_id !== undefined) appeal.serviceId = row.service_id as string;
  if (row.assignee !== null) appeal.assignee = row.assignee as string;
  if (row.incident_id !== null) appeal.incidentId = row.incident_id as string;
  return appeal;
}

/**
 * The law's clock of a row (migration 004). A row archived before it has none: counted on the
 * built-in calendar, nothing extended, outcome unknown once finished.
 */
function lawFieldsOfRow(
  row: Record<string, unknown>,
): Pick<Appeal, 'legalDueAt' | 'isLegalProvisional' | 'redirectDueAt' | 'extension' | 'outcome' | 'feedback'> {
  if (row.legal_due_at === undefined || row.legal_due_at === null) {
    const fields = initialLawFields(BUILT_IN_CALENDAR, ms(row.registered_at) as number);
    const isFinished = row.status === 'resolved' || row.status === 'closed' || row.status === 'rejected';
    return { ...fields, outcome: isFinished ? 'unknown' : null };
  }
  return {
    legalDueAt: ms(row.legal_due_at) as number,
    isLegalProvisional: row.legal_provisional === true,
    redirectDueAt: ms(row.redirect_due_at) as number,
    extension:
      row.extension_months === null
        ? null
        : {
            months: row.extension_months as AppealExtension['months'],
            reason: row.extension_reason as string,
            at: ms(row.extended_at) as number,
          },
    outcome: (row.outcome as Outcome | 'unknown' | null) ?? null,
    feedback: row.feedback_result === null ? null : feedbackOfRow(row),
  };
}

function feedbackOfRow(row: Record<string, unknown>): AppealFeedback {
  const feedback: AppealFeedback = {
    result: row.feedback_result as AppealFeedback['result'],
    at: ms(row.feedback_at) as number,
  };
  if (row.feedback_rating !== null) feedback.rating = row.feedback_rating as number;
  if (row.feedback_comment !== null) feedback.comment = row.feedback_comment as string;
  return feedback;
}

/** The archived appeals with these ids (to fold a batch's events into). */
export async function loadAppeals(tx: ArchiveQuery, ids: readonly string[]): Promise<Map<string, Appeal>> {
  const found = new Map<string, Appeal>();
  if (ids.length === 0) return found;
  const { rows } = await tx.query('SELECT * FROM appeals WHERE id = ANY($1::text[])', [ids]);
  for (const row of rows) found.set(row.id as string, rowToAppeal(row));
  return found;
}

/**
 * The folded appeals as ONE jsonb parameter expanded by `jsonb_to_recordset` (keys are the
 * column names; a missing key is NULL): one `JSON.stringify` here and one parse on the server,
 * instead of 38 text arrays escaped by node-postgres and parsed back (the history writer
 * measured the same form twice as fast on PGlite; see README "How a batch writes").
 */
const UPSERT_APPEALS = `
INSERT INTO appeals (id, region, category, channel, priority, status, service, assignee, lat, lng,
  address, district, description, citizen_name, citizen_phone, sla_minutes, registered_at,
  responded_at, resolved_at, closed_at, response_due_at, resolution_due_at, incident_id,
  updated_at, last_event_id, last_stream_id, service_id, legal_due_at, legal_provisional, redirect_due_at,
  extension_months, extension_reason, extended_at, outcome, feedback_result, feedback_rating,
  feedback_comment, feedback_at)
SELECT id, region, category, channel, priority, status, service, assignee, lat, lng,
  address, district, description, citizen_name, citizen_phone, sla_minutes, registered_at,
  responded_at, resolved_at, closed_at, response_due_at, resolution_due_at, incident_id,
  updated_at, last_event_id, last_stream_id, service_id, legal_due_at, legal_provisional, redirect_due_at,
  extension_months, extension_reason, extended_at, outcome, feedback_result, feedback_rating,
  feedback_comment, feedback_at
FROM jsonb_to_recordset($1::jsonb) AS r(id text, region text, category text, channel text,
  priority text, status text, service text, assignee text, lat float8, lng float8, address text,
  district text, description text, citizen_name text, citizen_phone text, sla_minutes int,
  registered_at timestamptz, responded_at timestamptz, resolved_at timestamptz,
  closed_at timestamptz, response_due_at timestamptz, resolution_due_at timestamptz,
  incident_id text, updated_at timestamptz, last_event_id text, last_stream_id text,
  service_id text, legal_due_at timestamptz, legal_provisional boolean, redirect_due_at timestamptz,
  extension_months smallint, extension_reason text, extended_at timestamptz, outcome text,
  feedback_result text, feedback_rating smallint, feedback_comment text, feedback_at timestamptz)
ON CONFLICT (id) DO UPDATE SET
  region = excluded.region, category = excluded.category, channel = excluded.channel,
  priority = excluded.priority, status = excluded.status, service = excluded.service,
  assignee = excluded.assignee, lat = excluded.lat, lng = excluded.lng,
  address = excluded.address, district = excluded.district, description = excluded.description,
  citizen_name = excluded.citizen_name, citizen_phone = excluded.citizen_phone,
  sla_minutes = excluded.sla_minutes, registered_at = excluded.registered_at,
  responded_at = excluded.responded_at, resolved_at = excluded.resolved_at,
  closed_at = excluded.closed_at, response_due_at = excluded.response_due_at,
  resolution_due_at = excluded.resolution_due_at, incident_id = excluded.incident_id,
  updated_at = excluded.updated_at, last_event_id = excluded.last_event_id,
  last_stream_id = excluded.last_stream_id, service_id = excluded.service_id,
  legal_due_at = excluded.legal_due_at,
  legal_provisional = excluded.legal_provisional, redirect_due_at = excluded.redirect_due_at,
  extension_months = excluded.extension_months, extension_reason = excluded.extension_reason,
  extended_at = excluded.extended_at, outcome = excluded.outcome,
  feedback_result = excluded.feedback_result, feedback_rating = excluded.feedback_rating,
  feedback_comment = excluded.feedback_comment, feedback_at = excluded.feedback_at`;

/** One appeal as a row of the upsert's recordset (undefined keys drop out of the JSON: NULL). */
function rowOf({ appeal: a, lastEventId, lastStreamId }: AppealWrite): Record<string, unknown> {
  return {
    id: a.id,
    region: a.region,
    category: a.category,
    channel: a.channel,
    priority: a.priority,
    status: a.status,
    service: a.service,
    assignee: a.assignee,
    lat: a.location.lat,
    lng: a.location.lng,
    address: a.location.address,
    district: a.location.district,
    description: a.description,
    citizen_name: a.citizen?.name,
    citizen_phone: a.citizen?.phone,
    sla_minutes: a.slaMinutes,
    registered_at: iso(a.registeredAt),
    responded_at: iso(a.respondedAt),
    resolved_at: iso(a.resolvedAt),
    closed_at: iso(a.closedAt),
    response_due_at: iso(a.responseDueAt),
    resolution_due_at: iso(a.dueAt),
    incident_id: a.incidentId,
    updated_at: iso(a.updatedAt),
    last_event_id: lastEventId,
    last_stream_id: lastStreamId,
    service_id: a.serviceId,
    legal_due_at: iso(a.legalDueAt),
    legal_provisional: a.isLegalProvisional,
    redirect_due_at: iso(a.redirectDueAt),
    extension_months: a.extension?.months,
    extension_reason: a.extension?.reason,
    extended_at: iso(a.extension?.at ?? null),
    outcome: a.outcome,
    feedback_result: a.feedback?.result,
    feedback_rating: a.feedback?.rating,
    feedback_comment: a.feedback?.comment,
    feedback_at: iso(a.feedback?.at ?? null),
  };
}

/** Writes the folded appeals in one multi-row upsert (new ones inserted, others replaced). */
export async function upsertAppeals(tx: ArchiveQuery, writes: readonly AppealWrite[]): Promise<void> {
  if (writes.length === 0) return;
  await tx.query(UPSERT_APPEALS, [JSON.stringify(writes.map(rowOf))]);
}
