/**
 * Archive write path into the real PostgreSQL: catch-up of a pre-filled Redis stream by the
 * archiver (the real one: lease, cursor compare-and-set, fold with the shared reducer,
 * events COPYed, appeals COPYed to a staging table and upserted, batches growing while behind) beside a bare `COPY`
 * (psql \copy FROM a file: the text format, one command) of the same rows the archiver
 * stored in `appeal_events` into an empty migrated schema, in the same run; then the lag
 * (archived − appended) at a steady 1,000 events/s. Load averages are taken at each start.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import type { EventEnvelope } from '@shared';
import type { ArchiveDb } from '../server/src/archive/archiveDb';
import { createArchiver } from '../server/src/archive/createArchiver';
import { migrate } from '../server/src/archive/migrate';
import { createPgArchiveDb } from '../server/src/archive/pgArchiveDb';
import { createLogStreamReader } from '../server/src/archive/streamReader';
import { createSilentLogger } from '../server/src/logger';
import { createTrafficModel } from '../server/src/simulator/createTrafficModel';
import { createRedisLog } from '../server/src/stream/redisLog';
import { createTestDatabase, type TestDatabase } from '../test/support/postgres';
import { benchRedisUrl, deletePrefix, fillStream, uniquePrefix } from './lib/redisSetup';
import { percentile } from './lib/stats';

const logger = createSilentLogger();

/** `count` simulator events, in order (a busy national hour, bursts included). */
export function simulatedEvents(count: number, seed = 16): EventEnvelope[] {
  const start = Date.parse('2026-02-02T03:00:00Z');
  const model = createTrafficModel({ seed, startAt: start, rate: 50, burstChance: 0.5 });
  const events: EventEnvelope[] = [];
  for (let t = start + 60_000; events.length < count; t += 60_000) {
    for (const e of model.step(t)) if (events.length < count) events.push(e);
  }
  return events;
}

const idMs = (id: string): number => Number(id.split('-')[0]);

async function withArchive<T>(fn: (db: ArchiveDb, database: TestDatabase) => Promise<T>): Promise<T> {
  const database = await createTestDatabase();
  const db = createPgArchiveDb({ url: database.url });
  try {
    await migrate(db);
    return await fn(db, database);
  } finally {
    await db.close();
    await database.drop();
  }
}

export interface CatchUpFigures {
  events: number;
  archivedEventsPerSec: number;
  /** Entries per transaction, on average (the batch grows while behind). */
  meanBatch: number;
  /** Rows/s of the bare COPY of the archived `appeal_events` rows. */
  copyRowsPerSec: number;
  ratioToCopy: number;
  /** 1-minute load average when the archiver started, and when the COPY started. */
  loadAtArchive: number;
  loadAtCopy: number;
}

const load1 = (): number => Math.round((loadavg()[0] ?? NaN) * 10) / 10;

/**
 * Fills `key` with `count` simulator events. A function of its own so that the envelopes are
 * garbage once written: held in the caller's scope, a million of them (~1 GB of heap) stayed
 * alive through the catch-up, and every full collection of the archiver, which runs in this
 * process as it runs in the server, walked them (1 M events: 10,188 events/s).
 */
export async function fillSimulated(key: string, count: number): Promise<void> {
  const events = simulatedEvents(count);
  await fillStream(key, events.length, (i) => JSON.stringify(events[i]));
}

