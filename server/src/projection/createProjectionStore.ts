import {
  applyEvent,
  captureProjection,
  compareStreamIds,
  createProjection,
  DEDUP_WINDOW,
  START_CURSOR,
  deserializeProjection,
  releaseCapture,
  serializeCapture,
  skipEntry,
  type ProjectionState,
  type SerializedProjection,
  type StreamEvent,
} from '@shared';
import type { Logger } from '../logger';
import { decodeEntry, type LocateRegion } from '../stream/decodeEntry';
import { sendToDeadLetter } from '../stream/deadLetter';
import type { KeyValueStore, LogEntry, StreamLog } from '../stream/eventLog';
import { SNAPSHOT_KEY } from '../keys';
import { createFinishedEviction, type FinishedEvictionOptions } from './createFinishedEviction';

/** Applied events kept in memory for resumes (about 100 s at 200 events/s). */
const RECENT_EVENTS = 20_000;

/** Key (suffix) of the persisted projection snapshot. */
export { SNAPSHOT_KEY };

/**
 * A snapshot is serialised a slice at a time, this long at most, between which the event
 * loop reads and applies the stream (only the final join and write are one step: see
 * writeSnapshot).
 */
const SNAPSHOT_SLICE_MS = 4;
/**
 * A snapshot due by count waits until this many times the last one's duration has passed since
 * it ended, so writing snapshots never takes more than about a quarter of the node's time.
 */
const SNAPSHOT_SPACING = 3;

export interface ProjectionStoreOptions extends FinishedEvictionOptions {
  log: StreamLog & KeyValueStore;
  logger: Logger;
  locate: LocateRegion | null;
  now: () => number;
  /** A snapshot is due (`snapshotIfDue`) after this many entries since the last one. */
  snapshotEveryEntries: number;
  /** An entry whose `at` is further ahead of the clock is dead-lettered (MAX_FUTURE_SKEW). */
  maxFutureSkewMs: number;
}

export interface ProjectionStore {
  readonly state: ProjectionState;
  /** Loads the newest persisted snapshot, if any; resolves to the cursor it covers. */
  restore(): Promise<string>;
  /** Decodes, dead-letters or applies a batch in order; resolves to the events applied. */
  ingest(entries: readonly LogEntry[]): Promise<StreamEvent[]>;
  /**
   * The applied events in (after, to], oldest first, from memory; null when `after` is older
   * than what memory holds (the caller reads the stream instead).
   */
  recentSince(after: string, to: string): StreamEvent[] | null;
  /**
   * Writes a snapshot of the projection as it is now, unless the newest one written (or
   * restored) already covers the cursor; resolves to the cursor the snapshot in Redis covers.
   * It is serialised in slices while ingest goes on (see captureProjection).
   */
  saveSnapshot(): Promise<string>;
  /**
   * Starts a snapshot in the background, not waiting for it, when one is due: after
   * `snapshotEveryEntries` entries since the last one, none being written, and not too soon
   * after the last one (SNAPSHOT_SPACING). Called after each live batch and once at the end
   * of start-up's catch-up, never within it.
   */
  snapshotIfDue(): void;
  /** True when this stream entry was applied to the projection (not a duplicate or ignored). */
  wasApplied(event: StreamEvent): boolean;
  /** Oldest stream id for which `wasApplied` is reliable (the de-dup window's start). */
  appliedHorizon(): string;
  /** Clock reading of the newest applied event's arrival (ms), null before any. */
  lastAppliedAt(): number | null;
  deadLettered(): number;
  /**
   * Resolves true once the projection covers stream id `cursor` (at once when it already
   * does), false after `timeoutMs`: a write waits for its own earlier writes before it
   * checks a transition against the state.
   */
  waitFor(cursor: string, timeoutMs: number): Promise<boolean>;
}

/**
 * Owns the in-memory projection: the only place events are applied on the server.
 * Bad entries are copied to the dead-letter stream before the cursor moves past them,
 * so nothing is lost silently.
 */
