import {
  compareStreamIds,
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
import { promisify } from 'node:util';
import { constants as zlibConstants, deflateRaw } from 'node:zlib';
import WebSocket, { WebSocketServer, type ServerOptions } from 'ws';
import type { Claims } from '../auth/claims';
import { HandshakeRefusedError } from '../auth/passwordChange';
import type { Logger } from '../logger';
import { backlogOf, createBacklogLedger, isTooFarBehind, type Backlog } from './backlog';
import { createRequestGuard } from './createRequestGuard';
import { enforceSocketCaps, type SocketCaps } from './socketCaps';
import { ANONYMOUS_VIEWER, presentEvent, type Viewer } from '../presenters/present';
import { parseAnalyticsWatch, parseHandshake, parseResume } from './messages';
import { eventsInScope, roomOf } from './scopes';

/**
 * A Socket.IO (protocol 5) EVENT packet for the main namespace, encoded as Socket.IO's own
 * parser encodes it, so an encoding can be kept and written to many sockets.
 */
export function encodeEvent(name: string, payload: unknown): string {
  return `2${JSON.stringify([name, payload])}`;
}

/**
 * The WebSocket frame of an encoded packet, built once for many sockets: the trick
 * Socket.IO's own broadcasts use (socket.io-adapter), so a snapshot of tens of MB is one
 * buffer shared by every socket it goes to, not a copy per socket.
 */
function preEncodedFrame(payload: Buffer, isCompressed = false): unknown {
  const { Sender } = WebSocket as unknown as { Sender: { frame(data: Buffer, options: object): unknown } };
  return Sender.frame(payload, { readOnly: false, mask: false, rsv1: isCompressed, opcode: 1, fin: true });
}

/** An Engine.IO message packet (type "4") of an encoded Socket.IO packet, as UTF-8. */
function enginePayload(packet: string): Buffer {
  return Buffer.from(`4${packet}`);
}

const deflateRawAsync = promisify(deflateRaw);
/** What ends a permessage-deflate message's compressed data, left off on the wire (RFC 7692 §7.2.1). */
const DEFLATE_TAIL_BYTES = 4;
const DEFLATE_CHUNK_BYTES = 1024 * 1024;

/**
 * The payload compressed as one permessage-deflate message (RFC 7692), on the libuv thread
 * pool: a self-contained raw deflate stream, flushed and without its 4-byte tail, so any
 * client that negotiated the extension inflates it whatever it received before.
 */
async function deflatedFrame(payload: Buffer): Promise<unknown> {
  // Large output chunks: a 40 MB snapshot in a few thread-pool round trips, not thousands.
  const compressed = await deflateRawAsync(payload, {
    level: 1,
    finishFlush: zlibConstants.Z_SYNC_FLUSH,
    chunkSize: DEFLATE_CHUNK_BYTES,
  });
  return preEncodedFrame(compressed.subarray(0, compressed.length - DEFLATE_TAIL_BYTES), true);
}

const PERMESSAGE_DEFLATE = 'permessage-deflate';

/**
 * Whether the socket's WebSocket negotiated permessage-deflate (`SnapshotDeflateServer`):
 * it then gets snapshots compressed; everything else still goes out uncompressed.
 */
function acceptsDeflate(socket: IoSocket): boolean {
  const transport = socket.conn.transport as unknown as {
    name: string;
    socket?: { _extensions?: Record<string, unknown> };
  };
  return transport.name === 'websocket' && transport.socket?._extensions?.[PERMESSAGE_DEFLATE] !== undefined;
}

/**
 * The WebSocket server behind Socket.IO (its `wsEngine`): ws's own, negotiating
 * permessage-deflate with a threshold no message reaches, so nothing is compressed per
 * socket (a broadcast stays one frame encoded once for a whole room) and only the snapshot,
 * compressed once per cached encoding, goes out compressed. Socket.IO's own
 * `perMessageDeflate` stays off: on, it would give up its shared broadcast frames.
 * `server_no_context_takeover` makes ws honour the threshold; `client_no_context_takeover`
 * keeps what a client's compressed messages cost the server small.
 */
export class SnapshotDeflateServer extends WebSocketServer {
  constructor(options: ServerOptions) {
    super({
      ...options,
      perMessageDeflate: {
        threshold: Number.POSITIVE_INFINITY,
        serverNoContextTakeover: true,
        clientNoContextTakeover: true,
      },
    });
  }
}

/** When a snapshot was asked for and how it went out (logged at debug level as `snapshot sent`). */
interface SnapshotTiming {
  startedAt: number;
  wasCached: boolean;
  isCompressed: boolean;
}

/** A snapshot encoded once for every socket of its scope and reason. */
interface EncodedSnapshot {
  cursor: string;
  encoded: string;
  /** The WebSocket frame of `encoded`. */
  frame: unknown;
  /** The same compressed (permessage-deflate), made on first use. */
  deflated(): Promise<unknown>;
}

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
type IoSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

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
  /** Sockets watching analytics on this node (the filter is in `socket.data.analytics`). */
  const watchers = new Set<IoSocket>();
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
      timer: setTimeout(() => snapshotCache.delete(key), options.snapshotCacheMs),
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
      scopes.set(room, scope); // a frame meanwhile may have dropped the room while it was empty
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
    if (compareStreamIds(entry.cursor, flushedCursor) < 0) {
      missed = source.recent(entry.cursor, flushedCursor, scope, ANONYMOUS_VIEWER);
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
    if (missed.length > 0 || compareStreamIds(entry.cursor, flushedCursor) < 0) {
      socket.emit('sync:frame', {
        from: entry.cursor,
        cursor: flushedCursor,
        events: missed,
        replay: true,
        serverTime: now(),
      });
    }
    // A snapshot is larger than the backlog limit: what it queued is allowed, shrinking as it drains.
    ledger.allowQueued(socket);
  }

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

  // Every socket is authenticated by the same session cookie as HTTP; rooms come only
  // from the server-side claims, never from anything the client asks for.
  io.use((socket, next) => {
    options.authenticate(socket.handshake.headers.cookie).then(
      (claims) => {
        if (!claims) {
          next(new Error('unauthorized: sign in first'));
          return;
        }
        socket.data.user = claims.user;
        socket.data.subjectRoom = claims.subjectRoom;
        socket.data.sessionRoom = claims.sessionRoom;
        socket.data.connectedAt = performance.timeOrigin + performance.now();
        next();
      },
      (error: unknown) => {
        // A refusal that says why (a one-time password not changed yet) goes to the client as is.
        if (error instanceof HandshakeRefusedError) {
          next(error);
          return;
        }
        logger.warn({ err: (error as Error).message }, 'socket authentication failed');
        next(new Error('authentication unavailable, retry'));
      },
    );
  });

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
      const parsed = parseAnalyticsWatch(request, scope.regions);
      if (!parsed.ok) {
        ack({ ok: false, error: parsed.error });
        return;
      }
      const filter = parsed.value;
      if (filter === null) {
        delete socket.data.analytics;
        watchers.delete(socket);
        ack({ ok: true, data: null });
        return;
      }
      socket.data.analytics = filter;
      if (!socket.data.isBehind) watchers.add(socket);
      if (!ledger.hasRoom(socket)) {
        // Its queue is full: the filter is kept and the series follow once it has drained.
        ack({ ok: true, data: null });
        return;
      }
      try {
        ack({ ok: true, data: source.analytics(scope.regions, filter) });
      } catch (error) {
        logger.error({ err: (error as Error).message }, 'analytics computation failed');
        ack({ ok: false, error: 'analytics unavailable, retry' });
      }
    });
    socket.on('disconnect', () => watchers.delete(socket));
  });

  /**
   * The latest series to one socket, if its queue has room: a socket over its cap skips
   * updates (none pile up) and gets the one current when it sends again.
   */
  function sendAnalytics(socket: IoSocket): boolean {
    const filter = socket.data.analytics;
    if (!filter || !ledger.hasRoom(socket)) return true;
    try {
      socket.emit('analytics:update', source.analytics(socket.data.user.regions, filter));
      return true;
    } catch (error) {
      logger.error({ err: (error as Error).message }, 'analytics computation failed');
      return false;
    }
  }

  /** One computation per scope and filter, sent to every socket watching it. */
  function pushAnalytics(): void {
    for (const socket of watchers) {
      if (!socket.connected || !socket.data.analytics || socket.data.isBehind) {
        watchers.delete(socket);
        continue;
      }
      if (!sendAnalytics(socket)) return;
    }
  }

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
        if (socket.data.analytics) {
          watchers.add(socket);
          sendAnalytics(socket); // the latest series at once, none of those skipped meanwhile
        }
      }
    }
  }

  /** Takes a socket out of its room and the chart pushes until its connection drains. */
  function pause(socket: IoSocket, backlog: Backlog): void {
    socket.data.isBehind = true;
    void socket.leave(socket.data.scopeKey);
    watchers.delete(socket);
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
  const analyticsTimer = setInterval(pushAnalytics, options.analyticsIntervalMs);

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
      for (const entry of snapshotCache.values()) clearTimeout(entry.timer);
      snapshotCache.clear();
      flush();
      clearInterval(backlogTimer);
      clearInterval(statsTimer);
      clearInterval(analyticsTimer);
      guard.close();
      io.local.emit('server:shutdown', { reconnectInMs });
    },
  };
}
