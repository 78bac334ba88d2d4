/**
 * `npm run bench -- reports`, second part (issue 19): a year's report over a big archive.
 * PostgreSQL: REPORTS_BENCH_APPEALS (default 10 M × BENCH_SCALE) appeals from the archive
 * bench's generator (bench/archiveQueries.ts `generateArchive`, two years of appeals, events for
 * the newest tenth), rolled up, then the whole summary (period, previous, year ago, by region /
 * category / service / day) for the last 365 days: the first request on a fresh pool (cold),
 * then REPORTS_BENCH_RUNS (20) warm ones. PGlite (in its worker thread): the same with
 * REPORTS_BENCH_PGLITE_APPEALS (1 M × BENCH_SCALE), the main thread's event-loop delay measured
 * meanwhile. Baselines in the same run: the year's registrations read from the day grain alone
 * (one GROUP BY over 365 days of `report_daily`), and the report's two cohorts (the year and the
 * year before, at asOf and a year earlier) read from the appeals alone, as before the cohort
 * rollup (`directCohortFigures`); the same two through the rollup (`cohortFigures`) beside them.
 * Cold is the first ask on a fresh pool, computed; warm is the same question asked again as the
 * router answers it (the days' rollups checked, then the answer kept since nothing changed:
 * server/src/http/reportAnswerCache.ts); `warmComputedP95Ms` computes it again every time.
 * REPORTS_BENCH_FLOW_ROLLUPS=0 leaves the flow rollups unbuilt (their day-by-day recompute takes
 * hours at 10 M): the summary's flow, service and day tables then read empty rows, so only the
 * cohorts and "overdue now" of its figure are the real cost.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { reportAddDays, reportDayOf, reportDayStart } from '@shared';
import type { ArchiveDb } from '../server/src/archive/archiveDb';
import { migrate } from '../server/src/archive/migrate';
import { createPgArchiveDb } from '../server/src/archive/pgArchiveDb';
import { createPgliteArchiveDb } from '../server/src/archive/pgliteArchiveDb';
import { cohortFigures, directCohortFigures } from '../server/src/reports/cohortQuery';
import { writeCohortDays } from '../server/src/reports/cohortRollup';
import { comparedPeriods, reportSummary, type PeriodAt } from '../server/src/reports/reportSummary';
import { recomputeAllDirty } from '../server/src/reports/rollups';
import { createReportsSource } from '../server/src/reports/reportsSource';
import { createAnswerCache } from '../server/src/http/reportAnswerCache';
import { createTestDatabase } from '../test/support/postgres';
import { generateArchive } from './archiveQueries';
import { target, type TargetCheck } from './lib/figures';

const DAY = 86_400_000;

const sizeFrom = (name: string, fallback: number): number => {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? Math.round(value) : fallback;
};

function p95(samples: readonly number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(0.95 * sorted.length) - 1)] ?? Number.NaN;
}

const round = (ms: number): number => Math.round(ms * 10) / 10;

async function timed<T>(fn: () => Promise<T>): Promise<number> {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}

/** The last 365 whole Almaty days before `now`. */
function lastYear(now: number): { from: string; to: string } {
  const to = reportAddDays(reportDayOf(now), -1);
  return { from: reportAddDays(to, -364), to };
}

const yearReport = (db: ArchiveDb, now: number) => () =>
  reportSummary(db, { ...lastYear(now), asOf: now, filter: { regions: null }, confirmationWindowMs: 14 * DAY }, []);

const dayGrainBaseline = (db: ArchiveDb, now: number) => () =>
  db.query(
    `SELECT region, sum(registered) AS n FROM report_daily WHERE day >= $1::date AND day <= $2::date GROUP BY region`,
    [lastYear(now).from, lastYear(now).to],
  );

/** The cohorts a year's summary reads (the year at asOf; the year before at asOf minus a year), side by side. */
const yearCohorts = (db: ArchiveDb, now: number, read: typeof cohortFigures) => () => {
  const period: PeriodAt = { ...lastYear(now), asOf: now };
  return Promise.all(
    [period, comparedPeriods(period).yearAgo].map((p) =>
      read(db, reportDayStart(p.from), reportDayStart(reportAddDays(p.to, 1)), p.asOf, 14 * DAY, { regions: null }),
    ),
  );
};

/**
 * The year's report as the router answers it (server/src/http/reportAnswerCache.ts): its days'
 * rollups checked first, then the answer kept since nothing changed, else computed.
 */
function keptYearReport(db: ArchiveDb, now: number) {
  const cache = createAnswerCache<unknown>({ source: createReportsSource(() => db), now: () => now });
  const question = { key: 'year', ...lastYear(now), regions: null };
  const report = yearReport(db, now);
  return () => cache.answer(question, report);
}

export async function measure(db: ArchiveDb, now: number, runs: number): Promise<Record<string, number>> {
  const report = yearReport(db, now);
  const kept = keptYearReport(db, now);
  const baseline = dayGrainBaseline(db, now);
  const coldMs = await timed(kept);
  const warm: number[] = [];
  const computed: number[] = [];
  const base: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    base.push(await timed(baseline));
    warm.push(await timed(kept));
    computed.push(await timed(report));
  }
  // The cohorts alone: through the rollup, and from the appeals as before it (slow: fewer runs).
  const rolled: number[] = [];
  const direct: number[] = [];
  for (let i = 0; i < Math.min(runs, 5); i += 1) {
    rolled.push(await timed(yearCohorts(db, now, cohortFigures)));
    direct.push(await timed(yearCohorts(db, now, directCohortFigures)));
  }
  return {
    coldMs: round(coldMs),
    warmP95Ms: round(p95(warm)),
    warmComputedP95Ms: round(p95(computed)),
    baselineDayGrainP95Ms: round(p95(base)),
    cohortsViaRollupP95Ms: round(p95(rolled)),
    baselineCohortsDirectP95Ms: round(p95(direct)),
  };
}

