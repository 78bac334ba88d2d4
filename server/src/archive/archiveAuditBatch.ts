import { streamIdTime } from '@shared';
import type { ArchiveDb } from './archiveDb';
import { advanceCursor, recordBatch } from './archiveCursor';
import type { RawBatch } from './createArchiver';

/** Thrown inside the transaction so it rolls back; never leaves `writeAuditBatch`. */
class LostLease extends Error {}

/** `at` of an audit entry, or the stream id's time when the field is missing or unreadable. */
function atOf(id: string, at: string | undefined): string {
  const ms = at ? Date.parse(at) : Number.NaN;
  return new Date(Number.isFinite(ms) ? ms : streamIdTime(id)).toISOString();
}

/**
 * Archives one batch of the audit stream (`<prefix>:audit`) into `audit_events`, with the
 * cursor's compare-and-set first, as `writeBatch` does for events. Every entry is kept (the
 * trail is evidence: nothing is filtered); the stream id is the key, so a replay doubles nothing.
 * The whole entry goes into `payload`, the fields the admin filters on into columns.
 */
export async function writeAuditBatch(
  db: ArchiveDb,
  batch: RawBatch,
): Promise<{ ok: true; applied: number } | { ok: false }> {
  try {
    return await db.transaction(async (tx) => {
      const xid = await advanceCursor(tx, {
        name: batch.name,
        owner: batch.owner,
        fromId: batch.afterId,
        toId: batch.lastId,
        leaseMs: batch.leaseMs,
      });
      if (xid === null) throw new LostLease();
      const rows = batch.entries;
      const { rowCount } = await tx.query(
        `INSERT INTO audit_events (stream_id, at, actor, role, action, outcome, subject, request_id, payload)
         SELECT s, at, ac, r, act, o, sub, rq, p::jsonb
         FROM unnest($1::text[], $2::timestamptz[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
                     $8::text[], $9::text[]) AS u(s, at, ac, r, act, o, sub, rq, p)
         ON CONFLICT (stream_id) DO NOTHING`,
        [
          rows.map((e) => e.id),
          rows.map((e) => atOf(e.id, e.fields.at)),
          rows.map((e) => e.fields.actor ?? ''),
          rows.map((e) => e.fields.role ?? null),
          rows.map((e) => e.fields.action ?? ''),
          rows.map((e) => e.fields.outcome ?? null),
          rows.map((e) => e.fields.target ?? null),
          rows.map((e) => e.fields.requestId ?? null),
          rows.map((e) => JSON.stringify(e.fields)),
        ],
      );
      const applied = rowCount;
      await recordBatch(tx, { ...batch, entries: rows.length, events: applied });
      return { ok: true as const, applied };
    });
  } catch (error) {
    if (error instanceof LostLease) return { ok: false };
    throw error;
  }
}
