import { isLocalDate, MAX_REPORT_DAYS, REGION_CODES, reportDayCount, type RegionCode, type RegionScope } from '@shared';
import { DEFAULT_PRESET, presetRange, type DayRange } from './reportPeriods';

/**
 * The briefing's address: `/reports?from=YYYY-MM-DD&to=YYYY-MM-DD[&region=KZ-71][&asOf=ISO]`.
 * `asOf` freezes it: the same address gives the same numbers later (docs/reports.md "Frozen
 * reports"). Pure.
 */
export interface ReportLocation extends DayRange {
  /** One region of the caller's scope; undefined: all of them. */
  region?: RegionCode;
  /** ISO instant; undefined until the first answer names one. */
  asOf?: string;
}

const isRegion = (value: string | null): value is RegionCode =>
  value !== null && (REGION_CODES as readonly string[]).includes(value);

const inScope = (scope: RegionScope, region: RegionCode): boolean => scope === 'all' || scope.includes(region);

/** The address read back; a missing or broken period becomes last month, a region outside the scope none. */
export function parseReportSearch(search: string, scope: RegionScope, now: number): ReportLocation {
  const params = new URLSearchParams(search);
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  const isValid = isLocalDate(from) && isLocalDate(to) && from <= to && reportDayCount(from, to) <= MAX_REPORT_DAYS;
  const range = isValid ? { from, to } : presetRange(DEFAULT_PRESET, now);
  const region = params.get('region');
  const asOf = params.get('asOf');
  const location: ReportLocation = { ...range };
  if (isRegion(region) && inScope(scope, region)) location.region = region;
  if (asOf !== null && !Number.isNaN(Date.parse(asOf))) location.asOf = new Date(Date.parse(asOf)).toISOString();
  return location;
}

/** The query string of a location (`?from=…`), in a fixed order. */
export function reportSearchOf(location: ReportLocation): string {
  const params = new URLSearchParams({ from: location.from, to: location.to });
  if (location.region !== undefined) params.set('region', location.region);
  if (location.asOf !== undefined) params.set('asOf', location.asOf);
  return `?${params.toString()}`;
}

/** The API's query for a location (the same names; `asOf` only when fixed). */
export function reportApiQuery(location: ReportLocation): string {
  return reportSearchOf(location).slice(1);
}
