/**
 * Overload: the producer writes faster than some clients read. 200 raw clients, a tenth of them
 * stalled (they stop reading their sockets), while 5,000 events/s arrive for 12 s. The healthy
 * clients' latency must not grow from the first seconds to the last (frames coalesce), the
 * server's memory must not grow with the backlog (stalled clients are paused), and once the
 * stalled ones read again they must be resynced by a snapshot, with no gap anywhere; the
 * server must survive.
 */
import { target, type CaseResult } from './lib/figures';
import { nowMicros, sleep, startWorker, type WorkerMessage } from './lib/processes';
import { benchRedisUrl, deletePrefix, fillStream, uniquePrefix } from './lib/redisSetup';
import { percentile } from './lib/stats';
import { openAppealEvent, runTag } from './lib/traffic';
import { startTarget } from './fanout';

const WARMUP_SECONDS = 2;
const SECONDS = 12;
const WINDOW_SECONDS = 4;

interface Sample extends WorkerMessage {
  queuedMb: number;
  heapUsedMb: number;
  rssMb: number;
  lagMaxMs: number;
}

interface Report extends WorkerMessage {
  latencies: number[];
  gaps: number;
  snapshots: number;
  stalledSnapshots: number;
}

export async function benchOverload(scale: number): Promise<CaseResult> {
  const clientCount = Math.max(20, Math.round(200 * scale));
  const stalledCount = Math.max(2, Math.round(clientCount / 10));
  const rate = Math.max(500, Math.round(5000 * scale));
  const url = benchRedisUrl();
  const prefix = uniquePrefix('bench-overload');
  const tag = runTag();
  await fillStream(`${prefix}:events`, 2000, (i) => openAppealEvent(tag, i, nowMicros()));
  const running = await startTarget('ortalyq', prefix);
  const clients = startWorker('clients', {
    BASE_URL: running.baseUrl,
    COOKIE: running.cookie,
    COUNT: String(clientCount),
    SAMPLED: '10',
  });
  const producer = startWorker('producer', {
    REDIS_URL: url,
    STREAM_KEY: `${prefix}:events`,
    RATE: String(rate),
    SECONDS: String(SECONDS),
    WARMUP_SECONDS: String(WARMUP_SECONDS),
  });
  try {
    await Promise.all([clients.next('ready'), producer.next('ready')]);
    const { stalled } = await clients.request<{ kind: string; stalled: number }>({
      kind: 'stall',
      count: stalledCount,
    });
    const before = await running.server.request<Sample>({ kind: 'sample' });
    const from = nowMicros() + WARMUP_SECONDS * 1e6;
    const done = producer.next('done');
    producer.request({ kind: 'start' }, 'never').catch(() => undefined);
    await clients.request({ kind: 'measure', fromMicros: from, toMicros: from + WINDOW_SECONDS * 1e6 });
    await sleep(WARMUP_SECONDS * 1000 + WINDOW_SECONDS * 1000 + 500);
    const first = await clients.request<Report>({ kind: 'report' });
    const lastFrom = from + (SECONDS - WINDOW_SECONDS) * 1e6;
    await clients.request({ kind: 'measure', fromMicros: lastFrom, toMicros: from + SECONDS * 1e6 });
    const middle = await running.server.request<Sample>({ kind: 'sample' });
    await done;
    await sleep(500);
    const last = await clients.request<Report>({ kind: 'report' });
    const end = await running.server.request<Sample>({ kind: 'sample' });
    await clients.request({ kind: 'resumeStalled' });
    await sleep(3000);
    const resynced = await clients.request<Report>({ kind: 'report' });
    const firstP99 = percentile(first.latencies, 0.99);
    const lastP99 = percentile(last.latencies, 0.99);
    return {
      figures: {
        clients: clientCount,
        stalled,
        'events/s': rate,
        'healthy p50, first 4 s (ms)': percentile(first.latencies, 0.5),
        'healthy p99, first 4 s (ms)': firstP99,
        'healthy p50, last 4 s (ms)': percentile(last.latencies, 0.5),
        'healthy p99, last 4 s (ms)': lastP99,
        'gaps seen by clients': last.gaps,
        'server heap after GC before/middle/end (MB)': `${before.heapUsedMb.toFixed(1)} / ${middle.heapUsedMb.toFixed(1)} / ${end.heapUsedMb.toFixed(1)}`,
        'queued to sockets, middle/end (MB)': `${middle.queuedMb.toFixed(1)} / ${end.queuedMb.toFixed(1)}`,
        'open appeals at the end (the projection grows with them)': Number(end.appeals),
        'server RSS before/end (MB)': `${before.rssMb.toFixed(0)} / ${end.rssMb.toFixed(0)}`,
        'event-loop delay max (ms)': end.lagMaxMs,
        'snapshots to the stalled clients after they read again': resynced.stalledSnapshots - stalled,
        'gaps after the stalled clients read again': resynced.gaps,
      },
      targets: [
        target('overload: healthy clients p99, last 4 s ÷ first 4 s', lastP99 / firstP99, '<=', 2, '×'),
        // Bounded: at most what the backlog limit lets each socket hold (2 MB) plus a snapshot each.
        target('overload: queued to sockets at the end', end.queuedMb, '<=', clientCount * 2, 'MB'),
        // A stalled client is either paused and resynced by a snapshot, or (when the kernel's
        // buffers held its backlog) gets every frame late: either way it ends without a gap.
        target('overload: stalled clients resynced by a snapshot', resynced.stalledSnapshots - stalled, '>=', 1, ''),
        target('overload: gaps once the stalled clients read again', resynced.gaps, '<=', 0, ''),
      ],
    };
  } finally {
    await Promise.all([clients.stop(), producer.stop()]);
    await running.server.stop();
    await deletePrefix(url, prefix);
  }
}
