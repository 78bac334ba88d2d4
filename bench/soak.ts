/**
 * Soak (issue "Delivery guarantees…"): 200 events/s for 10 minutes (BENCH_SOAK_MINUTES) with
 * 200 socket clients against a server in its own process. Prints the server's heap after a
 * full GC at minute 1 and at the end (target: within ±10 %) and the event-loop delay p99.
 * The stream is pre-filled with 200,000 events first, so the bounded structures (de-dup
 * window, recently closed appeals) are already full and minute 1 is steady state.
 */
import { createClient } from 'redis';
import { startWorker, type WorkerMessage } from './lib/processes';
import { runTag, steadyEvent } from './lib/traffic';
import { connectRawClient, type RawClient } from './rawClient';
import { BENCH_USER } from './workers/server';
import { deletePrefix, testRedisUrl, uniquePrefix } from '../test/support/redis';

/** This run's appeals: the shared steady mix (bench/lib/traffic.ts), every event valid and applied. */
const tag = runTag();
const steady = (i: number, at: number, perSecond: number): string => steadyEvent(tag, i, at * 1000, perSecond);

interface Sample {
  heapUsedMb: number;
  rssMb: number;
  lagP99Ms: number;
  lagMaxMs: number;
  appeals: number;
  applied: number;
}

export async function benchSoak(): Promise<Record<string, number>> {
  const minutes = Number(process.env.BENCH_SOAK_MINUTES ?? 10);
  const rate = 200;
  const clients = 200;
  const prefill = 200_000;
  const url = testRedisUrl();
  const prefix = uniquePrefix('bench-soak');
  const redis = await createClient({ url }).connect();
  let counter = 0;
  // Pre-fill as if the last ~17 minutes had run at this rate.
  const prefillStart = Date.now() - (prefill / rate) * 1000;
  for (; counter < prefill;) {
    const batch = redis.multi();
    for (let j = 0; j < 1000; j += 1, counter += 1) {
      batch.xAdd(`${prefix}:events`, '*', {
        event: steady(counter, prefillStart + (counter * 1000) / rate, rate),
      });
    }
    await batch.exec();
  }

  // The server in its own process (bench/workers/server.ts), with --expose-gc for heaps after GC.
  const server = startWorker(
    'server',
    {
      REDIS_URL: url,
      REDIS_PREFIX: prefix,
      SERVER_CONFIG: JSON.stringify({ SNAPSHOT_INTERVAL_MS: '30000', SNAPSHOT_EVERY_EVENTS: '10000' }),
    },
    ['--expose-gc'],
  );
  const { port } = await server.next<{ kind: string; port: number }>('ready');
  const base = `http://127.0.0.1:${port}`;
  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(BENCH_USER),
  });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  // Raw Engine.IO clients: lighter than the server, so the heap measured is the server's own.
  const sockets: RawClient[] = [];
  for (let i = 0; i < clients; i += 1) sockets.push(await connectRawClient(base, cookie));

  // The least heap of three readings a second apart: a periodic projection snapshot holds its
  // JSON while Redis takes it, which is use, not growth.
  const sample = (): Promise<Sample> => server.request<Sample & WorkerMessage>({ kind: 'sample', readings: 3 });
  const started = Date.now();
  const samples: { minute: number; sample: Sample }[] = [];
  let nextSampleAt = 60_000;
  let sent = 0;
  while (Date.now() - started < minutes * 60_000) {
    const due = Math.floor(((Date.now() - started) / 1000) * rate);
    if (due > sent) {
      const batch = redis.multi();
      for (; sent < due; sent += 1, counter += 1) {
        batch.xAdd(`${prefix}:events`, '*', { event: steady(counter, Date.now(), rate) });
      }
      await batch.exec();
    }
    if (Date.now() - started >= nextSampleAt) {
      const s = await sample();
      samples.push({ minute: nextSampleAt / 60_000, sample: s });
      console.log(
        `soak minute ${nextSampleAt / 60_000}: heap ${s.heapUsedMb.toFixed(1)} MB after GC, rss ${s.rssMb.toFixed(0)} MB, ` +
          `loop delay p99 ${s.lagP99Ms.toFixed(1)} ms, ${s.appeals} appeals, ${s.applied} applied`,
      );
      nextSampleAt += 60_000;
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const last = await sample();
  for (const s of sockets) s.close();
  await server.stop();
  await redis.close();
  await deletePrefix(url, prefix);
  const first = samples[0]?.sample ?? last;
  return {
    minutes,
    eventsPerSec: rate,
    clients,
    eventsSent: sent,
    framesReceived: sockets.reduce((sum, c) => sum + c.frames(), 0),
    heapAfterGcMinute1Mb: first.heapUsedMb,
    heapAfterGcEndMb: last.heapUsedMb,
    heapChangePct: ((last.heapUsedMb - first.heapUsedMb) / first.heapUsedMb) * 100,
    rssEndMb: last.rssMb,
    loopDelayP99Ms: last.lagP99Ms,
    loopDelayMaxMs: last.lagMaxMs,
  };
}
