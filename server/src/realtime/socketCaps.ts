import type { EvictionReason } from '@shared';
import type { Logger } from '../logger';
import type { IoServer } from './createRealtime';

/** How many sockets one sign-in, one user and one kiosk link may hold open at once. */
export interface SocketCaps {
  perSession: number;
  perUser: number;
  perKiosk: number;
}

/** What `enforceSocketCaps` needs to know of the socket that just connected. */
export interface NewSocket {
  id: string;
  sessionRoom: string;
  subjectRoom: string;
  isKiosk: boolean;
}

/**
 * Holds a session, user or kiosk link to its cap after a new socket joined: the oldest sockets
 * beyond the cap (by `connectedAt`) are told why (`server:evicted`) and disconnected, never the
 * new one. `fetchSockets` goes through the Socket.IO adapter, so with the cluster adapter the
 * count covers every node and the oldest socket may be on another one; two sockets connecting
 * on two nodes at the same moment may each miss the other, leaving one extra until the next.
 * A node that does not answer (the adapter's request timeout) leaves the caps unchecked for
 * this socket rather than refusing it.
 */
export async function enforceSocketCaps(
  io: IoServer,
  socket: NewSocket,
  caps: SocketCaps,
  logger: Logger,
): Promise<void> {
  const checks: { room: string; limit: number; reason: EvictionReason }[] = [
    { room: socket.sessionRoom, limit: caps.perSession, reason: 'session_sockets' },
    socket.isKiosk
      ? { room: socket.subjectRoom, limit: caps.perKiosk, reason: 'kiosk_sockets' }
      : { room: socket.subjectRoom, limit: caps.perUser, reason: 'user_sockets' },
  ];
  const evicted = new Set<string>();
  for (const check of checks) {
    const open = (await io.in(check.room).fetchSockets()).filter((s) => !evicted.has(s.id));
    if (open.length <= check.limit) continue;
    const oldest = open
      .filter((s) => s.id !== socket.id)
      .sort((a, b) => a.data.connectedAt - b.data.connectedAt || (a.id < b.id ? -1 : 1))
      .slice(0, open.length - check.limit);
    for (const old of oldest) {
      evicted.add(old.id);
      // Told first: the client then shows why instead of reconnecting (which would push out the next one).
      old.emit('server:evicted', { reason: check.reason, limit: check.limit });
      old.disconnect(true);
    }
    logger.info(
      { user: oldest[0]?.data.user.username, reason: check.reason, limit: check.limit, evicted: oldest.length },
      'too many sockets: the oldest disconnected',
    );
  }
}
