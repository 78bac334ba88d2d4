/**
 * Ingest: XADD → applied to the projection. Three figures, each beside a baseline of the same
 * run: the rate at which the server applies a pre-filled stream (its start-up catch-up)
 * against a plain consumer (XREAD into a Map); the lag (applied − stamped) while an
 * open-loop producer writes 50,000 events/s; and `redis-benchmark` XADD of the same payload
 * size, the ceiling of the stream itself. Every consumer, the producer and Redis are
 * separate processes; each one's CPU seconds over the measured window are reported.
 */
import { spawnSync } from 'node:child_process';
import { target, type CaseResult } from './lib/figures';
import { cpuSecondsOf, redisPid, sleep, nowMicros, startWorker } from './lib/processes';
import { benchRedisUrl, deletePrefix, fillStream, uniquePrefix } from './lib/redisSetup';
import { median, medianRun, percentile } from './lib/stats';
import { runTag, steadyEvent } from './lib/traffic';

const WARMUP_SECONDS = 2;
const MEASURE_SECONDS = 10;
const RUNS = 3;

interface Run extends Record<string, number> {
  drainPerSec: number;
  producedPerSec: number;
  lagP50Ms: number;
  lagP99Ms: number;
  lagMaxMs: number;
  consumerCpuPerSec: number;
  producerCpuPerSec: number;
  redisCpuPerSec: number;
}

async function runOnce(mode: 'ortalyq' | 'plain', prefill: number, rate: number): Promise<Run> {
  const url = benchRedisUrl();
  const prefix = uniquePrefix(`bench-ingest-${mode}`);
  const tag = runTag();
  const stamp = nowMicros();
  await fillStream(`${prefix}:events`, prefill, (i) => steadyEvent(tag, i, stamp, 1000));
  const consumer = startWorker('ingester', { REDIS_URL: url, REDIS_PREFIX: prefix, MODE: mode });
  const producer = startWorker('producer', {
    REDIS_URL: url,
    STREAM_KEY: `${prefix}:events`,
    RATE: String(rate),
    SECONDS: String(MEASURE_SECONDS),
    WARMUP_SECONDS: String(WARMUP_SECONDS),
  });
  try {
    await Promise.all([consumer.next('ready'), producer.next('ready')]);
    const drained = await consumer.request<{ kind: string; seconds: number }>(
      { kind: 'drain', count: prefill },
      'drained',
    );
    const redis = await redisPid(url);
    const startedAt = nowMicros();
    await consumer.request({ kind: 'follow', fromMicros: startedAt + WARMUP_SECONDS * 1e6 });
    const done = producer.next<{ kind: string; sent: number; seconds: number }>('done');
    producer.request({ kind: 'start' }, 'never').catch(() => undefined);
    await sleep(WARMUP_SECONDS * 1000);
    const cpu0 = [consumer.cpuSeconds(), producer.cpuSeconds(), cpuSecondsOf(redis)];
    const measureStarted = performance.now();
    const produced = await done;
    await sleep(500); // the last events' way through
    const seconds = (performance.now() - measureStarted) / 1000;
    const cpu1 = [consumer.cpuSeconds(), producer.cpuSeconds(), cpuSecondsOf(redis)];
    const report = await consumer.request<{ kind: string; lags: number[]; applied: number }>({ kind: 'report' });
    const lags = report.lags;
    return {
      drainPerSec: prefill / drained.seconds,
      producedPerSec: produced.sent / produced.seconds,
      measuredEvents: report.applied,
      lagP50Ms: percentile(lags, 0.5),
      lagP99Ms: percentile(lags, 0.99),
      lagMaxMs: percentile(lags, 1),
      consumerCpuPerSec: ((cpu1[0] as number) - (cpu0[0] as number)) / seconds,
      producerCpuPerSec: ((cpu1[1] as number) - (cpu0[1] as number)) / seconds,
      redisCpuPerSec: ((cpu1[2] as number) - (cpu0[2] as number)) / seconds,
    };
  } finally {
    await Promise.all([consumer.stop(), producer.stop()]);
    await deletePrefix(url, prefix);
  }
}

