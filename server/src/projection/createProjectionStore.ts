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
  const waiters = new Set<{ cursor: string; resolve: (reached: boolean) => void }>();

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
        if (outcome.kind === 'applied') applied.push(decoded.event);
        else if (outcome.kind === 'ignored')
          logger.info({ id: decoded.event.id, reason: outcome.reason }, 'event ignored');
      }
      if (applied.length > 0) lastAppliedAt = now();
      if (waiters.size > 0) wakeWaiters();
      entriesSinceSnapshot += entries.length;
      if (entriesSinceSnapshot >= options.snapshotEveryEntries) await saveSnapshot();
      return applied;
    },
    saveSnapshot,
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
