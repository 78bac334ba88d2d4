import {
  applyFrame,
  createReplica,
  loadSnapshot,
  markUnsynced,
  PROTOCOL_VERSION,
  type ClientToServerEvents,
  type Eviction,
  type Frame,
  type Replica,
  type ServerToClientEvents,
  type ShuttingDown,
  type UpstreamStatus,
  type Snapshot,
  type StreamEvent,
  type SyncOutcome,
} from '@shared';
import { io, type Socket } from 'socket.io-client';

/** A real socket.io-client driven by the shared replica, recording everything it showed. */
export interface LiveClient {
  socket: Socket<ServerToClientEvents, ClientToServerEvents>;
  replica: Replica;
  /** Every event the client showed, in order (snapshot feed excluded). */
  shown: StreamEvent[];
  snapshots: Snapshot[];
  frames: Frame[];
  incompatible: string[];
  connectErrors: string[];
  /** `server:shutdown` notices received. */
  shutdowns: ShuttingDown[];
  /** `server:upstream` reports received (the server's link to Redis). */
  upstream: UpstreamStatus[];
  /** `server:evicted` notices received (disconnected on purpose: too many sockets, flooding). */
  evictions: Eviction[];
  close(): void;
}

export function connectLiveClient(
  url: string,
  options: {
    cursor?: string;
    protocol?: number;
    cookie?: string;
    /** Negotiate permessage-deflate (as browsers and engine.io-client do by default): compressed snapshots. */
    deflate?: boolean;
  } = {},
): LiveClient {
  const replica = createReplica();
  let resumeCursor = options.cursor;
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(url, {
    transports: ['websocket'],
    ...(options.deflate === false ? { transportOptions: { websocket: { perMessageDeflate: false } } } : {}),
    ...(options.cookie ? { extraHeaders: { cookie: options.cookie } } : {}),
    reconnectionDelay: 50,
    reconnectionDelayMax: 200,
    auth: (cb) =>
      cb({ protocol: options.protocol ?? PROTOCOL_VERSION, ...(resumeCursor ? { cursor: resumeCursor } : {}) }),
  });
  if (options.cursor) replica.state.cursor = options.cursor;
  const client: LiveClient = {
    socket,
    replica,
    shown: [],
    snapshots: [],
    frames: [],
    incompatible: [],
    connectErrors: [],
    shutdowns: [],
    upstream: [],
    evictions: [],
    close: () => socket.close(),
  };
  /** As the dashboard does: a resume refused as too fast is asked again when the server says it may be. */
  const resume = (cursor: string): void => {
    socket.emit('sync:resume', { cursor }, (result) => {
      if (result.ok || result.code !== 'rate_limited') return;
      setTimeout(() => {
        if (socket.connected) resume(cursor);
      }, result.retryAfterMs ?? 1000);
    });
  };
  const handle = (outcome: SyncOutcome): void => {
    client.shown.push(...outcome.events);
    resumeCursor = replica.state.cursor;
    if (outcome.gap) resume(outcome.gap);
  };
  socket.on('sync:snapshot', (snapshot) => {
    client.snapshots.push(snapshot);
    handle(loadSnapshot(replica, snapshot));
  });
  socket.on('sync:frame', (frame) => {
    client.frames.push(frame);
    handle(applyFrame(replica, frame));
  });
  socket.on('sync:incompatible', (info) => client.incompatible.push(info.message));
  socket.on('server:shutdown', (info) => client.shutdowns.push(info));
  socket.on('server:upstream', (status) => client.upstream.push(status));
  socket.on('server:evicted', (info) => client.evictions.push(info));
  socket.on('disconnect', () => markUnsynced(replica));
  socket.on('connect_error', (error) => client.connectErrors.push(error.message));
  return client;
}
