import {
  addFlows,
  createFlowCounts,
  reportAddDays,
  reportDayCount,
  reportDayOf,
  reportDayStart,
  type ReportAppeal,
} from '@shared';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type { ArchiveDb, ArchiveQuery } from '../archive/archiveDb';
import { writeCohortDays } from './cohortRollup';
import { appealsWithStepsIn } from './reportRows';
import {
  APPEALS_PER_TURN,
  flowSteps,
  hasFlows,
  hourRows,
  insertFlowRows,
  insertServiceRows,
  rewriteMonth,
  withinHourHorizon,
  type FlowRow,
  type ServiceRow,
} from './rollupGrains';

/**
 * The rollups' upkeep (docs/reports.md "Rollups"): the triggers of migration 007 mark the
 * (day, region) keys any writer of `appeals` touched; `recomputeDirty` rewrites those keys'
 * rows of `report_daily`, `report_hourly` (within the horizon) and `report_service_daily` from
 * the appeals (and their reopen events), with the shared `addFlows` (the live rings'
 * histograms), so a rollup is always a pure function of the rows; the months follow from the
 * days (migration 009, `rollupGrains.ts`). Rewriting a past day moves the generation on
 * (migration 012, `reportGeneration`): kept report answers go stale in every process.
 */

/** The daily and service rows of one day's appeals (those with a step on `day`). */
export async function rollupDay(
  appeals: readonly ReportAppeal[],
  day: string,
): Promise<{ daily: FlowRow[]; services: ServiceRow[] }> {
  const start = reportDayStart(day);
  const end = reportDayStart(reportAddDays(day, 1));
  const daily = new Map<string, FlowRow>();
  const services = new Map<string, ServiceRow>();
  for (let i = 0; i < appeals.length; i += 1) {
    if (i > 0 && i % APPEALS_PER_TURN === 0) await yieldToLoop();
    const a = appeals[i] as ReportAppeal;
    const key = `${a.region}|${a.category}|${a.channel}|${a.priority}`;
    let row = daily.get(key);
    if (!row) {
      const dims = { region: a.region, category: a.category, channel: a.channel, priority: a.priority };
      row = { ...createFlowCounts(), key: day, ...dims };
      daily.set(key, row);
    }
    addFlows(row, a, start, end);
    const service = a.serviceId ?? a.service;
    if (service === undefined) continue;
    const skey = `${a.region}|${service}`;
    let srow = services.get(skey);
    if (!srow) {
      srow = { ...createFlowCounts(), key: day, region: a.region, service, name: a.service ?? null };
      services.set(skey, srow);
    }
    addFlows(srow, a, start, end);
  }
  return {
    daily: [...daily.values()].filter(hasFlows),
    services: [...services.values()].filter((r) => r.responded + r.resolved + r.reopened > 0),
  };
}

/** Options of the recompute: the clock the hour horizon and the past are counted from (tests pin it). */
export interface RollupOptions {
  now?: number;
}

/** What a recompute did. */
export interface RecomputeResult {
  /** The (day, region) and (month, region) keys rewritten. */
  keys: number;
  /** Whether it rewrote a day before yesterday (`isPastDay`), and so moved `report_generation` on. */
  isPastRewritten: boolean;
}

/**
 * Whether rewriting `day`'s rollups can change a report answer already given: a day before
 * yesterday (Almaty). Rewriting only today and yesterday (what live traffic keeps dirty: an
 * appeal registered yesterday resolved today) cannot: an answer taken at asOf reads yesterday's
 * events and the appeals rewound to asOf, which later events do not change.
 */
export function isPastDay(day: string, now: number): boolean {
  return day < reportAddDays(reportDayOf(now), -1);
}

/**
 * The rollups' generation (migration 012): every transaction that rewrites a past day's
 * rollups moves it on, whichever process runs it, so a report answer kept under an older one
 * is not served again (`reportAnswerCache.ts`).
 */
