import WebSocket from 'ws';
import { compareStreamIds, PROTOCOL_VERSION, type Frame } from '@shared';
import { stampOf } from './lib/traffic';

/**
 * A load-generator client lighter than the server (issue "Benchmarks", harness rules): one
 * raw WebSocket speaking Engine.IO v4 / Socket.IO v5 by hand. It answers pings and reads only
 * the head of each message (the frame's `from` and `cursor`, a snapshot's `cursor`), enough
 * to count frames and find gaps; only a sampled client parses whole frames, to take each
 * event's latency from its stamp. So a thousand of them cost the bench process little and
 * the server's figures are the server's.
 */
export interface RawClient {
  frames(): number;
  /** Bytes received. */
  bytes(): number;
  /** Frames whose `from` was past the cursor the client held: events it never got. */
  gaps(): number;
  snapshots(): number;
  /** Events received in frames (sampled clients only). */
  events(): number;
  /** Stops reading from the socket (a stalled screen): the server's buffers fill. */
  pause(): void;
  resume(): void;
  close(): void;
}

export interface RawClientOptions {
  /** Parse every frame and call this with each event's latency (ms, receive − stamp). */
  onLatency?: (ms: number, stampMicros: number) => void;
}

const FRAME_HEAD = /^42\["sync:frame",\{"from":"([^"]*)","cursor":"([^"]*)","replay":(true|false)/;
const SNAPSHOT_HEAD = /^42\["sync:snapshot",\{"protocol":\d+,"cursor":"([^"]*)"/;
const HEAD_BYTES = 160;

export function connectRawClient(baseUrl: string, cookie: string, options: RawClientOptions = {}): Promise<RawClient> {
  const url = `${baseUrl.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`;
  const ws = new WebSocket(url, { headers: { cookie }, perMessageDeflate: false });
  let frames = 0;
  let bytes = 0;
  let gaps = 0;
  let snapshots = 0;
  let events = 0;
  let cursor: string | null = null;
  const client: RawClient = {
    frames: () => frames,
    bytes: () => bytes,
    gaps: () => gaps,
    snapshots: () => snapshots,
    events: () => events,
    pause: () => ws.pause(),
    resume: () => ws.resume(),
    close: () => ws.close(),
  };
  return new Promise((resolve, reject) => {
    ws.on('error', reject);
    ws.on('message', (data: Buffer) => {
      bytes += data.length;
      const head = data.toString('utf8', 0, Math.min(data.length, HEAD_BYTES));
      const frame = FRAME_HEAD.exec(head);
      if (frame) {
        frames += 1;
        const [, from, to] = frame as unknown as [string, string, string];
        if (cursor !== null && compareStreamIds(from, cursor) > 0) gaps += 1;
        if (cursor === null || compareStreamIds(to, cursor) > 0) cursor = to;
        if (options.onLatency) {
          const now = performance.timeOrigin + performance.now();
          const body = JSON.parse(data.toString('utf8', 2)) as [string, Frame];
          for (const event of body[1].events) {
            events += 1;
            const stamp = stampOf(event.id);
            if (Number.isFinite(stamp)) options.onLatency(now - stamp / 1000, stamp);
          }
        }
        return;
      }
      const snapshot = SNAPSHOT_HEAD.exec(head);
      if (snapshot) {
        snapshots += 1;
        cursor = snapshot[1] as string;
      } else if (head === '2')
        ws.send('3'); // Engine.IO ping → pong
      else if (head.startsWith('0')) ws.send(`40${JSON.stringify({ protocol: PROTOCOL_VERSION })}`);
      else if (head.startsWith('40')) resolve(client);
      else if (head.startsWith('44')) reject(new Error(`refused: ${head}`));
    });
  });
}
