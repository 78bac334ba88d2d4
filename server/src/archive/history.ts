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

export function createHistory(db: ArchiveQuery): History {
  return {
    async getAppeal(id) {
      const { rows } = await db.query('SELECT * FROM appeals WHERE id = $1', [id]);
      const row = rows[0];
      if (!row) return null;
      return {
        appeal: rowToAppeal(row),
        isBackfilled: row.backfilled === true,
        lastStreamId: row.last_stream_id as string,
      };
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
