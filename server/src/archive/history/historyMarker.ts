import type { ArchiveQuery } from '../archiveDb';

/** The `archive_history` row: the one history backfill this archive gets. */
export interface HistoryMarker {
  runId: string;
  seed: number;
  fromAt: number;
  toAt: number;
  perDay: number;
  status: 'running' | 'done';
  writtenThrough: number;
  appeals: number;
  incidents: number;
  events: number;
  owner: string;
}

/** A writer that has not renewed its lease for this long is gone: another may resume. */
export const HISTORY_LEASE_SECONDS = 60;

const ms = (value: unknown): number => (value as Date).getTime();

function toMarker(row: Record<string, unknown>): HistoryMarker {
  return {
    runId: row.run_id as string,
    seed: Number(row.seed),
    fromAt: ms(row.from_at),
    toAt: ms(row.to_at),
    perDay: Number(row.per_day),
    status: row.status as HistoryMarker['status'],
    writtenThrough: ms(row.written_through),
    appeals: Number(row.appeals),
    incidents: Number(row.incidents),
    events: Number(row.events),
    owner: row.owner as string,
  };
}

export async function readHistoryMarker(db: ArchiveQuery): Promise<HistoryMarker | null> {
  const { rows } = await db.query('SELECT * FROM archive_history');
  return rows[0] ? toMarker(rows[0]) : null;
}

export type Claim =
  { kind: 'new' | 'resumed'; marker: HistoryMarker } | { kind: 'done' | 'busy'; marker: HistoryMarker };

/**
 * Records `wanted` as the archive's history unless one is recorded already (the primary key
 * is a constant: there is only ever one). An unfinished one whose writer stopped renewing
 * its lease is taken over, to resume where it stopped.
 */
export async function claimHistory(tx: ArchiveQuery, wanted: HistoryMarker): Promise<Claim> {
  const inserted = await tx.query(
    `INSERT INTO archive_history (run_id, seed, from_at, to_at, per_day, status, written_through, owner, heartbeat_at)
     VALUES ($1, $2, $3, $4, $5, 'running', $3, $6, clock_timestamp())
     ON CONFLICT (id) DO NOTHING RETURNING *`,
    [
      wanted.runId,
      wanted.seed,
      new Date(wanted.fromAt).toISOString(),
      new Date(wanted.toAt).toISOString(),
      wanted.perDay,
      wanted.owner,
    ],
  );
  if (inserted.rows[0]) return { kind: 'new', marker: toMarker(inserted.rows[0]) };
  const taken = await tx.query(
    `UPDATE archive_history SET owner = $1, heartbeat_at = clock_timestamp()
      WHERE status = 'running'
        AND (owner = $1 OR heartbeat_at < clock_timestamp() - make_interval(secs => $2))
      RETURNING *`,
    [wanted.owner, HISTORY_LEASE_SECONDS],
  );
  if (taken.rows[0]) return { kind: 'resumed', marker: toMarker(taken.rows[0]) };
  const current = (await readHistoryMarker(tx)) as HistoryMarker;
  return { kind: current.status === 'done' ? 'done' : 'busy', marker: current };
}

/**
 * Moves `written_through` and the counters, renewing the lease, by compare-and-set on the
 * owner: false when another writer took over (the caller's transaction must roll back).
 */
export async function advanceHistory(
  tx: ArchiveQuery,
  owner: string,
  step: { writtenThrough: number; appeals: number; incidents: number; events: number; isDone: boolean },
): Promise<boolean> {
  const { rowCount } = await tx.query(
    `UPDATE archive_history
        SET written_through = $2, appeals = appeals + $3, incidents = incidents + $4, events = events + $5,
            heartbeat_at = clock_timestamp(),
            status = CASE WHEN $6 THEN 'done' ELSE status END,
            finished_at = CASE WHEN $6 THEN clock_timestamp() ELSE finished_at END
      WHERE owner = $1 AND status = 'running'`,
    [owner, new Date(step.writtenThrough).toISOString(), step.appeals, step.incidents, step.events, step.isDone],
  );
  return rowCount === 1;
}
