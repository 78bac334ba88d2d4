import { createProjection, type Appeal, type Incident, type StreamEvent } from '@shared';
import type { ArchiveDb, ArchiveQuery } from './archiveDb';
import { writeBatch, type BatchInput, type BatchOutcome, type WrittenRows } from './archiveBatch';
import { nextTurn, foldEvents, touchedIds } from './archiveFold';
import { appealVersions, encodeAppealsCopy, loadVersionedAppeals, writeAppeals } from './appealsTable';
import {
  copyAppealEvents,
  copyIncidentEvents,
  encodeAppealEvents,
  encodeIncidentEvents,
  findArchivedEventIds,
} from './eventsTable';
import {
  incidentVersions,
  insertLinks,
  loadVersionedIncidents,
  upsertIncidents,
  type IncidentLink,
  type IncidentWrite,
} from './incidentsTable';

/**
 * Folding batch n+1 while batch n is written (server/src/archive/README.md "How a batch writes").
 *
 * The fold of a batch needs the rows it touches as they will be when its transaction runs. Those
 * the previous batches wrote, the archiver holds as it folded them (`RowCache`); the others are
 * read outside any transaction, each with its row version (`xmin`). Then, in the batch's own
 * transaction, behind the cursor's compare-and-set, one statement per table reads the versions
 * again: if every row is still as the fold assumed (ours: the transaction that wrote it; read:
 * the version read; absent: still absent) and none of the batch's event ids is archived yet,
 * the rows folded ahead are written; otherwise nothing folded ahead is used and the batch is
 * folded in the transaction from the committed rows, as before. Whoever else writes a row —
 * the personal-data erasure, the rebuild, an archiver that held the lease meanwhile — gives it
 * a new version, so what it wrote is never overwritten by a fold that did not see it.
 */

/** The transaction that wrote a row, as the row's `xmin` reads; null until that transaction has committed. */
interface RowStamp {
  xid: string | null;
}

interface Held<T> {
  row: T;
  stamp: RowStamp;
}

/** The rows the archiver folded last, as it folded them, in the order they were last touched. */
interface RowCache {
  appeals: Map<string, Held<Appeal>>;
  incidents: Map<string, Held<Incident>>;
}

/** A batch folded and encoded before its transaction. */
export interface FoldedBatch {
  /** The cache it was folded from: a batch folded from a cache since replaced is folded again. */
  cache: RowCache;
  /** The stamp of the rows it wrote into the cache; set once its transaction has committed. */
  stamp: RowStamp;
  eventIds: string[];
  /** Each touched row with the version the fold assumed (null: no such row). */
  appealVersions: (readonly [string, RowStamp | null])[];
  incidentVersions: (readonly [string, RowStamp | null])[];
  appealEvents: Uint8Array<ArrayBuffer>;
  incidentEvents: Uint8Array<ArrayBuffer>;
  appeals: Uint8Array<ArrayBuffer> | null;
  incidentWrites: IncidentWrite[];
  links: IncidentLink[];
  applied: number;
  ignored: number;
}

export interface FoldAhead {
  /** Folds and encodes a batch's events ahead of its transaction (one fold at a time, in call order). */
  prepare(events: readonly StreamEvent[]): Promise<FoldedBatch>;
  /** Writes a batch (`writeBatch`): with the fold made ahead where it still holds. */
  write(input: BatchInput, folded: FoldedBatch): Promise<BatchOutcome>;
  /** Forgets every row held (lease lost, an error): the next batch folds from committed rows. */
  reset(): void;
}

/** Rows encoded between two turns of the event loop. */
const ROWS_PER_TURN = 2000;

const newCache = (): RowCache => ({ appeals: new Map(), incidents: new Map() });

/** Keeps a row as the newest touched (a Map iterates in insertion order). */
function hold<T>(map: Map<string, Held<T>>, id: string, held: Held<T>): void {
  map.delete(id);
  map.set(id, held);
}

