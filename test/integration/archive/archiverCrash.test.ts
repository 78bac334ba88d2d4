import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArchiveDb } from '../../../server/src/archive/archiveDb';
import { createPgArchiveDb } from '../../../server/src/archive/pgArchiveDb';
import { createPgliteArchiveDb } from '../../../server/src/archive/pgliteArchiveDb';
import { createSilentLogger } from '../../../server/src/logger';
import type { EventLog } from '../../../server/src/stream/eventLog';
import { createRedisLog } from '../../../server/src/stream/redisLog';
import { waitFor } from '../../support/events';
import { createTestDatabase } from '../../support/postgres';
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
} from './archiveFixtures';

const CLI = fileURLToPath(new URL('../../../server/src/archive/cli.ts', import.meta.url));
/** Appends per tick, and ticks per second: about 2,000 events/s. */
const CHUNK = 200;
const TICK_MS = 100;

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

/** Where the archiver processes write, and how the test opens it once they are gone. */
interface CrashTarget {
  env: Record<string, string>;
  /** Opened only after the last archiver exited (PGlite's files belong to one process). */
  open(): Promise<ArchiveDb>;
  cleanup(): Promise<void>;
}

const TARGETS = [
  {
    kind: 'postgresql',
    kills: 8,
    minutes: 120,
    timeoutMs: 300_000,
    async prepare(): Promise<CrashTarget> {
      const database = await createTestDatabase();
      return {
        env: { DATABASE_URL: database.url },
        open: async () => createPgArchiveDb({ url: database.url }),
        cleanup: () => database.drop(),
      };
    },
  },
  {
    // Each start of an embedded archive takes seconds (WebAssembly), so fewer kills.
    kind: 'pglite',
    kills: 3,
    minutes: 40,
    timeoutMs: 480_000,
    async prepare(): Promise<CrashTarget> {
      const dataDir = mkdtempSync(path.join(tmpdir(), 'ortalyq-archive-crash-'));
      return {
        env: { DATA_DIR: dataDir },
        open: () => createPgliteArchiveDb({ dataDir: path.join(dataDir, 'archive') }),
        cleanup: async () => rmSync(dataDir, { recursive: true, force: true }),
      };
    },
  },
];

describe.each(TARGETS)('the archiver process on $kind, SIGKILLed at random points while the stream grows', (spec) => {
  const prefix = uniquePrefix('archive-crash');
  let target: CrashTarget;
  let log: EventLog;
  let child: ChildProcess | null = null;
  /** The newest stream id any archiver process said it committed (its debug log line). */
  let committedId = '0-0';
  /** Batches the current process said it committed (a killed one's last lines may come late). */
  let commits = { count: 0 };

  function startArchiver(): ChildProcess {
    const own = { count: 0 };
    commits = own;
    const started = spawn(process.execPath, ['--import', 'tsx', CLI], {
      env: {
        ...process.env,
        ...target.env,
        DATABASE_URL: target.env.DATABASE_URL ?? '',
        REDIS_URL: testRedisUrl(),
        REDIS_PREFIX: prefix,
        ARCHIVE_BATCH_SIZE: '500',
        ARCHIVE_LEASE_MS: '1000',
        LOG_LEVEL: 'debug',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    createInterface({ input: started.stdout as NodeJS.ReadableStream }).on('line', (line) => {
      if (!line.includes('batch committed')) return;
      committedId = (JSON.parse(line) as { lastId: string }).lastId;
      own.count += 1;
    });
    return started;
  }

  async function kill(process_: ChildProcess, signal: NodeJS.Signals): Promise<void> {
    if (process_.exitCode !== null || process_.signalCode !== null) return;
    const exited = new Promise((resolve) => process_.once('exit', resolve));
    process_.kill(signal);
    await exited;
  }

  beforeAll(async () => {
    target = await spec.prepare();
    log = await createRedisLog({ url: testRedisUrl(), prefix, logger: createSilentLogger() });
  });
  afterAll(async () => {
    // Each step even when one before it failed: no database or keys left behind.
    try {
      if (child) await kill(child, 'SIGKILL');
      await log?.close();
    } finally {
      try {
        await target?.cleanup();
      } finally {
        await deletePrefix(testRedisUrl(), prefix);
      }
    }
  }, spec.timeoutMs);

  it(
    'archives every event exactly once: rows equal the fold over XRANGE',
    async () => {
      const traffic = generateTraffic(42, spec.minutes, 0.4);
      const random = rng(42);
      let appended = 0;
      let isProducing = true;
      /** The stream's last id once the producer is done (null while it still appends). */
      let finalId: string | null = null;
      const producing = (async () => {
        while (appended < traffic.length) {
          const chunk = traffic.slice(appended, appended + CHUNK);
          try {
            await Promise.all(chunk.map((e) => log.append('events', { event: JSON.stringify(e) })));
          } catch {
            // An XADD timed out on a loaded machine (it may have landed): append the chunk
            // again. A repeated event id is part of the contract; the fold and archive skip it.
            continue;
          }
          appended += chunk.length;
          await sleep(TICK_MS);
        }
        finalId = (await log.info('events')).lastId;
        isProducing = false;
      })();

      let kills = 0;
      child = startArchiver();
      // Kills go on while entries arrive and, up to spec.kills, while the archive catches up.
      while (isProducing || kills < spec.kills) {
        // Kill only a process at work (it has committed since it started), at a random point
        // of its next batches: a start-up under load can take seconds.
        const current = commits;
        await waitFor(
          () => current.count > 0 || (finalId !== null && committedId === finalId),
          spec.timeoutMs / 2,
          'a committed batch',
        );
        // Once the producer is done and the archive has everything, a new process has nothing
        // left to commit: there is no work left to interrupt.
        if (current.count === 0) break;
        await sleep(random() * 1000);
        await kill(child, 'SIGKILL');
        kills += 1;
        child = startArchiver();
      }
      await producing;
      const { lastId } = await log.info('events');
      await waitFor(() => committedId === lastId, spec.timeoutMs / 2, 'the archive to catch up');
      await kill(child, 'SIGTERM');
      child = null;

      const db = await target.open();
      try {
        const entries = await log.range('events', '0-0', '+', 10 * traffic.length);
        expect(entries.length).toBeGreaterThanOrEqual(traffic.length);
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
          `${spec.kind}: archiver SIGKILLed ${kills} times while ${traffic.length} events were appended ` +
            `(~${(1000 / TICK_MS) * CHUNK}/s); ${rows[0]?.n} batches by ${rows[0]?.owners} processes; ` +
            `missing ${missing}, duplicated ${duplicated}`,
        );
        // Every killed process had committed batches: it died at work, not while starting. The
        // last one may find nothing left to do (its predecessor committed the final entries).
        expect(kills).toBeGreaterThan(0);
        expect(rows[0]?.owners).toBeGreaterThanOrEqual(kills);
        expect(rows[0]?.owners).toBeLessThanOrEqual(kills + 1);
        expect(missing).toBe(0);
        expect(duplicated).toBe(0);
        expect(stored.length).toBe(expected.length);
        expect(await archivedFacts(db)).toEqual(foldFacts(fold));
        expect(await archivedLinks(db)).toEqual(foldLinks(fold));
      } finally {
        await db.close();
      }
    },
    spec.timeoutMs,
  );
});
