import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { StreamEvent } from '@shared';
import type { Logger } from '../logger';
import { decodeEntry, type LocateRegion } from '../stream/decodeEntry';
import type { ArchiveDb } from './archiveDb';
import { nextTurn } from './archiveFold';
import { createFoldAhead, type FoldedBatch } from './foldAhead';
import { acquireLease, ensureCursor, releaseLease, renewLease } from './archiveCursor';
import type { StreamReader } from './streamReader';
import type { LogEntry } from '../stream/eventLog';

export interface ArchiverOptions {
  /** Migrated archive database. */
  db: ArchiveDb;
  reader: StreamReader;
  logger: Logger;
  /** Entries per transaction while following the stream. Default 2,000. */
  batchSize?: number;
  /**
   * While behind (a read came back full) each read asks for this many entries per transaction;
   * back to `batchSize` once caught up. Default 50,000 on PostgreSQL, 4,000 on PGlite (one
   * connection: a long transaction holds the reads up); never below `batchSize`.
   */
  maxBatchSize?: number;
  /** Consumer name (the cursor row). Default 'events'. */
  name?: string;
  /** This instance's lease token. Default host:pid:random. */
  owner?: string;
  /** A lease not renewed this long is free for another archiver. Default 10 s. */
  leaseMs?: number;
  /** How often a standby asks for the lease, and the pause after an error. Default 1 s. */
  pollMs?: number;
  /** Locates events without a region, as the live consumer does; null skips them. */
  locate?: LocateRegion | null;
  /**
   * Writes one batch of raw entries with the cursor's compare-and-set (default: the events,
   * decoded and folded ahead, `foldAhead.ts`); the audit stream's archiver passes `writeAuditBatch`.
   */
  write?: (db: ArchiveDb, batch: RawBatch) => Promise<{ ok: true; applied: number } | { ok: false }>;
  /** Called after each committed batch (progress, tests). */
  onBatch?: (batch: ArchivedBatch) => void;
}

/** One batch as read from the stream, before decoding. */
export interface RawBatch {
  name: string;
  owner: string;
  afterId: string;
  lastId: string;
  entries: readonly LogEntry[];
  leaseMs: number;
}

export interface ArchivedBatch {
  owner: string;
  afterId: string;
  lastId: string;
  entries: number;
  /** Events newly archived (not already held, not ignored by the reducer). */
  applied: number;
  /** The events' writer: true when the rows folded ahead were written (false: folded in the transaction). */
  isFoldedAhead: boolean;
}

export interface Archiver {
  readonly owner: string;
  /** True while this instance holds the lease. */
  readonly isLeader: boolean;
  /** The cursor this instance committed last while it holds the lease; null otherwise. */
  readonly cursor: string | null;
  /** Starts the loop: wait for the lease, then archive batch after batch. */
  start(): void;
  /** Ends the loop after the current batch and gives the lease up. */
  stop(): Promise<void>;
}

/** A read, with its events decoded and folded ahead when the default writer is used. */
interface Read {
  from: string;
  entries: LogEntry[];
  folded?: { events: StreamEvent[]; batch: FoldedBatch };
}

/** Entries decoded between two turns of the event loop. */
const ENTRIES_PER_TURN = 1000;

const MIN_BATCH = 1;
const MAX_BATCH = 50_000;

/**
 * The archiver: tails the stream from the cursor stored in the archive and writes each batch
 * in one transaction together with the new cursor (compare-and-set on cursor and owner). A
 * crash at any point loses and doubles nothing: the next leader starts from the committed
 * cursor. Only the lease holder writes; a standby takes over once the lease expires.
 * Entries that fail validation are skipped (the live consumer dead-letters them).
 */
/** The longest wait between retries of a failed batch (PostgreSQL down: it catches up within this once back). */
const RETRY_MAX_MS = 2_000;

