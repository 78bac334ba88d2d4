/**
 * `npm run bench -- backfill [--full]`: the demo history backfill (issue 16, "History in the
 * demo") on a fresh file-backed PGlite, as `npm start` runs it: generation in its worker,
 * PGlite in its worker, this thread forwarding chunks. Meanwhile a 10 ms timer loop stands
 * for the live server and the event loop's delay is recorded. Baseline in the same run: a
 * bare COPY of the same rows (read back from the archive) into tables without indexes.
 * BENCH_BACKFILL_DAYS (default 30; `--full`: 365) × SIM_HISTORY_PER_DAY (3,000);
 * BENCH_BACKFILL_CHUNK_EVENTS (default: the backfill's own, 4,000).
 * BENCH_BACKFILL_DB=postgres: into a fresh database on the test PostgreSQL instead
 * (TEST_POSTGRES_URL, default the local one), as a server with DATABASE_URL writes it; the
 * database's CPU is then its backends' (read from /proc: the server must run on this machine).
 *
 * On a shared machine the wall time is mostly waiting for a CPU, so the CPU time of each
 * thread is printed too: the history worker's (it reports its own), the server thread's,
 * PGlite's worker's, and the helper threads' (V8's garbage collection). On two otherwise idle
 * cores the two workers run side by side, so the larger of their CPU times, or half the
 * process's, whichever is more, bounds the wall time from below (`yearMinutesOnIdleCores`):
 * an estimate, not a measurement.
 */
import { PGlite } from '@electric-sql/pglite';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import { createHistoryBackfill } from '../server/src/archive/history/createHistoryBackfill';
import type { ArchiveDb } from '../server/src/archive/archiveDb';
import { migrate } from '../server/src/archive/migrate';
import { createPgArchiveDb } from '../server/src/archive/pgArchiveDb';
import { createPgliteArchiveDb } from '../server/src/archive/pgliteArchiveDb';
import { createSilentLogger } from '../server/src/logger';
import { diskBytes } from '../test/support/diskBytes';
import { createTestDatabase } from '../test/support/postgres';
import { target, type CaseResult } from './lib/figures';
import { percentile } from './lib/stats';

const PER_DAY = 3000;
const DAY = 86_400_000;
/** Rows of each table the baseline copies again (enough for a rate, short on a loaded machine). */
const BASELINE_ROWS = 150_000;
/** The idle event-loop baseline's length. */
const IDLE_SECONDS = 10;

/** This thread's time on a CPU and waiting in the run queue, ns (Linux schedstat; null elsewhere). */
function schedstat(): { run: number; wait: number } | null {
  try {
    const [run, wait] = readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ').map(Number);
    return { run: run ?? 0, wait: wait ?? 0 };
  } catch {
    return null;
  }
}

/** A late tick of the timer loop, taken apart: the thread running (our work) or waiting for a CPU. */
interface LateTick {
  lateMs: number;
  runMs: number;
  waitMs: number;
}

/**
 * The live server's stand-in: a 10 ms timer whose lateness is the delay a socket would see.
 * Each tick more than 5 ms late is taken apart with the thread's schedstat over its interval:
 * time on a CPU (this thread busy: a stall of ours) against time runnable but waiting for one
 * (the machine's other threads, ours included, holding both cores).
 */
function timerLoop(): { stop(): { lateness: number[]; late: LateTick[] } } {
  const lateness: number[] = [];
  const late: LateTick[] = [];
  let expected = performance.now() + 10;
  let before = schedstat();
  const timer = setInterval(() => {
    const now = performance.now();
    const lateMs = Math.max(0, now - expected);
    const after = schedstat();
    lateness.push(lateMs);
    if (lateMs > 5 && before && after) {
      late.push({ lateMs, runMs: (after.run - before.run) / 1e6, waitMs: (after.wait - before.wait) / 1e6 });
    }
    before = after;
    expected = now + 10;
  }, 10);
  return {
    stop() {
      clearInterval(timer);
      return { lateness, late };
    },
  };
}

