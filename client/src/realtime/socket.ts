import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, HandshakeAuth, ServerToClientEvents } from '@shared';

/** The typed client socket (one event map, shared/src/events.ts). */
export type WallSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * A socket to the page's own origin (same origin in production; the Vite dev server
 * proxies /socket.io). `auth` is a function so every reconnect sends the latest cursor.
 * Not connected yet: the caller binds its handlers first.
 */
export function createSocket(handshakeAuth: () => HandshakeAuth): WallSocket {
  return io({
    path: '/socket.io',
    autoConnect: false,
    auth: (cb) => cb(handshakeAuth()),
  });
}
