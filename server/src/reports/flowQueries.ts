import { addFlows, createFlowCounts, mergeHistogram, type FlowCounts, type Histogram } from '@shared';
import type { ArchiveQuery } from '../archive/archiveDb';
import { wholeMonths } from './months';
import { appealsWithStepsIn, filterSql, type AppealFilter } from './reportRows';
import { COUNT_COLUMNS } from './rollupGrains';

/** Flow counts of the whole selection and of each region and category in it. */
export interface FlowGroups {
  overall: FlowCounts;
  regions: Map<string, FlowCounts>;
  categories: Map<string, FlowCounts>;
}

export function createFlowGroups(): FlowGroups {
  return { overall: createFlowCounts(), regions: new Map(), categories: new Map() };
}

function groupOf(map: Map<string, FlowCounts>, key: string): FlowCounts {
  let c = map.get(key);
  if (!c) map.set(key, (c = createFlowCounts()));
  return c;
}

type HistName = 'response' | 'resolution';

function addInto(into: FlowCounts, from: FlowCounts): void {
  for (const [field] of COUNT_COLUMNS) into[field] += from[field];
  mergeHistogram(into.response, from.response);
  mergeHistogram(into.resolution, from.resolution);
}

/** Adds `from`'s groups into `into` (a partial day added to the whole days). */
export function mergeFlowGroups(into: FlowGroups, from: FlowGroups): void {
  addInto(into.overall, from.overall);
  for (const [key, c] of from.regions) addInto(groupOf(into.regions, key), c);
  for (const [key, c] of from.categories) addInto(groupOf(into.categories, key), c);
}

type Grain =
  | { table: 'report_daily' | 'report_monthly' | 'report_monthly_rc'; column: 'day' | 'month'; type: 'date' }
  | {
      table: 'report_hourly';
      column: 'hour';
      type: 'timestamptz';
    };
const DAILY: Grain = { table: 'report_daily', column: 'day', type: 'date' };
const MONTHLY: Grain = { table: 'report_monthly', column: 'month', type: 'date' };
/** The months without channel and priority (migration 011): ~20× fewer rows to merge. */
const MONTHLY_RC: Grain = { table: 'report_monthly_rc', column: 'month', type: 'date' };
const HOURLY: Grain = { table: 'report_hourly', column: 'hour', type: 'timestamptz' };

/**
 * Adds the rows of `grain` with lo <= key <= hi (`hiExclusive`: < hi) into `groups`' regions and
 * categories: counts summed in SQL, histograms merged bin by bin (exact), GROUPING SETS.
 */
async function addGrain(
  db: ArchiveQuery,
  grain: Grain,
  lo: string,
  hi: string,
  hiExclusive: boolean,
  filter: AppealFilter,
  groups: FlowGroups,
): Promise<void> {
  const where = filterSql(filter, 3);
  const params = [lo, hi, ...where.params];
  const { table, column, type } = grain;
  const scope = `${column} >= $1::${type} AND ${column} ${hiExclusive ? '<' : '<='} $2::${type} AND ${where.sql}`;
  const found = new Map<string, FlowCounts>();
  const pick = (row: Record<string, unknown>): FlowCounts | null => {
    const key =
      row.region !== null ? `r|${row.region as string}` : row.category !== null ? `c|${row.category as string}` : null;
    if (key === null) return null;
    let c = found.get(key);
    if (!c) found.set(key, (c = createFlowCounts()));
    return c;
  };
  const hist = (name: HistName): string =>
    `sum((${name}_hist->>'count')::bigint) AS ${name}_count, sum((${name}_hist->>'sum')::float8) AS ${name}_sum,
     min((${name}_hist->>'min')::float8) AS ${name}_min, max((${name}_hist->>'max')::float8) AS ${name}_max`;
  const binsOf = (name: HistName) =>
    db.query(
      `SELECT region, category, b.key AS bin, sum(b.value::bigint) AS n
         FROM ${table}, jsonb_each_text(${name}_hist->'bins') AS b
        WHERE ${scope}
        GROUP BY GROUPING SETS ((region, b.key), (category, b.key))`,
      params,
    );
  // The counts and both histograms' bins: three queries side by side on the pool.
  const [{ rows }, responseBins, resolutionBins] = await Promise.all([
    db.query(
      `SELECT region, category, ${COUNT_COLUMNS.map(([, c]) => `sum(${c}) AS ${c}`).join(', ')},
            ${hist('response')}, ${hist('resolution')}
       FROM ${table} WHERE ${scope}
      GROUP BY GROUPING SETS ((region), (category))`,
      params,
    ),
    binsOf('response'),
    binsOf('resolution'),
  ]);
  for (const row of rows) {
    const c = pick(row);
    if (!c) continue;
    for (const [field, column] of COUNT_COLUMNS) c[field] = Number(row[column] ?? 0);
    for (const name of ['response', 'resolution'] as const) {
      const h: Histogram = c[name];
      h.count = Number(row[`${name}_count`] ?? 0);
      h.sum = Number(row[`${name}_sum`] ?? 0);
      h.min = Number(row[`${name}_min`] ?? 0);
      h.max = Number(row[`${name}_max`] ?? 0);
    }
  }
  for (const [name, bins] of [
    ['response', responseBins],
    ['resolution', resolutionBins],
  ] as const) {
    for (const row of bins.rows) {
      const c = pick(row);
      if (c) c[name].bins[Number(row.bin)] = Number(row.n);
    }
  }
  for (const [key, c] of found) {
    addInto(groupOf(key.startsWith('r|') ? groups.regions : groups.categories, key.slice(2)), c);
  }
}

