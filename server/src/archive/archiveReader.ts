import type { ArchiveQuery } from './archiveDb';

/** An archived appeal as the read API gives it (times ISO-8601 UTC, null when not yet). */
export interface ArchivedAppeal {
  id: string;
  region: string;
  category: string;
  channel: string;
  priority: string;
  status: string;
  service: string | null;
  assignee: string | null;
  location: { lat: number; lng: number; address: string | null; district: string | null };
  description: string;
  /** Personal data: the HTTP layer's presenters mask it. */
  citizen: { name: string | null; phone: string | null };
  slaMinutes: number | null;
  registeredAt: string;
  respondedAt: string | null;
  resolvedAt: string | null;
  closedAt: string | null;
  responseDueAt: string;
  resolutionDueAt: string;
  incidentId: string | null;
  backfilled: boolean;
  updatedAt: string;
  lastEventId: string;
}

/** One event of an appeal's timeline, in stream order. */
export interface TimelineEntry {
  eventId: string;
  type: string;
  at: string;
  streamId: string;
  /** The envelope as the producer sent it (region filled in when it was located). */
  payload: Record<string, unknown>;
}

/** Keyset position: the last item of the previous page. */
export interface AppealPageKey {
  registeredAt: string;
  id: string;
}

export interface ListAppealsQuery {
  region?: string;
  /** Registered at or after this instant (ISO). */
  from?: string;
  /** Registered before this instant (ISO). */
  to?: string;
  /** Page size, 1–1,000. */
  limit: number;
  /** Continue after this item (newest first). */
  after?: AppealPageKey;
}

export interface AppealPage {
  items: ArchivedAppeal[];
  /** Pass as `after` for the next page; null on the last one. */
  next: AppealPageKey | null;
}

const MAX_PAGE = 1000;

const isoOrNull = (value: unknown): string | null => (value === null ? null : (value as Date).toISOString());
const iso = (value: unknown): string => (value as Date).toISOString();

function toArchivedAppeal(row: Record<string, unknown>): ArchivedAppeal {
  return {
    id: row.id as string,
    region: row.region as string,
    category: row.category as string,
    channel: row.channel as string,
    priority: row.priority as string,
    status: row.status as string,
    service: row.service as string | null,
    assignee: row.assignee as string | null,
    location: {
      lat: row.lat as number,
      lng: row.lng as number,
      address: row.address as string | null,
      district: row.district as string | null,
    },
    description: row.description as string,
    citizen: { name: row.citizen_name as string | null, phone: row.citizen_phone as string | null },
    slaMinutes: row.sla_minutes as number | null,
    registeredAt: iso(row.registered_at),
    respondedAt: isoOrNull(row.responded_at),
    resolvedAt: isoOrNull(row.resolved_at),
    closedAt: isoOrNull(row.closed_at),
    responseDueAt: iso(row.response_due_at),
    resolutionDueAt: iso(row.resolution_due_at),
    incidentId: row.incident_id as string | null,
    backfilled: row.backfilled as boolean,
    updatedAt: iso(row.updated_at),
    lastEventId: row.last_event_id as string,
  };
}

/** The read side of the archive, for the HTTP layer: one query per question. */
export interface ArchiveReader {
  /** One appeal with its timeline, or null when the archive does not hold it. */
  getAppeal(id: string): Promise<{ appeal: ArchivedAppeal; timeline: TimelineEntry[] } | null>;
  /** Appeals newest first (registered_at, then id), keyset-paged. */
  listAppeals(query: ListAppealsQuery): Promise<AppealPage>;
}

/** Reads on `db` (the pool or the embedded database; a read replica later). */
export function createArchiveReader(db: ArchiveQuery): ArchiveReader {
  return {
    async getAppeal(id) {
      const appeal = await db.query('SELECT * FROM appeals WHERE id = $1', [id]);
      const row = appeal.rows[0];
      if (!row) return null;
      const events = await db.query(
        'SELECT event_id, type, at, stream_id, payload FROM appeal_events WHERE appeal_id = $1 ORDER BY seq',
        [id],
      );
      return {
        appeal: toArchivedAppeal(row),
        timeline: events.rows.map((e) => ({
          eventId: e.event_id as string,
          type: e.type as string,
          at: iso(e.at),
          streamId: e.stream_id as string,
          payload: e.payload as Record<string, unknown>,
        })),
      };
    },
    async listAppeals(query) {
      const limit = Math.min(MAX_PAGE, Math.max(1, Math.floor(query.limit)));
      // NULL parameters switch a condition off; the keyset condition is a row comparison, which
      // the (region, registered_at DESC, id COLLATE "C" DESC) and (registered_at DESC, id COLLATE
      // "C" DESC) indexes serve (ids compare as code units, as the search's do: migration 008).
      const { rows } = await db.query(
        `SELECT * FROM appeals
          WHERE ($1::text IS NULL OR region = $1)
            AND ($2::timestamptz IS NULL OR registered_at >= $2)
            AND ($3::timestamptz IS NULL OR registered_at < $3)
            AND ($4::timestamptz IS NULL OR (registered_at, id COLLATE "C") < ($4, $5::text))
          ORDER BY registered_at DESC, id COLLATE "C" DESC
          LIMIT $6`,
        [
          query.region ?? null,
          query.from ?? null,
          query.to ?? null,
          query.after?.registeredAt ?? null,
          query.after?.id ?? null,
          limit + 1,
        ],
      );
      const items = rows.slice(0, limit).map(toArchivedAppeal);
      const last = items.at(-1);
      return { items, next: rows.length > limit && last ? { registeredAt: last.registeredAt, id: last.id } : null };
    },
  };
}
