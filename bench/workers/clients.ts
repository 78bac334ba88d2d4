/**
 * Many raw WebSocket clients in one process (bench/rawClient.ts), the load generator of the
 * fan-out figures. Every client checks its frames for gaps by their cursors; SAMPLED of them,
 * spread over the connection order, parse whole frames and record each event's latency.
 * Env: BASE_URL, COOKIE, COUNT, SAMPLED.
 * Parent: → 'ready' {connected}; 'measure' {fromMicros, toMicros} (from now on, latencies of events
 * stamped in the window); 'stall' {count} (that many unsampled clients stop reading);
 * 'report' → {latencies, frames, bytes, gaps, snapshots, stalledSnapshots, sampledEvents}.
 */
import { connectRawClient, type RawClient } from '../rawClient';
import { onParentMessage, sendToParent } from '../lib/processes';
import { createReservoir } from '../lib/stats';

const baseUrl = process.env.BASE_URL as string;
const cookie = process.env.COOKIE ?? '';
const count = Number(process.env.COUNT);
const sampled = Math.min(count, Number(process.env.SAMPLED ?? 10));
const CONNECT_CONCURRENCY = 50;

let fromMicros = Number.POSITIVE_INFINITY;
let toMicros = Number.POSITIVE_INFINITY;
let latencies = createReservoir(200_000);
/** Events in the window per sampled client: all equal when nothing was lost. */
const windowEvents = new Map<number, number>();
const clients: RawClient[] = [];
const stalled = new Set<RawClient>();
const every = Math.max(1, Math.floor(count / Math.max(1, sampled)));

for (let i = 0; i < count; i += CONNECT_CONCURRENCY) {
  const batch: Promise<RawClient>[] = [];
  for (let j = i; j < Math.min(count, i + CONNECT_CONCURRENCY); j += 1) {
    const isSampled = j % every === 0 && j / every < sampled;
    if (isSampled) windowEvents.set(j, 0);
    batch.push(
      connectRawClient(
        baseUrl,
        cookie,
        isSampled
          ? {
              onLatency(ms, stamp) {
                if (stamp < fromMicros || stamp >= toMicros) return;
                latencies.add(ms);
                windowEvents.set(j, (windowEvents.get(j) ?? 0) + 1);
              },
            }
          : {},
      ),
    );
  }
  clients.push(...(await Promise.all(batch)));
}

const sum = (f: (c: RawClient) => number, of: Iterable<RawClient> = clients) => {
  let total = 0;
  for (const c of of) total += f(c);
  return total;
};

onParentMessage({
  measure(message) {
    fromMicros = Number(message.fromMicros);
    toMicros = Number(message.toMicros);
    for (const key of windowEvents.keys()) windowEvents.set(key, 0);
    latencies = createReservoir(200_000);
    sendToParent({ kind: 'measure' });
  },
  stall(message) {
    for (let i = 0; stalled.size < Number(message.count) && i < clients.length; i += 1) {
      const client = clients[i] as RawClient;
      if (!windowEvents.has(i)) {
        client.pause();
        stalled.add(client);
      }
    }
    sendToParent({ kind: 'stall', stalled: stalled.size });
  },
  resumeStalled() {
    for (const client of stalled) client.resume();
    sendToParent({ kind: 'resumeStalled' });
  },
  report() {
    const perClient = [...windowEvents.values()];
    sendToParent({
      kind: 'report',
      latencies: latencies.values(),
      latencyCount: latencies.count(),
      frames: sum((c) => c.frames()),
      bytes: sum((c) => c.bytes()),
      gaps: sum((c) => c.gaps()),
      snapshots: sum((c) => c.snapshots()),
      stalledSnapshots: sum((c) => c.snapshots(), stalled),
      sampledEventsMin: Math.min(...perClient),
      sampledEventsMax: Math.max(...perClient),
    });
  },
  stop() {
    for (const client of clients) client.close();
    setTimeout(() => process.exit(0), 200);
  },
});
sendToParent({ kind: 'ready', connected: clients.length });
