import { reportAddDays, reportDayOf, type ReportRecomputing } from '@shared';
import type { ArchiveDb, ArchiveQuery } from '../archive/archiveDb';
import { pruneHours } from './rollupGrains';
import { recomputeDirty, recomputeTheseDays } from './rollups';
import type { Logger } from '../logger';

/**
 * The most dirty days a report recomputes before answering (docs/reports.md "While the
 * rollups are recomputed"): the archiver keeps today and yesterday dirty, a late event or a
 * callback a few days more, each a fraction of a second; more than this is a backfill or a
 * rebuild, which the rollup job works through while reports answer from the rollups as they stand.
 */
export const INLINE_RECOMPUTE_DAYS = 7;

/** Where reports read: the archive's database once it is open, and its rollups brought up to date. */
export interface ReportsSource {
  /** The database, or null while the archive is not open (a 503). */
  query(): ArchiveQuery | null;
  /**
   * Brings the rollups of the given whole days (`[from, to]` inclusive, Almaty days) up to
   * date when at most `INLINE_RECOMPUTE_DAYS` of them are dirty; otherwise recomputes nothing
   * and resolves to how many are dirty (the answer then says so: `recomputing`). Null: current.
   */
  refresh(
    ranges: ReadonlyArray<readonly [string, string]>,
    regions: readonly string[] | null,
  ): Promise<ReportRecomputing | null>;
  /**
   * Goes up whenever rollups of the past were rewritten (by `refresh` or by the job, through
   * `changed`): an answer kept under an older generation is not served again
   * (`reportAnswerCache.ts`). Rewriting only today and yesterday (what live traffic keeps
   * dirty: an appeal registered yesterday resolved today) leaves it: an answer taken at asOf
   * reads yesterday's events and the appeals rewound to asOf, which later events do not change.
   */
  generation(): number;
  changed(): void;
}

/** Whether rewriting `day`'s rollups can change an answer already given (see `generation`). */
export function isPastDay(day: string, now = Date.now()): boolean {
  return day < reportAddDays(reportDayOf(now), -1);
}

/** The distinct dirty days within `ranges` (of `regions`; null: any), oldest first. */
async function dirtyDaysIn(
  db: ArchiveQuery,
  ranges: ReadonlyArray<readonly [string, string]>,
  regions: readonly string[] | null,
): Promise<string[]> {
  if (ranges.length === 0) return [];
  const within = ranges.map((_, i) => `(day >= $${2 * i + 1}::date AND day <= $${2 * i + 2}::date)`).join(' OR ');
  const params: unknown[] = ranges.flat();
  const ofRegions = regions === null ? '' : ` AND region = ANY($${params.push([...regions])}::text[])`;
  const { rows } = await db.query<{ day: string }>(
    `SELECT DISTINCT to_char(day, 'YYYY-MM-DD') AS day FROM report_dirty WHERE (${within})${ofRegions} ORDER BY 1`,
    params,
  );
  return rows.map((r) => r.day);
}

export function createReportsSource(
  database: () => ArchiveDb | null,
  options: { inlineDays?: number } = {},
): ReportsSource {
  const inlineDays = options.inlineDays ?? INLINE_RECOMPUTE_DAYS;
  // One refresh at a time per process: the summary and the series a page asks together do
  // not recompute the same days twice (the second finds them clean).
  let queue: Promise<unknown> = Promise.resolve();
  let generation = 0;
  return {
    query: database,
    generation: () => generation,
    changed() {
      generation += 1;
    },
    refresh(ranges, regions) {
      const db = database();
      if (db === null) return Promise.resolve(null);
      const run = async (): Promise<ReportRecomputing | null> => {
        const days = await dirtyDaysIn(db, ranges, regions);
        if (days.length > inlineDays) return { days: days.length };
        // Also the months a round of the job left dirty between its days and its months.
        if ((await recomputeTheseDays(db, days)) > 0 && days.some((day) => isPastDay(day))) generation += 1;
        return null;
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
  /** Called after a round that rewrote rollups of the past (`isPastDay`; the reports' `ReportsSource.changed`). */
  onChanged?: () => void;
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
      const { rows } = await options.db.query<{ day: string | null }>(
        `SELECT to_char(min(day), 'YYYY-MM-DD') AS day FROM report_dirty`,
      );
      const oldest = rows[0]?.day ?? null;
      const keys = await recomputeDirty(options.db, 62, {
        deferBefore: deferBefore === null ? null : reportDayOf(deferBefore),
      });
      const isLive = oldest === null || !isPastDay(oldest);
      if (keys > 0 && !isLive) options.onChanged?.();
      pause = isLive ? liveIntervalMs : intervalMs;
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
