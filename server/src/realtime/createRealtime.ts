import {
  PROTOCOL_VERSION,
  type Analytics,
  type AnalyticsFilter,
  type RegionScope,
  type ClientToServerEvents,
  type InterServerEvents,
  type ServerToClientEvents,
  type Scope,
  type SnapshotReason,
  type Snapshot,
  type SocketData,
  type Stats,
  type StreamEvent,
  type UpstreamStatus,
} from '@shared';
import type { Server, Socket } from 'socket.io';
import type { Claims } from '../auth/claims';
import type { Logger } from '../logger';
import { backlogOf, createBacklogLedger, isTooFarBehind, type Backlog } from './backlog';
import { createRequestGuard } from './createRequestGuard';
import { enforceSocketCaps, type SocketCaps } from './socketCaps';
import { ANONYMOUS_VIEWER, presentEvent, type Viewer } from '../presenters/present';
import { parseHandshake, parseResume } from './messages';
import { eventsInScope, roomOf } from './scopes';
import { authenticateSockets } from './authenticateSockets';
import { createAnalyticsWatchers } from './createAnalyticsWatchers';
import { createSnapshotSender } from './createSnapshotSender';

// Kept importable from here (bench, tests) after they moved to their own module.
export { backlogOf, isTooFarBehind, type Backlog } from './backlog';

function isWritable(socket: IoSocket): boolean {
  return socket.conn.transport.writable;
}

/**
 * Frames go out as soon as events are applied, unless the last frames cost much: then the
 * next waits FRAME_GAP_PER_COST times the last frame's cost (so broadcasting takes at most
 * about a fifth of the event loop, whatever the load), never longer than the frame interval.
 * At light load an event reaches a thousand screens within milliseconds; at heavy load frames
 * coalesce on their own.
 */
const FRAME_GAP_PER_COST = 4;

export type IoServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
export type IoSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

/** What the realtime layer needs from the rest of the server (no Redis, no stream here). */
export interface RealtimeSource {
  /** Cursor the projection currently covers. */
  cursor(): string;
  snapshot(scope: Scope, viewer: Viewer, reason: SnapshotReason): Snapshot;
  /**
   * The applied events in (after, to] for the scope from the node's memory, presented for the
   * viewer; null when memory no longer holds them all.
   */
  recent(after: string, to: string, scope: Scope, viewer: Viewer): StreamEvent[] | null;
  /**
   * The applied events in (after, to] for the scope, presented for the viewer, or null
   * when they can no longer be replayed exactly (trimmed, too many): send a snapshot.
   */
  replay(after: string, to: string, scope: Scope, viewer: Viewer): Promise<StreamEvent[] | null>;
  stats(scope: Scope): Stats;
  analytics(scope: RegionScope, filter: AnalyticsFilter): Analytics;
}

export interface RealtimeOptions {
  io: IoServer;
  /** Claims for the handshake's Cookie header; null refuses the connection. */
  authenticate: (cookieHeader: string | undefined) => Promise<Claims | null>;
  source: RealtimeSource;
  logger: Logger;
  frameIntervalMs: number;
  statsIntervalMs: number;
  analyticsIntervalMs: number;
  /**
   * How long a snapshot's encoding is kept per scope and reason: the wall screens coming back
   * at once after a deploy get one build, and each one's missing events from memory after it.
   */
  snapshotCacheMs: number;
  /** Sockets one sign-in, user or kiosk link may hold; a new one beyond disconnects the oldest. */
  socketCaps: SocketCaps;
  now: () => number;
}

export interface Realtime {
  /** Ends every socket of a user or kiosk token now (disabled, revoked, changed). */
  disconnectSubject(room: string): void;
  /** Queues applied events (stream order); `cursor` is where the projection now stands. */
  publish(events: readonly StreamEvent[], cursor: string): void;
  /** Sends the pending frame now. */
  flush(): void;
  /** The tail's link to the stream; clients hear about every change. */
  setUpstream(isConnected: boolean): void;
  /** Flushes, tells clients to reconnect elsewhere, stops timers. */
  close(reconnectInMs: number): void;
}

/**
 * Socket.IO side of the pipeline: snapshot + cursor on connect, then frames per scope room as
 * events are applied (coalesced when frames cost much, at most `frameIntervalMs` apart),
 * each carrying `from` and `cursor`; resume by cursor.
 */
