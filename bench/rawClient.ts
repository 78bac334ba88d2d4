import WebSocket from 'ws';
import { PROTOCOL_VERSION } from '@shared';

/**
 * A load-generator client lighter than the server (issue "Benchmarks", harness rules): one
 * raw WebSocket speaking Engine.IO v4 / Socket.IO v5 by hand. It answers pings, counts
 * frames by their prefix and parses nothing unless asked to sample, so a few hundred of
 * them cost the bench process little and the server's figures are the server's.
 */
export interface RawClient {
  frames(): number;
  /** Bytes received. */
  bytes(): number;
  close(): void;
}

const FRAME_PREFIX = '42["sync:frame"';

export function connectRawClient(baseUrl: string, cookie: string): Promise<RawClient> {
  const url = `${baseUrl.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`;
  const ws = new WebSocket(url, { headers: { cookie }, perMessageDeflate: false });
  let frames = 0;
  let bytes = 0;
  return new Promise((resolve, reject) => {
    ws.on('error', reject);
    ws.on('message', (data: Buffer) => {
      bytes += data.length;
      const head = data.toString('utf8', 0, Math.min(data.length, FRAME_PREFIX.length));
      if (head === '2')
        ws.send('3'); // Engine.IO ping → pong
      else if (head.startsWith('0')) ws.send(`40${JSON.stringify({ protocol: PROTOCOL_VERSION })}`);
      else if (head.startsWith('40')) {
        resolve({ frames: () => frames, bytes: () => bytes, close: () => ws.close() });
      } else if (head === FRAME_PREFIX) frames += 1;
    });
  });
}