/** This thread's garbage collections while it runs: pauses (ms) with V8's kind and reason. */
function gcPauses(): { stop(): { ms: number; kind: number; flags: number }[] } {
  const pauses: { ms: number; kind: number; flags: number }[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const { detail } = entry as PerformanceEntry & { detail?: { kind: number; flags: number } };
      pauses.push({ ms: entry.duration, kind: detail?.kind ?? 0, flags: detail?.flags ?? 0 });
    }
  });
  observer.observe({ entryTypes: ['gc'] });
  return {
    stop() {
      observer.disconnect();
      return pauses;
    },
  };
}

/** CPU seconds this thread has used (Linux: /proc/thread-self/stat, in clock ticks of 10 ms). */
function threadCpuSeconds(): number {
  try {
    const fields = readFileSync('/proc/thread-self/stat', 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return Number.NaN;
  }
}

/** CPU seconds of each thread of this process by thread id (Linux; empty elsewhere). */
function threadsCpuSeconds(): Map<string, number> {
  const out = new Map<string, number>();
  try {
    for (const tid of readdirSync('/proc/self/task')) {
      const fields = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
      out.set(tid, (Number(fields[11]) + Number(fields[12])) / 100);
    }
  } catch {
    // Not Linux: no per-thread figures.
  }
  return out;
}

/** The machine's own delay with nothing of ours running (shared machine): the same loop, idle. */
async function idleDelay(seconds: number): Promise<{ p99: number; max: number }> {
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  const loop = timerLoop();
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  void loop.stop();
  delay.disable();
  return { p99: delay.percentile(99) / 1e6, max: delay.max / 1e6 };
}

/** The bare insert rate: the same rows, COPY'd out and into copies of the tables without indexes. */
async function bareCopy(dir: string): Promise<{ appealsPerSec: number; eventsPerSec: number }> {
  const pg = await PGlite.create(dir);
  try {
    const rate = async (table: string): Promise<number> => {
      const out = await pg.query(`COPY (SELECT * FROM ${table} LIMIT ${BASELINE_ROWS}) TO '/dev/blob'`);
      const blob = out.blob as Blob;
      await pg.exec(`CREATE TABLE bare_${table} (LIKE ${table})`);
      const startedAt = performance.now();
      const result = await pg.query(`COPY bare_${table} FROM '/dev/blob'`, [], { blob });
      const seconds = (performance.now() - startedAt) / 1000;
      return (result.affectedRows ?? 0) / seconds;
    };
    return { appealsPerSec: await rate('appeals'), eventsPerSec: await rate('appeal_events') };
  } finally {
    await pg.close();
  }
}

/** CPU seconds of processes by pid (Linux: /proc/<pid>/stat, ticks of 10 ms; NaN when unreadable). */
function processCpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return Number.NaN;
  }
}

/** The bench's history (fixed seed, ending at today's midnight UTC) into `db`. */
const benchHistory = (db: ArchiveDb, days: number): ReturnType<typeof createHistoryBackfill> =>
  createHistoryBackfill({
    db,
    logger: createSilentLogger(),
    days,
    perDay: PER_DAY,
    liveStartAt: Math.floor(Date.now() / DAY) * DAY,
    seed: 2026,
    out: null,
    ...(process.env.BENCH_BACKFILL_CHUNK_EVENTS
      ? { chunkEvents: Number(process.env.BENCH_BACKFILL_CHUNK_EVENTS) }
      : {}),
  });

/**
 * The same backfill into a fresh PostgreSQL database (the server's `DATABASE_URL` path). The
 * database's CPU is the sum of its backends' at the end (the pool keeps them open until then).
 */
