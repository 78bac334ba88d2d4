/**
 * Memory (issue "Benchmarks": ≤ 60 MB heap per 100,000 open appeals, ≤ 30 KB per idle
 * connection). The server runs in its own process with --expose-gc; every reading is taken
 * after a full GC (the least of three a second apart).
 * (a) Heap with an empty stream, then after 100,000 registrations (every appeal stays open)
 *     have been applied: the difference per 100,000 appeals. It holds everything an open
 *     appeal costs the node: the appeal, its entry in the de-dup window, the memory of recent
 *     events for resumes (bounded) and the metric slots.
 * (b) Heap and RSS with no client, then with 1,000 idle raw Engine.IO clients signed in as an
 *     operator (each got its snapshot and then nothing): the difference per connection. The
 *     target is held against the heap; RSS (which also holds the sockets' buffers outside the
 *     JS heap) is reported beside it.
 * (c) Issue 16: "the server's heap no longer grows with finished appeals beyond what the live
 *     view needs". Heap with an empty stream, then after N appeals that were registered,
 *     routed and closed (20 days ago: past the confirmation window, nothing keeps them) —
 *     without an archive (the projection keeps the newest 20,000 finished) and with the archive
 *     on the real PostgreSQL (ARCHIVE_DATABASE_URL in the server: it evicts what is archived).
 *     BENCH_MEMORY_PARTS=finished runs only (c); FINISHED_APPEALS sets N (default 60,000).
 */
import { loadavg } from 'node:os';
import { target, type CaseResult } from './lib/figures';
import { nowMicros, sleep, startWorker, type Worker, type WorkerMessage } from './lib/processes';
import { benchRedisUrl, deletePrefix, fillStream, uniquePrefix } from './lib/redisSetup';
import { median } from './lib/stats';
import { lifecycleEvent, openAppealEvent, runTag } from './lib/traffic';
import { createTestDatabase } from '../test/support/postgres';
import { signIn } from './fanout';

const APPEALS = 100_000;
const CONNECTIONS = 1000;
const READINGS = 3;

interface Sample extends WorkerMessage {
  heapUsedMb: number;
  rssMb: number;
  appeals: number;
  sockets: number;
  archivedThrough: string | null;
  applied: number;
}

function startServer(prefix: string, archiveUrl?: string): Worker {
  return startWorker(
    'server',
    {
      REDIS_URL: benchRedisUrl(),
      REDIS_PREFIX: prefix,
      SERVER_CONFIG: '{}',
      ...(archiveUrl ? { ARCHIVE_DATABASE_URL: archiveUrl } : {}),
    },
    ['--expose-gc'],
  );
}

