import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, HandshakeAuth, ServerToClientEvents } from '@shared';

/** The typed client socket (one event map, shared/src/events.ts). */
export type WallSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * A socket to the page's own origin (same origin in production; the Vite dev server
 * proxies /socket.io). `auth` is a function so every reconnect sends the latest cursor.
 * Not connected yet: the caller binds its handlers first.
 *
 * WebSocket first, long-polling only if that fails: the snapshot is sent as the socket
 * connects, and over WebSocket it is the server's one compressed frame per scope, while over
 * a first long-poll it was gzipped again for every screen (seconds of CPU for a national
 * wall's 40 MB).
 */
export function createSocket(handshakeAuth: () => HandshakeAuth): WallSocket {
  return io({
    path: '/socket.io',
    transports: ['websocket', 'polling'],
    tryAllTransports: true,
    autoConnect: false,
    auth: (cb) => cb(handshakeAuth()),
  });
}
