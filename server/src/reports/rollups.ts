import { addFlows, createFlowCounts, reportAddDays, reportDayStart, type FlowCounts, type ReportAppeal } from '@shared';
import type { ArchiveDb, ArchiveQuery } from '../archive/archiveDb';
import { appealsWithStepsIn } from './reportRows';
import { hasFlows, hourRows, insertFlowRows, rewriteMonth, withinHourHorizon, type FlowRow } from './rollupGrains';

/**
 * The rollups' upkeep (docs/reports.md "Rollups"): the triggers of migration 007 mark the
 * (day, region) keys any writer of `appeals` touched; `recomputeDirty` rewrites those keys'
 * rows of `report_daily`, `report_hourly` (within the horizon) and `report_service_daily` from
 * the appeals (and their reopen events), with the shared `addFlows` (the live rings'
 * histograms), so a rollup is always a pure function of the rows; the months follow from the
 * days (migration 009, `rollupGrains.ts`).
 */

interface ServiceRow extends FlowCounts {
  region: string;
  service: string;
  name: string | null;
}

/** The daily and service rows of one day's appeals (those with a step on `day`). */
export function rollupDay(appeals: readonly ReportAppeal[], day: string): { daily: FlowRow[]; services: ServiceRow[] } {
  const start = reportDayStart(day);
  const end = reportDayStart(reportAddDays(day, 1));
  const daily = new Map<string, FlowRow>();
  const services = new Map<string, ServiceRow>();
  for (const a of appeals) {
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
      srow = { ...createFlowCounts(), region: a.region, service, name: a.service ?? null };
      services.set(skey, srow);
    }
    addFlows(srow, a, start, end);
  }
  return {
    daily: [...daily.values()].filter(hasFlows),
    services: [...services.values()].filter((r) => r.responded + r.resolved + r.reopened > 0),
  };
}

/** Options of the recompute: the clock the hour horizon is counted from (tests pin it). */
export interface RollupOptions {
  now?: number;
}

/** Rewrites the rows of (day, regions) from the appeals: the day, its hours (within the horizon), its services. */
async function writeDay(tx: ArchiveQuery, day: string, regions: readonly string[], now: number): Promise<void> {
  const start = reportDayStart(day);
  const end = reportDayStart(reportAddDays(day, 1));
  const appeals = await appealsWithStepsIn(tx, start, end, { regions });
  const { daily, services } = rollupDay(appeals, day);
  await tx.query('DELETE FROM report_daily WHERE day = $1::date AND region = ANY($2::text[])', [day, regions]);
  await tx.query('DELETE FROM report_service_daily WHERE day = $1::date AND region = ANY($2::text[])', [day, regions]);
  await tx.query(
    'DELETE FROM report_hourly WHERE hour >= $1::timestamptz AND hour < $2::timestamptz AND region = ANY($3::text[])',
    [new Date(start).toISOString(), new Date(end).toISOString(), regions],
  );
  await insertFlowRows(tx, 'report_daily', 'day', daily);
  if (withinHourHorizon(start, now)) await insertFlowRows(tx, 'report_hourly', 'hour', hourRows(appeals, start, end));
  // The month is rewritten from its days after the round (once, not once per day).
  await tx.query(
    `INSERT INTO report_dirty_month (month, region) SELECT $1::date, unnest($2::text[]) ON CONFLICT DO NOTHING`,
    [`${day.slice(0, 7)}-01`, regions],
  );
  if (services.length > 0) {
    await tx.query(
      `INSERT INTO report_service_daily (day, region, service, service_name, responded, resolved, resolved_on_time,
         resolved_legal_on_time, reopened, response_hist)
       SELECT $1::date, r.region, r.service, r.name, r.responded, r.resolved, r."resolvedOnTime", r."resolvedLegalOnTime",
         r.reopened, r.response
         FROM jsonb_to_recordset($2::jsonb) AS r(region text, service text, name text, responded int, resolved int,
           "resolvedOnTime" int, "resolvedLegalOnTime" int, reopened int, response jsonb)`,
      [day, JSON.stringify(services.map((r) => ({ ...r, response: r.response.count === 0 ? null : r.response })))],
    );
  }
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

/** Recomputes the dirty keys of `days`, each day in its own transaction; resolves to the keys done. */
async function recomputeDays(db: ArchiveDb, days: readonly string[], now: number): Promise<number> {
  let keys = 0;
  for (const day of days) {
    keys += await db.transaction(async (tx) => {
      const taken = await tx.query<{ region: string }>(
        'DELETE FROM report_dirty WHERE day = $1::date RETURNING region',
        [day],
      );
      const regions = taken.rows.map((r) => r.region);
      if (regions.length > 0) await writeDay(tx, day, regions, now);
      return regions.length;
    });
  }
  return keys;
}

/**
 * Recomputes up to `maxDays` of the dirty days (oldest first), each in its own transaction:
 * the keys are deleted first, so a writer marking one again meanwhile leaves it dirty for the
 * next round; then the months of those days. Resolves to the number of (day, region) keys
 * recomputed.
 */
export async function recomputeDirty(db: ArchiveDb, maxDays = 62, options: RollupOptions = {}): Promise<number> {
  const { rows } = await db.query<{ day: string }>(
    `SELECT DISTINCT to_char(day, 'YYYY-MM-DD') AS day FROM report_dirty ORDER BY 1 LIMIT $1`,
    [maxDays],
  );
  const keys = await recomputeDays(
    db,
    rows.map((r) => r.day),
    options.now ?? Date.now(),
  );
  // The round's months (and any a crash left dirty) follow from the days just written.
  await recomputeDirtyMonths(db);
  return keys;
}

/**
 * Recomputes every day dirty when called (the rebuild, and a report that must be current),
 * then their months. Bounded by what was dirty at the call: a history backfill marking new
 * days meanwhile does not keep the first report waiting until it ends (those are the job's).
 */
export async function recomputeAllDirty(db: ArchiveDb, options: RollupOptions = {}): Promise<number> {
  const { rows } = await db.query<{ day: string }>(
    `SELECT DISTINCT to_char(day, 'YYYY-MM-DD') AS day FROM report_dirty ORDER BY 1`,
  );
  const keys = await recomputeDays(
    db,
    rows.map((r) => r.day),
    options.now ?? Date.now(),
  );
  await recomputeDirtyMonths(db);
  return keys;
}

/**
 * Recomputes the dirty keys of just `days` (a report's own few, `reportsSource.ts`), then the
 * dirty months. A day no longer dirty (another round took it) costs one DELETE.
 */
export async function recomputeTheseDays(
  db: ArchiveDb,
  days: readonly string[],
  options: RollupOptions = {},
): Promise<number> {
  const keys = await recomputeDays(db, days, options.now ?? Date.now());
  await recomputeDirtyMonths(db);
  return keys;
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
