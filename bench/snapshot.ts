/**
 * The snapshot a new wall client gets with 100,000 open appeals: the server's time (its own
 * `snapshot sent` log: asked for → built or taken from the cache, compressed, queued to the
 * socket) and the client's (connection → whole snapshot received and inflated), fresh
 * (nothing cached) and from the cached encoding (another client of the same scope
 * within SNAPSHOT_CACHE_MS), its size on the wire (compressed: the probe offers permessage-deflate,
 * as browsers do) and uncompressed, and what level 6 would save; then a
 * real socket.io client resumes from its cursor under live traffic and must show every stream
 * event after it exactly once.
 */
import { deflateRawSync } from 'node:zlib';
import WebSocket from 'ws';
import { createClient } from 'redis';
import { PROTOCOL_VERSION, type Snapshot } from '@shared';
import { connectLiveClient } from '../test/support/liveClient';
import { target, type CaseResult } from './lib/figures';
import { nowMicros, sleep, startWorker, type Worker } from './lib/processes';
import { benchRedisUrl, deletePrefix, fillStream, uniquePrefix } from './lib/redisSetup';
import { median } from './lib/stats';
import { openAppealEvent, runTag } from './lib/traffic';
import { startTarget } from './fanout';

const RUNS = 3;

/** The server's own timing of one snapshot it sent (bench/workers/server.ts `snapshotsSent`). */
interface SnapshotSent {
  cached: boolean;
  serverMs: number;
}
/** Longer than the server's snapshot cache (SNAPSHOT_CACHE_MS, default 1 s): the next build is fresh. */
const CACHE_EXPIRED_MS = 1500;

/**
 * Connects one raw socket offering permessage-deflate, as browsers do; resolves with the time
 * from its connection to the whole snapshot received and inflated, the message, and the bytes
 * it took on the wire (TCP bytes read from the connection on).
 */