/**
 * The rollups of whole days [fromDay, toDay] (Almaty dates), merged: the whole calendar months
 * inside from `report_monthly_rc` (`report_monthly` with a channel filter), the days around them from
 * `report_daily`; counts summed in SQL, histograms merged bin by bin (exact), per region and
 * per category. Not for a service filter: the rollups have no service grain (`directFlows` then).
 */
export async function rollupFlows(
  db: ArchiveQuery,
  fromDay: string,
  toDay: string,
  filter: AppealFilter,
): Promise<FlowGroups> {
  const groups = createFlowGroups();
  if (toDay < fromDay) return groups;
  const { first: firstMonth, after: afterMonths } = wholeMonths(fromDay, toDay);
  if (afterMonths === firstMonth) {
    await addGrain(db, DAILY, fromDay, toDay, false, filter, groups);
  } else {
    // Each grain adds into `groups` only after its own reads: the three can run side by side.
    await Promise.all([
      fromDay < firstMonth ? addGrain(db, DAILY, fromDay, firstMonth, true, filter, groups) : null,
      addGrain(db, filter.channel === undefined ? MONTHLY_RC : MONTHLY, firstMonth, afterMonths, true, filter, groups),
      afterMonths <= toDay ? addGrain(db, DAILY, afterMonths, toDay, false, filter, groups) : null,
    ]);
  }
  for (const c of groups.regions.values()) addInto(groups.overall, c);
  return groups;
}

/**
 * The hour rollups of [start, end) (epoch ms on whole hours), merged like `rollupFlows`. Hours
 * are kept for the last `HOUR_HORIZON_DAYS` (rollupGrains.ts): older hours read as nothing.
 */
export async function rollupHourFlows(
  db: ArchiveQuery,
  start: number,
  end: number,
  filter: AppealFilter,
): Promise<FlowGroups> {
  const groups = createFlowGroups();
  if (end <= start) return groups;
  await addGrain(db, HOURLY, new Date(start).toISOString(), new Date(end).toISOString(), true, filter, groups);
  for (const c of groups.regions.values()) addInto(groups.overall, c);
  return groups;
}

/** Flows of [start, end) computed from the appeals themselves (a partial day; a service filter). */
export async function directFlows(
  db: ArchiveQuery,
  start: number,
  end: number,
  filter: AppealFilter,
): Promise<FlowGroups> {
  const groups = createFlowGroups();
  if (end <= start) return groups;
  for (const a of await appealsWithStepsIn(db, start, end, filter)) {
    addFlows(groups.overall, a, start, end);
    addFlows(groupOf(groups.regions, a.region), a, start, end);
    addFlows(groupOf(groups.categories, a.category), a, start, end);
  }
  return groups;
}
