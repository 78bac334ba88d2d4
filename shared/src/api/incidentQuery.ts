import type { z } from 'zod';
import { CATEGORY_CODES } from '../domain/categories';
import { INCIDENT_STATUSES, SEVERITIES } from '../domain/enums';
import { REGION_CODES } from '../domain/regions';
import type { RegionScope } from '../domain/roles';
import type { Incident } from '../projection/state';
import {
  allowedRegions,
  createTextMatcher,
  cursorParam,
  checkRangeAndCursor,
  filterStringOf,
  instantParam,
  limitParam,
  listParam,
  rankField,
  searchParam,
  selectPage,
  setOf,
  sortParam,
  strictQuery,
  timeField,
  type ListPage,
  type SortField,
} from './listQuery';

/** Keys `GET /api/incidents` sorts by; severity sorts minor < major < critical. */
export const INCIDENT_SORT_KEYS = ['openedAt', 'updatedAt', 'severity'] as const;
export type IncidentSortKey = (typeof INCIDENT_SORT_KEYS)[number];
/** A sort key, ascending, or with a leading `-`, descending. */
export type IncidentSort = IncidentSortKey | `-${IncidentSortKey}`;
export const INCIDENT_SORTS: readonly IncidentSort[] = INCIDENT_SORT_KEYS.flatMap((key) => [key, `-${key}` as const]);
export const DEFAULT_INCIDENT_SORT: IncidentSort = '-openedAt';

const SORT_FIELDS: Record<IncidentSortKey, SortField<Incident>> = {
  openedAt: timeField((i) => i.openedAt),
  updatedAt: timeField((i) => i.updatedAt),
  severity: rankField(SEVERITIES, (i) => i.severity),
};

function sortFieldOf(sort: IncidentSort): SortField<Incident> {
  return SORT_FIELDS[(sort.startsWith('-') ? sort.slice(1) : sort) as IncidentSortKey];
}

/** Query string of `GET /api/incidents` (docs/api.md); same conventions as the appeals list. */
export const incidentListQuerySchema = strictQuery({
  /** Region codes (intersected with the caller's regions). */
  region: listParam(REGION_CODES, 'region'),
  /** Category codes. */
  category: listParam(CATEGORY_CODES, 'category'),
  /** Severities. */
  severity: listParam(SEVERITIES, 'severity'),
  /** `open`, `resolved` or both. */
  status: listParam(INCIDENT_STATUSES, 'status'),
  /** Opened at or after this instant (ISO-8601 with offset). */
  from: instantParam,
  /** Opened before this instant (exclusive). */
  to: instantParam,
  /** Case-insensitive text in the id, title or note. */
  q: searchParam,
  /** Sort order, default `-openedAt` (newest first); ties go by id. */
  sort: sortParam(INCIDENT_SORTS, DEFAULT_INCIDENT_SORT),
  /** Page size, 1–500, default 100. */
  limit: limitParam,
  /** `nextCursor` of the previous page. */
  cursor: cursorParam,
}).superRefine(checkRangeAndCursor(sortFieldOf));
export type IncidentListQuery = z.output<typeof incidentListQuerySchema>;
export type IncidentListQueryInput = z.input<typeof incidentListQuerySchema>;

/** The parameters that choose which incidents, in canonical order. */
export const INCIDENT_FILTER_KEYS = [
  'region',
  'category',
  'severity',
  'status',
  'from',
  'to',
  'q',
] as const satisfies readonly (keyof IncidentListQuery)[];

/** `region=KZ-75&status=open`: the filters of a query, canonical (see `filterStringOf`). */
export function incidentFilterString(query: IncidentListQuery): string {
  return filterStringOf(query, INCIDENT_FILTER_KEYS);
}

export interface IncidentQueryOptions {
  /** The caller's regions: nothing outside them is returned or counted. */
  regions: RegionScope;
  /** Unused (incidents have no computed state); accepted so both list calls read alike. */
  now?: number;
  /** What the caller may see of a free-text field (see `AppealQueryOptions.visibleText`). */
  visibleText?: (text: string) => string;
}

/**
 * One page of incidents matching `query` within the caller's regions, in `query.sort` order.
 * Throws `InvalidCursorError` for a cursor this list did not hand out for this sort.
 * O(n · log limit) for n incidents (see `selectPage`).
 */
export function queryIncidents(
  incidents: Iterable<Incident>,
  query: IncidentListQuery,
  options: IncidentQueryOptions,
): ListPage<Incident> {
  const regions = allowedRegions(options.regions, query.region);
  const categories = setOf(query.category);
  const severities = setOf(query.severity);
  const statuses = setOf(query.status);
  const { from, to } = query;
  const hasText = query.q === undefined ? null : createTextMatcher(query.q);
  const scrub = options.visibleText;
  const visible = (text: string | undefined): string | undefined =>
    text === undefined || scrub === undefined ? text : scrub(text);
  const isMatch = (i: Incident): boolean =>
    (regions === null || regions.has(i.region)) &&
    (categories === null || categories.has(i.category)) &&
    (severities === null || severities.has(i.severity)) &&
    (statuses === null || statuses.has(i.status)) &&
    (from === undefined || i.openedAt >= from) &&
    (to === undefined || i.openedAt < to) &&
    (hasText === null || hasText([i.id, ...[i.title, i.note].map(visible)]));
  return selectPage(incidents, isMatch, query.sort, sortFieldOf(query.sort), query.limit, query.cursor);
}
