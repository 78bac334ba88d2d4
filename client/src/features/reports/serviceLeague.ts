import type { ReportServiceRow } from '@shared';

/**
 * The service organisations league table (issue 19): every service with appeals in the
 * period, with its reopens and its intake overdue at the report's moment. Pure.
 */
export type LeagueRow = ReportServiceRow;

export const LEAGUE_COLUMNS = ['name', 'responded', 'medianResponse', 'onTime', 'overdueNow', 'reopenRate'] as const;
export type LeagueColumn = (typeof LEAGUE_COLUMNS)[number];
export type SortDirection = 'ascending' | 'descending';

export interface LeagueSort {
  column: LeagueColumn;
  direction: SortDirection;
}

export const DEFAULT_LEAGUE_SORT: LeagueSort = { column: 'responded', direction: 'descending' };

/** Reopens per resolution; null without resolutions. */
export function reopenRate(row: LeagueRow): number | null {
  return row.resolved > 0 ? row.reopened / row.resolved : null;
}

/** The cell's value (a name, or a number; null: "—"). */
export function leagueValue(row: LeagueRow, column: LeagueColumn): string | number | null {
  switch (column) {
    case 'name':
      return row.name ?? row.service;
    case 'responded':
      return row.responded;
    case 'medianResponse':
      return row.response.p50;
    case 'onTime':
      return row.resolutionSlaCompliance;
    case 'overdueNow':
      return row.overdueNow;
    case 'reopenRate':
      return reopenRate(row);
  }
}

/** The rows sorted by a column; "—" always last, ties by name. */
export function sortLeague(
  rows: readonly LeagueRow[],
  sort: LeagueSort,
  collate: (a: string, b: string) => number,
): LeagueRow[] {
  const sign = sort.direction === 'ascending' ? 1 : -1;
  const nameOf = (r: LeagueRow): string => r.name ?? r.service;
  return [...rows].sort((a, b) => {
    const x = leagueValue(a, sort.column);
    const y = leagueValue(b, sort.column);
    if (x === null || y === null) return x === y ? collate(nameOf(a), nameOf(b)) : x === null ? 1 : -1;
    const order = typeof x === 'string' || typeof y === 'string' ? collate(String(x), String(y)) : x - y;
    return order !== 0 ? sign * order : collate(nameOf(a), nameOf(b));
  });
}

/** Resolutions a service needs in the period before the print ranks it among the worst (one late case is not a trend). */
export const WORST_MIN_RESOLVED = 5;
export const WORST_COUNT = 10;

/**
 * The printed report's worst services: the lowest on-time share of resolutions (operational
 * clock) among those with at least WORST_MIN_RESOLVED resolutions, then the slowest median
 * response.
 */
export function worstServices(rows: readonly LeagueRow[]): LeagueRow[] {
  return rows
    .filter((r) => r.resolved >= WORST_MIN_RESOLVED && r.resolutionSlaCompliance !== null)
    .sort(
      (a, b) =>
        (a.resolutionSlaCompliance ?? 1) - (b.resolutionSlaCompliance ?? 1) ||
        (b.response.p50 ?? 0) - (a.response.p50 ?? 0) ||
        a.service.localeCompare(b.service),
    )
    .slice(0, WORST_COUNT);
}
