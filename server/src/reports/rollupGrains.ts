import {
  addFlows,
  createFlowCounts,
  mergeHistogram,
  type FlowCounts,
  type Histogram,
  type ReportAppeal,
} from '@shared';
import type { ArchiveQuery } from '../archive/archiveDb';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { copyRows, type CopyValue } from '../archive/copyText';

/**
 * The rollups' three grains (migrations 007, 009; docs/reports.md "Rollups"): the same flow
 * columns per day (`report_daily`, the source of truth), per hour for the last
 * `HOUR_HORIZON_DAYS` (`report_hourly`) and per Almaty month (`report_monthly`, summed from
 * the days).
 */

/** How long hour rows are kept: 8 weeks, so "30 days" and the 30 before it both read hours. */
export const HOUR_HORIZON_DAYS = 56;
const HOUR = 3_600_000;
/**
 * Appeals folded into a day's rows between two turns of the event loop: the rollup job runs on
 * the server's thread, and a day of a national archive (10 M appeals over two years, ~14,000 a
 * day, twice that with a step on it) in one go held the live dashboard up for 300–700 ms
 * (event-loop delay p99 ~420 ms while the job recomputed a month; archiveQueries bench, 10 M).
 */
export const APPEALS_PER_TURN = 2_000;
const DAY = 86_400_000;

/** The count columns of every grain: FlowCounts field → column. */
export const COUNT_COLUMNS = [
  ['registered', 'registered'],
  ['responded', 'responded'],
  ['respondedOnTime', 'responded_on_time'],
  ['responseTargetMs', 'response_target_ms'],
  ['resolved', 'resolved'],
  ['resolvedOnTime', 'resolved_on_time'],
  ['resolvedLegalOnTime', 'resolved_legal_on_time'],
  ['finished', 'finished'],
  ['firstCall', 'first_call'],
  ['closed', 'closed'],
  ['rejected', 'rejected'],
  ['reopened', 'reopened'],
] as const;

/** One row of a grain: its key (a day, an hour's ISO instant, a month's 1st) and dimensions. */
export interface FlowRow extends FlowCounts {
  key: string;
  region: string;
  category: string;
  channel: string;
  priority: string;
}

export const hasFlows = (r: FlowCounts): boolean =>
  r.registered + r.responded + r.resolved + r.closed + r.rejected + r.reopened > 0;

/** The row of `key` (a day or a month; an hour as epoch ms) and `a`'s dimensions, created empty. */
function rowOf(
  rows: Map<string, FlowRow>,
  key: string | number,
  a: Pick<FlowRow, 'region' | 'category' | 'channel' | 'priority'>,
) {
  const id = `${key}|${a.region}|${a.category}|${a.channel}|${a.priority}`;
  let row = rows.get(id);
  if (!row) {
    row = {
      ...createFlowCounts(),
      key: typeof key === 'number' ? new Date(key).toISOString() : key,
      region: a.region,
      category: a.category,
      channel: a.channel,
      priority: a.priority,
    };
    rows.set(id, row);
  }
  return row;
}

/** The steps an appeal's row forgets: its reopens and the resolutions they undid. */
export const flowSteps = (a: ReportAppeal): readonly number[] => [
  ...(a.reopenedAt ?? []),
  ...(a.pastResolutions ?? []),
];

/** The hour rows of [start, end) (one Almaty day): each appeal added to the hours of its steps. */
export async function hourRows(appeals: readonly ReportAppeal[], start: number, end: number): Promise<FlowRow[]> {
  const rows = new Map<string, FlowRow>();
  for (let i = 0; i < appeals.length; i += 1) {
    if (i > 0 && i % APPEALS_PER_TURN === 0) await yieldToLoop();
    const a = appeals[i] as ReportAppeal;
    const hours = new Set<number>();
    for (const at of [a.registeredAt, a.respondedAt, a.resolvedAt, a.closedAt, ...flowSteps(a)]) {
      if (at !== null && at >= start && at < end) hours.add(Math.floor(at / HOUR) * HOUR);
    }
    for (const hour of hours) addFlows(rowOf(rows, hour, a), a, hour, hour + HOUR);
  }
  return [...rows.values()].filter(hasFlows);
}

/** Whether `dayStart`'s hours are kept at `now`. */
export const withinHourHorizon = (dayStart: number, now: number): boolean =>
  dayStart + DAY > now - HOUR_HORIZON_DAYS * DAY;

const histText = (h: Histogram): string | null => (h.count === 0 ? null : JSON.stringify(h));

/** The flow tables and the dimensions each keeps (migrations 007, 009, 011). */
const FLOW_TABLES = {
  report_daily: { key: 'day', dimensions: ['region', 'category', 'channel', 'priority'] },
  report_hourly: { key: 'hour', dimensions: ['region', 'category', 'channel', 'priority'] },
  report_monthly: { key: 'month', dimensions: ['region', 'category', 'channel', 'priority'] },
  report_monthly_rc: { key: 'month', dimensions: ['region', 'category'] },
} as const;
export type FlowTable = keyof typeof FLOW_TABLES;

/**
 * Inserts `rows` into `table` by COPY (its key and dimensions, the counts, the histograms as
 * JSON text, null when empty): a recompute writes thousands of rows a day (measured 2–4×
 * faster than one jsonb recordset parameter on PostgreSQL). Runs in a transaction
 * (node-postgres takes a COPY only there; PGlite anywhere).
 */
