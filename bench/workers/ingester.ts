/**
 * A consumer for the ingest figure, in its own process. MODE=ortalyq runs the real server
 * (createApp: decode, validate, de-duplicate, apply to the projection, snapshots, frames to
 * no one); MODE=plain is the baseline, XREAD into a Map and nothing else.
 * Parent: 'drain' {count} → 'drained' {events, seconds}: consume a pre-filled stream from the
 * start (the server's start-up catch-up). Then 'follow' {fromMicros} → (producer writes) →
 * 'report' → 'report' {lags: sample of receive − stamp in ms for events stamped at or after
 * fromMicros, applied}.
 * Env: REDIS_URL, REDIS_PREFIX, MODE.
 */
import type { StreamEvent } from '@shared';
import { createApp } from '../../server/src/app';
import { parseConfig } from '../../server/src/config';
import { createSilentLogger } from '../../server/src/logger';
import { createRedisLog } from '../../server/src/stream/redisLog';
import { createReservoir } from '../lib/stats';
import { nowMicros, onParentMessage, sendToParent } from '../lib/processes';
import { stampOf } from '../lib/traffic';

const logger = createSilentLogger();
const url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = process.env.REDIS_PREFIX as string;
const mode = process.env.MODE === 'plain' ? 'plain' : 'ortalyq';
/** The server's own batch size for reads (app.ts READ_BATCH), so both read alike. */
const BATCH = 1000;

const log = await createRedisLog({ url, prefix, logger });
const lags = createReservoir(200_000);
let fromMicros = Number.POSITIVE_INFINITY;
let applied = 0;

function record(ids: readonly string[]): void {
  const now = nowMicros();
  for (const id of ids) {
    const stamp = stampOf(id);
    if (stamp >= fromMicros) {
      lags.add((now - stamp) / 1000);
      applied += 1;
    }
  }
}

let stopApp: () => Promise<void> = async () => undefined;

async function drainOrtalyq(): Promise<void> {
  const app = createApp({ config: parseConfig({}), log, logMode: 'external', logger });
  const ingest = app.store.ingest.bind(app.store);
  // Lag is taken when the projection has applied the batch: the figure's end point.
  (app.store as { ingest: typeof ingest }).ingest = async (entries) => {
    const done: StreamEvent[] = await ingest(entries);
    if (Number.isFinite(fromMicros)) record(done.map((e) => e.id));
    return done;
  };
  await app.start();
  stopApp = () => app.close();
}

let following = false;
async function drainPlain(count: number): Promise<void> {
  const map = new Map<string, string>();
  let cursor = '0-0';
  while (map.size < count) {
    const entries = await log.read('events', cursor, BATCH, 1000);
    for (const e of entries) map.set(e.id, e.fields.event as string);
    if (entries.length > 0) cursor = (entries[entries.length - 1] as { id: string }).id;
  }
  following = true;
  void (async () => {
    while (following) {
      const entries = await log.read('events', cursor, BATCH, 1000);
      const ids: string[] = [];
      for (const e of entries) {
        const raw = e.fields.event as string;
        map.set(e.id, raw);
        // The baseline reads the stamp from the raw JSON's id without parsing the rest.
        const at = raw.indexOf('"id":"') + 6;
        ids.push(raw.slice(at, raw.indexOf('"', at)));
      }
      if (entries.length > 0) cursor = (entries[entries.length - 1] as { id: string }).id;
      if (Number.isFinite(fromMicros)) record(ids);
    }
  })();
}

onParentMessage({
  async drain(message) {
    const started = performance.now();
    if (mode === 'plain') await drainPlain(Number(message.count));
    else await drainOrtalyq();
    sendToParent({ kind: 'drained', seconds: (performance.now() - started) / 1000 });
  },
  follow(message) {
    fromMicros = Number(message.fromMicros);
    sendToParent({ kind: 'follow' });
  },
  report() {
    sendToParent({ kind: 'report', lags: lags.values(), applied, seen: lags.count() });
  },
  async stop() {
    following = false;
    await stopApp();
    await log.close();
    process.exit(0);
  },
});
sendToParent({ kind: 'ready' });