/** Rejects when `promise` has not settled within `ms`: the bench stops by itself, whatever a worker does. */
function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`bench: no ${what} within ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

const sample = (server: Worker): Promise<Sample> =>
  within(server.request<Sample>({ kind: 'sample', readings: READINGS }), 60_000, 'memory sample');

async function waitUntil(what: string, timeoutMs: number, isDone: () => Promise<boolean>): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!(await isDone())) {
    if (performance.now() > deadline) throw new Error(`memory bench: timed out waiting for ${what}`);
    await sleep(250);
  }
}

/** Heap after GC with no appeals, then with `count` open appeals applied by the live tail. */
async function heapPerAppeals(count: number): Promise<{ empty: Sample; full: Sample }> {
  const prefix = uniquePrefix('bench-memory-appeals');
  const server = startServer(prefix);
  try {
    await within(server.next('ready'), 60_000, 'server ready');
    const empty = await sample(server);
    const tag = runTag();
    const stamp = nowMicros();
    await fillStream(`${prefix}:events`, count, (i) => openAppealEvent(tag, i, stamp + i));
    await waitUntil('the appeals to be applied', 120_000, async () => (await sample(server)).appeals >= count);
    // Let a snapshot that the count triggered finish before the reading that counts.
    await within(server.request({ kind: 'snapshot' }), 120_000, 'snapshot');
    const full = await sample(server);
    return { empty, full };
  } finally {
    await server.stop(60_000);
    await deletePrefix(benchRedisUrl(), prefix);
  }
}

interface FinishedRun {
  empty: Sample;
  full: Sample;
}

/** Heap after GC with no appeals, then after `count` finished appeals, with or without the archive. */
async function heapWithFinished(count: number, withArchive: boolean): Promise<FinishedRun> {
  const prefix = uniquePrefix('bench-memory-finished');
  const database = withArchive ? await createTestDatabase() : null;
  const server = startServer(prefix, database?.url);
  try {
    await within(server.next('ready'), 60_000, 'server ready');
    const empty = await sample(server);
    const tag = runTag();
    const stamp = (Date.now() - 20 * 86_400_000) * 1000;
    // Appeal i: registered, routed, closed — a microsecond apart, in stream order.
    await fillStream(`${prefix}:events`, count * 3, (i) =>
      lifecycleEvent(tag, Math.floor(i / 3), (i % 3) as 0 | 1 | 2, stamp + i),
    );
    await waitUntil('the appeals to be applied', 600_000, async () => {
      const now = await sample(server);
      // With the archive: until its cursor has reached the stream's end (then eviction has run).
      return now.applied >= count * 3 && (!withArchive || now.appeals < count / 10);
    });
    await within(server.request({ kind: 'snapshot' }), 120_000, 'snapshot');
    const full = await sample(server);
    return { empty, full };
  } finally {
    await server.stop(60_000);
    await deletePrefix(benchRedisUrl(), prefix);
    await database?.drop();
  }
}

/** Part (c)'s figures: N finished appeals without and with the archive. */
async function finishedFigures(scale: number): Promise<Record<string, number>> {
  const count = Math.max(2000, Math.round(Number(process.env.FINISHED_APPEALS ?? 60_000) * scale));
  const figures: Record<string, number> = { 'finished appeals applied': count };
  for (const withArchive of [false, true]) {
    const run = await heapWithFinished(count, withArchive);
    const name = withArchive ? 'with the archive' : 'without an archive';
    figures[`${name}: heap after GC, empty stream (MB)`] = run.empty.heapUsedMb;
    figures[`${name}: heap after GC, after the finished appeals (MB)`] = run.full.heapUsedMb;
    figures[`${name}: heap growth (MB)`] = run.full.heapUsedMb - run.empty.heapUsedMb;
    figures[`${name}: appeals held in memory`] = run.full.appeals;
  }
  return figures;
}

/** Heap and RSS after GC with no client, then with `count` idle clients (in their own process). */
async function memoryPerConnection(count: number): Promise<{ none: Sample; idle: Sample }> {
  const prefix = uniquePrefix('bench-memory-sockets');
  const server = startServer(prefix);
  try {
    const { port } = await within(server.next<{ kind: string; port: number }>('ready'), 60_000, 'server ready');
    const baseUrl = `http://127.0.0.1:${port}`;
    const cookie = await signIn(baseUrl);
    const none = await sample(server);
    const clients = startWorker('clients', { BASE_URL: baseUrl, COOKIE: cookie, COUNT: String(count), SAMPLED: '0' });
    try {
      await within(clients.next('ready'), 120_000, 'clients connected');
      await waitUntil('the clients to connect', 60_000, async () => (await sample(server)).sockets >= count);
      // Past the first stats push and ping, so each connection holds what an idle one holds.
      await sleep(2000);
      const idle = await sample(server);
      return { none, idle };
    } finally {
      await clients.stop();
    }
  } finally {
    await server.stop();
    await deletePrefix(benchRedisUrl(), prefix);
  }
}

export async function benchMemory(scale: number): Promise<CaseResult> {
  if (process.env.BENCH_MEMORY_PARTS === 'finished') return { figures: await finishedFigures(scale), targets: [] };
  const appeals = Math.max(1000, Math.round(APPEALS * scale));
  const connections = Math.max(50, Math.round(CONNECTIONS * scale));
  const appealRuns: { empty: Sample; full: Sample }[] = [];
  // Median of 3 for the heap per appeal: the figure with the most at stake.
  for (let i = 0; i < 3; i += 1) appealRuns.push(await heapPerAppeals(appeals));
  const perAppeals = (run: { empty: Sample; full: Sample }) =>
    ((run.full.heapUsedMb - run.empty.heapUsedMb) * APPEALS) / appeals;
  const heapPer100k = median(appealRuns.map(perAppeals));
  const rssPer100k = median(appealRuns.map((r) => ((r.full.rssMb - r.empty.rssMb) * APPEALS) / appeals));
  const sockets = await memoryPerConnection(connections);
  const heapPerConnectionKb = ((sockets.idle.heapUsedMb - sockets.none.heapUsedMb) * 1024) / connections;
  const rssPerConnectionKb = ((sockets.idle.rssMb - sockets.none.rssMb) * 1024) / connections;
  const first = appealRuns[0] as { empty: Sample; full: Sample };
  return {
    figures: {
      'open appeals applied': appeals,
      'heap after GC, empty stream (MB)': first.empty.heapUsedMb,
      'heap after GC, with the open appeals (MB)': first.full.heapUsedMb,
      'heap per 100,000 open appeals (MB, median of 3)': heapPer100k,
      'RSS per 100,000 open appeals (MB, median of 3)': rssPer100k,
      'idle connections': connections,
      'heap after GC, no client (MB)': sockets.none.heapUsedMb,
      'heap after GC, idle clients (MB)': sockets.idle.heapUsedMb,
      'heap per idle connection (KB)': heapPerConnectionKb,
      'RSS per idle connection (KB)': rssPerConnectionKb,
      ...(await finishedFigures(scale)),
      'load average (1 min) at the end': loadavg()[0] ?? Number.NaN,
    },
    targets: [
      target('memory: heap per 100,000 open appeals', heapPer100k, '<=', 60, 'MB'),
      target('memory: heap per idle connection', heapPerConnectionKb, '<=', 30, 'KB'),
    ],
  };
}
