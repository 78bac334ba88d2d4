import type { Appeal, AppealListQuery, Incident, StreamEvent } from '@shared';
import type { ArchiveQuery } from './archiveDb';
import { searchArchivedAppeals, type ArchivePage, type ArchiveSearchOptions } from './appealSearch';
import { rowToAppeal } from './appealsTable';
import { loadIncidents } from './incidentsTable';
import { readCursor } from './archiveCursor';

/** An appeal as the archive holds it. */
export interface ArchivedAppealRecord {
  appeal: Appeal;
  /** Loaded from elsewhere (an import), not folded from the stream: its events are not held. */
  isBackfilled: boolean;
  /** Stream id of the newest event folded into it. */
  lastStreamId: string;
}

/**
 * What the HTTP layer asks the archive (docs/api.md "History"): the read side of every
 * appeal and incident ever registered, for the routes to fall back on when the projection
 * no longer holds them. Answers are raw (unmasked, unscoped): the routes scope them to the
 * caller's regions and present them like live ones.
 */
export interface History {
  getAppeal(id: string): Promise<ArchivedAppealRecord | null>;
  /** The appeal and its archived events in one round trip (two primary-key/index lookups). */
  getAppealWithTimeline(id: string): Promise<{ record: ArchivedAppealRecord; timeline: StreamEvent[] } | null>;
  /** Several appeals by id (those the archive holds), one query. */
  getAppeals(ids: readonly string[]): Promise<Map<string, ArchivedAppealRecord>>;
  /** Each appeal's newest archived `appeal.status_changed` event (none: not in the map), one query. */
  lastStatusChanges(appealIds: readonly string[]): Promise<Map<string, StreamEvent>>;
  /** The appeal's archived events, in stream order (empty when none are held). */
  getTimeline(appealId: string): Promise<StreamEvent[]>;
  /** `GET /api/appeals` over the archive: same filters, sorts and cursors as the projection's. */
  listAppeals(query: AppealListQuery, options: ArchiveSearchOptions): Promise<ArchivePage>;
  getIncident(id: string): Promise<Incident | null>;
  /** The stream id the archive has covered ('0-0' before its first batch). */
  cursor(): Promise<string>;
}

/** The stream's consumer name the archiver writes (createArchiver's default). */
const EVENTS_CURSOR = 'events';

const toRecord = (row: Record<string, unknown>): ArchivedAppealRecord => ({
  appeal: rowToAppeal(row),
  isBackfilled: row.backfilled === true,
  lastStreamId: row.last_stream_id as string,
});

/**
 * The row by its primary key and its events by `appeal_events_timeline (appeal_id, seq)`,
 * as one statement: one round trip to the pool (or one message to PGlite's worker) instead of two.
 */
const APPEAL_WITH_TIMELINE = `
  SELECT a.*, (
    SELECT coalesce(json_agg(json_build_object('s', e.stream_id, 'p', e.payload) ORDER BY e.seq), '[]'::json)
      FROM appeal_events e WHERE e.appeal_id = a.id
  ) AS timeline_json
  FROM appeals a WHERE a.id = $1`;

export function createHistory(db: ArchiveQuery): History {
  return {
    async getAppeal(id) {
      const { rows } = await db.query('SELECT * FROM appeals WHERE id = $1', [id]);
      const row = rows[0];
      return row ? toRecord(row) : null;
    },
    async getAppeals(ids) {
      const found = new Map<string, ArchivedAppealRecord>();
      if (ids.length === 0) return found;
      const { rows } = await db.query('SELECT * FROM appeals WHERE id = ANY($1::text[])', [[...ids]]);
      for (const row of rows) found.set(row.id as string, toRecord(row));
      return found;
    },
    async lastStatusChanges(appealIds) {
      const found = new Map<string, StreamEvent>();
      if (appealIds.length === 0) return found;
      // Per appeal, its timeline index (appeal_id, seq) read backwards to the first status change.
      const { rows } = await db.query<{ appeal_id: string; stream_id: string; payload: Record<string, unknown> }>(
        `SELECT DISTINCT ON (appeal_id) appeal_id, stream_id, payload FROM appeal_events
          WHERE appeal_id = ANY($1::text[]) AND type = 'appeal.status_changed'
          ORDER BY appeal_id, seq DESC`,
        [[...appealIds]],
      );
      for (const row of rows) found.set(row.appeal_id, { ...row.payload, streamId: row.stream_id } as StreamEvent);
      return found;
    },
    async getAppealWithTimeline(id) {
      const { rows } = await db.query(APPEAL_WITH_TIMELINE, [id]);
      const row = rows[0];
      if (!row) return null;
      const { timeline_json: events, ...appealRow } = row;
      const timeline = (events as { s: string; p: Record<string, unknown> }[]).map(
        (e) => ({ ...e.p, streamId: e.s }) as StreamEvent,
      );
      return { record: toRecord(appealRow), timeline };
    },
    async getTimeline(appealId) {
      const { rows } = await db.query<{ stream_id: string; payload: Record<string, unknown> }>(
        'SELECT stream_id, payload FROM appeal_events WHERE appeal_id = $1 ORDER BY seq',
        [appealId],
      );
      // The payload is the envelope as validated and located when it was archived.
      return rows.map((row) => ({ ...row.payload, streamId: row.stream_id }) as StreamEvent);
    },
    listAppeals: (query, options) => searchArchivedAppeals(db, query, options),
    async getIncident(id) {
      return (await loadIncidents(db, [id])).get(id) ?? null;
    },
    async cursor() {
      return (await readCursor(db, EVENTS_CURSOR))?.streamId ?? '0-0';
    },
  };
}
