import type { Socket } from 'socket.io';
import { promisify } from 'node:util';
import { constants as zlibConstants, deflateRaw } from 'node:zlib';
import WebSocket, { WebSocketServer, type ServerOptions } from 'ws';

/**
 * How realtime messages go on the wire: Socket.IO packets encoded once for many sockets, and
 * snapshots compressed once per encoding (permessage-deflate) for the sockets that accept it.
 */

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
export function preEncodedFrame(payload: Buffer, isCompressed = false): unknown {
  const { Sender } = WebSocket as unknown as { Sender: { frame(data: Buffer, options: object): unknown } };
  return Sender.frame(payload, { readOnly: false, mask: false, rsv1: isCompressed, opcode: 1, fin: true });
}

/** An Engine.IO message packet (type "4") of an encoded Socket.IO packet, as UTF-8. */
export function enginePayload(packet: string): Buffer {
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
export async function deflatedFrame(payload: Buffer): Promise<unknown> {
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
export function acceptsDeflate(socket: Socket): boolean {
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
export interface SnapshotTiming {
  startedAt: number;
  wasCached: boolean;
  isCompressed: boolean;
}

/** A snapshot encoded once for every socket of its scope and reason. */
export interface EncodedSnapshot {
  cursor: string;
  encoded: string;
  /** The WebSocket frame of `encoded`. */
  frame: unknown;
  /** The same compressed (permessage-deflate), made on first use. */
  deflated(): Promise<unknown>;
}
