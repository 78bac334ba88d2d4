/**
 * The real Ortalyq server in its own process for the benchmarks (createApp over Redis, as in
 * production), so its CPU seconds and heap are its own. Run with --expose-gc for heap figures.
 * Env: REDIS_URL, REDIS_PREFIX, SERVER_CONFIG (JSON of config variables, e.g.
 * {"FRAME_INTERVAL_MS":"100"}), ARCHIVE_DATABASE_URL (optional: the archive on that PostgreSQL,
 * archived inline as `npm start` does; the projection then evicts what it holds). Signs up an operator `bench` / `bench-password` (all regions).
 * Parent: → 'ready' {port, startMs (process start, module loading included → app.start()
 * resolved), appStartMs (app.start() alone), restoreMs (snapshot read and parsed), replayMs
 * (tail replayed), replayed, appeals, heapUsedMb, cpuSeconds};
 * 'sample' {readings?} → 'sample' {heapUsedMb (after a full GC with --expose-gc: the least of
 * `readings` a second apart), rssMb, cpuSeconds, lagP99Ms, lagMaxMs, appeals, applied, sockets,
 * archivedThrough (null without an archive)};
 * 'snapshot' → 'snapshot' {cursor, bytes}: writes one now; 'snapshotsSent' → {sent: the server's
 * own timing of each snapshot sent to a socket since the last ask}; 'resetLag'; 'stop' → closes like
 * SIGTERM (final snapshot), exits.
 */
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { pino } from 'pino';
import { createApp } from '../../server/src/app';
import { createArchiveService, type ArchiveService } from '../../server/src/archive/createArchiveService';
import { createPgArchiveDb } from '../../server/src/archive/pgArchiveDb';
import { parseConfig } from '../../server/src/config';
import { backlogOf } from '../../server/src/realtime/createRealtime';
import { SNAPSHOT_KEY } from '../../server/src/projection/createProjectionStore';
import { createRedisLog } from '../../server/src/stream/redisLog';
import { onParentMessage, sendToParent, sleep } from '../lib/processes';

/** Socket cap for the bench's one user (the config schema's largest). */
const BENCH_SOCKET_CAP = 100_000;

export const BENCH_USER = { username: 'bench', password: 'bench-password' };

interface ReadyLine {
  replayed?: number;
  restoreMs?: number;
  replayMs?: number;
}

/** Time since this process started (the parent's fork), ms. */
const sinceProcessStart = (): number => performance.now();
const cpuSeconds = (): number => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1e6;
};

/**
 * Runs only as the worker itself: the bench cases import BENCH_USER from this module, and an
 * import must not start a server in the bench process.
 */
