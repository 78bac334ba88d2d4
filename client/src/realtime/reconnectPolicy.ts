/** Why a socket closed (Socket.DisconnectReason of socket.io-client). */
export type DisconnectReason =
  | 'io server disconnect'
  | 'io client disconnect'
  | 'ping timeout'
  | 'transport close'
  | 'transport error'
  | 'parse error';

/** Wait before reconnecting after the server closed us without saying when. */
export const DEFAULT_RECONNECT_MS = 2000;
/** Random extra wait so a whole situation room does not reconnect in the same millisecond. */
export const RECONNECT_JITTER_MS = 1000;
/** Wait before trying again after the server refused the handshake. */
export const REFUSED_RETRY_MS = 5000;

export interface ReconnectContext {
  /** The server said our protocol is incompatible: only a reload helps. */
  isIncompatible: boolean;
  /** The delay a `server:shutdown` asked for, if one came. */
  shutdownDelayMs: number | null;
  /** socket.io-client is already retrying on its own (`socket.active`). */
  isActive: boolean;
  /** 0 ≤ random < 1. */
  random: number;
}

/**
 * Milliseconds to wait before calling `socket.connect()` ourselves, or null when
 * socket.io-client reconnects by itself (transport loss) or must not (we closed it,
 * or the protocol is incompatible). socket.io-client stays down after
 * "io server disconnect" (e.g. a node shutting down) and after a refused handshake.
 */
export function manualReconnectDelay(
  reason: DisconnectReason | 'connect_error',
  context: ReconnectContext,
): number | null {
  if (context.isIncompatible) return null;
  const jitter = Math.floor(context.random * RECONNECT_JITTER_MS);
  if (reason === 'io server disconnect') return (context.shutdownDelayMs ?? DEFAULT_RECONNECT_MS) + jitter;
  if (reason === 'connect_error') return context.isActive ? null : REFUSED_RETRY_MS + jitter;
  return null;
}

/**
 * True when a refused handshake says we have no valid session (server/src/realtime:
 * `next(new Error('unauthorized: …'))`). Retrying cannot help: only signing in does.
 * Other refusals ("authentication unavailable, retry") are worth retrying.
 */
export function isUnauthorizedError(error: unknown): boolean {
  const message = error instanceof Error ? error.message : typeof error === 'string' ? error : '';
  return message.toLowerCase().startsWith('unauthorized');
}

/**
 * After "io server disconnect" the server either shuts down (it said so with
 * `server:shutdown` first) or dropped us on purpose: user disabled, kiosk token revoked,
 * role or regions changed. In the second case the session must be re-read before
 * reconnecting, or a revoked screen would knock on the door forever.
 */
export function shouldVerifySession(
  reason: DisconnectReason,
  context: Pick<ReconnectContext, 'isIncompatible' | 'shutdownDelayMs'>,
): boolean {
  return reason === 'io server disconnect' && context.shutdownDelayMs === null && !context.isIncompatible;
}
