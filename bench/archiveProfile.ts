/**
 * `npm run bench -- archiveProfile`: where one catch-up into PostgreSQL spends the database's
 * time, per statement (the first words of its SQL), beside the whole run. Shares only: the
 * machine is shared.
 */
import { readFileSync } from 'node:fs';
import type { ArchiveDb, ArchiveQuery } from '../server/src/archive/archiveDb';
import { createArchiver } from '../server/src/archive/createArchiver';
import { migrate } from '../server/src/archive/migrate';
import { createPgArchiveDb } from '../server/src/archive/pgArchiveDb';
import { createLogStreamReader } from '../server/src/archive/streamReader';
import { createSilentLogger } from '../server/src/logger';
import { createRedisLog } from '../server/src/stream/redisLog';
import { createTestDatabase } from '../test/support/postgres';
import type { CaseResult } from './lib/figures';
import { fillSimulated } from './archiveCatchUp';
import { benchRedisUrl, deletePrefix, uniquePrefix } from './lib/redisSetup';

const logger = createSilentLogger();

/**
 * CPU milliseconds so far of every backend connected to the database (utime + stime from
 * /proc, at 100 ticks a second): what the archiver cost the server whatever the machine's
 * load. Empty when the server is not on this machine.
 */
async function backendCpu(db: ArchiveDb): Promise<Map<number, number>> {
  const { rows } = await db.query<{ pid: number }>(
    'SELECT pid FROM pg_stat_activity WHERE datname = current_database()',
  );
  const cpu = new Map<number, number>();
  for (const { pid } of rows) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
      cpu.set(pid, (Number(fields[11]) + Number(fields[12])) * 10);
    } catch {
      // Not on this machine (or gone).
    }
  }
  return cpu;
}

const labelOf = (sql: string): string => sql.replace(/\s+/g, ' ').trim().slice(0, 48);

/** `db` with every statement's wall time added to `spent` under its label. */
function timed(db: ArchiveDb, spent: Map<string, number>): ArchiveDb {
  async function time<T>(sql: string, run: () => Promise<T>): Promise<T> {
    const startedAt = performance.now();
    try {
      return await run();
    } finally {
      const label = labelOf(sql);
      spent.set(label, (spent.get(label) ?? 0) + performance.now() - startedAt);
    }
  }
  const wrap = (q: ArchiveQuery): ArchiveQuery => {
    const { copyFrom } = q;
    return {
      ...q,
      query: (sql, params) => time(sql, () => q.query(sql, params)),
      // The transaction's COPY (both drivers), timed like the statements.
      ...(copyFrom
        ? { copyFrom: (sql: string, data: Uint8Array<ArrayBuffer>) => time(sql, () => copyFrom(sql, data)) }
        : {}),
    };
  };
  return { ...db, ...wrap(db), transaction: (fn) => db.transaction((tx) => fn(wrap(tx))) } as ArchiveDb;
}

export async function benchArchiveProfile(scale: number): Promise<CaseResult> {
  const count = Math.max(2000, Math.round(Number(process.env.ARCHIVE_PROFILE_EVENTS ?? 50_000) * scale));
  const prefix = uniquePrefix('bench-archive-profile');
  const log = await createRedisLog({ url: benchRedisUrl(), prefix, logger });
  await fillSimulated(`${prefix}:events`, count);
  const database = await createTestDatabase();
  // Time inside PL/pgSQL functions (the rollup triggers), read back from pg_stat_user_functions.
  const admin = createPgArchiveDb({ url: database.url, max: 1 });
  await admin.exec(`ALTER DATABASE ${database.name} SET track_functions = 'pl'`);
  if (process.env.ARCHIVE_PROFILE_EXPLAIN) {
    // Slow statements' plans, triggers' included, into the server's log (ARCHIVE_PROFILE_EXPLAIN = ms).
    await admin.exec(`ALTER DATABASE ${database.name} SET session_preload_libraries = 'auto_explain';
      ALTER DATABASE ${database.name} SET auto_explain.log_min_duration = ${Number(process.env.ARCHIVE_PROFILE_EXPLAIN)};
      ALTER DATABASE ${database.name} SET auto_explain.log_nested_statements = on;
      ALTER DATABASE ${database.name} SET auto_explain.log_analyze = on;`);
  }
  await admin.close();
  const raw = createPgArchiveDb({ url: database.url });
  const spent = new Map<string, number>();
  try {
    await migrate(raw);
    // An experiment's schema change (e.g. an index dropped), applied after the migrations.
    if (process.env.ARCHIVE_PROFILE_SQL) await raw.exec(process.env.ARCHIVE_PROFILE_SQL);
    const db = timed(raw, spent);
    const { lastId } = await log.info('events');
    let batches = 0;
    let foldedAhead = 0;
    const archiver = createArchiver({
      db,
      reader: createLogStreamReader(log, { blockMs: 50 }),
      logger,
      pollMs: 50,
      onBatch: (batch) => {
        batches += 1;
        if (batch.isFoldedAhead) foldedAhead += 1;
      },
    });
    const cpuBefore = await backendCpu(raw);
    const nodeBefore = process.cpuUsage();
    const startedAt = performance.now();
    archiver.start();
    for (;;) {
      const { rows } = await raw.query<{ stream_id: string }>(
        "SELECT stream_id FROM archive_cursor WHERE name = 'events'",
      );
      if (rows[0]?.stream_id === lastId) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const ms = performance.now() - startedAt;
    const node = process.cpuUsage(nodeBefore);
    let serverMs = 0;
    for (const [pid, after] of await backendCpu(raw)) serverMs += after - (cpuBefore.get(pid) ?? 0);
    await archiver.stop();
    const figures: Record<string, number | string> = {
      events: count,
      seconds: Math.round(ms / 100) / 10,
      eventsPerSec: Math.round((count / ms) * 1000),
      // Load-independent: CPU spent (this process: reading, decoding, folding, encoding; the
      // database's backends: every statement), per event.
      nodeCpuUsPerEvent: Math.round((node.user + node.system) / count),
      serverCpuUsPerEvent: Math.round((serverMs * 1000) / count),
      // Batches whose rows were folded before their transaction (the rest folded in it).
      batchesFoldedAhead: `${foldedAhead} of ${batches}`,
    };
    for (const [label, t] of [...spent].sort((a, b) => b[1] - a[1]).slice(0, 12)) {
      figures[label] = `${Math.round(t)} ms (${Math.round((t / ms) * 100)} %)`;
    }
    // Statistics reach the view when a backend reports them: the pool is closed first.
    await raw.close();
    const reader = createPgArchiveDb({ url: database.url, max: 1 });
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const { rows } = await reader.query<{ funcname: string; calls: string; self_time: number }>(
      'SELECT funcname, calls::text, self_time FROM pg_stat_user_functions ORDER BY self_time DESC',
    );
    await reader.close();
    for (const row of rows)
      figures[`fn ${row.funcname}`] =
        `${Math.round(row.self_time)} ms in ${row.calls} calls (${Math.round((row.self_time / ms) * 100)} %)`;
    return { figures, targets: [] };
  } finally {
    await raw.close().catch(() => undefined);
    await database.drop();
    await log.close();
    await deletePrefix(benchRedisUrl(), prefix);
  }
}
