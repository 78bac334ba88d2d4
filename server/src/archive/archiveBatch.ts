import { applyEvent, createProjection, type StreamEvent } from '@shared';
import type { ArchiveDb, ArchiveQuery } from './archiveDb';
import { advanceCursor, recordBatch } from './archiveCursor';
import { encodeAppeals, loadAppeals, writeAppeals, type AppealWrite } from './appealsTable';
import { findArchivedEventIds, insertAppealEvents, insertIncidentEvents } from './eventsTable';
import { insertLinks, loadIncidents, upsertIncidents, type IncidentLink, type IncidentWrite } from './incidentsTable';

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

export type BatchOutcome = { ok: true; applied: number; ignored: number } | { ok: false };

/** Thrown inside the transaction so it rolls back; never leaves `writeBatch`. */
class LostLease extends Error {}

const appealIdOf = (event: StreamEvent): string | null =>
  'appealId' in event.data ? (event.data as { appealId: string }).appealId : null;
const incidentIdOf = (event: StreamEvent): string | null =>
  'incidentId' in event.data ? (event.data as { incidentId: string }).incidentId : null;
const linkedIdsOf = (event: StreamEvent): readonly string[] =>
  'appealIds' in event.data ? ((event.data as { appealIds?: string[] }).appealIds ?? []) : [];

/**
 * Archives one batch in the transaction `tx`: the cursor's compare-and-set first, then the
 * batch's new events folded into the archived rows with the projection's own reducer
 * (response = first assignment, resolution = first `resolved`, a reopen clears it, unknown
 * appeals ignored — the same rules as the live views), written as multi-row statements.
 * Events whose id the archive already holds are skipped, so replaying entries doubles nothing.
 * Resolves `{ ok: false }` (nothing written) when another archiver owns the cursor.
 */
export async function writeBatch(db: ArchiveDb, input: BatchInput): Promise<BatchOutcome> {
  try {
    return await db.transaction<BatchOutcome>(async (tx) => {
      const isOurs = await advanceCursor(tx, {
        name: input.name,
        owner: input.owner,
        fromId: input.afterId,
        toId: input.lastId,
        leaseMs: input.leaseMs,
      });
      if (!isOurs) throw new LostLease();
      const { applied, ignored } = await foldAndWrite(tx, input.events);
      await recordBatch(tx, { ...input, events: applied });
      return { ok: true, applied, ignored };
    });
  } catch (error) {
    if (error instanceof LostLease) return { ok: false };
    throw error;
  }
}

/**
 * Folds events into the archived rows they touch and writes the rows. `storeEvents` false
 * (the rebuild, folding events the archive already holds): no de-duplication against the
 * event tables and no event rows written.
 */
export async function foldAndWrite(
  tx: ArchiveQuery,
  batch: readonly StreamEvent[],
  { storeEvents = true }: { storeEvents?: boolean } = {},
): Promise<{ applied: number; ignored: number }> {
  const known = storeEvents ? await findArchivedEventIds(tx, [...new Set(batch.map((e) => e.id))]) : new Set();
  const fresh = batch.filter((event) => !known.has(event.id));

  const appealIds = new Set<string>();
  const incidentIds = new Set<string>();
  for (const event of fresh) {
    const appealId = appealIdOf(event);
    if (appealId !== null) appealIds.add(appealId);
    const incidentId = incidentIdOf(event);
    if (incidentId !== null) incidentIds.add(incidentId);
    for (const id of linkedIdsOf(event)) appealIds.add(id);
  }
  const state = createProjection();
  state.appeals = await loadAppeals(tx, [...appealIds]);
  state.incidents = await loadIncidents(tx, [...incidentIds]);

  const appealEvents: StreamEvent[] = [];
  const incidentEvents: StreamEvent[] = [];
  const appealWrites = new Map<string, AppealWrite>();
  const incidentWrites = new Map<string, IncidentWrite>();
  const links: IncidentLink[] = [];
  let ignored = 0;
  for (const event of fresh) {
    // Duplicates within the batch are caught by the reducer's own de-duplication.
    if (applyEvent(state, event).kind !== 'applied') {
      ignored += 1;
      continue;
    }
    const mark = { lastEventId: event.id, lastStreamId: event.streamId };
    const appealId = appealIdOf(event);
    if (appealId !== null) {
      appealEvents.push(event);
      const appeal = state.appeals.get(appealId);
      if (appeal) appealWrites.set(appealId, { appeal, ...mark });
    }
    const incidentId = incidentIdOf(event);
    if (incidentId !== null) {
      incidentEvents.push(event);
      const incident = state.incidents.get(incidentId);
      if (incident) incidentWrites.set(incidentId, { incident, ...mark });
      const linkedAt = Date.parse(event.at);
      for (const linked of linkedIdsOf(event)) {
        links.push({ incidentId, appealId: linked, eventId: event.id, linkedAt });
        // The reducer sets incidentId on a linked appeal it knows.
        const appeal = state.appeals.get(linked);
        if (appeal) appealWrites.set(linked, { appeal, ...mark });
      }
    }
  }
  // The events' statement is sent first and the appeals are encoded while the database runs it
  // (the order of the statements is unchanged: events, then appeals).
  const eventsWritten = storeEvents ? insertAppealEvents(tx, appealEvents) : null;
  const appeals = encodeAppeals(tx, [...appealWrites.values()]);
  await eventsWritten;
  if (storeEvents) await insertIncidentEvents(tx, incidentEvents);
  await writeAppeals(tx, appeals);
  await upsertIncidents(tx, [...incidentWrites.values()]);
  await insertLinks(tx, links);
  return { applied: appealEvents.length + incidentEvents.length, ignored };
}
