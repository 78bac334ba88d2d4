/**
 * `npm run bench -- reports`: what the report rollups cost the archiver (issue 19: upkeep
 * ≤ 20 % of the catch-up rate). The same pre-filled stream is archived into two fresh
 * PostgreSQL databases in the same run: one with the rollup triggers disabled (the baseline),
 * one with them on, followed by the recompute of every day they marked dirty
 * (REPORTS_BENCH_EVENTS=0 leaves this part out). Then a year's report over 10 M appeals on
 * PostgreSQL and 1 M on PGlite (`reportsYear.ts`).
 */
import type { ArchiveDb } from '../server/src/archive/archiveDb';
import { createArchiver } from '../server/src/archive/createArchiver';
import { migrate } from '../server/src/archive/migrate';
import { createPgArchiveDb } from '../server/src/archive/pgArchiveDb';
import { createLogStreamReader } from '../server/src/archive/streamReader';
import { createSilentLogger } from '../server/src/logger';
import { recomputeAllDirty } from '../server/src/reports/rollups';
import { createRedisLog } from '../server/src/stream/redisLog';
import { createTestDatabase } from '../test/support/postgres';
import { simulatedEvents } from './archiveCatchUp';
import { target, type CaseResult } from './lib/figures';
import { benchRedisUrl, deletePrefix, fillStream, uniquePrefix } from './lib/redisSetup';
import { benchYearReports } from './reportsYear';

const logger = createSilentLogger();

async function archiveAll(
  log: Awaited<ReturnType<typeof createRedisLog>>,
  lastId: string,
  withTriggers: boolean,
): Promise<{ seconds: number; recomputeSeconds: number; events: number; keys: number }> {
  const database = await createTestDatabase();
  const db: ArchiveDb = createPgArchiveDb({ url: database.url });
  try {
    await migrate(db);
    if (!withTriggers) await db.query('ALTER TABLE appeals DISABLE TRIGGER USER');
    const archiver = createArchiver({ db, reader: createLogStreamReader(log, { blockMs: 50 }), logger, pollMs: 50 });
    const startedAt = performance.now();
    archiver.start();
    for (;;) {
      const { rows } = await db.query<{ stream_id: string }>('SELECT stream_id FROM archive_cursor');
      if (rows[0]?.stream_id === lastId) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const seconds = (performance.now() - startedAt) / 1000;
    await archiver.stop();
    const recomputeStarted = performance.now();
    const keys = withTriggers ? await recomputeAllDirty(db) : 0;
    const recomputeSeconds = (performance.now() - recomputeStarted) / 1000;
    const held = await db.query<{ n: string }>('SELECT count(*) AS n FROM appeal_events');
    return { seconds, recomputeSeconds, events: Number(held.rows[0]?.n), keys };
  } finally {
    await db.close();
    await database.drop();
  }
}

export async function benchReports(scale: number): Promise<CaseResult> {
  const upkeep = process.env.REPORTS_BENCH_EVENTS === '0' ? { figures: {}, targets: [] } : await benchUpkeep(scale);
  const year = await benchYearReports(scale);
  return { figures: { ...upkeep.figures, ...year.figures }, targets: [...upkeep.targets, ...year.targets] };
}

async function benchUpkeep(scale: number): Promise<CaseResult> {
  const count = Math.max(2000, Math.round(Number(process.env.REPORTS_BENCH_EVENTS) || 50_000 * scale));
  const prefix = uniquePrefix('bench-reports');
  const log = await createRedisLog({ url: benchRedisUrl(), prefix, logger });
  try {
    const events = simulatedEvents(count);
    await fillStream(`${prefix}:events`, events.length, (i) => JSON.stringify(events[i]));
    const { lastId } = await log.info('events');
    const off = await archiveAll(log, lastId, false);
    const on = await archiveAll(log, lastId, true);
    const baseRate = off.events / off.seconds;
    const onRate = on.events / (on.seconds + on.recomputeSeconds);
    const upkeepShare = (on.seconds + on.recomputeSeconds - off.seconds) / off.seconds;
    return {
      figures: {
        events: on.events,
        'catchUp.withoutRollups.eventsPerSec': Math.round(baseRate),
        'catchUp.withTriggers.eventsPerSec': Math.round(on.events / on.seconds),
        'recompute.keys': on.keys,
        'recompute.seconds': Math.round(on.recomputeSeconds * 100) / 100,
        'catchUp.withRollups.eventsPerSec': Math.round(onRate),
        'upkeep.shareOfCatchUp': Math.round(upkeepShare * 1000) / 1000,
      },
      targets: [target('reports: rollup upkeep / archiver catch-up time', upkeepShare, '<=', 0.2, '')],
    };
  } finally {
    await log.close();
    await deletePrefix(benchRedisUrl(), prefix);
  }
}
