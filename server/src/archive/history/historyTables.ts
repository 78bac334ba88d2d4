import type { ArchiveQuery } from '../archiveDb';
import type { HistoryChunk } from './generateHistory';
import { copyChunk, type CopyParts } from './historyCopy';
import { dirtyDays, MARK_DIRTY_SQL, type DirtyDays } from './historyDirty';
import {
  APPEAL_COLUMNS,
  chunkRows,
  eventColumns,
  INCIDENT_COLUMNS,
  LINK_COLUMNS,
  recordsetJson,
  type ChunkRows,
  type Columns,
} from './historyRows';

/**
 * One chunk of history, encoded where it was generated (the history worker) for the database
 * that will take it: COPY text for PGlite (`COPY … FROM '/dev/blob'`, bytes transferred to
 * the database's worker without a copy) with the report days it makes stale (historyDirty.ts),
 * JSON parameters for PostgreSQL (node-postgres has no COPY without a stream package;
 * `jsonb_to_recordset` is one statement per table there; its rollup triggers mark the days).
 */
export type EncodedChunk =
  | ({ format: 'copy'; dirty: DirtyDays } & CopyParts)
  | {
      format: 'json';
      appeals: string | null;
      appealEvents: [payloads: string, streamIds: string[]] | null;
      incidents: string | null;
      incidentEvents: [payloads: string, streamIds: string[]] | null;
      links: string | null;
    };

export type ChunkFormat = EncodedChunk['format'];

/** The buffers of a COPY chunk, to transfer them instead of copying (postMessage). */
export function transferables(chunk: EncodedChunk): ArrayBuffer[] {
  if (chunk.format !== 'copy') return [];
  const parts = [chunk.appeals, chunk.appealEvents, chunk.incidents, chunk.incidentEvents, chunk.links];
  return parts.filter((p): p is Uint8Array<ArrayBuffer> => p !== null).map((p) => p.buffer);
}

type Rows = ChunkRows[keyof ChunkRows];
const some = <T>(rows: Rows, encode: (rows: Rows) => T): T | null => (rows.length > 0 ? encode(rows) : null);

/** Event rows for the JSON form: payloads (already JSON text) as one array, and their stream ids. */
const eventParams = (rows: Rows): [string, string[]] => [
  `[${rows.map((r) => r[5] as string).join(',')}]`,
  rows.map((r) => r[4] as string),
];

export function encodeChunk(chunk: HistoryChunk, format: ChunkFormat): EncodedChunk {
  if (format === 'copy') return { format, dirty: dirtyDays(chunk), ...copyChunk(chunk) };
  const rows = chunkRows(chunk);
  return {
    format,
    appeals: some(rows.appeals, (r) => recordsetJson(APPEAL_COLUMNS, r)),
    appealEvents: some(rows.appealEvents, eventParams),
    incidents: some(rows.incidents, (r) => recordsetJson(INCIDENT_COLUMNS, r)),
    incidentEvents: some(rows.incidentEvents, eventParams),
    links: some(rows.links, (r) => recordsetJson(LINK_COLUMNS, r)),
  };
}

const names = (columns: Columns): string => columns.map(([name]) => name).join(', ');
const copySql = (table: string, columns: Columns): string => `COPY ${table} (${names(columns)}) FROM '/dev/blob'`;

// Rows as ONE jsonb parameter expanded by jsonb_to_recordset: measured twice as fast as `unnest`
// over text arrays on PGlite and no slower on PostgreSQL. Plain INSERTs (no ON CONFLICT):
// history ids are new by construction (historyRunId), so a clash is a bug that must fail.
const recordsetSql = (table: string, columns: Columns): string => {
  const input = columns.filter(([name]) => name !== 'backfilled');
  const select = table === 'incident_appeals' ? names(input) : `${names(input)}, true`;
  const types = input.map(([name, type]) => `${name} ${type}`).join(', ');
  return `INSERT INTO ${table} (${names(columns)}) SELECT ${select} FROM jsonb_to_recordset($1::jsonb) AS r(${types})`;
};

/**
 * Events in array order, so `seq` follows each timeline's order. Everything but the stream id
 * is read from the payload itself: a jsonb column of a recordset is converted through text,
 * which measured half as fast.
 */
const eventsSql = (table: 'appeal_events' | 'incident_events', idColumn: string, idKey: string): string => `
INSERT INTO ${table} (event_id, ${idColumn}, type, at, stream_id, payload, backfilled)
SELECT p->>'id', p->'data'->>'${idKey}', p->>'type', (p->>'at')::timestamptz, ($2::text[])[n], p, true
FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS r(p, n)
ORDER BY n`;

const TABLES = {
  appeals: { table: 'appeals', columns: APPEAL_COLUMNS },
  appealEvents: { table: 'appeal_events', columns: eventColumns('appeal_id') },
  incidents: { table: 'incidents', columns: INCIDENT_COLUMNS },
  incidentEvents: { table: 'incident_events', columns: eventColumns('incident_id') },
  links: { table: 'incident_appeals', columns: LINK_COLUMNS },
} as const;

const JSON_SQL = {
  appeals: recordsetSql('appeals', APPEAL_COLUMNS),
  appealEvents: eventsSql('appeal_events', 'appeal_id', 'appealId'),
  incidents: recordsetSql('incidents', INCIDENT_COLUMNS),
  incidentEvents: eventsSql('incident_events', 'incident_id', 'incidentId'),
  links: recordsetSql('incident_appeals', LINK_COLUMNS),
};

const ORDER = ['appeals', 'appealEvents', 'incidents', 'incidentEvents', 'links'] as const;

/**
 * Writes one encoded chunk in `tx`: five statements at most, and for COPY the stale report
 * days. COPY runs with the user triggers off (PGlite's superuser; only the rollup triggers of
 * 007/009 are there) and the days they would mark are inserted by one statement instead.
 */
export async function insertHistoryChunk(tx: ArchiveQuery, chunk: EncodedChunk): Promise<void> {
  if (chunk.format === 'json') {
    for (const part of ORDER) {
      const data = chunk[part];
      if (data !== null) await tx.query(JSON_SQL[part], Array.isArray(data) ? data : [data]);
    }
    return;
  }
  if (!tx.copyFrom) throw new Error('this database takes no COPY: encode the history as json');
  await tx.exec('SET LOCAL session_replication_role = replica');
  for (const part of ORDER) {
    const data = chunk[part];
    if (data !== null) await tx.copyFrom(copySql(TABLES[part].table, TABLES[part].columns), data);
  }
  await tx.exec('SET LOCAL session_replication_role = origin');
  if (chunk.dirty.days.length > 0) await tx.query(MARK_DIRTY_SQL, [chunk.dirty.days, chunk.dirty.regions]);
}
