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
import { copyRows, type CopyValue } from './copyText';

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
  for (const [id, { appeal }] of await loadVersionedAppeals(tx, ids)) found.set(id, appeal);
  return found;
}

/**
 * The archived appeals with these ids, each with its row version (`xmin`, the transaction that
 * wrote it last): what a fold ahead of its transaction reads, and checks again in it
 * (`appealVersions`).
 */
export async function loadVersionedAppeals(
  db: ArchiveQuery,
  ids: readonly string[],
): Promise<Map<string, { appeal: Appeal; version: string }>> {
  const found = new Map<string, { appeal: Appeal; version: string }>();
  if (ids.length === 0) return found;
  const { rows } = await db.query('SELECT *, xmin::text AS row_version FROM appeals WHERE id = ANY($1::text[])', [ids]);
  for (const row of rows) found.set(row.id as string, { appeal: rowToAppeal(row), version: row.row_version as string });
  return found;
}

/** The row version (`xmin`) of each of these appeals the archive holds. */
export async function appealVersions(tx: ArchiveQuery, ids: readonly string[]): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  if (ids.length === 0) return found;
  const { rows } = await tx.query<{ id: string; v: string }>(
    'SELECT id, xmin::text AS v FROM appeals WHERE id = ANY($1::text[])',
    [ids],
  );
  for (const row of rows) found.set(row.id, row.v);
  return found;
}

/**
 * The columns the archiver writes, with their types (for the recordset and the staging table);
 * the history backfill writes the same ones plus `backfilled` (history/historyRows.ts).
 */
export const COLUMNS = [
  ['id', 'text'],
  ['region', 'text'],
  ['category', 'text'],
  ['channel', 'text'],
  ['priority', 'text'],
  ['status', 'text'],
  ['service', 'text'],
  ['assignee', 'text'],
  ['lat', 'float8'],
  ['lng', 'float8'],
  ['address', 'text'],
  ['district', 'text'],
  ['description', 'text'],
  ['citizen_name', 'text'],
  ['citizen_phone', 'text'],
  ['sla_minutes', 'int'],
  ['registered_at', 'timestamptz'],
  ['responded_at', 'timestamptz'],
  ['resolved_at', 'timestamptz'],
  ['closed_at', 'timestamptz'],
  ['response_due_at', 'timestamptz'],
  ['resolution_due_at', 'timestamptz'],
  ['incident_id', 'text'],
  ['updated_at', 'timestamptz'],
  ['last_event_id', 'text'],
  ['last_stream_id', 'text'],
  ['service_id', 'text'],
  ['legal_due_at', 'timestamptz'],
  ['legal_provisional', 'boolean'],
  ['redirect_due_at', 'timestamptz'],
  ['extension_months', 'smallint'],
  ['extension_reason', 'text'],
  ['extended_at', 'timestamptz'],
  ['outcome', 'text'],
  ['feedback_result', 'text'],
  ['feedback_rating', 'smallint'],
  ['feedback_comment', 'text'],
  ['feedback_at', 'timestamptz'],
] as const;

const NAMES = COLUMNS.map(([name]) => name).join(', ');
const TYPED = COLUMNS.map(([name, type]) => `${name} ${type}`).join(', ');
/**
 * Personal data the erasure removed stays removed: a batch that loaded the row before an
 * erasure committed (the upsert then waits for its row lock and sees the erased row) must not
 * write the name and phone back; `citizen_erased_at` says the row was erased.
 */
const ERASABLE: ReadonlySet<string> = new Set(['citizen_name', 'citizen_phone']);
/** Every column but the key replaced by the folded row's. */
const UPSERT_TAIL = `ON CONFLICT (id) DO UPDATE SET ${COLUMNS.slice(1)
  .map(([name]) =>
    ERASABLE.has(name)
      ? `${name} = CASE WHEN appeals.citizen_erased_at IS NULL THEN excluded.${name} END`
      : `${name} = excluded.${name}`,
  )
  .join(', ')}`;

/**
 * The jsonb form (a query object without COPY): ONE jsonb parameter expanded by
 * `jsonb_to_recordset` (keys are the column names; a missing key is NULL), fixed statement
 * text whatever the batch size.
 */
const UPSERT_APPEALS_JSON = `INSERT INTO appeals (${NAMES}) SELECT ${NAMES}
FROM jsonb_to_recordset($1::jsonb) AS r(${TYPED}) ${UPSERT_TAIL}`;

/**
 * The COPY form: the folded rows COPYed into a temporary staging table (no WAL, no index,
 * emptied at each commit), then one `INSERT … SELECT … ON CONFLICT DO UPDATE` from it — the
 * same single upsert statement as the jsonb form (so 007's statement triggers see one
 * transition table of inserts and one of updates), without expanding a jsonb of 38 keys a row,
 * which took half the upsert's time (README "How a batch writes"). ON COMMIT DELETE ROWS
 * only guards the next transaction; the upsert itself empties the stage.
 */
