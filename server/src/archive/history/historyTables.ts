import type { ArchiveQuery } from '../archiveDb';
import type { HistoryChunk } from './generateHistory';
import { copyChunk, type CopyParts } from './historyCopy';
import { dirtyDays, MARK_DIRTY_SQL, type DirtyDays } from './historyDirty';
import { APPEAL_COLUMNS, eventColumns, INCIDENT_COLUMNS, LINK_COLUMNS, type Columns } from './historyRows';

/**
 * One chunk of history, encoded where it was generated (the history worker): each table's
 * rows as COPY text (both drivers take it: PGlite from its memory file system, node-postgres
 * as `COPY … FROM STDIN`, pgCopy.ts), with the report days it makes stale (historyDirty.ts).
 */
export type EncodedChunk = { dirty: DirtyDays } & CopyParts;

/** The buffers of a chunk, to transfer them instead of copying (postMessage). */
export function transferables(chunk: EncodedChunk): ArrayBuffer[] {
  const parts = [chunk.appeals, chunk.appealEvents, chunk.incidents, chunk.incidentEvents, chunk.links];
  return parts.filter((p): p is Uint8Array<ArrayBuffer> => p !== null).map((p) => p.buffer);
}

export function encodeChunk(chunk: HistoryChunk): EncodedChunk {
  return { dirty: dirtyDays(chunk), ...copyChunk(chunk) };
}

const names = (columns: Columns): string => columns.map(([name]) => name).join(', ');
const copySql = (table: string, columns: Columns): string => `COPY ${table} (${names(columns)}) FROM '/dev/blob'`;

// Plain COPY (no ON CONFLICT): history ids are new by construction (historyRunId), so a clash
// is a bug that must fail. Events in each timeline's order, so `seq` follows it.
const COPY_SQL = {
  appeals: copySql('appeals', APPEAL_COLUMNS),
  appealEvents: copySql('appeal_events', eventColumns('appeal_id')),
  incidents: copySql('incidents', INCIDENT_COLUMNS),
  incidentEvents: copySql('incident_events', eventColumns('incident_id')),
  links: copySql('incident_appeals', LINK_COLUMNS),
} as const;

const ORDER = ['appeals', 'appealEvents', 'incidents', 'incidentEvents', 'links'] as const;

/**
 * Whether this session may switch the rollup triggers off (`session_replication_role` is a
 * superuser setting; PostgreSQL 15 can grant it with `GRANT SET ON PARAMETER`). PGlite's one
 * user is a superuser; a production PostgreSQL role often is not.
 */
export async function canSkipTriggers(tx: ArchiveQuery): Promise<boolean> {
  const { rows } = await tx.query<{ superuser: boolean; version: number }>(
    "SELECT current_setting('is_superuser') = 'on' AS superuser, current_setting('server_version_num')::int AS version",
  );
  const row = rows[0];
  if (!row) return false;
  if (row.superuser) return true;
  if (row.version < 150000) return false;
  const granted = await tx.query<{ ok: boolean }>(
    "SELECT has_parameter_privilege('session_replication_role', 'SET') AS ok",
  );
  return granted.rows[0]?.ok === true;
}

/**
 * Writes one encoded chunk in `tx`: a COPY per table that gets rows, and the report days it
 * makes stale. With `skipTriggers` (canSkipTriggers) the COPY runs with the user triggers off
 * (only the rollup triggers of 007/009 are there: their transition tables copy every row,
 * payloads included, and took half of PGlite's time) and the days they would have marked are
 * inserted by one statement instead. Without it (a PostgreSQL role that may not) COPY fires
 * the same statement triggers, transition tables included, as an INSERT, and they mark the days.
 */
export async function insertHistoryChunk(
  tx: ArchiveQuery,
  chunk: EncodedChunk,
  options: { skipTriggers: boolean },
): Promise<void> {
  if (!tx.copyFrom) throw new Error('the history needs a database that takes COPY (a transaction of either driver)');
  if (options.skipTriggers) await tx.exec('SET LOCAL session_replication_role = replica');
  for (const part of ORDER) {
    const data = chunk[part];
    if (data !== null) await tx.copyFrom(COPY_SQL[part], data);
  }
  if (!options.skipTriggers) return;
  await tx.exec('SET LOCAL session_replication_role = origin');
  if (chunk.dirty.days.length > 0) await tx.query(MARK_DIRTY_SQL, [chunk.dirty.days, chunk.dirty.regions]);
}