function probeSnapshot(baseUrl: string, cookie: string): Promise<{ ms: number; message: Buffer; wireBytes: number }> {
  const ws = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`, {
    headers: { cookie },
    perMessageDeflate: true,
  });
  const bytesRead = (): number => (ws as unknown as { _socket: { bytesRead: number } })._socket.bytesRead;
  let connectedAt = 0;
  let readAtConnect = 0;
  return new Promise((resolve, reject) => {
    ws.on('error', reject);
    ws.on('message', (data: Buffer) => {
      const head = data.toString('utf8', 0, 20);
      if (head.startsWith('0')) ws.send(`40${JSON.stringify({ protocol: PROTOCOL_VERSION })}`);
      else if (head.startsWith('40')) {
        connectedAt = performance.now();
        readAtConnect = bytesRead();
      } else if (head.startsWith('42["sync:snapshot"')) {
        resolve({ ms: performance.now() - connectedAt, message: data, wireBytes: bytesRead() - readAtConnect });
        ws.close();
      }
    });
  });
}

/** What a separate map layer would weigh: one row per appeal of what a marker needs, as columns. */
function mapLayerBytes(snapshot: Snapshot): number {
  const columns = {
    id: snapshot.appeals.map((a) => a.id),
    lat: snapshot.appeals.map((a) => Math.round(a.location.lat * 1e5)),
    lng: snapshot.appeals.map((a) => Math.round(a.location.lng * 1e5)),
    status: snapshot.appeals.map((a) => a.status[0]),
    priority: snapshot.appeals.map((a) => a.priority[0]),
    category: snapshot.appeals.map((a) => a.category),
  };
  return Buffer.byteLength(JSON.stringify(columns));
}

async function resumeCheck(
  prefix: string,
  baseUrl: string,
  cookie: string,
): Promise<{ gaps: number; duplicates: number; missing: number; shown: number }> {
  const url = benchRedisUrl();
  const producer: Worker = startWorker('producer', {
    REDIS_URL: url,
    STREAM_KEY: `${prefix}:events`,
    RATE: '500',
    SECONDS: '6',
  });
  await producer.next('ready');
  const first = connectLiveClient(baseUrl, { cookie });
  while (first.snapshots.length === 0) await sleep(50);
  const done = producer.next('done');
  producer.request({ kind: 'start' }, 'never').catch(() => undefined);
  await sleep(2000);
  first.close();
  const cursor = first.replica.state.cursor;
  const shownBefore = first.shown.map((e) => e.streamId);
  await sleep(2000);
  const second = connectLiveClient(baseUrl, { cookie, cursor });
  await done;
  await sleep(1000);
  second.close();
  await producer.stop();
  const shown = [...shownBefore, ...second.shown.map((e) => e.streamId)];
  const after = first.snapshots[0]?.cursor ?? '0-0';
  const redis = await createClient({ url }).connect();
  const entries = await redis.xRange(`${prefix}:events`, `(${after}`, second.replica.state.cursor);
  await redis.close();
  const expected = entries.map((e) => e.id);
  const seen = new Set(shown);
  return {
    gaps: second.snapshots.length, // a snapshot instead of a replay means it could not resume
    duplicates: shown.length - seen.size,
    missing: expected.filter((id) => !seen.has(id)).length,
    shown: shown.length,
  };
}

export async function benchSnapshot(scale: number): Promise<CaseResult> {
  const appeals = Math.round(100_000 * scale);
  const prefix = uniquePrefix('bench-snapshot');
  const tag = runTag();
  const stamp = nowMicros();
  await fillStream(`${prefix}:events`, appeals, (i) => openAppealEvent(tag, i, stamp));
  const running = await startTarget('ortalyq', prefix);
  try {
    const fresh: number[] = [];
    const cached: number[] = [];
    const freshServer: number[] = [];
    const cachedServer: number[] = [];
    let message: Buffer = Buffer.alloc(0);
    let wireBytes = 0;
    for (let i = 0; i < RUNS; i += 1) {
      await sleep(CACHE_EXPIRED_MS);
      const a = await probeSnapshot(running.baseUrl, running.cookie);
      const b = await probeSnapshot(running.baseUrl, running.cookie);
      fresh.push(a.ms);
      cached.push(b.ms);
      const { sent } = await running.server.request<{ kind: string; sent: SnapshotSent[] }>({ kind: 'snapshotsSent' });
      for (const s of sent) (s.cached ? cachedServer : freshServer).push(s.serverMs);
      message = a.message;
      wireBytes = b.wireBytes;
    }
    const snapshot = (JSON.parse(message.toString('utf8', 2)) as [string, Snapshot])[1];
    let started = performance.now();
    const fast = deflateRawSync(message, { level: 1 });
    const fastMs = performance.now() - started;
    started = performance.now();
    const best = deflateRawSync(message, { level: 6 });
    const bestMs = performance.now() - started;
    const resume = await resumeCheck(prefix, running.baseUrl, running.cookie);
    const mb = wireBytes / 2 ** 20;
    return {
      figures: {
        'open appeals': snapshot.appeals.length,
        'fresh: server time, built + compressed + queued (ms, median of 3)': median(freshServer),
        'cached: server time, queued (ms, median of 3)': median(cachedServer),
        'fresh: connect → snapshot received and inflated by the client (ms)': median(fresh),
        'cached: connect → snapshot received and inflated by the client (ms)': median(cached),
        'on the wire, compressed (MB)': mb,
        'uncompressed (MB)': message.length / 2 ** 20,
        'bytes per appeal (uncompressed)': message.length / Math.max(1, snapshot.appeals.length),
        'deflate level 1 (MB)': fast.length / 2 ** 20,
        'deflate level 1 (ms)': fastMs,
        'deflate level 6 (MB)': best.length / 2 ** 20,
        'deflate level 6 (ms)': bestMs,
        'a columnar map layer would be (MB)': mapLayerBytes(snapshot) / 2 ** 20,
        'resume: events shown': resume.shown,
        'resume: missing': resume.missing,
        'resume: duplicates': resume.duplicates,
        'resume: fell back to a snapshot': resume.gaps,
      },
      targets: [
        target(`snapshot of ${appeals} open appeals, cached: server time`, median(cachedServer), '<=', 50, 'ms'),
        target(`snapshot of ${appeals} open appeals, fresh: server time`, median(freshServer), '<=', 150, 'ms'),
        target(`snapshot of ${appeals} open appeals on the wire`, mb, '<=', 4 * scale, 'MB'),
        target('snapshot: resume gaps + duplicates', resume.missing + resume.duplicates + resume.gaps, '<=', 0, ''),
      ],
    };
  } finally {
    await running.server.stop();
    await deletePrefix(benchRedisUrl(), prefix);
  }
}
