/**
 * `npm run bench`: first figures for the live pipeline on 127.0.0.1, each beside a bare
 * baseline measured in the same run (these machines are noisy; ratios are stable).
 * Everything is bounded in time and cleans its Redis keys. Not a test: it prints.
 *
 * Cases now: ingest (XADD → applied to the projection vs a plain XREAD-into-a-Map
 * consumer), fan-out latency (XADD → socket client) and the wall's map in headless
 * Chromium (mapBrowser.ts: long tasks under 100 events/s over 20,000 markers) and the soak
 * (soak.ts: 200 events/s for 10 min with 200 clients, heap after GC). The full
 * harness of the benchmarks issue (separate processes, raw ws clients, 1,000 clients)
 * builds on this.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { createClient } from 'redis';
import { io, type Socket } from 'socket.io-client';
import { PROTOCOL_VERSION, type ClientToServerEvents, type ServerToClientEvents } from '@shared';
import { createApp } from '../server/src/app';
import { parseConfig } from '../server/src/config';
import { createSilentLogger } from '../server/src/logger';
import { createProjectionStore } from '../server/src/projection/createProjectionStore';
import { createRedisLog } from '../server/src/stream/redisLog';
import { deletePrefix, testRedisUrl, uniquePrefix } from '../test/support/redis';
import { appealRegistered } from '../test/support/events';
import { benchMapBrowser } from './mapBrowser';
import { benchSoak } from './soak';

const url = testRedisUrl();
const logger = createSilentLogger();
const scale = Number(process.env.BENCH_SCALE ?? 1);

function percentile(sorted: number[], q: number): number {
  return sorted.length === 0 ? NaN : (sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] as number);
}

async function fill(prefix: string, count: number): Promise<number> {
  const client = await createClient({ url }).connect();
  const started = performance.now();
  for (let i = 0; i < count; i += 1000) {
    const batch = client.multi();
    for (let j = i; j < Math.min(count, i + 1000); j += 1) {
      batch.xAdd(`${prefix}:events`, '*', { event: JSON.stringify(appealRegistered({ region: 'KZ-75' })) });
    }
    await batch.exec();
  }
  const seconds = (performance.now() - started) / 1000;
  await client.close();
  return count / seconds;
}

async function benchIngest(): Promise<Record<string, number>> {
  const count = Math.round(50_000 * scale);
  const prefix = uniquePrefix('bench-ingest');
  try {
    const xaddRate = await fill(prefix, count);
    const log = await createRedisLog({ url, prefix, logger });
    // Baseline: XREAD batches into a Map, nothing else.
    let started = performance.now();
    const plain = new Map<string, string>();
    for (let cursor = '0-0'; ;) {
      const entries = await log.read('events', cursor, 1000, 10);
      if (entries.length === 0) break;
      for (const e of entries) plain.set(e.id, e.fields.event as string);
      cursor = (entries[entries.length - 1] as { id: string }).id;
    }
    const plainRate = count / ((performance.now() - started) / 1000);
    // Ortalyq: decode + validate + apply to the projection.
    const store = createProjectionStore({ log, logger, locate: null, now: Date.now, snapshotEveryEntries: 10_000_000 });
    started = performance.now();
    for (let cursor = '0-0'; ;) {
      const entries = await log.read('events', cursor, 1000, 10);
      if (entries.length === 0) break;
      await store.ingest(entries);
      cursor = (entries[entries.length - 1] as { id: string }).id;
    }
    const ingestRate = count / ((performance.now() - started) / 1000);
    await log.close();
    return {
      events: count,
      xaddPerSec: xaddRate,
      plainConsumerPerSec: plainRate,
      ingestPerSec: ingestRate,
      ratio: ingestRate / plainRate,
    };
  } finally {
    await deletePrefix(url, prefix);
  }
}

async function benchLatency(): Promise<Record<string, number>> {
  const clients = Math.round(50 * scale);
  const rate = 200;
  const seconds = 5;
  const prefix = uniquePrefix('bench-latency');
  const log = await createRedisLog({ url, prefix, logger });
  const app = createApp({
    config: parseConfig({
      FRAME_INTERVAL_MS: '100',
      SNAPSHOT_INTERVAL_MS: '3600000',
      SNAPSHOT_EVERY_EVENTS: '1000000',
    }),
    log,
    logMode: 'external',
    logger,
  });
  await app.start();
  await new Promise<void>((resolve) => app.httpServer.listen(0, '127.0.0.1', resolve));
  const { port } = app.httpServer.address() as AddressInfo;
  const latencies: number[] = [];
  // Wall screens sign in too: one operator session shared by every bench socket.
  await app.access.users.add({ username: 'bench', password: 'bench-password', role: 'operator', regions: 'all' });
  const login = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'bench', password: 'bench-password' }),
  });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const sockets = Array.from({ length: clients }, () => {
    const socket = io(`http://127.0.0.1:${port}`, {
      transports: ['websocket'],
      extraHeaders: { cookie },
      auth: { protocol: PROTOCOL_VERSION },
    }) as Socket<ServerToClientEvents, ClientToServerEvents>;
    socket.on('sync:frame', (frame) => {
      const now = Date.now();
      for (const e of frame.events) {
        const sentAt = Number(e.id.split(':')[1]);
        if (sentAt) latencies.push(now - sentAt);
      }
    });
    return socket;
  });
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const producer = await createRedisLog({ url, prefix, logger });
  const total = rate * seconds;
  const started = Date.now();
  for (let i = 0; i < total; i += 1) {
    const due = started + (i * 1000) / rate;
    const wait = due - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const envelope = { ...appealRegistered(), id: `bench:${Date.now()}:${i}` };
    await producer.append('events', { event: JSON.stringify(envelope) });
  }
  await new Promise((resolve) => setTimeout(resolve, 1000));
  for (const s of sockets) s.close();
  await app.close();
  await producer.close();
  await log.close();
  await deletePrefix(url, prefix);
  latencies.sort((a, b) => a - b);
  return {
    clients,
    eventsPerSec: rate,
    delivered: latencies.length,
    expected: total * clients,
    p50Ms: percentile(latencies, 0.5),
    p99Ms: percentile(latencies, 0.99),
    maxMs: latencies[latencies.length - 1] ?? NaN,
  };
}

/** Each case by name: `npm run bench` runs them all, `npm run bench -- soak map` only those. */
type Figures = Record<string, number | boolean>;
const CASES: Record<string, () => Promise<Figures>> = {
  ingest: benchIngest,
  latency: benchLatency,
  map: async () => ({ ...(await benchMapBrowser(scale)) }),
  soak: benchSoak,
};
const asked = process.argv.slice(2);
const unknown = asked.filter((name) => !(name in CASES));
if (unknown.length > 0) {
  console.error(`unknown bench case(s): ${unknown.join(', ')}; known: ${Object.keys(CASES).join(', ')}`);
  process.exit(2);
}
const results: Record<string, unknown> = { date: new Date().toISOString(), scale };
for (const name of asked.length > 0 ? asked : Object.keys(CASES)) {
  const figures = await (CASES[name] as () => Promise<Figures>)();
  results[name] = figures;
  console.table(
    Object.entries(figures).map(([k, v]) => ({
      [name]: k,
      value: typeof v === 'number' ? Math.round(v * 100) / 100 : v,
    })),
  );
}
mkdirSync('bench/results', { recursive: true });
const file = `bench/results/${String(results.date).slice(0, 10)}.json`;
writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
console.log(`written ${file}`);
