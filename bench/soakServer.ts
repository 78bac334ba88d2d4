/**
 * The server of the soak benchmark, in its own process (run with --expose-gc), so its heap
 * is measured alone. Talks to bench/soak.ts over IPC: 'ready' with its port, then answers
 * each 'sample' with the heap after a full GC and the event-loop delay so far.
 */
import type { AddressInfo } from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createApp } from '../server/src/app';
import { parseConfig } from '../server/src/config';
import { createSilentLogger } from '../server/src/logger';
import { createRedisLog } from '../server/src/stream/redisLog';

const logger = createSilentLogger();
const url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = process.env.REDIS_PREFIX ?? 'bench-soak';
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');

const log = await createRedisLog({ url, prefix, logger });
const app = createApp({
  config: parseConfig({ SNAPSHOT_INTERVAL_MS: '30000', SNAPSHOT_EVERY_EVENTS: '10000' }),
  log,
  logMode: 'external',
  logger,
});
await app.start();
await new Promise<void>((resolve) => app.httpServer.listen(0, '127.0.0.1', resolve));
await app.access.users.add({ username: 'soak', password: 'soak-password', role: 'operator', regions: 'all' });
const lag = monitorEventLoopDelay({ resolution: 10 });
lag.enable();

/**
 * Heap after a full GC, the least of three readings a second apart: a periodic projection
 * snapshot holds its JSON (tens of MB) while Redis takes it, which is use, not growth.
 */
async function sampleHeap(): Promise<NodeJS.MemoryUsage> {
  let least: NodeJS.MemoryUsage | null = null;
  for (let i = 0; i < 3; i += 1) {
    if (i > 0) await new Promise((resolve) => setTimeout(resolve, 1000));
    gc?.();
    gc?.();
    const memory = process.memoryUsage();
    if (!least || memory.heapUsed < least.heapUsed) least = memory;
  }
  return least as NodeJS.MemoryUsage;
}

process.on('message', (message: { kind: string }) => {
  if (message.kind === 'sample') {
    void sampleHeap().then((memory) =>
      process.send?.({
        kind: 'sample',
        heapUsedMb: memory.heapUsed / 2 ** 20,
        rssMb: memory.rss / 2 ** 20,
        lagP99Ms: lag.percentile(99) / 1e6,
        lagMaxMs: lag.max / 1e6,
        appeals: app.store.state.appeals.size,
        applied: app.store.state.counters.applied,
      }),
    );
  } else if (message.kind === 'stop') {
    void app.close().then(async () => {
      await log.close();
      process.exit(0);
    });
  }
});
process.send?.({ kind: 'ready', port: (app.httpServer.address() as AddressInfo).port });
