import type { ArchiveDb } from '../archiveDb';

export interface ErasureResult {
  /** Appeals finished before this instant were due (ISO). */
  cutoff: string;
  appeals: number;
  /** Archived event payloads the citizen was removed from. */
  events: number;
  /** The audit row's id (`audit_events.stream_id`), null when nothing was due. */
  auditId: string | null;
}

export interface ErasureOptions {
  /** PII_RETENTION_DAYS. */
  retentionDays: number;
  /** Epoch ms; the clock is a parameter so that tests can move it. */
  now: number;
  /** Appeals per transaction, so that a first run over years of archive never holds long locks. */
  batchSize?: number;
}

const DAY_MS = 86_400_000;
/** Who the audit trail names: no person, the archive's own retention job. */
export const RETENTION_ACTOR = 'system:pii-retention';
export const ERASURE_ACTION = 'archive.personal_data_erased';

/**
 * One batch: the oldest-finished due appeals lose the citizen's name and phone, and their
 * archived events lose `data.citizen` (appeal.registered carries it), in one statement.
 * Finished = resolved, closed or rejected; the time is when it was closed, else resolved,
 * else its last change (a rejection). The appeal itself, its timeline and its figures stay.
 */
const ERASE_BATCH = `
WITH due AS (
  SELECT id FROM appeals
   WHERE citizen_erased_at IS NULL AND status IN ('resolved', 'closed', 'rejected')
     AND coalesce(closed_at, resolved_at, updated_at) < $1
   ORDER BY coalesce(closed_at, resolved_at, updated_at)
   LIMIT $2
   FOR UPDATE
), erased AS (
  UPDATE appeals SET citizen_name = NULL, citizen_phone = NULL, citizen_erased_at = $3
   WHERE id IN (SELECT id FROM due)
  RETURNING id
), events AS (
  -- Hook: when appeal.feedback (or any new event) carries personal data, remove its path here too.
  UPDATE appeal_events SET payload = payload #- '{data,citizen}'
   WHERE appeal_id IN (SELECT id FROM erased) AND payload->'data' ? 'citizen'
  RETURNING 1
)
SELECT (SELECT count(*) FROM erased) AS appeals, (SELECT count(*) FROM events) AS events`;

/**
 * Erases the citizen's personal data from appeals finished more than `retentionDays` ago,
 * and records the run in the archive's audit trail (`audit_events`, one row with the
 * counts). Idempotent: erased appeals are marked and never touched again.
 */
export async function erasePersonalData(db: ArchiveDb, options: ErasureOptions): Promise<ErasureResult> {
  const cutoff = new Date(options.now - options.retentionDays * DAY_MS).toISOString();
  const at = new Date(options.now).toISOString();
  const batchSize = options.batchSize ?? 5_000;
  let appeals = 0;
  let events = 0;
  for (;;) {
    const { rows } = await db.transaction((tx) =>
      tx.query<{ appeals: string; events: string }>(ERASE_BATCH, [cutoff, batchSize, at]),
    );
    const batch = Number(rows[0]?.appeals ?? 0);
    appeals += batch;
    events += Number(rows[0]?.events ?? 0);
    if (batch < batchSize) break;
  }
  if (appeals === 0) return { cutoff, appeals, events, auditId: null };
  // Not a stream id (those are "<ms>-<seq>"): this row is written by the archive itself.
  const auditId = `archive:pii:${options.now}`;
  await db.query(
    `INSERT INTO audit_events (stream_id, at, actor, role, action, outcome, subject, payload)
     VALUES ($1, $2, $3, NULL, $4, 'ok', 'appeals', $5::jsonb)
     ON CONFLICT (stream_id) DO NOTHING`,
    [
      auditId,
      at,
      RETENTION_ACTOR,
      ERASURE_ACTION,
      JSON.stringify({ retentionDays: options.retentionDays, cutoff, appeals, events }),
    ],
  );
  return { cutoff, appeals, events, auditId };
}
