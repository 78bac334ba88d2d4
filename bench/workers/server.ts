/**
 * The real Ortalyq server in its own process for the benchmarks (createApp over Redis, as in
 * production), so its CPU seconds and heap are its own. Run with --expose-gc for heap figures.
 * Env: REDIS_URL, REDIS_PREFIX, SERVER_CONFIG (JSON of config variables, e.g.
 * {"FRAME_INTERVAL_MS":"100"}). Signs up an operator `bench` / `bench-password` (all regions).
 * Parent: → 'ready' {port, startMs, appeals}; 'sample' → 'sample' {heapUsedMb, rssMb,
 * lagP99Ms, lagMaxMs, appeals, applied}; 'stop' → closes like SIGTERM (final snapshot), exits.
 */
import type { AddressInfo } from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createApp } from '../../server/src/app';
import { parseConfig } from '../../server/src/config';
import { createSilentLogger } from '../../server/src/logger';
import { createRedisLog } from '../../server/src/stream/redisLog';
import { onParentMessage, sendToParent } from '../lib/processes';

export const BENCH_USER = { username: 'bench', password: 'bench-password' };

const logger = createSilentLogger();
const url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = process.env.REDIS_PREFIX as string;
const gc = (globalThis as { gc?: () => void }).gc;

const started = performance.now();
const log = await createRedisLog({ url, prefix, logger });
const app = createApp({
  config: parseConfig(JSON.parse(process.env.SERVER_CONFIG ?? '{}') as Record<string, string>),
  log,
  logMode: 'external',
  logger,
});
await app.start();
const startMs = performance.now() - started;
await new Promise<void>((resolve) => app.httpServer.listen(0, '127.0.0.1', resolve));
if (!(await app.access.users.get(BENCH_USER.username)))
  await app.access.users.add({ ...BENCH_USER, role: 'operator', regions: 'all' });
const lag = monitorEventLoopDelay({ resolution: 10 });
lag.enable();

onParentMessage({
  sample() {
    gc?.();
    gc?.();
    const memory = process.memoryUsage();
    sendToParent({
      kind: 'sample',
      heapUsedMb: memory.heapUsed / 2 ** 20,
      rssMb: memory.rss / 2 ** 20,
      lagP99Ms: lag.percentile(99) / 1e6,
      lagMaxMs: lag.max / 1e6,
      appeals: app.store.state.appeals.size,
      applied: app.store.state.counters.applied,
      sockets: app.io.engine.clientsCount,
    });
  },
  resetLag() {
    lag.reset();
    sendToParent({ kind: 'resetLag' });
  },
  async stop() {
    await app.close();
    await log.close();
    process.exit(0);
  },
});
sendToParent({
  kind: 'ready',
  port: (app.httpServer.address() as AddressInfo).port,
  startMs,
  appeals: app.store.state.appeals.size,
});