export async function reportGeneration(db: ArchiveQuery): Promise<number> {
  const { rows } = await db.query<{ generation: string }>(
    'SELECT generation::text AS generation FROM report_generation',
  );
  return Number(rows[0]?.generation ?? 0);
}

/** The most days one transaction of the recompute spans (first to last): its appeals are read once. */
export const CHUNK_DAYS = 7;

/** `days` (distinct, sorted either way) cut into runs whose first and last are < `span` days apart. */
export function chunkDays(days: readonly string[], span = CHUNK_DAYS): string[][] {
  const chunks: string[][] = [];
  let current: string[] = [];
  for (const day of days) {
    const first = current[0];
    if (first !== undefined && Math.abs(reportDayCount(first, day)) > span) {
      chunks.push(current);
      current = [];
    }
    current.push(day);
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

/** The appeals of each taken (day, region) key: those with a step on the day (in the span), by their region. */
function appealsByDay(
  appeals: readonly ReportAppeal[],
  keys: ReadonlyMap<string, ReadonlySet<string>>,
  start: number,
  end: number,
): Map<string, ReportAppeal[]> {
  const byDay = new Map<string, ReportAppeal[]>();
  for (const a of appeals) {
    const days = new Set<string>();
    for (const at of [a.registeredAt, a.respondedAt, a.resolvedAt, a.closedAt, ...flowSteps(a)]) {
      if (at !== null && at >= start && at < end) days.add(reportDayOf(at));
    }
    for (const day of days) {
      if (!keys.get(day)?.has(a.region)) continue;
      let list = byDay.get(day);
      if (!list) byDay.set(day, (list = []));
      list.push(a);
    }
  }
  return byDay;
}

/** Deletes the rows of the taken keys from the day, service and (within the horizon) hour tables. */
async function deleteKeys(tx: ArchiveQuery, taken: ReadonlyArray<{ day: string; region: string }>, now: number) {
  for (const table of ['report_daily', 'report_service_daily']) {
    await tx.query(
      `DELETE FROM ${table} t USING unnest($1::date[], $2::text[]) AS k(day, region)
        WHERE t.day = k.day AND t.region = k.region`,
      [taken.map((k) => k.day), taken.map((k) => k.region)],
    );
  }
  const hourKeys = taken.filter((k) => withinHourHorizon(reportDayStart(k.day), now));
  if (hourKeys.length === 0) return;
  await tx.query(
    `DELETE FROM report_hourly t USING unnest($1::timestamptz[], $2::timestamptz[], $3::text[]) AS k(lo, hi, region)
      WHERE t.hour >= k.lo AND t.hour < k.hi AND t.region = k.region`,
    [
      hourKeys.map((k) => new Date(reportDayStart(k.day)).toISOString()),
      hourKeys.map((k) => new Date(reportDayStart(reportAddDays(k.day, 1))).toISOString()),
      hourKeys.map((k) => k.region),
    ],
  );
}

/**
 * Rewrites the rows of the taken (day, region) keys in one transaction: the appeals of the
 * whole span read once (two statements), the old rows deleted by key, then a day at a time
 * folded with the shared `addFlows` and written by COPY — the live dashboard is served between
 * days (a day is a few thousand appeals; its hours, within the horizon, nearly a row per step).
 */
async function writeKeys(tx: ArchiveQuery, taken: ReadonlyArray<{ day: string; region: string }>, now: number) {
  const keys = new Map<string, Set<string>>();
  for (const { day, region } of taken) {
    let regions = keys.get(day);
    if (!regions) keys.set(day, (regions = new Set()));
    regions.add(region);
  }
  const sorted = [...keys.keys()].sort();
  const start = reportDayStart(sorted[0] as string);
  const end = reportDayStart(reportAddDays(sorted[sorted.length - 1] as string, 1));
  const regions = [...new Set(taken.map((k) => k.region))];
  const appeals = await appealsWithStepsIn(tx, start, end, { regions });
  await deleteKeys(tx, taken, now);
  for (const [day, dayAppeals] of appealsByDay(appeals, keys, start, end)) {
    await yieldToLoop();
    const { daily, services } = await rollupDay(dayAppeals, day);
    await insertFlowRows(tx, 'report_daily', daily);
    await insertServiceRows(tx, 'report_service_daily', services);
    const dayStart = reportDayStart(day);
    if (!withinHourHorizon(dayStart, now)) continue;
    await yieldToLoop();
    await insertFlowRows(
      tx,
      'report_hourly',
      await hourRows(dayAppeals, dayStart, reportDayStart(reportAddDays(day, 1))),
    );
  }
  // The months are rewritten from their days after the round (once, not once per day).
  await tx.query(
    `INSERT INTO report_dirty_month (month, region)
     SELECT DISTINCT date_trunc('month', k.day)::date, k.region FROM unnest($1::date[], $2::text[]) AS k(day, region)
     ON CONFLICT DO NOTHING`,
    [taken.map((k) => k.day), taken.map((k) => k.region)],
  );
}

/** Rewrites every dirty month from its days, each in its own transaction; resolves to the keys done. */
async function recomputeDirtyMonths(db: ArchiveDb): Promise<number> {
  const { rows } = await db.query<{ month: string }>(
    `SELECT DISTINCT to_char(month, 'YYYY-MM-DD') AS month FROM report_dirty_month ORDER BY 1`,
  );
  let keys = 0;
  for (const { month } of rows) {
    keys += await db.transaction(async (tx) => {
      const taken = await tx.query<{ region: string }>(
        'DELETE FROM report_dirty_month WHERE month = $1::date RETURNING region',
        [month],
      );
      const regions = taken.rows.map((r) => r.region);
      if (regions.length > 0) await rewriteMonth(tx, month, regions);
      return regions.length;
    });
  }
  return keys;
}

/**
 * Recomputes the dirty keys of `days`, a chunk of nearby days per transaction (`chunkDays`):
 * the keys are deleted first, so a writer marking one again meanwhile leaves it dirty for the
 * next round. A chunk with a past day (`isPastDay`) moves `report_generation` on in the same
 * transaction, as its last statement (the row's lock is held until the commit: writers of the
 * past queue there only briefly), so no reader sees the new rows under the old generation.
 */
async function recomputeDays(db: ArchiveDb, days: readonly string[], now: number): Promise<RecomputeResult> {
  const done: RecomputeResult = { keys: 0, isPastRewritten: false };
  for (const chunk of chunkDays(days)) {
    const chunkDone = await db.transaction(async (tx): Promise<RecomputeResult> => {
      const taken = await tx.query<{ day: string; region: string }>(
        `DELETE FROM report_dirty WHERE day = ANY($1::date[]) RETURNING to_char(day, 'YYYY-MM-DD') AS day, region`,
        [chunk],
      );
      if (taken.rows.length === 0) return { keys: 0, isPastRewritten: false };
      const takenDays = [...new Set(taken.rows.map((k) => k.day))];
      await writeKeys(tx, taken.rows, now);
      // The intake cohorts of those days (days × regions: a superset, exact as the rows are a pure function).
      await writeCohortDays(tx, takenDays, [...new Set(taken.rows.map((k) => k.region))]);
      const isPast = takenDays.some((day) => isPastDay(day, now));
      if (isPast) await tx.query('UPDATE report_generation SET generation = generation + 1');
      return { keys: taken.rows.length, isPastRewritten: isPast };
    });
    done.keys += chunkDone.keys;
    done.isPastRewritten ||= chunkDone.isPastRewritten;
  }
  return done;
}

/** Recomputes the dirty keys of `days`, then every dirty month; the month keys are counted in `keys`. */
async function recomputeDaysThenMonths(db: ArchiveDb, days: readonly string[], now: number): Promise<RecomputeResult> {
  const done = await recomputeDays(db, days, now);
  // The round's months (and any a crash left dirty) follow from the days just written. They
  // need no generation of their own: a month is marked in the transaction of its days, and a
  // report's refresh rewrites every dirty month before it answers.
  return { ...done, keys: done.keys + (await recomputeDirtyMonths(db)) };
}

/**
 * Recomputes up to `maxDays` of the dirty days, newest first (the days reports are asked for
 * most: this week, last month), a chunk of nearby days per transaction, then the months of
 * those days. Days before `deferBefore` stay dirty (a history backfill still writing them
 * would only mark them again). Also says whether a day before yesterday was dirty when it
 * began, deferred ones included (the rollup job's pace), read by the same statement.
 */
export async function recomputeDirty(
  db: ArchiveDb,
  maxDays = 62,
  options: RollupOptions & { deferBefore?: string | null } = {},
): Promise<RecomputeResult & { isPastDirty: boolean }> {
  const now = options.now ?? Date.now();
  const { rows } = await db.query<{ oldest: string | null; day: string | null }>(
    `SELECT o.oldest, d.day
       FROM (SELECT to_char(min(day), 'YYYY-MM-DD') AS oldest FROM report_dirty) o
       LEFT JOIN (SELECT DISTINCT to_char(day, 'YYYY-MM-DD') AS day FROM report_dirty
                   WHERE $2::date IS NULL OR day >= $2::date ORDER BY 1 DESC LIMIT $1) d ON true
      ORDER BY d.day DESC`,
    [maxDays, options.deferBefore ?? null],
  );
  const oldest = rows[0]?.oldest ?? null;
  const days = rows.flatMap((r) => (r.day === null ? [] : [r.day]));
  const done = await recomputeDaysThenMonths(db, days, now);
  return { ...done, isPastDirty: oldest !== null && isPastDay(oldest, now) };
}

/**
 * Recomputes every day dirty when called (the rebuild, and a report that must be current),
 * then their months. Bounded by what was dirty at the call: a history backfill marking new
 * days meanwhile does not keep the first report waiting until it ends (those are the job's).
 * Resolves to the number of (day, region) and (month, region) keys recomputed.
 */
export async function recomputeAllDirty(db: ArchiveDb, options: RollupOptions = {}): Promise<number> {
  const { rows } = await db.query<{ day: string }>(
    `SELECT DISTINCT to_char(day, 'YYYY-MM-DD') AS day FROM report_dirty ORDER BY 1`,
  );
  const done = await recomputeDaysThenMonths(
    db,
    rows.map((r) => r.day),
    options.now ?? Date.now(),
  );
  return done.keys;
}

/**
 * Recomputes the dirty keys of just `days` (a report's own few, `reportsSource.ts`), then the
 * dirty months. A day no longer dirty (another round took it) costs one DELETE.
 */
export async function recomputeTheseDays(
  db: ArchiveDb,
  days: readonly string[],
  options: RollupOptions = {},
): Promise<RecomputeResult> {
  return recomputeDaysThenMonths(db, days, options.now ?? Date.now());
}

/** Marks every day of every archived appeal dirty (`npm run reports:rebuild`). */
export async function markAllDirty(db: ArchiveQuery): Promise<void> {
  await db.query(
    `INSERT INTO report_dirty (day, region)
     SELECT DISTINCT ((s.ts AT TIME ZONE 'UTC') + o.off)::date, s.region
       FROM (SELECT a.region, unnest(ARRAY[a.registered_at, a.responded_at, a.resolved_at, a.closed_at]) AS ts
               FROM appeals a) s
      CROSS JOIN (VALUES (interval '5 hours'), (interval '6 hours')) AS o(off)
      WHERE s.ts IS NOT NULL
     ON CONFLICT DO NOTHING`,
  );
}
