import {
  applyEvent,
  compareStreamIds,
  createProjection,
  DEDUP_WINDOW,
  START_CURSOR,
  deserializeProjection,
  serializeProjection,
  skipEntry,
  type ProjectionState,
  type SerializedProjection,
  type StreamEvent,
} from '@shared';
import type { Logger } from '../logger';
import { decodeEntry, type LocateRegion } from '../stream/decodeEntry';
import { sendToDeadLetter } from '../stream/deadLetter';
import type { EventLog, LogEntry } from '../stream/eventLog';

/** Applied events kept in memory for resumes (about 100 s at 200 events/s). */
const RECENT_EVENTS = 20_000;

/** Key (suffix) of the persisted projection snapshot. */
export const SNAPSHOT_KEY = 'snapshot';

export interface ProjectionStoreOptions {
  log: EventLog;
  logger: Logger;
  locate: LocateRegion | null;
  now: () => number;
  /** Persist a snapshot after this many entries since the last one. */
  snapshotEveryEntries: number;
}

export interface ProjectionStore {
  readonly state: ProjectionState;
  /** Loads the newest persisted snapshot, if any; resolves to the cursor it covers. */
  restore(): Promise<string>;
  /** Decodes, dead-letters or applies a batch in order; resolves to the events applied. */
  ingest(entries: readonly LogEntry[]): Promise<StreamEvent[]>;
  /** Writes a snapshot now (also done by ingest every N entries). */
  /**
   * The applied events in (after, to], oldest first, from memory; null when `after` is older
   * than what memory holds (the caller reads the stream instead).
   */
  recentSince(after: string, to: string): StreamEvent[] | null;
  /** Resolves to the cursor the written snapshot covers. */
  saveSnapshot(): Promise<string>;
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

  async function saveSnapshot(): Promise<string> {
    // One write at a time; a request during a write waits for it, then writes again.
    while (saving) await saving;
    const cursor = state.cursor;
    const body = JSON.stringify(serializeProjection(state));
    entriesSinceSnapshot = 0;
    saving = log.setValue(SNAPSHOT_KEY, body).finally(() => {
      saving = null;
    });
    await saving;
    logger.debug({ cursor, bytes: body.length }, 'projection snapshot saved');
    return cursor;
  }

  return {
    get state() {
      return state;
    },
    async restore() {
      const raw = await log.getValue(SNAPSHOT_KEY);
      if (raw) {
        try {
          const restored = deserializeProjection(JSON.parse(raw) as SerializedProjection);
          if (restored) state = restored;
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
      for (const entry of entries) {
        const decoded = decodeEntry(entry, locate);
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
      if (waiters.size > 0) wakeWaiters();
      entriesSinceSnapshot += entries.length;
      if (entriesSinceSnapshot >= options.snapshotEveryEntries) await saveSnapshot();
      return applied;
    },
    saveSnapshot,
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