async function benchBackfillPostgres(days: number): Promise<CaseResult> {
  const database = await createTestDatabase();
  try {
    const db = createPgArchiveDb({ url: database.url });
    await migrate(db);
    const backfill = benchHistory(db, days);
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    const loadBefore = loadavg()[0] ?? NaN;
    const startedAt = performance.now();
    const cpuBefore = threadCpuSeconds();
    const progress = await backfill.run();
    const seconds = (performance.now() - startedAt) / 1000;
    const mainCpuSeconds = threadCpuSeconds() - cpuBefore;
    delay.disable();
    const backends = await db.query<{ pid: number }>(
      'SELECT pid FROM pg_stat_activity WHERE datname = current_database()',
    );
    const postgresCpuSeconds = backends.rows.reduce((sum, { pid }) => sum + processCpuSeconds(pid), 0);
    await db.close();
    if (progress.state !== 'done') throw new Error(`backfill ended ${progress.state}: ${progress.reason}`);
    const t = backfill.timings();
    return {
      figures: {
        database: 'postgres',
        days,
        appeals: progress.appeals,
        events: progress.events,
        seconds,
        eventsPerSec: progress.events / seconds,
        yearMinutesExtrapolated: (seconds * (365 / days)) / 60,
        'main.writeSeconds': t.writeMs / 1000,
        'main.waitForWorkerSeconds': t.waitMs / 1000,
        'main.cpuSeconds': mainCpuSeconds,
        'cpu.historyWorkerSeconds': t.workerCpuMs / 1000,
        // Its backends since they started (migrations included: small beside the rows).
        'cpu.postgresBackendsSeconds': postgresCpuSeconds,
        eventLoopP99Ms: delay.percentile(99) / 1e6,
        loadAverageBefore: loadBefore,
        loadAverageAfter: loadavg()[0] ?? NaN,
      },
      targets: [],
    };
  } finally {
    await database.drop();
  }
}