export function createArchiver(options: ArchiverOptions): Archiver {
  const { db, reader, logger } = options;
  const clamp = (n: number): number => Math.min(MAX_BATCH, Math.max(MIN_BATCH, Math.floor(n)));
  const batchSize = clamp(options.batchSize ?? 2000);
  const maxBatchSize = Math.max(batchSize, clamp(options.maxBatchSize ?? (db.kind === 'pglite' ? 4000 : MAX_BATCH)));
  const name = options.name ?? 'events';
  const owner = options.owner ?? `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  const leaseMs = options.leaseMs ?? 10_000;
  const pollMs = options.pollMs ?? 1000;
  const locate = options.locate ?? null;
  /** Decodes a slice at a time: a batch folded ahead must not hold up the transaction in flight. */
  async function decodeAll(entries: readonly LogEntry[]): Promise<StreamEvent[]> {
    const events: StreamEvent[] = [];
    for (let index = 0; index < entries.length; index += 1) {
      if (index > 0 && index % ENTRIES_PER_TURN === 0) await nextTurn();
      const decoded = decodeEntry(entries[index] as LogEntry, locate);
      if (decoded.ok) events.push(decoded.event);
    }
    return events;
  }
  // The events' writer folds each batch ahead of its transaction; the rows the batch in flight
  // writes must stay held until the next batch is folded (a batch touches fewer appeals than it
  // has entries: about one per 2–5 events). One batch's worth bounds the heap the inline
  // archiver adds to the server's (~1.2 KB an appeal, measured: ~23 MB at 20,000); a row dropped
  // too early is read back, found changed, and its batch folded in the transaction: slower,
  // never wrong.
  const foldAhead = options.write ? null : createFoldAhead(db, { capacity: maxBatchSize });
  /** Reads the entries after `from` (for the default writer: decoded and folded). */
  const readBatch = async (from: string, count: number): Promise<Read> => {
    const entries = await reader.readAfter(from, count);
    if (!foldAhead) return { from, entries };
    const events = await decodeAll(entries);
    return { from, entries, folded: { events, batch: await foldAhead.prepare(events) } };
  };
  async function write(
    read: Read,
    batch: RawBatch,
  ): Promise<{ ok: true; applied: number; isFoldedAhead?: boolean } | { ok: false }> {
    if (options.write) return options.write(db, batch);
    const folded = read.folded as NonNullable<Read['folded']>;
    const input = { ...batch, entries: batch.entries.length, events: folded.events };
    return (foldAhead as NonNullable<typeof foldAhead>).write(input, folded.batch);
  }

  let cursor: string | null = null;
  /** Entries asked of the next read: grows while behind, `batchSize` once caught up. */
  let count = batchSize;
  /** While behind: the next batch, read and decoded while the current one is written. */
  let ahead: Promise<Read> | null = null;
  let isStopped = false;
  let loop: Promise<void> | null = null;
  let wake: (() => void) | null = null;

  function pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  function lose(why: string): void {
    if (cursor !== null) logger.warn({ owner, name }, `archiver: ${why}; standing by`);
    cursor = null;
    foldAhead?.reset();
  }

  async function step(): Promise<void> {
    if (cursor === null) {
      await ensureCursor(db, name);
      cursor = await acquireLease(db, name, owner, leaseMs);
      if (cursor === null) return pause(pollMs);
      logger.info({ owner, name, cursor }, 'archiver: holds the lease, archiving from the cursor');
    }
    const from = cursor;
    const prefetched = ahead ? await ahead : null;
    ahead = null;
    const read = prefetched?.from === from ? prefetched : await readBatch(from, count);
    const { entries } = read;
    const last = entries.at(-1);
    if (isStopped) return;
    if (!last) {
      if (!(await renewLease(db, name, owner, leaseMs))) lose('lease taken by another archiver');
      return;
    }
    // A full read means more is waiting: ask for the largest batch next time (a read returns
    // what is there, so asking for more costs nothing when less waits; doubling from 2,000 spent
    // 30,000 entries in small batches first) and read it now, while this batch is written (the
    // read, decoding and fold overlap the database's work). Caught up: the usual size, and no
    // read ahead (it would only split the next batch while this one writes).
    const isBehind = entries.length >= count;
    count = isBehind ? maxBatchSize : batchSize;
    if (isBehind) {
      const next = readBatch(last.id, count);
      // Settled later by the next step, or dropped (lost lease, error, stop): never unhandled.
      next.catch(() => undefined);
      ahead = next;
    }
    const batch: RawBatch = { name, owner, afterId: from, lastId: last.id, entries, leaseMs };
    const outcome = await write(read, batch);
    if (!outcome.ok) {
      ahead = null;
      lose('another archiver moved the cursor or took the lease (batch rolled back)');
      return pause(pollMs);
    }
    cursor = last.id;
    options.onBatch?.({
      owner,
      afterId: from,
      lastId: last.id,
      entries: entries.length,
      applied: outcome.applied,
      isFoldedAhead: outcome.isFoldedAhead === true,
    });
  }

  async function run(): Promise<void> {
    // Consecutive failed batches: the retry waits longer each time (to 2 s), so a database that is
    // down does not cost the live dashboard a batch's read, decode and fold every poll.
    let failures = 0;
    while (!isStopped) {
      try {
        await step();
        failures = 0;
      } catch (error) {
        failures += 1;
        // After an error (even one at COMMIT, whose outcome is unknown) start again from the
        // cursor the database holds: the compare-and-set makes that safe either way.
        logger.warn({ owner, err: (error as Error).message }, 'archiver: batch failed, retrying');
        cursor = null;
        ahead = null;
        foldAhead?.reset();
        count = batchSize;
        if (!isStopped) await pause(Math.min(pollMs * 2 ** (failures - 1), RETRY_MAX_MS));
      }
    }
  }

  return {
    owner,
    get isLeader() {
      return cursor !== null;
    },
    get cursor() {
      return cursor;
    },
    start() {
      if (loop) return;
      loop = run().catch((error: unknown) => {
        logger.error({ owner, err: (error as Error).message }, 'archiver: stopped by an error');
      });
    },
    async stop() {
      isStopped = true;
      wake?.();
      await loop;
      if (cursor !== null) {
        cursor = null;
        await releaseLease(db, name, owner).catch(() => undefined);
      }
    },
  };
}