/**
 * The cohort rollup of every dirty key, as the rollups' recompute writes it (the writer in the
 * transaction that takes the keys): a month of days × their regions per transaction.
 */
async function writeCohorts(db: ArchiveDb): Promise<void> {
  const { rows } = await db.query<{ day: string; regions: string[] }>(
    `SELECT to_char(day, 'YYYY-MM-DD') AS day, array_agg(region) AS regions FROM report_dirty GROUP BY day ORDER BY day`,
  );
  for (let i = 0; i < rows.length; i += 31) {
    const batch = rows.slice(i, i + 31);
    const regions = [...new Set(batch.flatMap((r) => r.regions))];
    await db.transaction((tx) =>
      writeCohortDays(
        tx,
        batch.map((r) => r.day),
        regions,
      ),
    );
  }
}

/** Builds the archive and its rollups; resolves to the seconds each took. */
async function fill(db: ArchiveDb, n: number, now: number): Promise<Record<string, number>> {
  await migrate(db);
  const generated = await generateArchive(db, n, now);
  const cohortMs = await timed(() => writeCohorts(db));
  // REPORTS_BENCH_FLOW_ROLLUPS=0: the flow rollups left unbuilt (hours at 10 M with today's
  // day-by-day recompute); the summary then reads empty flow rows, the cohorts are whole.
  const rollupMs =
    process.env.REPORTS_BENCH_FLOW_ROLLUPS === '0' ? Number.NaN : await timed(() => recomputeAllDirty(db, { now }));
  await db.exec('ANALYZE report_cohort_daily; ANALYZE report_cohort_monthly');
  return {
    appeals: n,
    generateSeconds: Math.round(generated.seconds),
    rollupSeconds: Math.round(rollupMs / 1000),
    cohortRollupSeconds: Math.round(cohortMs / 1000),
  };
}

export async function yearOnPostgres(n: number, runs: number): Promise<Record<string, number>> {
  const database = await createTestDatabase();
  const now = Date.now();
  try {
    const builder = createPgArchiveDb({ url: database.url, max: 1 });
    let built: Record<string, number>;
    try {
      built = await fill(builder, n, now);
    } finally {
      await builder.close();
    }
    // Cold: a fresh pool (new connections, nothing planned or cached in them), the size the
    // server opens (openArchiveDb).
    const db = createPgArchiveDb({ url: database.url });
    try {
      return { ...built, ...(await measure(db, now, runs)) };
    } finally {
      await db.close();
    }
  } finally {
    await database.drop();
  }
}

export async function yearOnPglite(n: number, runs: number): Promise<Record<string, number>> {
  const dir = mkdtempSync(path.join(tmpdir(), 'ortalyq-reports-'));
  const now = Date.now();
  try {
    const builder = await createPgliteArchiveDb({ dataDir: path.join(dir, 'archive') });
    let built: Record<string, number>;
    try {
      built = await fill(builder, n, now);
    } finally {
      await builder.close();
    }
    // Cold: the database reopened (a new worker, empty caches).
    const db = await createPgliteArchiveDb({ dataDir: path.join(dir, 'archive') });
    const loop = monitorEventLoopDelay({ resolution: 10 });
    try {
      loop.enable();
      const figures = await measure(db, now, runs);
      loop.disable();
      return {
        ...built,
        ...figures,
        mainThreadLoopDelayP99Ms: round(loop.percentile(99) / 1e6),
        mainThreadLoopDelayMaxMs: round(loop.max / 1e6),
      };
    } finally {
      await db.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Both runs (0 as a size leaves that one out), their figures prefixed and their targets. */
export async function benchYearReports(
  scale: number,
): Promise<{ figures: Record<string, number | string>; targets: TargetCheck[] }> {
  const runs = sizeFrom('REPORTS_BENCH_RUNS', 20);
  const figures: Record<string, number | string> = {};
  const targets: TargetCheck[] = [];
  const parts = [
    ['postgres', 'REPORTS_BENCH_APPEALS', 10_000_000, yearOnPostgres, 300, 1000],
    ['pglite', 'REPORTS_BENCH_PGLITE_APPEALS', 1_000_000, yearOnPglite, 2000, 2000],
  ] as const;
  for (const [name, env, size, run, warmLimit, coldLimit] of parts) {
    if (process.env[env] === '0') continue;
    const n = sizeFrom(env, Math.max(10_000, Math.round(size * scale)));
    try {
      const r = await run(n, runs);
      for (const [key, value] of Object.entries(r)) figures[`year.${name}.${key}`] = value;
      const label = `reports: a year's report, ${name}, ${n} appeals`;
      targets.push(target(`${label}, warm p95 (asked again)`, r.warmP95Ms ?? Number.NaN, '<=', warmLimit, 'ms'));
      targets.push(target(`${label}, cold`, r.coldMs ?? Number.NaN, '<=', coldLimit, 'ms'));
    } catch (error) {
      figures[`year.${name}.error`] = (error as Error).message;
      targets.push(target(`reports: a year's report, ${name}`, Number.NaN, '<=', warmLimit, 'ms'));
    }
  }
  return { figures, targets };
}