export function createProjectionStore(options: ProjectionStoreOptions): ProjectionStore {
  const { log, logger, locate, now } = options;
  let state = createProjection();
  let entriesSinceSnapshot = 0;
  let lastAppliedAt: number | null = null;
  let deadLettered = 0;
  let saving: Promise<void> | null = null;
  /**
   * The newest applied events, oldest first, and the cursor just before the oldest: a
   * resume from at or after `recentFloor` is answered from memory (no XRANGE, no decoding),
   * so a wall of screens coming back at once costs the server little.
   */
  const recent: StreamEvent[] = [];
  let recentHead = 0;
  let recentFloor: string = state.cursor;
  const waiters = new Set<{ cursor: string; resolve: (reached: boolean) => void }>();
  const evict = createFinishedEviction(options);

  function remember(event: StreamEvent): void {
    recent.push(event);
    if (recent.length - recentHead > RECENT_EVENTS) {
      recentFloor = (recent[recentHead] as StreamEvent).streamId;
      recentHead += 1;
      // Compact now and then instead of shifting on every event.
      if (recentHead >= RECENT_EVENTS) {
        recent.splice(0, recentHead);
        recentHead = 0;
      }
    }
  }

  function wakeWaiters(): void {
    for (const waiter of waiters) {
      if (compareStreamIds(state.cursor, waiter.cursor) >= 0) {
        waiters.delete(waiter);
        waiter.resolve(true);
      }
    }
  }

  let savedCursor: string | null = null;
  let lastSaveEndedAt = Number.NEGATIVE_INFINITY;
  let lastSaveMs = 0;

  async function writeSnapshot(): Promise<string> {
    const startedAt = performance.now();
    const capture = captureProjection(state);
    entriesSinceSnapshot = 0;
    const pieces: string[] = [];
    try {
      let sliceStartedAt = performance.now();
      for (const piece of serializeCapture(capture)) {
        pieces.push(piece);
        if (performance.now() - sliceStartedAt >= SNAPSHOT_SLICE_MS) {
          await new Promise<void>((resolve) => setImmediate(resolve));
          sliceStartedAt = performance.now();
        }
      }
    } finally {
      releaseCapture(state, capture);
    }
    // One flat string at the end (a rope of many pieces costs twice as much to flatten). This
    // join and the log's encoding of the string are the one synchronous step left, a few ms
    // per MB: writing the pieces to Redis one by one would need the log to append to a value.
    const body = pieces.join('');
    pieces.length = 0;
    await log.setValue(SNAPSHOT_KEY, body);
    savedCursor = capture.cursor;
    lastSaveEndedAt = performance.now();
    lastSaveMs = lastSaveEndedAt - startedAt;
    logger.debug(
      { cursor: capture.cursor, bytes: body.length, ms: Math.round(lastSaveMs) },
      'projection snapshot saved',
    );
    return capture.cursor;
  }

  async function saveSnapshot(): Promise<string> {
    // One write at a time; a request during a write waits for it, then writes again if the state moved on.
    while (saving) await saving.catch(() => undefined);
    if (savedCursor !== null && savedCursor === state.cursor) return savedCursor;
    const written = writeSnapshot();
    saving = written.then(
      () => undefined,
      () => undefined,
    );
    try {
      return await written;
    } finally {
      saving = null;
    }
  }

  return {
    get state() {
      return state;
    },
    async restore() {
      const raw = await log.getValue(SNAPSHOT_KEY);
      savedCursor = null;
      if (raw) {
        try {
          const restored = deserializeProjection(JSON.parse(raw) as SerializedProjection);
          // What Redis holds already covers this cursor: no need to write it again.
          if (restored) savedCursor = (state = restored).cursor;
          else logger.warn('projection snapshot has another format, replaying the whole stream');
        } catch (error) {
          logger.warn({ err: (error as Error).message }, 'projection snapshot unreadable, replaying the whole stream');
        }
      }
      recent.length = 0;
      recentHead = 0;
      recentFloor = state.cursor;
      return state.cursor;
    },
    async ingest(entries) {
      const applied: StreamEvent[] = [];
      const clock = { now: now(), maxFutureSkewMs: options.maxFutureSkewMs };
      for (const entry of entries) {
        const decoded = decodeEntry(entry, locate, clock);
        if (!decoded.ok) {
          await sendToDeadLetter(log, entry, decoded.reason, now());
          deadLettered += 1;
          logger.warn({ sourceId: entry.id, reason: decoded.reason }, 'stream entry dead-lettered');
          skipEntry(state, entry.id);
          continue;
        }
        const outcome = applyEvent(state, decoded.event);
        if (outcome.kind === 'applied') {
          applied.push(decoded.event);
          remember(decoded.event);
        } else if (outcome.kind === 'ignored')
          logger.info({ id: decoded.event.id, reason: outcome.reason }, 'event ignored');
      }
      if (applied.length > 0) lastAppliedAt = now();
      evict(state);
      if (waiters.size > 0) wakeWaiters();
      entriesSinceSnapshot += entries.length;
      return applied;
    },
    saveSnapshot,
    snapshotIfDue() {
      if (saving || entriesSinceSnapshot < options.snapshotEveryEntries) return;
      if (performance.now() - lastSaveEndedAt < SNAPSHOT_SPACING * lastSaveMs) return;
      saveSnapshot().catch((error: unknown) =>
        logger.warn({ err: (error as Error).message }, 'projection snapshot failed'),
      );
    },
    recentSince(after, to) {
      if (compareStreamIds(after, recentFloor) < 0) return null;
      const events: StreamEvent[] = [];
      for (let i = recentHead; i < recent.length; i += 1) {
        const event = recent[i] as StreamEvent;
        if (compareStreamIds(event.streamId, after) > 0 && compareStreamIds(event.streamId, to) <= 0)
          events.push(event);
      }
      return events;
    },
    wasApplied(event) {
      return state.seen.get(event.id) === event.streamId;
    },
    appliedHorizon() {
      // Until the window first fills, every applied event is still in it.
      if (state.seen.size < DEDUP_WINDOW) return START_CURSOR;
      return state.seen.values().next().value ?? START_CURSOR;
    },
    lastAppliedAt: () => lastAppliedAt,
    deadLettered: () => deadLettered,
    waitFor(cursor, timeoutMs) {
      if (compareStreamIds(state.cursor, cursor) >= 0) return Promise.resolve(true);
      return new Promise<boolean>((resolve) => {
        const waiter = {
          cursor,
          resolve: (reached: boolean) => {
            clearTimeout(timer);
            resolve(reached);
          },
        };
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          resolve(false);
        }, timeoutMs);
        waiters.add(waiter);
      });
    },
  };
}
