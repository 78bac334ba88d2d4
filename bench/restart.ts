/**
 * Restart (issue "Benchmarks": ready with 1,000,000 events in the stream ≤ 5 s, snapshot +
 * tail). Fills a stream with 1,000,000 events of the steady mix (appeal lifecycles at a
 * notional 1,000 events/s, so most appeals are closed again), starts a server process that
 * replays it all (the cold start, with no snapshot) and stops it (its final snapshot), appends
 * a 30 s tail at 1,000 events/s, then starts a new server process three times over that same
 * snapshot and tail: time from process start to ready (module loading included), split into
 * the snapshot's restore and the tail's replay, median of 3.
 */
import { loadavg } from 'node:os';
import { createClient } from 'redis';
import { target, type CaseResult } from './lib/figures';
import { nowMicros, startWorker, type WorkerMessage } from './lib/processes';
import { benchRedisUrl, deletePrefix, fillStream, uniquePrefix } from './lib/redisSetup';
import { median, medianRun } from './lib/stats';
import { runTag, steadyEvent } from './lib/traffic';

const EVENTS = 1_000_000;
const RATE = 1000;
const TAIL_SECONDS = 30;
const RUNS = 3;

interface Ready extends WorkerMessage {
  startMs: number;
  appStartMs: number;
  restoreMs: number;
  replayMs: number;
  replayed: number;
  appeals: number;
  heapUsedMb: number;
  cpuSeconds: number;
}

/** Rejects when `promise` has not settled within `ms`: the bench stops by itself, whatever a worker does. */
function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`bench: no ${what} within ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** One server process on the stream: its 'ready' figures, then stopped (final snapshot skipped if nothing changed). */
async function startAndStop(prefix: string): Promise<Ready> {
  const server = startWorker('server', { REDIS_URL: benchRedisUrl(), REDIS_PREFIX: prefix, SERVER_CONFIG: '{}' });
  try {
    // A cold start replays the whole stream: minutes on a busy machine at most.
    return await within(server.next<Ready>('ready'), 600_000, 'server ready');
  } finally {
    await server.stop(60_000);
  }
}

export async function benchRestart(scale: number): Promise<CaseResult> {
  const events = Math.round(EVENTS * scale);
  const tail = Math.round(TAIL_SECONDS * RATE * scale);
  const url = benchRedisUrl();
  const prefix = uniquePrefix('bench-restart');
  const key = `${prefix}:events`;
  const tag = runTag();
  // Stamps 1 ms apart ending now: the stream covers the last ~17 minutes at 1,000 events/s.
  const firstStamp = nowMicros() - (events + tail) * (1e6 / RATE);
  const stampOf = (i: number): number => firstStamp + i * (1e6 / RATE);
  const redis = await createClient({ url }).connect();
  try {
    const fillStarted = performance.now();
    await fillStream(key, events, (i) => steadyEvent(tag, i, stampOf(i), RATE));
    const fillSeconds = (performance.now() - fillStarted) / 1000;

    const cold = await startAndStop(prefix);
    const snapshot = await redis.get(`${prefix}:snapshot`);
    if (snapshot === null) throw new Error('the first server wrote no snapshot');
    await fillStream(key, tail, (i) => steadyEvent(tag, events + i, stampOf(events + i), RATE));

    const runs: Ready[] = [];
    for (let i = 0; i < RUNS; i += 1) {
      // Each restart finds the same snapshot and tail (the previous one's final snapshot covered the tail).
      await redis.set(`${prefix}:snapshot`, snapshot);
      runs.push(await startAndStop(prefix));
    }
    const run = medianRun(runs, 'startMs');
    const startSeconds = median(runs.map((r) => r.startMs)) / 1000;
    return {
      figures: {
        'events in the stream': events + tail,
        'stream filled in (s)': fillSeconds,
        'cold start, no snapshot: ready in (s)': cold.startMs / 1000,
        'cold start: replay (events/s)': cold.replayed / (cold.replayMs / 1000),
        'snapshot size (bytes)': Buffer.byteLength(snapshot, 'utf8'),
        'restart: ready in (s, median of 3, from process start)': startSeconds,
        'restart: app.start() (s)': run.appStartMs / 1000,
        'restart: snapshot read and restored (s)': run.restoreMs / 1000,
        'restart: tail replayed (s)': run.replayMs / 1000,
        'restart: tail entries': run.replayed,
        'restart: appeals in memory': run.appeals,
        'restart: heap at ready (MB)': run.heapUsedMb,
        'restart: CPU s of the server process at ready': run.cpuSeconds,
        'load average (1 min) at the end': loadavg()[0] ?? Number.NaN,
      },
      targets: [target('restart: ready with 1,000,000 events in the stream', startSeconds, '<=', 5, 's')],
    };
  } finally {
    await redis.close();
    await deletePrefix(url, prefix);
  }
}
