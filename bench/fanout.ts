/**
 * Fan-out: XADD → every client. An open-loop producer writes stamped events at a fixed rate;
 * 1,000 raw WebSocket clients in a process of their own check every frame's cursors for gaps,
 * and ten of them, spread over the connection order, take each event's latency. The same
 * clients and producer then run against the baseline, a bare relay (XREAD → io.emit, nothing
 * else). Heavy (1,000 events/s) and light (100 events/s) load, median of 3 runs each; CPU
 * seconds per process over the measured window.
 */
import { target, type CaseResult, type Figures, type TargetCheck } from './lib/figures';
import { cpuSecondsOf, nowMicros, redisPid, sleep, startWorker, type Worker } from './lib/processes';
import { benchRedisUrl, deletePrefix, fillStream, uniquePrefix } from './lib/redisSetup';
import { medianRun, percentile } from './lib/stats';
import { openAppealEvent, runTag } from './lib/traffic';
import { BENCH_USER } from './workers/server';

const WARMUP_SECONDS = 2;
const MEASURE_SECONDS = 10;
/** Runs per load (median taken); BENCH_RUNS overrides it for a quick look. */
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const FRAME_MS = 100;
/** Open appeals on the stream before the clients connect (their snapshot). */
const PREFILL = 2000;

interface Load {
  clients: number;
  rate: number;
}

interface Run extends Record<string, number> {
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  lost: number;
  gaps: number;
  serverCpu: number;
  clientsCpu: number;
  producerCpu: number;
  redisCpu: number;
  framesPerClientPerSec: number;
  mbPerSec: number;
}

export async function signIn(baseUrl: string): Promise<string> {
  const login = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(BENCH_USER),
  });
  if (!login.ok) throw new Error(`bench sign-in failed: ${login.status}`);
  return (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}