async function main(): Promise<void> {
  // The start-up's phases come from the server's own 'projection ready' log line; every other
  // line is dropped (JSON-parsed only when it is that one).
  let readyLine: ReadyLine = {};
  /** The server's own timing of each snapshot it sent (debug line `snapshot sent`), until asked for. */
  let snapshotsSent: { reason: string; cached: boolean; compressed: boolean; serverMs: number }[] = [];
  const logger = pino(
    { level: 'debug' },
    {
      write(line: string) {
        if (line.includes('"msg":"projection ready"')) readyLine = JSON.parse(line) as ReadyLine;
        else if (line.includes('"msg":"snapshot sent"')) snapshotsSent.push(JSON.parse(line) as never);
      },
    },
  );
  const url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const prefix = process.env.REDIS_PREFIX as string;
  const gc = (globalThis as { gc?: () => void }).gc;

  const log = await createRedisLog({ url, prefix, logger });
  const archiveUrl = process.env.ARCHIVE_DATABASE_URL;
  const archive: ArchiveService | null = archiveUrl
    ? createArchiveService({
        db: createPgArchiveDb({ url: archiveUrl }),
        mode: 'postgres',
        log,
        logger,
        locate: null,
        archiver: 'inline',
        streamMaxEntries: 10_000_000,
      })
    : null;
  archive?.start();
  const app = createApp({
    ...(archive ? { archive } : {}),
    config: parseConfig({
      // One signed-in bench user plays thousands of screens: lift the per-sign-in and per-user socket caps.
      SOCKETS_PER_SESSION: String(BENCH_SOCKET_CAP),
      SOCKETS_PER_USER: String(BENCH_SOCKET_CAP),
      ...(JSON.parse(process.env.SERVER_CONFIG ?? '{}') as Record<string, string>),
    }),
    log,
    logMode: 'external',
    logger,
  });
  const appStartedAt = performance.now();
  await app.start();
  const startMs = sinceProcessStart();
  const appStartMs = performance.now() - appStartedAt;
  await new Promise<void>((resolve) => app.httpServer.listen(0, '127.0.0.1', resolve));
  if (!(await app.access.users.get(BENCH_USER.username)))
    await app.access.users.add({ ...BENCH_USER, role: 'operator', regions: 'all' });
  const lag = monitorEventLoopDelay({ resolution: 10 });
  lag.enable();

  /**
   * Memory after a full GC; with several readings a second apart, the one with the least heap
   * (a snapshot being written holds its JSON for a moment: use, not growth).
   */
  async function settledMemory(readings: number): Promise<NodeJS.MemoryUsage> {
    let least: NodeJS.MemoryUsage | null = null;
    for (let i = 0; i < readings; i += 1) {
      if (i > 0) await sleep(1000);
      gc?.();
      gc?.();
      const memory = process.memoryUsage();
      if (!least || memory.heapUsed < least.heapUsed) least = memory;
    }
    return least as NodeJS.MemoryUsage;
  }

  /** Bytes waiting to go out to all sockets: engine.io's queue and what the WebSocket buffered. */
  function queuedBytes(): number {
    let total = 0;
    for (const socket of app.io.sockets.sockets.values()) total += backlogOf(socket).bytes;
    return total;
  }

  onParentMessage({
    async sample(message) {
      const memory = await settledMemory(Math.max(1, Number(message.readings ?? 1)));
      sendToParent({
        kind: 'sample',
        heapUsedMb: memory.heapUsed / 2 ** 20,
        rssMb: memory.rss / 2 ** 20,
        cpuSeconds: cpuSeconds(),
        lagP99Ms: lag.percentile(99) / 1e6,
        lagMaxMs: lag.max / 1e6,
        appeals: app.store.state.appeals.size,
        applied: app.store.state.counters.applied,
        sockets: app.io.engine.clientsCount,
        queuedMb: queuedBytes() / 2 ** 20,
        archivedThrough: archive?.archivedThrough() ?? null,
      });
    },
    async snapshot() {
      const cursor = await app.store.saveSnapshot();
      const bytes = Buffer.byteLength((await log.getValue(SNAPSHOT_KEY)) ?? '', 'utf8');
      sendToParent({ kind: 'snapshot', cursor, bytes });
    },
    snapshotsSent() {
      sendToParent({ kind: 'snapshotsSent', sent: snapshotsSent });
      snapshotsSent = [];
    },
    resetLag() {
      lag.reset();
      sendToParent({ kind: 'resetLag' });
    },
    async stop() {
      await app.close();
      await archive?.close();
      await log.close();
      process.exit(0);
    },
  });
  sendToParent({
    kind: 'ready',
    port: (app.httpServer.address() as AddressInfo).port,
    startMs,
    appStartMs,
    restoreMs: readyLine.restoreMs ?? Number.NaN,
    replayMs: readyLine.replayMs ?? Number.NaN,
    replayed: readyLine.replayed ?? Number.NaN,
    appeals: app.store.state.appeals.size,
    heapUsedMb: process.memoryUsage().heapUsed / 2 ** 20,
    cpuSeconds: cpuSeconds(),
  });
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
