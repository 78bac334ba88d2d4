import { compareStreamIds, START_CURSOR, streamIdTime, type StreamId } from '@shared';
import type { Logger } from '../logger';
import { AUDIT_STREAM } from '../audit/createAuditLog';
import type { LocateRegion } from '../stream/decodeEntry';
import type { EventLog } from '../stream/eventLog';
import type { ArchiveDb } from './archiveDb';
import { writeAuditBatch } from './archiveAuditBatch';
import { isArchiveRed, type ArchiveLink, type ArchiveStatus } from './archiveStatus';
import { createArchiver, type Archiver } from './createArchiver';
import { migrate } from './migrate';
import { createLogStreamReader } from './streamReader';
import { countAfter } from './countAfter';

export interface ArchiveServiceOptions {
  /**
   * The archive's database, or how to open it: opened in the background (retried each status
   * tick until it works), so an embedded PGlite starting its WebAssembly never delays serving.
   */
  db: ArchiveDb | (() => Promise<ArchiveDb>);
  /** Which database it is (for the status before it opened). */
  mode: 'postgres' | 'pglite';
  log: EventLog;
  logger: Logger;
  locate: LocateRegion | null;
  /** `inline`: this process archives (one node at a time, by lease); `off`: a separate `npm run archiver` does. */
  archiver: 'inline' | 'off';
  /** STREAM_MAX_ENTRIES: past it health turns red and an error is logged. */
  streamMaxEntries: number;
  now?: () => number;
  batchSize?: number;
  leaseMs?: number;
  /** Pause after an error, and how often a standby asks for the lease, ms. Default 1 s. */
  pollMs?: number;
  /** How often the status is measured, ms. Default 1 s. */
  statusEveryMs?: number;
  /** The oldest entry not archived waiting longer than this makes the state `behind`, s. Default 60. */
  behindAfterSeconds?: number;
}

export interface ArchiveService extends ArchiveLink {
  /** Migrates (retrying while the database is down) and starts archiving and measuring; never throws. */
  start(): void;
  /** Measures the status now (tests; the timer does it every `statusEveryMs`). */
  refresh(): Promise<ArchiveStatus>;
  /** The database once it is open and migrated; null before (or while it cannot be opened). */
  database(): ArchiveDb | null;
  /** Resolves with the database once it is open and migrated (the demo history and retention wait for it). */
  whenReady(): Promise<ArchiveDb>;
  /** Stops archiving (giving the lease up) and measuring; closes the database. */
  close(): Promise<void>;
}

const EVENTS = 'events';
/** Pause between two attempts to open the database. */
const OPEN_RETRY_MS = 10_000;
/** How long `close` waits for a measurement in flight. */
const CLOSE_WAIT_MS = 2000;
/** Cursor rows: the events' is the archiver's default name, the audit trail has its own. */
const AUDIT_CURSOR = 'audit';

/**
 * The archive inside the server: migrations, the archivers of the events and of the audit
 * trail (when `ARCHIVER=inline`), and the status health shows. The database being down
 * never reaches the live side: archiving retries from its committed cursor, and
 * `archivedThrough` keeps the last cursor it read (the cursor only moves forward, so an old
 * reading only ever trims and evicts less).
 */
