import { addFlows, createFlowCounts, mergeHistogram, type FlowCounts, type Histogram } from '@shared';
import type { ArchiveQuery } from '../archive/archiveDb';
import { appealsWithStepsIn, filterSql, type AppealFilter } from './reportRows';

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

const COUNT_COLUMNS = [
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
] as const;

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

/**
 * The rollups of whole days [fromDay, toDay] (Almaty dates), merged: counts summed in SQL,
 * histograms merged bin by bin (exact), per region and per category (GROUPING SETS).
 * Not for a service filter: `report_daily` has no service grain (`directFlows` then).
 */
export async function rollupFlows(
  db: ArchiveQuery,
  fromDay: string,
  toDay: string,
  filter: AppealFilter,
): Promise<FlowGroups> {
  const groups = createFlowGroups();
  if (toDay < fromDay) return groups;
  const where = filterSql(filter, 3);
  const params = [fromDay, toDay, ...where.params];
  const scope = `day >= $1::date AND day <= $2::date AND ${where.sql}`;
  const pick = (row: Record<string, unknown>): FlowCounts | null => {
    if (row.region !== null) return groupOf(groups.regions, row.region as string);
    if (row.category !== null) return groupOf(groups.categories, row.category as string);
    return null;
  };
  const hist = (name: HistName): string =>
    `sum((${name}_hist->>'count')::bigint) AS ${name}_count, sum((${name}_hist->>'sum')::float8) AS ${name}_sum,
     min((${name}_hist->>'min')::float8) AS ${name}_min, max((${name}_hist->>'max')::float8) AS ${name}_max`;
  const { rows } = await db.query(
    `SELECT region, category, ${COUNT_COLUMNS.map(([, c]) => `sum(${c}) AS ${c}`).join(', ')},
            ${hist('response')}, ${hist('resolution')}
       FROM report_daily WHERE ${scope}
      GROUP BY GROUPING SETS ((region), (category))`,
    params,
  );
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
  for (const name of ['response', 'resolution'] as const) {
    const bins = await db.query(
      `SELECT region, category, b.key AS bin, sum(b.value::bigint) AS n
         FROM report_daily, jsonb_each_text(${name}_hist->'bins') AS b
        WHERE ${scope}
        GROUP BY GROUPING SETS ((region, b.key), (category, b.key))`,
      params,
    );
    for (const row of bins.rows) {
      const c = pick(row);
      if (c) c[name].bins[Number(row.bin)] = Number(row.n);
    }
  }
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
