import {
  MAX_QUEUED_BYTES,
  MAX_QUEUED_MESSAGES,
  type ClientToServerEvents,
  type InterServerEvents,
  type ServerToClientEvents,
  type SocketData,
} from '@shared';
import type { Socket } from 'socket.io';

type IoSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

export interface Backlog {
  /** Messages engine.io holds that the transport has not taken yet (its private write buffer). */
  messages: number;
  /** Their size plus what the WebSocket has not handed to the kernel yet, in bytes (UTF-16 units for a packet without its frame). */
  bytes: number;
}

/**
 * What a socket's connection holds that has not gone out yet (engine.io's queue and the WebSocket's).
 * Reads engine.io's private `writeBuffer` and ws's `bufferedAmount`: neither library exposes a
 * socket's queued bytes nor caps it (https://github.com/socketio/engine.io/issues/420).
 */
export function backlogOf(socket: IoSocket): Backlog {
  const conn = socket.conn as unknown as {
    writeBuffer?: { data?: unknown; options?: { wsPreEncodedFrame?: readonly Buffer[] } }[];
    transport: { socket?: { bufferedAmount?: number } };
  };
  const buffer = conn.writeBuffer ?? [];
  let bytes = conn.transport.socket?.bufferedAmount ?? 0;
  for (const packet of buffer) {
    // A packet with its WebSocket frame is counted in the frame's bytes, as the WebSocket will
    // count it once it takes it: a snapshot's string counts Cyrillic text at half its UTF-8 size.
    const frame = packet.options?.wsPreEncodedFrame;
    if (frame) for (const part of frame) bytes += part.length;
    else if (typeof packet.data === 'string') bytes += packet.data.length;
  }
  return { messages: buffer.length, bytes };
}

/**
 * Whether a socket is too far behind to get more frames. `allowed` is what is left of its last
 * snapshot or replay (allowed beyond the limit, shrinking as it drains): while that is still on
 * its way, the frames queued behind it are counted by their bytes only, since a client parsing
 * a 17 MB snapshot lets dozens of small frames queue up and must not be sent a second snapshot
 * for that; their bytes still bound what it may hold.
 */
export function isTooFarBehind(backlog: Backlog, allowed: number): boolean {
  if (backlog.bytes - allowed > MAX_QUEUED_BYTES) return true;
  return allowed === 0 && backlog.messages > MAX_QUEUED_MESSAGES;
}

/** The per-socket queue cap, with the allowance a snapshot or replay gets beyond it. */
export interface BacklogLedger {
  /** What is queued now (a snapshot, a replay) is allowed beyond the cap, shrinking as it drains. */
  allowQueued(socket: IoSocket): void;
  /** The socket's backlog and what is left of its allowance (shrunk to what is still queued). */
  measure(socket: IoSocket): { backlog: Backlog; allowed: number };
  /**
   * Whether one more reply may be queued for the socket: it is not paused as too far behind and
   * its backlog is within the cap now (checked at the moment of sending, not only on the timer
   * that pauses sockets, so a burst of replies cannot run past the cap in between).
   */
  hasRoom(socket: IoSocket): boolean;
}

export function createBacklogLedger(): BacklogLedger {
  const allowance = new WeakMap<IoSocket, number>();
  function measure(socket: IoSocket): { backlog: Backlog; allowed: number } {
    const backlog = backlogOf(socket);
    const allowed = Math.min(allowance.get(socket) ?? 0, backlog.bytes);
    allowance.set(socket, allowed);
    return { backlog, allowed };
  }
  return {
    allowQueued(socket) {
      allowance.set(socket, backlogOf(socket).bytes);
    },
    measure,
    hasRoom(socket) {
      if (socket.data.isBehind) return false;
      const { backlog, allowed } = measure(socket);
      return !isTooFarBehind(backlog, allowed);
    },
  };
}
