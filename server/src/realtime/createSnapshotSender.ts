import { compareStreamIds, type Scope, type SnapshotReason, type StreamEvent } from '@shared';
import type { Logger } from '../logger';
import { ANONYMOUS_VIEWER } from '../presenters/present';
import type { BacklogLedger } from './backlog';
import type { IoSocket, RealtimeSource } from './createRealtime';
import { roomOf } from './scopes';
import {
  acceptsDeflate,
  deflatedFrame,
  encodeEvent,
  enginePayload,
  preEncodedFrame,
  type EncodedSnapshot,
  type SnapshotTiming,
} from './wireEncoding';

export interface SnapshotSenderDeps {
  source: Pick<RealtimeSource, 'snapshot' | 'recent'>;
  logger: Logger;
  ledger: BacklogLedger;
  now: () => number;
  /** How long a snapshot's encoding is kept per scope and reason. */
  cacheMs: number;
  /** The cursor of the last frame sent to the rooms. */
  flushedCursor: () => string;
  /** A socket joined its scope's room again after its compressed snapshot was made. */
  rejoined: (room: string, scope: Scope) => void;
}

/**
 * Snapshots to sockets: encoded once per scope and reason for `cacheMs` (a reconnect storm of
 * wall screens builds a handful, not hundreds), compressed for sockets that accept it, each
 * followed by the events flushed since it was built.
 */
export function createSnapshotSender(deps: SnapshotSenderDeps): {
  send(socket: IoSocket, scope: Scope, reason: SnapshotReason): void;
  /** Drops the cached encodings (shutdown). */
  close(): void;
} {
  const { source, logger, ledger, now } = deps;
  const snapshotKey = (scope: Scope, reason: SnapshotReason): string => `${roomOf(scope)}|${reason}`;
  /** Encoded snapshots by scope room and reason, each with the cursor it covers. */
  const snapshotCache = new Map<string, EncodedSnapshot & { timer: NodeJS.Timeout }>();

  function encodedSnapshot(scope: Scope, reason: SnapshotReason): EncodedSnapshot {
    const key = snapshotKey(scope, reason);
    const cached = snapshotCache.get(key);
    if (cached) return cached;
    const snapshot = source.snapshot(scope, ANONYMOUS_VIEWER, reason);
    const encoded = encodeEvent('sync:snapshot', snapshot);
    const payload = enginePayload(encoded);
    let deflated: Promise<unknown> | null = null;
    const entry = {
      cursor: snapshot.cursor,
      encoded,
      frame: preEncodedFrame(payload),
      deflated: () => (deflated ??= deflatedFrame(payload)),
      timer: setTimeout(() => snapshotCache.delete(key), deps.cacheMs),
    };
    entry.timer.unref();
    snapshotCache.set(key, entry);
    return entry;
  }

  /**
   * A snapshot from the cache (built when there is none), then at once — before any other
   * frame can reach the socket — the events applied and flushed since it was built, so the
   * client's next live frame continues exactly where they end.
   */
  function sendSnapshot(socket: IoSocket, scope: Scope, reason: SnapshotReason): void {
    const timing: SnapshotTiming = {
      startedAt: performance.now(),
      wasCached: snapshotCache.has(snapshotKey(scope, reason)),
      isCompressed: acceptsDeflate(socket),
    };
    const entry = encodedSnapshot(scope, reason);
    if (!timing.isCompressed) {
      deliverSnapshot(socket, scope, reason, entry, entry.frame, timing);
      return;
    }
    // Compressed on the thread pool (once per cached encoding): the socket gets no frames
    // meanwhile, and rejoins them in the tick its snapshot and the events since are queued.
    const room = roomOf(scope);
    void socket.leave(room);
    const deliver = (frame: unknown): void => {
      if (!socket.connected || socket.data.isBehind) return;
      void socket.join(room);
      deps.rejoined(room, scope); // a frame meanwhile may have dropped the room while it was empty
      deliverSnapshot(socket, scope, reason, entry, frame, timing);
    };
    entry.deflated().then(deliver, (error: unknown) => {
      logger.warn({ err: (error as Error).message }, 'snapshot compression failed, sending it uncompressed');
      deliver(entry.frame);
    });
  }

  function deliverSnapshot(
    socket: IoSocket,
    scope: Scope,
    reason: SnapshotReason,
    encoded: EncodedSnapshot,
    frame: unknown,
    timing: SnapshotTiming,
  ): void {
    let entry = encoded;
    let wsFrame = frame;
    let missed: StreamEvent[] | null = [];
    if (compareStreamIds(entry.cursor, deps.flushedCursor()) < 0) {
      missed = source.recent(entry.cursor, deps.flushedCursor(), scope, ANONYMOUS_VIEWER);
      if (missed === null) {
        // Memory no longer holds the events since (rare): a fresh snapshot, uncompressed.
        snapshotCache.delete(snapshotKey(scope, reason));
        entry = encodedSnapshot(scope, reason);
        wsFrame = entry.frame;
        missed = [];
      }
    }
    // The encoded packet goes straight to the engine, as Socket.IO's own broadcast sends it:
    // over WebSocket the shared frame, over long-polling the string.
    socket.conn.write(entry.encoded, { wsPreEncodedFrame: wsFrame } as { compress?: boolean });
    // The server's part of a new screen's start: built (or taken from the cache) and queued.
    logger.debug(
      {
        reason,
        cached: timing.wasCached,
        compressed: timing.isCompressed && wsFrame !== entry.frame,
        serverMs: performance.now() - timing.startedAt,
      },
      'snapshot sent',
    );
    if (missed.length > 0 || compareStreamIds(entry.cursor, deps.flushedCursor()) < 0) {
      socket.emit('sync:frame', {
        from: entry.cursor,
        cursor: deps.flushedCursor(),
        events: missed,
        replay: true,
        serverTime: now(),
      });
    }
    // A snapshot is larger than the backlog limit: what it queued is allowed, shrinking as it drains.
    ledger.allowQueued(socket);
  }

  return {
    send: sendSnapshot,
    close() {
      for (const entry of snapshotCache.values()) clearTimeout(entry.timer);
      snapshotCache.clear();
    },
  };
}