export async function benchBackfill(scale: number, isFull: boolean): Promise<CaseResult> {
  const days = Math.max(1, Math.round(Number(process.env.BENCH_BACKFILL_DAYS ?? (isFull ? 365 : 30)) * scale));
  if (process.env.BENCH_BACKFILL_DB === 'postgres') return benchBackfillPostgres(days);
  const dir = mkdtempSync(path.join(tmpdir(), 'ortalyq-bench-backfill-'));
  try {
    const db = await createPgliteArchiveDb({ dataDir: dir });
    await migrate(db);
    const backfill = benchHistory(db, days);
    const idle = await idleDelay(IDLE_SECONDS);
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    const loop = timerLoop();
    const gc = gcPauses();
    const loadBefore = loadavg()[0] ?? NaN;
    const startedAt = performance.now();
    const cpuBefore = threadCpuSeconds();
    const processCpuBefore = process.cpuUsage();
    const threadsBefore = threadsCpuSeconds();
    const progress = await backfill.run();
    // The history worker has exited by now; PGlite's worker is the busiest thread left but this one.
    const mainTid = String(process.pid);
    const others = [...threadsCpuSeconds()]
      .filter(([tid]) => tid !== mainTid && threadsBefore.has(tid))
      .map(([tid, seconds]) => seconds - (threadsBefore.get(tid) ?? 0));
    const pgliteCpuSeconds = others.length > 0 ? Math.max(...others) : Number.NaN;
    const mainCpuSeconds = threadCpuSeconds() - cpuBefore;
    const processCpu = process.cpuUsage(processCpuBefore);
    const processCpuSeconds = (processCpu.user + processCpu.system) / 1e6;
    const seconds = (performance.now() - startedAt) / 1000;
    const { lateness, late } = loop.stop();
    const pauses = gc.stop();
    const lateBy = (key: 'runMs' | 'waitMs'): number => late.reduce((sum, tick) => sum + tick[key], 0);
    delay.disable();
    await db.close();
    if (progress.state !== 'done') throw new Error(`backfill ended ${progress.state}: ${progress.reason}`);
    const MB = 1024 * 1024;
    const dataDirMb = diskBytes(dir) / MB;
    const walMb = diskBytes(path.join(dir, 'pg_wal')) / MB;
    const t = backfill.timings();
    const bare = await bareCopy(dir);
    const yearFactor = (365 / days) * (PER_DAY / progress.perDay);
    const eventsPerAppeal = progress.events / progress.appeals;
    const workerCpuSeconds = t.workerCpuMs / 1000;
    // V8's helper threads (garbage collection of every thread), libuv's: what is left.
    const helpersCpuSeconds = processCpuSeconds - mainCpuSeconds - workerCpuSeconds - pgliteCpuSeconds;
    // The bare rate of the same rows, scaled to a year: what the database alone would need.
    const bareYearSeconds =
      (progress.appeals * yearFactor) / bare.appealsPerSec + (progress.events * yearFactor) / bare.eventsPerSec;
    return {
      figures: {
        days,
        perDay: PER_DAY,
        appeals: progress.appeals,
        incidents: progress.incidents,
        events: progress.events,
        eventsPerAppeal,
        seconds,
        appealsPerSec: progress.appeals / seconds,
        eventsPerSec: progress.events / seconds,
        yearMinutesExtrapolated: (seconds * yearFactor) / 60,
        'worker.generateSeconds': t.generateMs / 1000,
        'worker.encodeSeconds': t.encodeMs / 1000,
        'main.writeSeconds': t.writeMs / 1000,
        'main.waitForWorkerSeconds': t.waitMs / 1000,
        chunks: t.chunks,
        // The server's thread: busy this long (the rest of the delay is waiting for a CPU).
        'main.cpuSeconds': mainCpuSeconds,
        'cpu.historyWorkerSeconds': workerCpuSeconds,
        'cpu.pgliteWorkerSeconds': pgliteCpuSeconds,
        'cpu.helperThreadsSeconds': helpersCpuSeconds,
        // Two cores: neither worker can go faster than its own CPU time, nor all of it than half the total.
        yearMinutesOnIdleCores: (Math.max(workerCpuSeconds, pgliteCpuSeconds, processCpuSeconds / 2) * yearFactor) / 60,
        eventLoopP50Ms: delay.percentile(50) / 1e6,
        eventLoopP99Ms: delay.percentile(99) / 1e6,
        eventLoopMaxMs: delay.max / 1e6,
        timerLatenessP99Ms: percentile(lateness, 0.99),
        // Ticks over 5 ms late: how many, and of their intervals' time how much this thread ran
        // (a stall of ours) and how much it waited, runnable, for a CPU (Linux schedstat).
        'timer.lateTicks': late.length,
        'timer.lateTicksRunMs': lateBy('runMs'),
        'timer.lateTicksRunQueueMs': lateBy('waitMs'),
        'timer.lateTicksMaxRunMs': Math.max(0, ...late.map((tick) => tick.runMs)),
        // This thread's garbage collections during the backfill (kind 1: scavenge, 4: mark-compact).
        'main.gcPauses': pauses.length,
        'main.gcMs': pauses.reduce((sum, p) => sum + p.ms, 0),
        'main.gcMaxMs': Math.max(0, ...pauses.map((p) => p.ms)),
        'main.gcOver5Ms': pauses.filter((p) => p.ms > 5).length,
        'main.markCompacts': pauses.filter((p) => p.kind === 4).length,
        'baseline.idleEventLoopP99Ms': idle.p99,
        'baseline.idleEventLoopMaxMs': idle.max,
        'baseline.bareCopyAppealsPerSec': bare.appealsPerSec,
        'baseline.bareCopyEventsPerSec': bare.eventsPerSec,
        'baseline.bareCopyYearMinutes': bareYearSeconds / 60,
        // The data directory as the backfill left it (closed): the WAL beside the tables.
        dataDirMb,
        'dataDir.pgWalMb': walMb,
        loadAverageBefore: loadBefore,
        loadAverageAfter: loadavg()[0] ?? NaN,
      },
      targets: [
        target('backfill: a year × 3,000/day on PGlite (extrapolated)', (seconds * yearFactor) / 60, '<=', 4, 'min'),
        target('backfill: event-loop delay p99 while it runs', delay.percentile(99) / 1e6, '<=', 20, 'ms'),
      ],
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