export function createRealtime(options: RealtimeOptions): Realtime {
  const { io, source, logger, now } = options;
  const scopes = new Map<string, Scope>();
  let upstream: UpstreamStatus = { isConnected: true, since: now() };
  let pending: StreamEvent[] = [];
  let flushedCursor = source.cursor();
  let pendingCursor = flushedCursor;
  /** When the last frame went out and what it cost (ms, clock of `performance.now()`). */
  let lastFlushAt = Number.NEGATIVE_INFINITY;
  let lastFlushCost = 0;
  let flushTimer: NodeJS.Timeout | NodeJS.Immediate | null = null;

  function cancelScheduledFlush(): void {
    if (flushTimer === null) return;
    clearTimeout(flushTimer as NodeJS.Timeout);
    clearImmediate(flushTimer as NodeJS.Immediate);
    flushTimer = null;
  }

  /** The next frame: at once, or after the gap the last frames' cost asks for. */
  function scheduleFlush(): void {
    if (flushTimer !== null) return;
    const gap = Math.min(options.frameIntervalMs, lastFlushCost * FRAME_GAP_PER_COST);
    const wait = lastFlushAt + gap - performance.now();
    const run = () => {
      flushTimer = null;
      flush();
    };
    flushTimer = wait <= 0 ? setImmediate(run) : setTimeout(run, wait);
  }

  /** Every reply to one socket is held to its queue cap (frames, snapshots, charts, answers). */
  const ledger = createBacklogLedger();
  /** Every client event is rate-limited per user (or kiosk link), whatever socket it comes on. */
  const guard = createRequestGuard({ ledger, logger, now });
  const watchers = createAnalyticsWatchers({ source, ledger, logger });

  const snapshots = createSnapshotSender({
    source,
    logger,
    ledger,
    now,
    cacheMs: options.snapshotCacheMs,
    flushedCursor: () => flushedCursor,
    rejoined: (room, scope) => scopes.set(room, scope),
  });
  const sendSnapshot = snapshots.send;

  async function resume(socket: IoSocket, scope: Scope, after: string): Promise<'replay' | 'snapshot'> {
    // The target is fixed before any await: frames flushed meanwhile start at or before it,
    // so the client (which queues them until this answer) sees no gap.
    const to = source.cursor();
    const events = await source.replay(after, to, scope, ANONYMOUS_VIEWER);
    if (!socket.connected) return 'replay';
    if (events === null) {
      sendSnapshot(socket, scope, 'trimmed');
      return 'snapshot';
    }
    socket.emit('sync:frame', { from: after, cursor: to, events, replay: true, serverTime: now() });
    // A long absence makes a large replay: like a snapshot, it is allowed beyond the backlog limit.
    ledger.allowQueued(socket);
    return 'replay';
  }

  authenticateSockets(io, options.authenticate, logger);

  io.on('connection', (socket) => {
    const handshake = parseHandshake(socket.handshake.auth);
    if (!handshake.ok) {
      socket.emit('sync:incompatible', { serverProtocol: PROTOCOL_VERSION, message: handshake.error });
      socket.disconnect(true);
      return;
    }
    const scope: Scope = { regions: socket.data.user.regions };
    const room = roomOf(scope);
    scopes.set(room, scope);
    socket.data.scopeKey = room;
    void socket.join([room, socket.data.subjectRoom, socket.data.sessionRoom]);
    // A disable or revocation that landed between the handshake and the join missed this
    // socket's rooms: check the session once more now that it is reachable.
    options.authenticate(socket.handshake.headers.cookie).then(
      (claims) => {
        if (!claims) socket.disconnect(true);
      },
      () => undefined,
    );
    const { id, data } = socket;
    enforceSocketCaps(
      io,
      { id, sessionRoom: data.sessionRoom, subjectRoom: data.subjectRoom, isKiosk: data.user.isKiosk },
      options.socketCaps,
      logger,
    ).catch((error: unknown) => logger.warn({ err: (error as Error).message }, 'socket caps not checked'));
    socket.emit('server:upstream', upstream);
    guard.charge(socket, 'sync:resume'); // the handshake's own resume (or snapshot) counts against the budget
    const { cursor } = handshake.value;
    if (cursor === undefined) sendSnapshot(socket, scope, 'connect');
    else {
      resume(socket, scope, cursor).catch((error: unknown) => {
        logger.warn({ err: (error as Error).message }, 'resume failed, sending a snapshot');
        if (socket.connected) sendSnapshot(socket, scope, 'resync');
      });
    }
    socket.on('sync:resume', (request, ack) => {
      if (!guard.admit(socket, 'sync:resume', ack) || typeof ack !== 'function') return;
      const parsed = parseResume(request);
      if (!parsed.ok) {
        ack({ ok: false, error: parsed.error });
        return;
      }
      if (!ledger.hasRoom(socket)) {
        // No replay on top of a full queue: paused, it gets a snapshot once it has drained.
        if (!socket.data.isBehind) pause(socket, backlogOf(socket));
        ack({ ok: true, data: { mode: 'snapshot' } });
        return;
      }
      resume(socket, scope, parsed.value.cursor).then(
        (mode) => ack({ ok: true, data: { mode } }),
        (error: unknown) => {
          logger.warn({ err: (error as Error).message }, 'resume failed, sending a snapshot');
          sendSnapshot(socket, scope, 'resync');
          ack({ ok: true, data: { mode: 'snapshot' } });
        },
      );
    });
    socket.on('analytics:watch', (request, ack) => {
      if (!guard.admit(socket, 'analytics:watch', ack) || typeof ack !== 'function') return;
      ack(watchers.watch(socket, scope, request));
    });
    socket.on('disconnect', () => watchers.forget(socket));
  });

  function flush(): void {
    cancelScheduledFlush();
    if (pendingCursor === flushedCursor) return;
    const startedAt = performance.now();
    const events = pending;
    const frameBase = { from: flushedCursor, cursor: pendingCursor, replay: false };
    pending = [];
    flushedCursor = pendingCursor;
    const serverTime = now();
    for (const [room, scope] of scopes) {
      if ((io.sockets.adapter.rooms.get(room)?.size ?? 0) === 0) {
        scopes.delete(room);
        continue;
      }
      const scoped = eventsInScope(scope, events).map((e) => presentEvent(e, ANONYMOUS_VIEWER));
      // Local only: every node tails the stream itself, so a frame through the cluster
      // adapter would reach the other nodes' clients twice.
      io.local.to(room).emit('sync:frame', { ...frameBase, events: scoped, serverTime });
    }
    lastFlushAt = performance.now();
    lastFlushCost = lastFlushAt - startedAt;
  }

  /**
   * Overload guard: a socket whose connection stopped taking messages (a stalled or slow
   * client) leaves its scope room, so frames stop piling up for it; once everything queued
   * has gone out it rejoins with a fresh snapshot. Memory per client stays bounded.
   */
  function pauseOrResumeSlowSockets(): void {
    for (const socket of io.sockets.sockets.values()) {
      const { backlog, allowed } = ledger.measure(socket);
      if (!socket.data.isBehind) {
        if (isTooFarBehind(backlog, allowed)) pause(socket, backlog);
      } else if (backlog.messages === 0 && isWritable(socket)) {
        const scope = scopes.get(socket.data.scopeKey) ?? { regions: socket.data.user.regions };
        socket.data.isBehind = false;
        // Join and snapshot in one tick: every later frame starts at or before the snapshot's cursor.
        void socket.join(socket.data.scopeKey);
        scopes.set(socket.data.scopeKey, scope);
        sendSnapshot(socket, scope, 'too_far_behind');
        watchers.resume(socket);
      }
    }
  }

  /** Takes a socket out of its room and the chart pushes until its connection drains. */
  function pause(socket: IoSocket, backlog: Backlog): void {
    socket.data.isBehind = true;
    void socket.leave(socket.data.scopeKey);
    watchers.forget(socket);
    logger.warn(
      { ...backlog, user: socket.data.user.username },
      'client too far behind: frames paused until it drains',
    );
  }

  const backlogTimer = setInterval(pauseOrResumeSlowSockets, options.frameIntervalMs);
  const statsTimer = setInterval(() => {
    for (const [room, scope] of scopes) {
      if ((io.sockets.adapter.rooms.get(room)?.size ?? 0) === 0) continue;
      try {
        io.local.to(room).emit('stats:update', source.stats(scope));
      } catch (error) {
        logger.error({ err: (error as Error).message }, 'stats computation failed');
      }
    }
  }, options.statsIntervalMs);
  const analyticsTimer = setInterval(watchers.push, options.analyticsIntervalMs);

  return {
    disconnectSubject(room) {
      // Through the adapter (when several nodes share one): the user's sockets on every node.
      io.in(room).disconnectSockets(true);
    },
    publish(events, cursor) {
      for (const event of events) pending.push(event);
      pendingCursor = cursor;
      if (pendingCursor !== flushedCursor) scheduleFlush();
    },
    flush,
    setUpstream(isConnected) {
      if (isConnected === upstream.isConnected) return;
      upstream = { isConnected, since: now() };
      // Local only: each node reports its own link.
      io.local.emit('server:upstream', upstream);
    },
    close(reconnectInMs) {
      snapshots.close();
      flush();
      clearInterval(backlogTimer);
      clearInterval(statsTimer);
      clearInterval(analyticsTimer);
      guard.close();
      io.local.emit('server:shutdown', { reconnectInMs });
    },
  };
}
