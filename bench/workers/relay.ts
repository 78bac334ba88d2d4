/**
 * The fan-out baseline: a bare relay with the same Socket.IO and frame interval as the
 * server, but nothing else — XREAD → parse → `io.emit('sync:frame')` every FRAME_MS, no
 * projection, no validation, no authentication, no scopes. What Ortalyq costs beyond this is
 * its own doing.
 * Env: REDIS_URL, STREAM_KEY, FRAME_MS. Parent: → 'ready' {port}; 'stop'.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createClient } from 'redis';
import { Server } from 'socket.io';
import { onParentMessage, sendToParent } from '../lib/processes';

const url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const key = process.env.STREAM_KEY as string;
const frameMs = Number(process.env.FRAME_MS ?? 100);

const redis = await createClient({ url }).connect();
const httpServer = createServer();
const io = new Server(httpServer, { transports: ['websocket'], perMessageDeflate: false });
io.on('connection', (socket) => {
  socket.emit('sync:snapshot', { protocol: 1, cursor });
});
await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));

let cursor = '$';
let flushed = '0-0';
let pending: unknown[] = [];
let isRunning = true;
const first = await redis.xRevRange(key, '+', '-', { COUNT: 1 });
cursor = first[0]?.id ?? '0-0';
flushed = cursor;

void (async () => {
  while (isRunning) {
    const reply = (await redis.xRead({ key, id: cursor }, { COUNT: 1000, BLOCK: 1000 })) as
      { messages: { id: string; message: Record<string, string> }[] }[] | null;
    for (const stream of reply ?? []) {
      for (const entry of stream.messages) {
        pending.push({ ...(JSON.parse(entry.message.event as string) as object), streamId: entry.id });
        cursor = entry.id;
      }
    }
  }
})();

const timer = setInterval(() => {
  if (pending.length === 0) return;
  io.emit('sync:frame', { from: flushed, cursor, replay: false, events: pending, serverTime: Date.now() });
  pending = [];
  flushed = cursor;
}, frameMs);

onParentMessage({
  async stop() {
    isRunning = false;
    clearInterval(timer);
    await io.close();
    redis.destroy();
    process.exit(0);
  },
});
sendToParent({ kind: 'ready', port: (httpServer.address() as AddressInfo).port });
