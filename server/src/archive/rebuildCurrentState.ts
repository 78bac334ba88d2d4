import type { StreamEvent } from '@shared';
import type { ArchiveDb } from './archiveDb';
import { foldAndWrite } from './archiveBatch';

export interface RebuildOutcome {
  events: number;
  appeals: number;
  incidents: number;
}

interface EventRow {
  payload: StreamEvent;
  stream_id: string;
  ms: string;
  sq: string;
  src: number;
  seq: string;
}

/** Stream order across both event tables (stream ids as text do not sort; seq orders within one id). */
const NEXT_EVENTS = `
SELECT payload, stream_id, k_ms::text AS ms, k_sq::text AS sq, src, k_seq::text AS seq FROM (
  SELECT payload, stream_id, split_part(stream_id, '-', 1)::bigint AS k_ms,
         split_part(stream_id, '-', 2)::bigint AS k_sq, 0 AS src, seq AS k_seq FROM appeal_events
  UNION ALL
  SELECT payload, stream_id, split_part(stream_id, '-', 1)::bigint, split_part(stream_id, '-', 2)::bigint,
         1, seq FROM incident_events
) e
WHERE (k_ms, k_sq, src, k_seq) > ($1::bigint, $2::bigint, $3::int, $4::bigint)
-- The numeric keys, not the text output columns of the same names: '10' sorts before '2'.
ORDER BY k_ms, k_sq, src, k_seq
LIMIT $5`;

/**
 * Rebuilds the tables derived from the archived events — `appeals` (rows folded from the
 * stream, not imported ones: `backfilled` rows stay), `incidents`, `incident_appeals` — by
 * folding `appeal_events` and `incident_events` in stream order with the shared reducer, a
 * batch at a time, exactly as the archiver folded them. One transaction: readers see the old
 * tables until it commits, and the archiver's next batch waits for it (the tables are locked),
 * so a batch never folds into half-rebuilt rows.
 */
export async function rebuildCurrentState(
  db: ArchiveDb,
  options: { batchSize?: number; onProgress?: (events: number) => void } = {},
): Promise<RebuildOutcome> {
  const batchSize = options.batchSize ?? 5000;
  return db.transaction(async (tx) => {
    await tx.query('LOCK TABLE appeals, incidents, incident_appeals IN EXCLUSIVE MODE');
    await tx.query('DELETE FROM incident_appeals');
    await tx.query('DELETE FROM incidents');
    await tx.query('DELETE FROM appeals WHERE NOT backfilled');
    let after: [string, string, number, string] = ['-1', '-1', 0, '0'];
    let events = 0;
    for (;;) {
      const { rows } = await tx.query<EventRow & Record<string, unknown>>(NEXT_EVENTS, [...after, batchSize]);
      const last = rows.at(-1);
      if (!last) break;
      await foldAndWrite(
        tx,
        rows.map((row) => ({ ...row.payload, streamId: row.stream_id })),
        { storeEvents: false },
      );
      events += rows.length;
      options.onProgress?.(events);
      after = [last.ms, last.sq, last.src, last.seq];
    }
    const count = async (table: string): Promise<number> =>
      Number((await tx.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${table}`)).rows[0]?.n ?? 0);
    return { events, appeals: await count('appeals'), incidents: await count('incidents') };
  });
}
