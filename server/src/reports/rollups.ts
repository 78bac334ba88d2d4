import { addFlows, createFlowCounts, reportAddDays, reportDayStart, type FlowCounts, type ReportAppeal } from '@shared';
import type { ArchiveDb, ArchiveQuery } from '../archive/archiveDb';
import { appealsWithStepsIn } from './reportRows';

/**
 * The rollups' upkeep (docs/reports.md "Rollups"): the triggers of migration 007 mark the
 * (day, region) keys any writer of `appeals` touched; `recomputeDirty` rewrites those keys'
 * rows of `report_daily` and `report_service_daily` from the appeals, with the shared
 * `addFlows` (the live rings' histograms), so a rollup is always a pure function of the rows.
 */

interface DailyRow extends FlowCounts {
  region: string;
  category: string;
  channel: string;
  priority: string;
}

interface ServiceRow extends FlowCounts {
  region: string;
  service: string;
  name: string | null;
}

/** The daily and service rows of one day's appeals (those with a step on `day`). */
export function rollupDay(
  appeals: readonly ReportAppeal[],
  day: string,
): { daily: DailyRow[]; services: ServiceRow[] } {
  const start = reportDayStart(day);
  const end = reportDayStart(reportAddDays(day, 1));
  const daily = new Map<string, DailyRow>();
  const services = new Map<string, ServiceRow>();
  for (const a of appeals) {
    const key = `${a.region}|${a.category}|${a.channel}|${a.priority}`;
    let row = daily.get(key);
    if (!row) {
      row = { ...createFlowCounts(), region: a.region, category: a.category, channel: a.channel, priority: a.priority };
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
    daily: [...daily.values()].filter((r) => r.registered + r.responded + r.resolved + r.closed + r.rejected > 0),
    services: [...services.values()].filter((r) => r.responded + r.resolved > 0),
  };
}

/** Rewrites the rows of (day, regions) from the appeals. */
async function writeDay(tx: ArchiveQuery, day: string, regions: readonly string[]): Promise<void> {
  const start = reportDayStart(day);
  const end = reportDayStart(reportAddDays(day, 1));
  const appeals = await appealsWithStepsIn(tx, start, end, { regions });
  const { daily, services } = rollupDay(appeals, day);
  await tx.query('DELETE FROM report_daily WHERE day = $1::date AND region = ANY($2::text[])', [day, regions]);
  await tx.query('DELETE FROM report_service_daily WHERE day = $1::date AND region = ANY($2::text[])', [day, regions]);
  if (daily.length > 0) {
    await tx.query(
      `INSERT INTO report_daily (day, region, category, channel, priority, registered, responded, responded_on_time,
         response_target_ms, resolved, resolved_on_time, resolved_legal_on_time, finished, first_call, closed, rejected,
         response_hist, resolution_hist)
       SELECT $1::date, r.region, r.category, r.channel, r.priority, r.registered, r.responded,
         r."respondedOnTime", r."responseTargetMs", r.resolved, r."resolvedOnTime", r."resolvedLegalOnTime", r.finished,
         r."firstCall", r.closed, r.rejected, r.response, r.resolution
         FROM jsonb_to_recordset($2::jsonb) AS r(region text, category text, channel text, priority text,
           registered int, responded int, "respondedOnTime" int, "responseTargetMs" bigint, resolved int,
           "resolvedOnTime" int, "resolvedLegalOnTime" int, finished int, "firstCall" int, closed int, rejected int,
           response jsonb, resolution jsonb)`,
      [
        day,
        JSON.stringify(
          daily.map((r) => ({ ...r, response: histOrNull(r.response), resolution: histOrNull(r.resolution) })),
        ),
      ],
    );
  }
  if (services.length > 0) {
    await tx.query(
      `INSERT INTO report_service_daily (day, region, service, service_name, responded, resolved, resolved_on_time,
         resolved_legal_on_time, response_hist)
       SELECT $1::date, r.region, r.service, r.name, r.responded, r.resolved, r."resolvedOnTime", r."resolvedLegalOnTime", r.response
         FROM jsonb_to_recordset($2::jsonb) AS r(region text, service text, name text, responded int, resolved int,
           "resolvedOnTime" int, "resolvedLegalOnTime" int, response jsonb)`,
      [day, JSON.stringify(services.map((r) => ({ ...r, response: histOrNull(r.response) })))],
    );
  }
}

function histOrNull(h: FlowCounts['response']): FlowCounts['response'] | null {
  return h.count === 0 ? null : h;
}

/**
 * Recomputes up to `maxDays` of the dirty days (oldest first), each in its own transaction:
 * the keys are deleted first, so a writer marking one again meanwhile leaves it dirty for the
 * next round. Resolves to the number of (day, region) keys recomputed.
 */
export async function recomputeDirty(db: ArchiveDb, maxDays = 62): Promise<number> {
  const { rows } = await db.query<{ day: string }>(
    `SELECT DISTINCT to_char(day, 'YYYY-MM-DD') AS day FROM report_dirty ORDER BY 1 LIMIT $1`,
    [maxDays],
  );
  let keys = 0;
  for (const { day } of rows) {
    keys += await db.transaction(async (tx) => {
      const taken = await tx.query<{ region: string }>(
        'DELETE FROM report_dirty WHERE day = $1::date RETURNING region',
        [day],
      );
      const regions = taken.rows.map((r) => r.region);
      if (regions.length > 0) await writeDay(tx, day, regions);
      return regions.length;
    });
  }
  return keys;
}

/** Recomputes until nothing is dirty (the rebuild, and a report that must be current). */
export async function recomputeAllDirty(db: ArchiveDb): Promise<number> {
  let total = 0;
  for (;;) {
    const keys = await recomputeDirty(db);
    if (keys === 0) return total;
    total += keys;
  }
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
