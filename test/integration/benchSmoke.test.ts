import { afterAll, describe, expect, it } from 'vitest';
import { measureLoad, startTarget } from '../../bench/fanout';
import { nowMicros, startWorker } from '../../bench/lib/processes';
import { fillStream } from '../../bench/lib/redisSetup';
import { openAppealEvent, runTag } from '../../bench/lib/traffic';
import { deletePrefix, testRedisUrl, uniquePrefix } from '../support/redis';

/**
 * The benchmarks' smoke profile (issue "Benchmarks": a small scale may run in `npm test`, with
 * loose bounds, to keep the harness from rotting): the fan-out harness — server, producer and
 * raw clients in processes of their own — against the real server at a tenth of a tenth of the
 * load. Correctness only; no timing is asserted.
 */
const prefixes: string[] = [];
afterAll(async () => {
  for (const prefix of prefixes) await deletePrefix(testRedisUrl(), prefix);
});

describe('benchmark harness, smoke profile', () => {
  it('delivers every producer event to every raw client without a gap, and measures its latency', async () => {
    const prefix = uniquePrefix('bench-smoke');
    prefixes.push(prefix);
    const tag = runTag();
    await fillStream(`${prefix}:events`, 200, (i) => openAppealEvent(tag, i, nowMicros()));
    const running = await startTarget('ortalyq', prefix);
    const clients = startWorker('clients', {
      BASE_URL: running.baseUrl,
      COOKIE: running.cookie,
      COUNT: '20',
      SAMPLED: '4',
    });
    try {
      await clients.next('ready');
      const run = await measureLoad(prefix, running, clients, { clients: 20, rate: 100 });
      expect(run.sent).toBeGreaterThan(500);
      // Every sampled client saw every event stamped in the window; no client saw a gap.
      expect(run.lost).toBe(0);
      expect(run.gaps).toBe(0);
      expect(run.p50Ms).toBeGreaterThan(0);
      expect(run.p99Ms).toBeGreaterThanOrEqual(run.p50Ms);
      expect(run.serverCpu).toBeGreaterThan(0);
    } finally {
      await clients.stop();
      await running.server.stop();
    }
  }, 60_000);
});