/**
 * The `capacity` most recently touched rows of `map`: a new Map when it holds more, else `map`.
 * Once per batch, not per row: deleting a Map's oldest entries one by one leaves holes at its
 * front that every later `keys()` walks over until the table is rehashed, so evicting at each
 * touch cost O(rows evicted so far) — 7.9 µs of CPU an event, 13 % of the archiver's thread in
 * a 100,000-event catch-up (CPU profile), and 3.0 s against 0.2 s for 200,000 touches alone.
 */
function trim<T>(map: Map<string, Held<T>>, capacity: number): Map<string, Held<T>> {
  if (map.size <= capacity) return map;
  let skip = map.size - capacity;
  const kept = new Map<string, Held<T>>();
  for (const [id, held] of map) {
    if (skip > 0) skip -= 1;
    else kept.set(id, held);
  }
  return kept;
}

/** COPY text of `items` encoded a slice at a time, letting the event loop run in between. */
async function encodeInTurns<T>(
  items: readonly T[],
  encode: (slice: readonly T[]) => Uint8Array<ArrayBuffer>,
): Promise<Uint8Array<ArrayBuffer>> {
  if (items.length <= ROWS_PER_TURN) return encode(items);
  const parts: Uint8Array<ArrayBuffer>[] = [];
  for (let at = 0; at < items.length; at += ROWS_PER_TURN) {
    parts.push(encode(items.slice(at, at + ROWS_PER_TURN)));
    await nextTurn();
  }
  const whole = new Uint8Array(parts.reduce((sum, part) => sum + part.byteLength, 0));
  let offset = 0;
  for (const part of parts) {
    whole.set(part, offset);
    offset += part.byteLength;
  }
  return whole;
}

/** True when every row is as the fold assumed: `found` holds the versions read in the transaction. */
function isUnchanged(expected: FoldedBatch['appealVersions'], found: ReadonlyMap<string, string>): boolean {
  for (const [id, stamp] of expected) {
    const version = found.get(id);
    if (stamp === null ? version !== undefined : stamp.xid === null || stamp.xid !== version) return false;
  }
  return true;
}

/**
 * Writes a batch folded ahead, in `tx` after the cursor's compare-and-set: first checks that
 * none of its events is archived yet and that every row it was folded from is unchanged; null
 * (nothing written) when not.
 */
async function writeFolded(
  tx: ArchiveQuery,
  folded: FoldedBatch,
): Promise<{ applied: number; ignored: number } | null> {
  if (!tx.copyFrom) return null;
  const known = await findArchivedEventIds(tx, folded.eventIds);
  if (known.size > 0) return null;
  const appeals = await appealVersions(
    tx,
    folded.appealVersions.map(([id]) => id),
  );
  if (!isUnchanged(folded.appealVersions, appeals)) return null;
  const incidents = await incidentVersions(
    tx,
    folded.incidentVersions.map(([id]) => id),
  );
  if (!isUnchanged(folded.incidentVersions, incidents)) return null;
  await copyAppealEvents(tx, folded.appealEvents);
  await copyIncidentEvents(tx, folded.incidentEvents);
  await writeAppeals(tx, folded.appeals && { copy: folded.appeals });
  await upsertIncidents(tx, folded.incidentWrites);
  await insertLinks(tx, folded.links);
  return { applied: folded.applied, ignored: folded.ignored };
}

/**
 * Folds batches ahead of their transactions for the events' archiver (`createArchiver`).
 * `capacity`: appeals (and incidents) held; at least as many as the largest batch writes, so that
 * every row the batch in flight writes is still held when the next one is folded.
 */
