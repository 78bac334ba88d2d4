import type { Server as HttpServer } from 'node:http';
import { MAX_SOCKET_MESSAGE_BYTES } from '@shared';
import { Server, type ServerOptions } from 'socket.io';
import type { IoServer } from './createRealtime';
import { SnapshotDeflateServer } from './wireEncoding';

/**
 * The Socket.IO server on the HTTP server. Create it after Express is the request listener:
 * engine.io wraps the existing listener and keeps /socket.io/ to itself (a listener added
 * later would answer those requests too).
 */
export function createIoServer(
  httpServer: HttpServer,
  options: { isAllowedOrigin: (origin: string) => boolean; adapter?: ServerOptions['adapter'] },
): IoServer {
  return new Server(httpServer, {
    maxHttpBufferSize: MAX_SOCKET_MESSAGE_BYTES,
    serveClient: false,
    // Off (the default, kept on purpose): with it a broadcast is compressed per socket, which
    // defeats the frame Socket.IO encodes once for a whole room. Snapshots alone go out
    // compressed, through the WebSocket server's own negotiation (SnapshotDeflateServer).
    perMessageDeflate: false,
    wsEngine: SnapshotDeflateServer,
    ...(options.adapter ? { adapter: options.adapter } : {}),
    // Browsers always send Origin on a WebSocket/XHR handshake; a foreign one is refused
    // before any session lookup. Non-browser clients (no Origin) still need a session.
    allowRequest: (req, callback) => {
      const origin = req.headers.origin;
      callback(null, origin === undefined || options.isAllowedOrigin(origin));
    },
  });
}