/** Node flags for the server under test, e.g. BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof". */
function serverNodeArgs(): string[] {
  return (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter((arg) => arg !== '');
}

/** Starts the server under test (Ortalyq or the bare relay) on a stream; resolves to it and its URL. */
export async function startTarget(
  kind: 'ortalyq' | 'relay',
  prefix: string,
  config: Record<string, string> = {},
): Promise<{ server: Worker; baseUrl: string; cookie: string }> {
  const url = benchRedisUrl();
  const server =
    kind === 'ortalyq'
      ? startWorker(
          'server',
          {
            REDIS_URL: url,
            REDIS_PREFIX: prefix,
            SERVER_CONFIG: JSON.stringify({ FRAME_INTERVAL_MS: String(FRAME_MS), ...config }),
          },
          serverNodeArgs(),
        )
      : startWorker('relay', { REDIS_URL: url, STREAM_KEY: `${prefix}:events`, FRAME_MS: String(FRAME_MS) });
  const { port } = await server.next<{ kind: string; port: number }>('ready');
  const baseUrl = `http://127.0.0.1:${port}`;
  return { server, baseUrl, cookie: kind === 'ortalyq' ? await signIn(baseUrl) : '' };
}

/** One measured window of `load` against a running target: its figures. */
export async function measureLoad(
  prefix: string,
  target: { server: Worker; baseUrl: string; cookie: string },
  clients: Worker,
  load: Load,
): Promise<Run> {
  const url = benchRedisUrl();
  const producer = startWorker('producer', {
    REDIS_URL: url,
    STREAM_KEY: `${prefix}:events`,
    RATE: String(load.rate),
    SECONDS: String(MEASURE_SECONDS),
    WARMUP_SECONDS: String(WARMUP_SECONDS),
  });
  try {
    await producer.next('ready');
    const redis = await redisPid(url);
    const fromMicros = nowMicros() + WARMUP_SECONDS * 1e6;
    const toMicros = fromMicros + MEASURE_SECONDS * 1e6;
    await clients.request({ kind: 'measure', fromMicros, toMicros });
    const before = await clients.request<{ kind: string; frames: number; bytes: number; gaps: number }>({
      kind: 'report',
    });
    const done = producer.next<{ kind: string; inWindow: number }>('done');
    producer.request({ kind: 'start', fromMicros, toMicros }, 'never').catch(() => undefined);
    await sleep(Math.max(0, (fromMicros - nowMicros()) / 1000));
    const cpu = () => [target.server.cpuSeconds(), clients.cpuSeconds(), producer.cpuSeconds(), cpuSecondsOf(redis)];
    const cpu0 = cpu();
    const produced = await done;
    const cpu1 = cpu();
    const seconds = MEASURE_SECONDS;
    await sleep(FRAME_MS * 5); // the last frames' way out
    const report = await clients.request<{
      kind: string;
      latencies: number[];
      frames: number;
      bytes: number;
      gaps: number;
      sampledEventsMin: number;
      sampledEventsMax: number;
    }>({ kind: 'report' });
    const used = (i: number) => ((cpu1[i] as number) - (cpu0[i] as number)) / seconds;
    return {
      p50Ms: percentile(report.latencies, 0.5),
      p99Ms: percentile(report.latencies, 0.99),
      maxMs: percentile(report.latencies, 1),
      sent: produced.inWindow,
      lost: produced.inWindow - report.sampledEventsMin,
      gaps: report.gaps - before.gaps,
      serverCpu: used(0),
      clientsCpu: used(1),
      producerCpu: used(2),
      redisCpu: used(3),
      framesPerClientPerSec: (report.frames - before.frames) / load.clients / (seconds + WARMUP_SECONDS),
      mbPerSec: (report.bytes - before.bytes) / 2 ** 20 / (seconds + WARMUP_SECONDS),
    };
  } finally {
    await producer.stop();
  }
}

async function runOnce(kind: 'ortalyq' | 'relay', loads: readonly Load[]): Promise<Run[]> {
  const prefix = uniquePrefix(`bench-fanout-${kind}`);
  const tag = runTag();
  const stamp = nowMicros();
  await fillStream(`${prefix}:events`, PREFILL, (i) => openAppealEvent(tag, i, stamp));
  const running = await startTarget(kind, prefix);
  const clientCount = Math.max(...loads.map((l) => l.clients));
  const clients = startWorker('clients', {
    BASE_URL: running.baseUrl,
    COOKIE: running.cookie,
    COUNT: String(clientCount),
    SAMPLED: '10',
  });
  try {
    await clients.next('ready');
    const runs: Run[] = [];
    for (const load of loads) runs.push(await measureLoad(prefix, running, clients, load));
    return runs;
  } finally {
    await clients.stop();
    await running.server.stop();
    await deletePrefix(benchRedisUrl(), prefix);
  }
}

function describe(prefix: string, run: Run): Figures {
  const figures: Figures = {};
  for (const [key, value] of Object.entries(run)) figures[`${prefix} ${key}`] = value;
  return figures;
}

export async function benchFanout(scale: number): Promise<CaseResult> {
  const clients = Math.max(10, Math.round(1000 * scale));
  const heavy: Load = { clients, rate: 1000 };
  const light: Load = { clients, rate: 100 };
  const runs = { ortalyq: [[], []] as Run[][], relay: [[], []] as Run[][] };
  for (let i = 0; i < RUNS; i += 1) {
    for (const kind of ['ortalyq', 'relay'] as const) {
      const [h, l] = await runOnce(kind, [heavy, light]);
      runs[kind][0]?.push(h as Run);
      runs[kind][1]?.push(l as Run);
    }
  }
  const pick = (kind: 'ortalyq' | 'relay', load: 0 | 1) => medianRun(runs[kind][load] as Run[], 'p99Ms');
  const oursHeavy = pick('ortalyq', 0);
  const oursLight = pick('ortalyq', 1);
  const targets: TargetCheck[] = [
    target(`fan-out ${clients} × 1,000/s: p99 XADD→client`, oursHeavy.p99Ms, '<=', 150, 'ms'),
    target(`fan-out ${clients} × 1,000/s: events lost`, Math.max(oursHeavy.lost, oursHeavy.gaps), '<=', 0, ''),
    target(`fan-out ${clients} × 1,000/s: server CPU`, oursHeavy.serverCpu * 100, '<=', 50, '% of a core'),
    target(`fan-out ${clients} × 100/s: p50`, oursLight.p50Ms, '<=', 5, 'ms'),
    target(`fan-out ${clients} × 100/s: p99`, oursLight.p99Ms, '<=', 25, 'ms'),
  ];
  return {
    figures: {
      clients,
      ...describe('heavy Ortalyq', oursHeavy),
      ...describe('heavy relay', pick('relay', 0)),
      ...describe('light Ortalyq', oursLight),
      ...describe('light relay', pick('relay', 1)),
    },
    targets,
  };
}