export function createFoldAhead(db: ArchiveDb, { capacity }: { capacity: number }): FoldAhead {
  let cache = newCache();
  /** The fold before, settled: folds run one at a time, each from the rows the previous one left. */
  let previous: Promise<unknown> = Promise.resolve();

  async function fold(events: readonly StreamEvent[]): Promise<FoldedBatch> {
    const from = cache;
    const { appealIds, incidentIds } = touchedIds(events);
    // Rows the archiver does not hold are read as committed: the batch in flight writes only
    // rows it holds, so these cannot change under the fold but by another writer (then the
    // check in the transaction sends the batch back to the committed rows). An appeal the
    // batch registers is taken to be new, unread (most of a batch's appeals while catching
    // up); the check finds it if it was not.
    const registered = new Set<string>();
    for (const event of events) if (event.type === 'appeal.registered') registered.add(event.data.appealId);
    const [loadedAppeals, loadedIncidents] = await Promise.all([
      loadVersionedAppeals(
        db,
        appealIds.filter((id) => !from.appeals.has(id) && !registered.has(id)),
      ),
      loadVersionedIncidents(
        db,
        incidentIds.filter((id) => !from.incidents.has(id)),
      ),
    ]);
    const state = createProjection();
    const appealVersions: (readonly [string, RowStamp | null])[] = [];
    for (const id of appealIds) {
      const held = from.appeals.get(id);
      const loaded = loadedAppeals.get(id);
      if (held) state.appeals.set(id, held.row);
      else if (loaded) state.appeals.set(id, loaded.appeal);
      appealVersions.push([id, held?.stamp ?? (loaded ? { xid: loaded.version } : null)]);
    }
    const incidentVersions: (readonly [string, RowStamp | null])[] = [];
    for (const id of incidentIds) {
      const held = from.incidents.get(id);
      const loaded = loadedIncidents.get(id);
      if (held) state.incidents.set(id, held.row);
      else if (loaded) state.incidents.set(id, loaded.incident);
      incidentVersions.push([id, held?.stamp ?? (loaded ? { xid: loaded.version } : null)]);
    }
    const folded = await foldEvents(state, events);
    const appealEvents = await encodeInTurns(folded.appealEvents, encodeAppealEvents);
    const incidentEvents = encodeIncidentEvents(folded.incidentEvents);
    const appeals = folded.appealWrites.length > 0 ? await encodeInTurns(folded.appealWrites, encodeAppealsCopy) : null;
    // The rows as this batch leaves them, for the next fold; valid once its transaction commits.
    const stamp: RowStamp = { xid: null };
    for (const { appeal } of folded.appealWrites) hold(from.appeals, appeal.id, { row: appeal, stamp });
    for (const { incident } of folded.incidentWrites) hold(from.incidents, incident.id, { row: incident, stamp });
    from.appeals = trim(from.appeals, capacity);
    from.incidents = trim(from.incidents, capacity);
    return {
      cache: from,
      stamp,
      eventIds: [...new Set(events.map((event) => event.id))],
      appealVersions,
      incidentVersions,
      appealEvents,
      incidentEvents,
      appeals,
      incidentWrites: folded.incidentWrites,
      links: folded.links,
      applied: folded.appealEvents.length + folded.incidentEvents.length,
      ignored: folded.ignored,
    };
  }

  function reset(): void {
    cache = newCache();
  }

  function prepare(events: readonly StreamEvent[]): Promise<FoldedBatch> {
    const run = previous.then(() => fold(events));
    // A fold that failed half way may have changed rows it holds: none of them is used again.
    previous = run.catch(reset);
    return run;
  }

  /** The rows a batch folded in its transaction wrote, as the only rows held. */
  function holdWritten(written: WrittenRows, xid: string): void {
    const next = newCache();
    const stamp: RowStamp = { xid };
    for (const { appeal } of written.appealWrites) hold(next.appeals, appeal.id, { row: appeal, stamp });
    for (const { incident } of written.incidentWrites) hold(next.incidents, incident.id, { row: incident, stamp });
    next.appeals = trim(next.appeals, capacity);
    next.incidents = trim(next.incidents, capacity);
    cache = next;
  }

  return {
    prepare,
    reset,
    async write(input, folded) {
      // Folded from rows since replaced (a batch before it was folded in its transaction, or
      // the lease was lost): folded again from the rows held now.
      const ahead = folded.cache === cache ? folded : await prepare(input.events);
      const outcome = await writeBatch(db, input, (tx) => writeFolded(tx, ahead));
      if (!outcome.ok) reset();
      else if (outcome.written) holdWritten(outcome.written, outcome.xid);
      else ahead.stamp.xid = outcome.xid;
      return outcome;
    },
  };
}
