import type { WallStore } from '../state/wallStore';
import { manualReconnectDelay, type DisconnectReason } from './reconnectPolicy';
import type { WallSocket } from './socket';

/** How long a `sync:resume` may take before we give up and ask for a snapshot. */
export const RESUME_TIMEOUT_MS = 15_000;

/**
 * Wires socket events into the store and answers gaps with `sync:resume`
 * (design.md "Real-time protocol"). Returns a function that unbinds everything.
 */
export function bindSocket(socket: WallSocket, store: WallStore): () => void {
  let shutdownDelayMs: number | null = null;
  let isIncompatible = false;
  let resumingFrom: string | null = null;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;

  const scheduleReconnect = (reason: DisconnectReason | 'connect_error'): void => {
    const delay = manualReconnectDelay(reason, {
      isIncompatible,
      shutdownDelayMs,
      isActive: socket.active,
      random: Math.random(),
    });
    if (delay === null || retryTimer !== null) return;
    retryTimer = setTimeout(() => {
      retryTimer = null;
      if (!socket.connected && !isIncompatible) socket.connect();
    }, delay);
  };

  /** Resync from scratch: reconnect without a cursor, the server sends a snapshot. */
  const restart = (): void => {
    store.requireSnapshot();
    socket.disconnect();
    socket.connect();
  };

  const resume = (cursor: string | null): void => {
    if (cursor === null || cursor === resumingFrom) return;
    resumingFrom = cursor;
    socket.timeout(RESUME_TIMEOUT_MS).emit('sync:resume', { cursor }, (err, result) => {
      resumingFrom = null;
      if (err || !result.ok) restart();
    });
  };

  socket.on('connect', () => {
    shutdownDelayMs = null;
    store.connected();
  });
  socket.on('disconnect', (reason) => {
    resumingFrom = null;
    store.disconnected();
    scheduleReconnect(reason);
  });
  socket.on('connect_error', () => {
    store.disconnected();
    scheduleReconnect('connect_error');
  });
  socket.on('sync:snapshot', (snapshot) => resume(store.receiveSnapshot(snapshot)));
  socket.on('sync:frame', (frame) => resume(store.receiveFrame(frame)));
  socket.on('stats:update', (stats) => store.receiveStats(stats));
  socket.on('sync:incompatible', (info) => {
    isIncompatible = true;
    store.incompatible(info);
    socket.disconnect();
  });
  socket.on('server:shutdown', (info) => {
    shutdownDelayMs = info.reconnectInMs;
  });

  return () => {
    if (retryTimer !== null) clearTimeout(retryTimer);
    socket.removeAllListeners();
  };
}
