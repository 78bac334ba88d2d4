/**
 * Open-loop producer: XADDs the steady traffic mix at a fixed rate into one stream, each
 * event stamped with its send time, whatever the consumers do. Every TICK_MS it sends what
 * is due (pipelined), so a slow consumer never slows the producer down.
 * Env: REDIS_URL, STREAM_KEY, RATE (events/s), SECONDS, WARMUP_SECONDS, MAXLEN (optional).
 * Parent: 'start' {fromMicros, toMicros} → … → 'done' {sent, seconds, inWindow: events stamped
 * in [fromMicros, toMicros)}.
 */
import { createClient } from 'redis';
import { nowMicros, onParentMessage, sendToParent, sleep, type WorkerMessage } from '../lib/processes';
import { runTag, steadyEvent } from '../lib/traffic';

const TICK_MS = 5;
const url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const key = process.env.STREAM_KEY as string;
const rate = Number(process.env.RATE);
const seconds = Number(process.env.SECONDS) + Number(process.env.WARMUP_SECONDS ?? 0);
const tag = runTag();
const redis = await createClient({ url }).connect();

async function run(message: WorkerMessage): Promise<void> {
  const from = Number(message.fromMicros ?? Number.NEGATIVE_INFINITY);
  const to = Number(message.toMicros ?? Number.POSITIVE_INFINITY);
  const started = performance.now();
  let sent = 0;
  let inWindow = 0;
  const total = Math.round(rate * seconds);
  while (sent < total) {
    const due = Math.min(total, Math.floor(((performance.now() - started) / 1000) * rate));
    if (due > sent) {
      const writes: Promise<unknown>[] = [];
      const stamp = nowMicros();
      if (stamp >= from && stamp < to) inWindow += due - sent;
      for (; sent < due; sent += 1) writes.push(redis.xAdd(key, '*', { event: steadyEvent(tag, sent, stamp, rate) }));
      await Promise.all(writes);
    }
    const wait = started + ((sent + 1) * 1000) / rate - performance.now();
    await sleep(Math.max(0, Math.min(TICK_MS, wait)));
  }
  sendToParent({ kind: 'done', sent, inWindow, seconds: (performance.now() - started) / 1000 });
}

onParentMessage({
  start: run,
  async stop() {
    await redis.close();
    process.exit(0);
  },
});
sendToParent({ kind: 'ready' });
