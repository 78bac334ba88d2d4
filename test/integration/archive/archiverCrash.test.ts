import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArchiveDb } from '../../../server/src/archive/archiveDb';
import { ensureCursor, readCursor } from '../../../server/src/archive/archiveCursor';
import { migrate } from '../../../server/src/archive/migrate';
import { createPgArchiveDb } from '../../../server/src/archive/pgArchiveDb';
import { createSilentLogger } from '../../../server/src/logger';
import type { EventLog } from '../../../server/src/stream/eventLog';
import { createRedisLog } from '../../../server/src/stream/redisLog';
import { waitFor } from '../../support/events';
import { createTestDatabase, type TestDatabase } from '../../support/postgres';
import { deletePrefix, testRedisUrl, uniquePrefix } from '../../support/redis';
import {
  archivedEventIds,
  archivedFacts,
  archivedLinks,
  foldEntries,
  foldEventIds,
  foldFacts,
  foldLinks,
  generateTraffic,
  waitForCursor,
} from './archiveFixtures';

const CLI = fileURLToPath(new URL('../../../server/src/archive/cli.ts', import.meta.url));
const TIMEOUT_MS = 300_000;
/** Appends per tick, and ticks per second: about 2,000 events/s. */
const CHUNK = 200;
const TICK_MS = 100;
const MIN_KILLS = 8;

/** A seeded PRNG (mulberry32): the kill points differ per seed, not per run. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('the archiver process killed with SIGKILL at random points while the stream grows', () => {
  const prefix = uniquePrefix('archive-crash');
  let database: TestDatabase;
  let db: ArchiveDb;
  let log: EventLog;
  let child: ChildProcess | null = null;

  function startArchiver(): ChildProcess {
    const process_ = spawn(process.execPath, ['--import', 'tsx', CLI], {
      env: {
        ...process.env,
        REDIS_URL: testRedisUrl(),
        REDIS_PREFIX: prefix,
        DATABASE_URL: database.url,
        ARCHIVE_BATCH_SIZE: '500',
        ARCHIVE_LEASE_MS: '1000',
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    return process_;
  }

  async function kill(target: ChildProcess, signal: NodeJS.Signals): Promise<void> {
    if (target.exitCode !== null || target.signalCode !== null) return;
    const exited = new Promise((resolve) => target.once('exit', resolve));
    target.kill(signal);
    await exited;
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    db = createPgArchiveDb({ url: database.url });
    await migrate(db);
    await ensureCursor(db, 'events');
    log = await createRedisLog({ url: testRedisUrl(), prefix, logger: createSilentLogger() });
  });
  afterAll(async () => {
    if (child) await kill(child, 'SIGKILL');
    await log?.close();
    await db?.close();
    await database?.drop();
    await deletePrefix(testRedisUrl(), prefix);
  }, TIMEOUT_MS);

  it(
    'archives every event exactly once: rows equal the fold over XRANGE',
    async () => {
      const traffic = generateTraffic(42, 120, 0.4);
      const random = rng(42);
      let appended = 0;
      const producing = (async () => {
        while (appended < traffic.length) {
          const chunk = traffic.slice(appended, appended + CHUNK);
          await Promise.all(chunk.map((e) => log.append('events', { event: JSON.stringify(e) })));
          appended += chunk.length;
          await sleep(TICK_MS);
        }
      })();

      let kills = 0;
      let isProducing = true;
      void producing.finally(() => (isProducing = false));
      child = startArchiver();
      // Kills go on while entries arrive and, up to MIN_KILLS, while the archive catches up.
      while (isProducing || kills < MIN_KILLS) {
        // Kill only a process that is at work (it has committed since it started), at a random
        // point of its next batches: a start-up under load can take seconds.
        const before = (await readCursor(db, 'events'))?.streamId ?? '0-0';
        await waitFor(async () => (await readCursor(db, 'events'))?.streamId !== before, 60_000, 'a committed batch');
        await sleep(random() * 1000);
        await kill(child, 'SIGKILL');
        kills += 1;
        child = startArchiver();
      }
      await producing;
      const info = await log.info('events');
      const started = performance.now();
      await waitForCursor(db, info.lastId, TIMEOUT_MS - 60_000);
      const tail = (performance.now() - started) / 1000;
      await kill(child, 'SIGTERM');
      child = null;

      const entries = await log.range('events', '0-0', '+', traffic.length + 10);
      expect(entries.length).toBe(traffic.length);
      const fold = foldEntries(entries);
      const expected = foldEventIds(entries);
      const stored = await archivedEventIds(db);
      const storedSet = new Set(stored);
      const missing = expected.filter((id) => !storedSet.has(id)).length;
      const duplicated = stored.length - storedSet.size;
      const { rows } = await db.query<{ n: number; owners: number }>(
        'SELECT count(*)::int AS n, count(DISTINCT owner)::int AS owners FROM archive_batches',
      );
      console.log(
        `archiver SIGKILLed ${kills} times while ${traffic.length} events were appended (~${(1000 / TICK_MS) * CHUNK}/s); ` +
          `${rows[0]?.n} batches by ${rows[0]?.owners} processes; last one caught up in ${tail.toFixed(1)} s; ` +
          `missing ${missing}, duplicated ${duplicated}`,
      );
      // Every killed process had committed batches: it died at work, not while starting.
      expect(rows[0]?.owners).toBe(kills + 1);
      expect(missing).toBe(0);
      expect(duplicated).toBe(0);
      expect(stored.length).toBe(expected.length);
      expect(await archivedFacts(db)).toEqual(foldFacts(fold));
      expect(await archivedLinks(db)).toEqual(foldLinks(fold));
    },
    TIMEOUT_MS,
  );
});
