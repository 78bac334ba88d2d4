import type { Claims } from '../auth/claims';
import { HandshakeRefusedError } from '../auth/passwordChange';
import type { Logger } from '../logger';
import type { IoServer } from './createRealtime';

/**
 * The handshake check every socket passes before `connection`: its claims (user, rooms) come
 * from the session cookie, never from what the client asks for.
 */
export function authenticateSockets(
  io: IoServer,
  authenticate: (cookieHeader: string | undefined) => Promise<Claims | null>,
  logger: Logger,
): void {
  // Every socket is authenticated by the same session cookie as HTTP; rooms come only
  // from the server-side claims, never from anything the client asks for.
  io.use((socket, next) => {
    authenticate(socket.handshake.headers.cookie).then(
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
}
