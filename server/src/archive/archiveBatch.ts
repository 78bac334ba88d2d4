import { createProjection, type StreamEvent } from '@shared';
import type { ArchiveDb, ArchiveQuery } from './archiveDb';
import { advanceCursor, recordBatch } from './archiveCursor';
import { encodeAppeals, loadAppeals, writeAppeals, type AppealWrite } from './appealsTable';
import { findArchivedEventIds, insertAppealEvents, insertIncidentEvents } from './eventsTable';
import { insertLinks, loadIncidents, upsertIncidents, type IncidentWrite } from './incidentsTable';
import { foldEvents, touchedIds } from './archiveFold';

export interface BatchInput {
  name: string;
  owner: string;
  /** The cursor this batch starts after (compare-and-set). */
  afterId: string;
  /** Id of the batch's last entry, valid or not: the new cursor. */
  lastId: string;
  /** How many stream entries the batch covers (decoded or not). */
  entries: number;
  /** The batch's valid events, in stream order. */
  events: readonly StreamEvent[];
  leaseMs: number;
}

/** A batch's rows as written, for the next batch to fold into without reading them back. */
export interface WrittenRows {
  appealWrites: readonly AppealWrite[];
  incidentWrites: readonly IncidentWrite[];
}

export type BatchOutcome =
  | {
      ok: true;
      applied: number;
      ignored: number;
      /** The transaction's id as `xmin` shows it on the rows it wrote (foldAhead.ts checks rows by it). */
      xid: string;
      /** True when the rows folded ahead were written; false when the batch was folded in the transaction. */
      isFoldedAhead: boolean;
      /** The rows written, when folded in the transaction (what was folded ahead, the caller holds). */
      written: WrittenRows | null;
    }
  | { ok: false };

/**
 * Writes a batch folded ahead of its transaction, after checking (inside it, behind the
 * cursor's compare-and-set) that what it was folded from still holds; resolves null, having
 * written nothing, when it does not: the batch is then folded in the transaction.
 */
export type WriteFoldedAhead = (tx: ArchiveQuery) => Promise<{ applied: number; ignored: number } | null>;

/** Thrown inside the transaction so it rolls back; never leaves `writeBatch`. */
class LostLease extends Error {}

/**
 * Archives one batch in the transaction `tx`: the cursor's compare-and-set first, then the
 * batch's new events folded into the archived rows with the projection's own reducer
 * (response = first assignment, resolution = first `resolved`, a reopen clears it, unknown
 * appeals ignored — the same rules as the live views), written as multi-row statements.
 * Events whose id the archive already holds are skipped, so replaying entries doubles nothing.
 * With `foldedAhead` (foldAhead.ts), the rows folded before the transaction are written instead
 * when they still hold. Resolves `{ ok: false }` (nothing written) when another archiver owns
 * the cursor.
 */
export async function writeBatch(
  db: ArchiveDb,
  input: BatchInput,
  foldedAhead?: WriteFoldedAhead,
): Promise<BatchOutcome> {
  try {
    return await db.transaction<BatchOutcome>(async (tx) => {
      const xid = await advanceCursor(tx, {
        name: input.name,
        owner: input.owner,
        fromId: input.afterId,
        toId: input.lastId,
        leaseMs: input.leaseMs,
      });
      if (xid === null) throw new LostLease();
      // The lock the batch's writes take anyway, taken before it reads any row: a running rebuild
      // (EXCLUSIVE) is waited for here, so the check and the fold see its rows, rather than
      // reading the rows it replaces and writing over its result once it commits.
      await tx.query('LOCK TABLE appeals, incidents IN ROW EXCLUSIVE MODE');
      const ahead = foldedAhead ? await foldedAhead(tx) : null;
      const folded = ahead ?? (await foldAndWrite(tx, input.events));
      await recordBatch(tx, { ...input, events: folded.applied });
      const written = ahead ? null : (folded as FoldOutcome);
      return {
        ok: true,
        applied: folded.applied,
        ignored: folded.ignored,
        xid,
        isFoldedAhead: ahead !== null,
        written,
      };
    });
  } catch (error) {
    if (error instanceof LostLease) return { ok: false };
    throw error;
  }
}

/** What `foldAndWrite` did: counts, and the rows it wrote. */
export interface FoldOutcome extends WrittenRows {
  applied: number;
  ignored: number;
}

/**
 * Folds events into the archived rows they touch (read in the transaction) and writes the rows.
 * `storeEvents` false (the rebuild, folding events the archive already holds): no
 * de-duplication against the event tables and no event rows written.
 */
export async function foldAndWrite(
  tx: ArchiveQuery,
  batch: readonly StreamEvent[],
  { storeEvents = true }: { storeEvents?: boolean } = {},
): Promise<FoldOutcome> {
  const known = storeEvents ? await findArchivedEventIds(tx, [...new Set(batch.map((e) => e.id))]) : new Set();
  const fresh = batch.filter((event) => !known.has(event.id));
  const { appealIds, incidentIds } = touchedIds(fresh);
  const state = createProjection();
  state.appeals = await loadAppeals(tx, appealIds);
  state.incidents = await loadIncidents(tx, incidentIds);
  const folded = await foldEvents(state, fresh);
  // The events' statement is sent first and the appeals are encoded while the database runs it
  // (the order of the statements is unchanged: events, then appeals).
  const eventsWritten = storeEvents ? insertAppealEvents(tx, folded.appealEvents) : null;
  const appeals = encodeAppeals(tx, folded.appealWrites);
  await eventsWritten;
  if (storeEvents) await insertIncidentEvents(tx, folded.incidentEvents);
  await writeAppeals(tx, appeals);
  await upsertIncidents(tx, folded.incidentWrites);
  await insertLinks(tx, folded.links);
  return {
    applied: folded.appealEvents.length + folded.incidentEvents.length,
    ignored: folded.ignored,
    appealWrites: folded.appealWrites,
    incidentWrites: folded.incidentWrites,
  };
}
