import { reportDayOf, type ReportRecomputing } from '@shared';
import type { ArchiveDb, ArchiveQuery } from '../archive/archiveDb';
import { pruneHours } from './rollupGrains';
import { recomputeDirty, recomputeTheseDays, reportGeneration } from './rollups';
import type { Logger } from '../logger';

/**
 * The most dirty days a report recomputes before answering (docs/reports.md "While the
 * rollups are recomputed"): the archiver keeps today and yesterday dirty, a late event or a
 * callback a few days more, each a fraction of a second; more than this is a backfill or a
 * rebuild, which the rollup job works through while reports answer from the rollups as they stand.
 */
export const INLINE_RECOMPUTE_DAYS = 7;

/** A report's days brought up to date (`ReportsSource.refresh`). */
export interface Refreshed {
  /** Null: the rollups read are current; else how many of the days are still dirty. */
  recomputing: ReportRecomputing | null;
  /**
   * The rollups' generation (`report_generation`, migration 012): it goes up whenever rollups of
   * a day before yesterday are rewritten, by any process (a report's refresh, the rollup job,
   * `reports:rebuild`, another server on the database), so an answer kept under an older one is
   * not served again (`reportAnswerCache.ts`). Rewriting only today and yesterday (what live
   * traffic keeps dirty: an appeal registered yesterday resolved today) leaves it: an answer
   * taken at asOf reads yesterday's events and the appeals rewound to asOf, which later events
   * do not change (`isPastDay` in `rollups.ts`).
   */
  generation: number;
}

/** Where reports read: the archive's database once it is open, and its rollups brought up to date. */
export interface ReportsSource {
  /** The database, or null while the archive is not open (a 503). */
  query(): ArchiveQuery | null;
  /**
   * Brings the rollups of the given whole days (`[from, to]` inclusive, Almaty days) up to
   * date when at most `INLINE_RECOMPUTE_DAYS` of them are dirty; otherwise recomputes nothing
   * and says how many are dirty (the answer then says so: `recomputing`). With the generation
   * the answer is kept under.
   */
  refresh(ranges: ReadonlyArray<readonly [string, string]>, regions: readonly string[] | null): Promise<Refreshed>;
}

/**
 * The rollups' generation and the distinct dirty days within `ranges` (of `regions`; null:
 * any), oldest first: one statement, what a question asked again costs.
 */
async function generationAndDirtyDays(
  db: ArchiveQuery,
  ranges: ReadonlyArray<readonly [string, string]>,
  regions: readonly string[] | null,
): Promise<{ generation: number; days: string[] }> {
  const within =
    ranges.length === 0
      ? 'false'
      : ranges.map((_, i) => `(day >= $${2 * i + 1}::date AND day <= $${2 * i + 2}::date)`).join(' OR ');
  const params: unknown[] = ranges.flat();
  const ofRegions = regions === null ? '' : ` AND region = ANY($${params.push([...regions])}::text[])`;
  const { rows } = await db.query<{ generation: string; day: string | null }>(
    `SELECT g.generation::text AS generation, d.day
       FROM report_generation g
       LEFT JOIN (SELECT DISTINCT to_char(day, 'YYYY-MM-DD') AS day FROM report_dirty
                   WHERE (${within})${ofRegions}) d ON true
      ORDER BY d.day`,
    params,
  );
  return {
    generation: Number(rows[0]?.generation ?? 0),
    days: rows.flatMap((r) => (r.day === null ? [] : [r.day])),
  };
}

export function createReportsSource(
  database: () => ArchiveDb | null,
  options: { inlineDays?: number } = {},
): ReportsSource {
  const inlineDays = options.inlineDays ?? INLINE_RECOMPUTE_DAYS;
  // One refresh at a time per process: the summary and the series a page asks together do
  // not recompute the same days twice (the second finds them clean).
  let queue: Promise<unknown> = Promise.resolve();
  return {
    query: database,
    refresh(ranges, regions) {
      const db = database();
      if (db === null) return Promise.resolve({ recomputing: null, generation: 0 });
      const run = async (): Promise<Refreshed> => {
        // The generation is read before the recompute and the answer's reads: a past day
        // rewritten after it (by anyone) moves it on, so the answer is kept under a generation
        // that is already old (asked again, it is computed anew), never a stale answer under a
        // current one. The rollups a round of the job left between its days and its months
        // are rewritten below (every dirty month) before the answer reads them.
        const { generation, days } = await generationAndDirtyDays(db, ranges, regions);
        if (days.length > inlineDays) return { recomputing: { days: days.length }, generation };
        const done = await recomputeTheseDays(db, days);
        // Its own rewrite of a past day moved the generation on: read it again, or the next
        // ask would compute this answer once more.
        return { recomputing: null, generation: done.isPastRewritten ? await reportGeneration(db) : generation };
      };
      const next = queue.then(run, run);
      queue = next.catch(() => undefined);
      return next;
    },
  };
}

export interface RollupJob {
  start(): void;
  stop(): Promise<void>;
}

/**
 * Keeps the rollups current in the background (every `intervalMs`, default 5 s, while days
 * before yesterday are dirty; every `liveIntervalMs` when only live days are): the days the
 * archiver and the backfill marked dirty are recomputed, newest first, up to two months of
 * days a round (a week per transaction), then their months; hour rows older than the
 * horizon are deleted.
 */
export function createRollupJob(options: {
  db: ArchiveDb;
  logger: Logger;
  intervalMs?: number;
  /**
   * While a history backfill writes, where its days end (epoch ms; null: none running): the
   * days before that one are left dirty until it finishes (it would mark them again and
   * again), so the job keeps the live days current and does the history's once, at the end.
   */
  deferBefore?: () => number | null;
  /**
   * The pause after a round that found only today and yesterday dirty (live traffic; default
   * 60 s): recomputing them every 5 s kept the demo's PGlite busy half the time, and a report
   * recomputes its own dirty days before answering anyway.
   */
  liveIntervalMs?: number;
}): RollupJob {
  const intervalMs = options.intervalMs ?? 5_000;
  const liveIntervalMs = options.liveIntervalMs ?? 60_000;
  let pause = intervalMs;
  let timer: NodeJS.Timeout | null = null;
  let current: Promise<unknown> = Promise.resolve();
  const tick = (): void => {
    const deferBefore = options.deferBefore?.() ?? null;
    const round = async (): Promise<void> => {
      const done = await recomputeDirty(options.db, 62, {
        deferBefore: deferBefore === null ? null : reportDayOf(deferBefore),
      });
      pause = done.isPastDirty ? intervalMs : liveIntervalMs;
      await pruneHours(options.db, Date.now());
    };
    current = round()
      .catch((error: unknown) => options.logger.warn({ err: error }, 'reports: rollup recompute failed; retrying'))
      .finally(() => {
        if (timer !== null) timer = setTimeout(tick, pause);
      });
  };
  return {
    start() {
      if (timer !== null) return;
      timer = setTimeout(tick, intervalMs);
    },
    async stop() {
      if (timer !== null) clearTimeout(timer);
      timer = null;
      await current;
    },
  };
}