export async function insertFlowRows(tx: ArchiveQuery, table: FlowTable, rows: readonly FlowRow[]): Promise<void> {
  const { key, dimensions } = FLOW_TABLES[table];
  const counts = COUNT_COLUMNS.map(([, c]) => c);
  await copyInto(
    tx,
    `${table} (${key}, ${[...dimensions, ...counts].join(', ')}, response_hist, resolution_hist)`,
    rows.map((r) => {
      const values: CopyValue[] = [r.key, ...dimensions.map((d) => r[d])];
      for (const [field] of COUNT_COLUMNS) values.push(r[field]);
      values.push(histText(r.response), histText(r.resolution));
      return values;
    }),
  );
}

/** A service rollup row (`report_service_daily` by day, `report_service_monthly` by month). */
export interface ServiceRow extends FlowCounts {
  key: string;
  region: string;
  service: string;
  name: string | null;
}

export async function insertServiceRows(
  tx: ArchiveQuery,
  table: 'report_service_daily' | 'report_service_monthly',
  rows: readonly ServiceRow[],
): Promise<void> {
  await copyInto(
    tx,
    `${table} (${table === 'report_service_daily' ? 'day' : 'month'}, region, service, service_name, responded,
       resolved, resolved_on_time, resolved_legal_on_time, reopened, response_hist)`,
    rows.map((r) => [
      r.key,
      r.region,
      r.service,
      r.name,
      r.responded,
      r.resolved,
      r.resolvedOnTime,
      r.resolvedLegalOnTime,
      r.reopened,
      histText(r.response),
    ]),
  );
}

/** COPY of `rows` into `target` ("table (columns)"); in a transaction (node-postgres takes a COPY only there). */
async function copyInto(tx: ArchiveQuery, target: string, rows: readonly CopyValue[][]): Promise<void> {
  if (rows.length === 0) return;
  if (!tx.copyFrom) throw new Error('rollup rows are written by COPY, in a transaction');
  await tx.copyFrom(`COPY ${target} FROM '/dev/blob'`, copyRows(rows));
}

/** A stored histogram (null when empty) as a Histogram. */
export function storedHistogram(value: unknown): Histogram {
  const h = value as Histogram | null;
  return h === null || h === undefined
    ? { count: 0, sum: 0, min: 0, max: 0, bins: {} }
    : { count: Number(h.count), sum: Number(h.sum), min: Number(h.min), max: Number(h.max), bins: h.bins };
}

/** Adds a stored row's counts and histograms (`report_daily`, `report_service_daily` columns) into `into`. */
function addStored(
  into: FlowCounts,
  row: Record<string, unknown>,
  columns: readonly (typeof COUNT_COLUMNS)[number][],
): void {
  for (const [field, column] of columns) into[field] += Number(row[column]);
  mergeHistogram(into.response, storedHistogram(row.response_hist));
  if ('resolution_hist' in row) mergeHistogram(into.resolution, storedHistogram(row.resolution_hist));
}

const SERVICE_COUNTS = COUNT_COLUMNS.filter(([field]) =>
  ['responded', 'resolved', 'resolvedOnTime', 'resolvedLegalOnTime', 'reopened'].includes(field),
);

/**
 * Rewrites the month rows of (month, regions) from the month's days: `report_monthly`, its
 * region × category sums (`report_monthly_rc`) and the services' (`report_service_monthly`);
 * counts summed, histograms merged bin by bin (exact: the same figures as reading the days).
 */
export async function rewriteMonth(tx: ArchiveQuery, month: string, regions: readonly string[]): Promise<void> {
  const scope = `day >= $1::date AND day < ($1::date + interval '1 month')::date AND region = ANY($2::text[])`;
  const [{ rows }, services] = await Promise.all([
    tx.query(
      `SELECT region, category, channel, priority, ${COUNT_COLUMNS.map(([, c]) => c).join(', ')}, response_hist,
              resolution_hist
         FROM report_daily WHERE ${scope}`,
      [month, regions],
    ),
    tx.query(
      `SELECT region, service, service_name, ${SERVICE_COUNTS.map(([, c]) => c).join(', ')}, response_hist
         FROM report_service_daily WHERE ${scope} ORDER BY day`,
      [month, regions],
    ),
  ]);
  const merged = new Map<string, FlowRow>();
  const byCategory = new Map<string, FlowRow>();
  for (const row of rows) {
    addStored(rowOf(merged, month, row as unknown as FlowRow), row, COUNT_COLUMNS);
    const dimensions = { region: row.region as string, category: row.category as string, channel: '', priority: '' };
    addStored(rowOf(byCategory, month, dimensions), row, COUNT_COLUMNS);
  }
  const byService = new Map<string, ServiceRow>();
  for (const row of services.rows) {
    const id = `${row.region as string}|${row.service as string}`;
    let into = byService.get(id);
    if (!into) {
      into = {
        ...createFlowCounts(),
        key: month,
        region: row.region as string,
        service: row.service as string,
        name: null,
      };
      byService.set(id, into);
    }
    // The name the days last gave (rows in day order).
    if (row.service_name !== null) into.name = row.service_name as string;
    addStored(into, row, SERVICE_COUNTS);
  }
  for (const table of ['report_monthly', 'report_monthly_rc', 'report_service_monthly']) {
    await tx.query(`DELETE FROM ${table} WHERE month = $1::date AND region = ANY($2::text[])`, [month, regions]);
  }
  await insertFlowRows(tx, 'report_monthly', [...merged.values()]);
  await insertFlowRows(tx, 'report_monthly_rc', [...byCategory.values()]);
  await insertServiceRows(tx, 'report_service_monthly', [...byService.values()]);
}

/** Deletes the hour rows older than the horizon (the rollup job, each round). */
export async function pruneHours(db: ArchiveQuery, now: number): Promise<number> {
  const { rowCount } = await db.query('DELETE FROM report_hourly WHERE hour < $1::timestamptz', [
    new Date(now - HOUR_HORIZON_DAYS * DAY).toISOString(),
  ]);
  return rowCount;
}