/** Archives `count` pre-filled events, then COPYs the same event rows into an empty schema. */
export async function benchCatchUp(count: number): Promise<CatchUpFigures> {
  const prefix = uniquePrefix('bench-archive');
  const log = await createRedisLog({ url: benchRedisUrl(), prefix, logger });
  await fillSimulated(`${prefix}:events`, count);
  const dir = mkdtempSync(path.join(tmpdir(), 'ortalyq-bench-'));
  try {
    const { lastId } = await log.info('events');
    const archived = await withArchive(async (db, database) => {
      let transactions = 0;
      const archiver = createArchiver({
        db,
        reader: createLogStreamReader(log, { blockMs: 50 }),
        logger,
        pollMs: 50,
        onBatch: () => (transactions += 1),
      });
      const loadAtArchive = load1();
      const startedAt = performance.now();
      let done!: () => void;
      const finished = new Promise<void>((resolve) => (done = resolve));
      const poll = setInterval(() => {
        void db.query<{ stream_id: string }>('SELECT stream_id FROM archive_cursor').then(({ rows }) => {
          if (rows[0]?.stream_id === lastId) done();
        });
      }, 20);
      archiver.start();
      await finished;
      const seconds = (performance.now() - startedAt) / 1000;
      clearInterval(poll);
      await archiver.stop();
      const held = await db.query<{ n: string }>(
        'SELECT (SELECT count(*) FROM appeal_events) + (SELECT count(*) FROM incident_events) AS n',
      );
      // The rows COPY gets: the archived appeal events, exactly as stored.
      const file = path.join(dir, 'events.tsv');
      const dump = spawnSync(
        'psql',
        [
          database.url,
          '-qAt',
          '-c',
          '\\copy (SELECT event_id, appeal_id, type, at, stream_id, payload FROM appeal_events ORDER BY seq) TO STDOUT',
        ],
        { maxBuffer: 2 ** 31 },
      );
      if (dump.status !== 0) throw new Error(`psql dump failed: ${dump.stderr.toString()}`);
      writeFileSync(file, dump.stdout);
      return { seconds, held: Number(held.rows[0]?.n), file, transactions, loadAtArchive };
    });
    const loadAtCopy = load1();
    const copied = await withArchive(async (_db, database) => {
      const startedAt = performance.now();
      const copy = spawnSync('psql', [
        database.url,
        '-qAt',
        '-c',
        `\\copy appeal_events (event_id, appeal_id, type, at, stream_id, payload) FROM '${archived.file}'`,
      ]);
      if (copy.status !== 0) throw new Error(`psql copy failed: ${copy.stderr.toString()}`);
      return (performance.now() - startedAt) / 1000;
    });
    const copyRows = Number(spawnSync('wc', ['-l', archived.file]).stdout.toString().trim().split(' ')[0]);
    const archivedEventsPerSec = archived.held / archived.seconds;
    const copyEventsPerSec = copyRows / copied;
    return {
      events: archived.held,
      archivedEventsPerSec: Math.round(archivedEventsPerSec),
      meanBatch: Math.round(count / Math.max(1, archived.transactions)),
      copyRowsPerSec: Math.round(copyEventsPerSec),
      ratioToCopy: Math.round((archivedEventsPerSec / copyEventsPerSec) * 100) / 100,
      loadAtArchive: archived.loadAtArchive,
      loadAtCopy,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await log.close();
    await deletePrefix(benchRedisUrl(), prefix);
  }
}

export interface LagFigures {
  rate: number;
  seconds: number;
  /** 1-minute load average when the appends started. */
  load: number;
  lagP50Ms: number;
  lagP99Ms: number;
  lagMaxMs: number;
}

/** Appends at `rate` events/s for `seconds` while the archiver follows; lag per entry. */
export async function benchSteadyLag(rate: number, seconds: number): Promise<LagFigures> {
  const prefix = uniquePrefix('bench-archive-lag');
  const log = await createRedisLog({ url: benchRedisUrl(), prefix, logger });
  const events = simulatedEvents(rate * seconds, 17);
  const appended: string[] = [];
  const lags: number[] = [];
  try {
    return await withArchive(async (db) => {
      const archiver = createArchiver({
        db,
        reader: createLogStreamReader(log, { blockMs: 50 }),
        logger,
        pollMs: 50,
        onBatch: (batch) => {
          const now = Date.now();
          // Every appended entry up to the batch's last id is now archived.
          while (appended.length > 0 && compareIds(appended[0] as string, batch.lastId) <= 0) {
            lags.push(now - idMs(appended.shift() as string));
          }
        },
      });
      archiver.start();
      const load = load1();
      const startedAt = Date.now();
      let sent = 0;
      // Open loop, 10 ms ticks: what is due is appended, whatever the archiver does.
      while (sent < events.length) {
        // At most 200 appends in flight: a burst of thousands times out on a loaded machine.
        const due = Math.min(events.length, sent + 200, Math.floor(((Date.now() - startedAt) / 1000) * rate));
        const writes: Promise<string>[] = [];
        for (; sent < due; sent += 1) writes.push(log.append('events', { event: JSON.stringify(events[sent]) }));
        for (const id of await Promise.all(writes)) appended.push(id);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      const deadline = Date.now() + 30_000;
      while (appended.length > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      await archiver.stop();
      return {
        rate,
        seconds,
        load,
        lagP50Ms: Math.round(percentile(lags, 0.5)),
        lagP99Ms: Math.round(percentile(lags, 0.99)),
        lagMaxMs: Math.round(Math.max(...lags)),
      };
    });
  } finally {
    await log.close();
    await deletePrefix(benchRedisUrl(), prefix);
  }
}

function compareIds(a: string, b: string): number {
  const [am, as] = a.split('-').map(Number) as [number, number];
  const [bm, bs] = b.split('-').map(Number) as [number, number];
  return am !== bm ? am - bm : as - bs;
}