export function createArchiveService(options: ArchiveServiceOptions): ArchiveService {
  const { log, logger } = options;
  let db: ArchiveDb | null = typeof options.db === 'function' ? null : options.db;
  const now = options.now ?? Date.now;
  const statusEveryMs = options.statusEveryMs ?? 1000;
  const behindAfterMs = (options.behindAfterSeconds ?? 60) * 1000;
  const archiverOptions = {
    logger,
    ...(options.batchSize !== undefined ? { batchSize: options.batchSize } : {}),
    ...(options.leaseMs !== undefined ? { leaseMs: options.leaseMs } : {}),
    ...(options.pollMs !== undefined ? { pollMs: options.pollMs } : {}),
  };
  const archivers: Archiver[] = [];
  let lastBatchAt: number | null = null;
  let cursor: StreamId | null = null;
  let status: ArchiveStatus = {
    state: 'behind',
    mode: options.mode,
    cursor: null,
    lagEntries: 0,
    lagIsExact: false,
    lagSeconds: 0,
    lastBatchAt: null,
    lastError: 'starting',
    streamLength: null,
    streamLimit: options.streamMaxEntries,
    auditCursor: null,
  };
  let isMigrated = false;
  let lastOpenAt = Number.NEGATIVE_INFINITY;
  let isClosed = false;
  let timer: NodeJS.Timeout | null = null;
  let measuring: Promise<ArchiveStatus> | null = null;
  let markReady: (db: ArchiveDb) => void = () => undefined;
  const ready = new Promise<ArchiveDb>((resolve) => {
    markReady = resolve;
  });

  function startArchivers(db: ArchiveDb): void {
    if (options.archiver !== 'inline') return;
    const onBatch = (): void => {
      lastBatchAt = now();
    };
    archivers.push(
      createArchiver({
        ...archiverOptions,
        db,
        reader: createLogStreamReader(log, { stream: EVENTS }),
        locate: options.locate,
        onBatch,
      }),
      createArchiver({
        ...archiverOptions,
        db,
        name: AUDIT_CURSOR,
        reader: createLogStreamReader(log, { stream: AUDIT_STREAM }),
        write: writeAuditBatch,
      }),
    );
    for (const archiver of archivers) archiver.start();
  }

  async function readCursors(db: ArchiveDb): Promise<{
    events: { streamId: string; isLeased: boolean; isOurs: boolean; updatedAt: Date } | null;
    audit: string | null;
  }> {
    const { rows } = await db.query<{
      name: string;
      stream_id: string;
      owner: string | null;
      live: boolean;
      updated_at: Date;
    }>(
      `SELECT name, stream_id, owner, updated_at,
              (owner IS NOT NULL AND lease_expires_at > clock_timestamp()) AS live
         FROM archive_cursor WHERE name = ANY($1::text[])`,
      [[EVENTS, AUDIT_CURSOR]],
    );
    const events = rows.find((r) => r.name === EVENTS);
    const ours = archivers[0]?.owner;
    return {
      events: events
        ? {
            streamId: events.stream_id,
            isLeased: events.live,
            isOurs: ours !== undefined && events.owner === ours,
            updatedAt: new Date(events.updated_at),
          }
        : null,
      audit: rows.find((r) => r.name === AUDIT_CURSOR)?.stream_id ?? null,
    };
  }

  async function measure(): Promise<ArchiveStatus> {
    const at = now();
    let dbError: string | null = null;
    let cursors: Awaited<ReturnType<typeof readCursors>> | null = null;
    try {
      if (db === null && typeof options.db === 'function') {
        // One attempt per OPEN_RETRY_MS: each logs a line (openArchiveDb says which database).
        if (at - lastOpenAt < OPEN_RETRY_MS) throw new Error(status.lastError ?? 'the archive is not open yet');
        lastOpenAt = at;
        const opened = await options.db();
        if (isClosed) {
          await opened.close();
          throw new Error('the archive is closed');
        }
        db = opened;
      }
      if (db === null || isClosed) throw new Error('the archive is closed');
      if (!isMigrated) {
        const applied = await migrate(db);
        if (applied.length > 0) logger.info({ applied }, 'archive: migrations applied');
        isMigrated = true;
        startArchivers(db);
        markReady(db);
      }
      cursors = await readCursors(db);
    } catch (error) {
      dbError = (error as Error).message;
    }
    const read = cursors?.events?.streamId ?? (isMigrated && cursors ? START_CURSOR : null);
    // Forward only: a reading older than one already seen (a lagging replica) never moves it back.
    if (read !== null && (cursor === null || compareStreamIds(read, cursor) > 0)) cursor = read;
    const info = await log.info(EVENTS).catch(() => null);
    const from = cursor ?? START_CURSOR;
    const isCaughtUp = info === null || compareStreamIds(from, info.lastId) >= 0;
    const first = isCaughtUp ? null : ((await log.range(EVENTS, from, '+', 1).catch(() => []))[0] ?? null);
    const lag = first ? await countAfter(log, EVENTS, from, info?.lastId ?? '+').catch(() => null) : null;
    const lagMs = first ? Math.max(0, at - streamIdTime(first.id)) : 0;
    const isLeased = cursors?.events?.isLeased ?? false;
    const isOurs = cursors?.events?.isOurs ?? false;
    const state: ArchiveStatus['state'] =
      dbError !== null
        ? 'down'
        : lagMs > behindAfterMs || (!isLeased && first !== null)
          ? 'behind'
          : isOurs
            ? 'ok'
            : 'standby';
    const seenBatchAt = cursors?.events ? cursors.events.updatedAt.getTime() : null;
    const next: ArchiveStatus = {
      state,
      mode: options.mode,
      cursor,
      lagEntries: first ? (lag?.count ?? 0) : 0,
      lagIsExact: first ? (lag?.isExact ?? false) : true,
      lagSeconds: Math.round(lagMs / 100) / 10,
      lastBatchAt: Math.max(lastBatchAt ?? 0, seenBatchAt ?? 0) || null,
      lastError: dbError ?? (state === 'behind' && !isLeased ? 'no archiver holds the lease' : null),
      streamLength: info?.length ?? status.streamLength,
      streamLimit: options.streamMaxEntries,
      auditCursor: cursors?.audit ?? status.auditCursor,
    };
    report(status, next);
    status = next;
    return next;
  }

  /** The alert: one log line when the archive goes down or the stream passes its limit, one when it recovers. */
  function report(before: ArchiveStatus, after: ArchiveStatus): void {
    if (after.state === 'down' && before.state !== 'down') {
      logger.error(
        { err: after.lastError },
        'archive: database unreachable; the live dashboard goes on, the stream keeps what is not archived',
      );
    } else if (before.state === 'down' && after.state !== 'down') {
      logger.info({ lagEntries: after.lagEntries }, 'archive: database back, catching up');
    }
    const wasRed = before.streamLength !== null && before.streamLength > before.streamLimit;
    const isRed = after.streamLength !== null && after.streamLength > after.streamLimit;
    if (isRed && !wasRed) {
      logger.error(
        { streamLength: after.streamLength, limit: after.streamLimit, archive: after.state },
        'stream past STREAM_MAX_ENTRIES: Redis memory at risk until the archive catches up (health is red)',
      );
    } else if (wasRed && !isRed) {
      logger.info({ streamLength: after.streamLength }, 'stream back under STREAM_MAX_ENTRIES');
    }
  }

  function refresh(): Promise<ArchiveStatus> {
    // One measurement at a time: a slow database must not pile them up.
    measuring ??= measure().finally(() => {
      measuring = null;
    });
    return measuring;
  }

  function tick(): void {
    if (isClosed) return;
    timer = setTimeout(() => {
      void refresh().finally(tick);
    }, statusEveryMs);
  }

  return {
    archivedThrough: () => cursor ?? START_CURSOR,
    status: () => status,
    refresh,
    database: () => (isMigrated && !isClosed ? db : null),
    whenReady: () => ready,
    start() {
      void refresh().finally(tick);
    },
    async close() {
      isClosed = true;
      if (timer) clearTimeout(timer);
      await Promise.all(archivers.map((a) => a.stop()));
      // A database still opening (PGlite's WebAssembly under load) must not hold a shutdown:
      // the measurement closes what it opened once it sees `isClosed`.
      await Promise.race([
        measuring?.catch(() => undefined),
        new Promise((resolve) => setTimeout(resolve, CLOSE_WAIT_MS)),
      ]);
      await db?.close();
    },
  };
}

export { isArchiveRed };
