import type { ArchiveDb, ArchiveQuery } from './archiveDb';

/**
 * The archiver's cursor and lease (`archive_cursor`). Lease times use the database's clock,
 * so archivers on machines whose clocks differ still agree on when a lease has expired.
 */

/** Makes sure the consumer's row exists (cursor at the start of the stream). */
export async function ensureCursor(db: ArchiveDb, name: string): Promise<void> {
  await db.query('INSERT INTO archive_cursor (name) VALUES ($1) ON CONFLICT (name) DO NOTHING', [name]);
}

/**
 * Takes the lease when it is free, expired or already ours, in one atomic UPDATE; resolves
 * to the cursor to continue from, or null when another owner holds a live lease.
 */
export async function acquireLease(
  db: ArchiveDb,
  name: string,
  owner: string,
  leaseMs: number,
): Promise<string | null> {
  const { rows } = await db.query<{ stream_id: string }>(
    `UPDATE archive_cursor
        SET owner = $2, lease_expires_at = clock_timestamp() + $3 * interval '1 millisecond',
            updated_at = clock_timestamp()
      WHERE name = $1 AND (owner IS NULL OR owner = $2 OR lease_expires_at < clock_timestamp())
      RETURNING stream_id`,
    [name, owner, leaseMs],
  );
  return rows[0]?.stream_id ?? null;
}

/** Extends our lease while idle; false when someone else owns it now. */
export async function renewLease(db: ArchiveDb, name: string, owner: string, leaseMs: number): Promise<boolean> {
  const { rows } = await db.query(
    `UPDATE archive_cursor
        SET lease_expires_at = clock_timestamp() + $3 * interval '1 millisecond'
      WHERE name = $1 AND owner = $2
      RETURNING name`,
    [name, owner, leaseMs],
  );
  return rows.length === 1;
}

/** Gives the lease up (clean shutdown), so a standby takes over at once. */
export async function releaseLease(db: ArchiveDb, name: string, owner: string): Promise<void> {
  await db.query('UPDATE archive_cursor SET owner = NULL, lease_expires_at = NULL WHERE name = $1 AND owner = $2', [
    name,
    owner,
  ]);
}

/**
 * Moves the cursor from `fromId` to `toId` and renews the lease, only if we still own it and
 * nobody moved the cursor meanwhile. Run first in a batch's transaction: the row lock it takes
 * makes a second writer wait, then find 0 rows and roll back before writing anything.
 * Resolves the transaction's id as `xmin` shows it on every row the transaction writes (the
 * cursor row's new version carries it), or null when the cursor is not ours.
 */
export async function advanceCursor(
  tx: ArchiveQuery,
  args: { name: string; owner: string; fromId: string; toId: string; leaseMs: number },
): Promise<string | null> {
  const { rows } = await tx.query<{ xid: string }>(
    `UPDATE archive_cursor
        SET stream_id = $4, lease_expires_at = clock_timestamp() + $5 * interval '1 millisecond',
            updated_at = clock_timestamp()
      WHERE name = $1 AND owner = $2 AND stream_id = $3
      RETURNING xmin::text AS xid`,
    [args.name, args.owner, args.fromId, args.toId, args.leaseMs],
  );
  return rows[0]?.xid ?? null;
}

/** Where a consumer's archive stands (the stream must never be trimmed past it). */
export async function readCursor(
  db: ArchiveQuery,
  name: string,
): Promise<{ streamId: string; owner: string | null; leaseExpiresAt: Date | null } | null> {
  const { rows } = await db.query<{ stream_id: string; owner: string | null; lease_expires_at: Date | null }>(
    'SELECT stream_id, owner, lease_expires_at FROM archive_cursor WHERE name = $1',
    [name],
  );
  const row = rows[0];
  return row ? { streamId: row.stream_id, owner: row.owner, leaseExpiresAt: row.lease_expires_at } : null;
}

/** Logs a committed batch (same transaction as its rows). */
export async function recordBatch(
  tx: ArchiveQuery,
  batch: { name: string; owner: string; afterId: string; lastId: string; entries: number; events: number },
): Promise<void> {
  await tx.query(
    `INSERT INTO archive_batches (name, owner, after_id, last_id, entries, events)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [batch.name, batch.owner, batch.afterId, batch.lastId, batch.entries, batch.events],
  );
}