/** `redis-benchmark` XADD of one event's payload: the stream's own ceiling on this machine. */
function redisBenchmarkXadd(requests: number): number {
  const url = new URL(benchRedisUrl());
  const key = `${uniquePrefix('bench-rb')}:events`;
  const payload = steadyEvent(runTag(), 0, nowMicros(), 1000);
  const result = spawnSync(
    'redis-benchmark',
    [
      '-h',
      url.hostname,
      '-p',
      url.port || '6379',
      '-n',
      String(requests),
      '-P',
      '16',
      '-c',
      '4',
      '--csv',
      'XADD',
      key,
      '*',
      'event',
      payload,
    ],
    { encoding: 'utf8', timeout: 60_000 },
  );
  spawnSync('redis-cli', ['-h', url.hostname, '-p', url.port || '6379', 'DEL', key], { timeout: 10_000 });
  if (result.status !== 0) return Number.NaN;
  // CSV: "test","rps" and six latency columns. The test's name holds the JSON payload, commas
  // and all, so the rps is counted from the end of the line.
  const fields = (result.stdout.trim().split('\n').pop() ?? '').split(',');
  return Number(fields[fields.length - 7]?.replace(/"/g, ''));
}

export async function benchIngest(scale: number): Promise<CaseResult> {
  const prefill = Math.round(200_000 * scale);
  const rate = Math.round(50_000 * scale);
  const xaddPerSec = redisBenchmarkXadd(Math.round(500_000 * scale));
  const runs: Record<'ortalyq' | 'plain', Run[]> = { ortalyq: [], plain: [] };
  for (let i = 0; i < RUNS; i += 1) {
    // Interleaved, so a noisy minute hits both alike.
    runs.plain.push(await runOnce('plain', prefill, rate));
    runs.ortalyq.push(await runOnce('ortalyq', prefill, rate));
  }
  const ours = medianRun(runs.ortalyq, 'lagP99Ms');
  const plain = medianRun(runs.plain, 'lagP99Ms');
  const drainOurs = median(runs.ortalyq.map((r) => r.drainPerSec));
  const drainPlain = median(runs.plain.map((r) => r.drainPerSec));
  return {
    figures: {
      'redis-benchmark XADD/s (same payload)': xaddPerSec,
      'pre-filled events per run': prefill,
      'catch-up, Ortalyq (events/s, median of 3)': drainOurs,
      'catch-up, plain consumer (events/s)': drainPlain,
      'catch-up ratio': drainOurs / drainPlain,
      'open loop: producer rate (events/s)': ours.producedPerSec,
      'open loop, Ortalyq lag p50 (ms)': ours.lagP50Ms,
      'open loop, Ortalyq lag p99 (ms)': ours.lagP99Ms,
      'open loop, Ortalyq lag max (ms)': ours.lagMaxMs,
      'open loop, plain lag p50 (ms)': plain.lagP50Ms,
      'open loop, plain lag p99 (ms)': plain.lagP99Ms,
      'CPU s/s: Ortalyq server': ours.consumerCpuPerSec,
      'CPU s/s: plain consumer': plain.consumerCpuPerSec,
      'CPU s/s: producer': ours.producerCpuPerSec,
      'CPU s/s: redis-server': ours.redisCpuPerSec,
    },
    targets: [
      target('ingest: catch-up rate', drainOurs, '>=', 50_000 * Math.min(1, scale * 10), 'events/s'),
      target('ingest: ratio to the plain consumer', drainOurs / drainPlain, '>=', 0.35, ''),
      target(`ingest: open-loop p99 lag at ${rate}/s`, ours.lagP99Ms, '<=', 20, 'ms'),
      target('ingest: producer kept the rate', ours.producedPerSec, '>=', rate * 0.95, 'events/s'),
    ],
  };
}