const isTime = (type: string): boolean => type === 'timestamptz';
/**
 * The stage holds times as epoch milliseconds (bigint), turned into timestamptz by the upsert:
 * Node writes the number it holds instead of formatting an ISO string per time (a dozen an
 * appeal), and the server converts a number instead of parsing a date. Exact: a whole number
 * of milliseconds over 1000 rounds back to the same microsecond.
 */
const STAGE_TYPED = COLUMNS.map(([name, type]) => `${name} ${isTime(type) ? 'bigint' : type}`).join(', ');
const STAGED_VALUES = COLUMNS.map(([name, type]) => (isTime(type) ? `to_timestamp(${name} / 1000.0)` : name)).join(
  ', ',
);
// A name of its own: a session of an older build may hold the stage with timestamptz columns.
const CREATE_STAGE = `CREATE TEMPORARY TABLE IF NOT EXISTS archive_appeals_stage_ms (${STAGE_TYPED}) ON COMMIT DELETE ROWS`;
const COPY_STAGE = `COPY archive_appeals_stage_ms (${NAMES}) FROM '/dev/blob'`;
/** Consumes the stage (a transaction may upsert several times: the rebuild folds in batches). */
const UPSERT_APPEALS_STAGED = `WITH staged AS (DELETE FROM archive_appeals_stage_ms RETURNING *)
INSERT INTO appeals (${NAMES}) SELECT ${STAGED_VALUES} FROM staged ${UPSERT_TAIL}`;

/** A time as the staging table takes it: epoch milliseconds. */
const epochMs = (ms: number | null): number | null => ms;

/** One appeal's values in `COLUMNS` order (undefined: NULL), times as `time` gives them. */
function valuesOf(
  { appeal: a, lastEventId, lastStreamId }: AppealWrite,
  time: (ms: number | null) => CopyValue = iso,
): CopyValue[] {
  return [
    a.id,
    a.region,
    a.category,
    a.channel,
    a.priority,
    a.status,
    a.service,
    a.assignee,
    a.location.lat,
    a.location.lng,
    a.location.address,
    a.location.district,
    a.description,
    a.citizen?.name,
    a.citizen?.phone,
    a.slaMinutes,
    time(a.registeredAt),
    time(a.respondedAt),
    time(a.resolvedAt),
    time(a.closedAt),
    time(a.responseDueAt),
    time(a.dueAt),
    a.incidentId,
    time(a.updatedAt),
    lastEventId,
    lastStreamId,
    a.serviceId,
    time(a.legalDueAt),
    a.isLegalProvisional,
    time(a.redirectDueAt),
    a.extension?.months,
    a.extension?.reason,
    time(a.extension?.at ?? null),
    a.outcome,
    a.feedback?.result,
    a.feedback?.rating,
    a.feedback?.comment,
    time(a.feedback?.at ?? null),
  ];
}

function recordOf(values: readonly CopyValue[]): Record<string, CopyValue> {
  const record: Record<string, CopyValue> = {};
  COLUMNS.forEach(([name], i) => (record[name] = values[i]));
  return record;
}

/** The folded appeals, encoded for `writeAppeals` (COPY text where the database takes it, else jsonb). */
export type EncodedAppeals = { copy: Uint8Array<ArrayBuffer> } | { json: string } | null;

/** Encodes the folded appeals for `writeAppeals` (CPU only: it can run while a statement does). */
export function encodeAppeals(tx: ArchiveQuery, writes: readonly AppealWrite[]): EncodedAppeals {
  if (writes.length === 0) return null;
  if (tx.copyFrom) return { copy: encodeAppealsCopy(writes) };
  return { json: JSON.stringify(writes.map((write) => recordOf(valuesOf(write)))) };
}

/** The folded appeals as COPY text for `writeAppeals` (a batch folded ahead of its transaction). */
export function encodeAppealsCopy(writes: readonly AppealWrite[]): Uint8Array<ArrayBuffer> {
  return copyRows(writes.map((write) => valuesOf(write, epochMs)));
}

/**
 * Writes the encoded appeals in one multi-row upsert (new ones inserted, others replaced): from
 * a COPYed staging table where the database takes COPY (both drivers, inside a transaction),
 * else from one jsonb parameter.
 */
export async function writeAppeals(tx: ArchiveQuery, encoded: EncodedAppeals): Promise<void> {
  if (encoded === null) return;
  if ('json' in encoded || !tx.copyFrom) {
    await tx.query(UPSERT_APPEALS_JSON, ['json' in encoded ? encoded.json : '[]']);
    return;
  }
  await tx.query(CREATE_STAGE);
  await tx.copyFrom(COPY_STAGE, encoded.copy);
  await tx.query(UPSERT_APPEALS_STAGED);
}

/** `encodeAppeals` then `writeAppeals`. */
export async function upsertAppeals(tx: ArchiveQuery, writes: readonly AppealWrite[]): Promise<void> {
  await writeAppeals(tx, encodeAppeals(tx, writes));
}
