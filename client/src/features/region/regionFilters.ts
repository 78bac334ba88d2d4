import {
  APPEAL_STATUSES,
  CATEGORY_CODES,
  CHANNELS,
  KZ_UTC_OFFSET_MS,
  PRIORITIES,
  type AppealStatus,
  type CategoryCode,
  type Channel,
  type Priority,
} from '@shared';
// Not (yet) re-exported by @shared's index; the constants are what the server parses with.
import { APPEAL_SORTS, DEFAULT_APPEAL_SORT, type AppealSort } from '../../../../shared/src/api/appealQuery';
import { MAX_LIST_LIMIT, MAX_LIST_SEARCH_LENGTH } from '../../../../shared/src/api/listQuery';

/**
 * The region view's filters and sort. They live in the address bar under the very keys of
 * `GET /api/appeals` (shared/src/api/appealQuery.ts), so a filtered view is a link that
 * can be shared, and the same string (plus the region) is what the table and the CSV ask for.
 */
export interface RegionFilters {
  category: readonly CategoryCode[];
  status: readonly AppealStatus[];
  priority: readonly Priority[];
  channel: readonly Channel[];
  /** true: only overdue; false: only not overdue; null: either. */
  overdue: boolean | null;
  /** Registered at or after (epoch ms), or null. */
  from: number | null;
  /** Registered before (epoch ms, exclusive), or null. */
  to: number | null;
  /** Free text as typed (the server trims it); '' for none. */
  q: string;
  sort: AppealSort;
}

/** The list keys the filter bar offers, with their vocabularies, in the API's canonical order. */
export const LIST_FILTERS = {
  category: CATEGORY_CODES,
  status: APPEAL_STATUSES,
  priority: PRIORITIES,
  channel: CHANNELS,
} as const;
export type ListFilterKey = keyof typeof LIST_FILTERS;
export const LIST_FILTER_KEYS = Object.keys(LIST_FILTERS) as ListFilterKey[];

export const EMPTY_FILTERS: RegionFilters = {
  category: [],
  status: [],
  priority: [],
  channel: [],
  overdue: null,
  from: null,
  to: null,
  q: '',
  sort: DEFAULT_APPEAL_SORT,
};

/** Statuses of the backlog (design.md "Metrics"), for the "open only" shortcut. */
export const OPEN_STATUSES: readonly AppealStatus[] = APPEAL_STATUSES.filter(
  (s) => s !== 'resolved' && s !== 'closed' && s !== 'rejected',
);

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/i;

function listOf<T extends string>(params: URLSearchParams, key: string, vocabulary: readonly T[]): T[] {
  const wanted = new Set<string>();
  for (const value of params.getAll(key)) for (const part of value.split(',')) wanted.add(part.trim());
  return vocabulary.filter((code) => wanted.has(code));
}

function instantOf(params: URLSearchParams, key: string): number | null {
  // A hand-typed `+05:00` arrives as ` 05:00` (a query string's `+` is a space).
  const value = (params.get(key)?.trim() ?? '').replace(/ (\d{2}:\d{2})$/, '+$1');
  if (!ISO_INSTANT.test(value)) return null;
  const ms = Date.parse(value);
  return Number.isFinite(ms) ? ms : null;
}

/**
 * The filters of an address-bar query string (`?status=registered,assigned&sort=dueAt`).
 * Lenient, since people edit and paste links: unknown values and keys are dropped, a bad
 * instant or sort falls back to none / the default, so a link never breaks the page.
 */
export function parseRegionSearch(search: string): RegionFilters {
  const params = new URLSearchParams(search);
  const overdue = params.get('overdue');
  const sort = params.get('sort') ?? '';
  const from = instantOf(params, 'from');
  let to = instantOf(params, 'to');
  // The API refuses an empty range; keep the start and drop the end rather than show an error.
  if (from !== null && to !== null && to <= from) to = null;
  return {
    category: listOf(params, 'category', CATEGORY_CODES),
    status: listOf(params, 'status', APPEAL_STATUSES),
    priority: listOf(params, 'priority', PRIORITIES),
    channel: listOf(params, 'channel', CHANNELS),
    overdue: overdue === 'true' ? true : overdue === 'false' ? false : null,
    from,
    to,
    q: (params.get('q') ?? '').slice(0, MAX_LIST_SEARCH_LENGTH),
    sort: (APPEAL_SORTS as readonly string[]).includes(sort) ? (sort as AppealSort) : DEFAULT_APPEAL_SORT,
  };
}

/** `2026-11-27T08:00:00+05:00`: an instant in Kazakhstan time (one zone, UTC+5, since 2024). */
export function kzInstant(ms: number): string {
  return `${new Date(ms + KZ_UTC_OFFSET_MS).toISOString().slice(0, 19)}+05:00`;
}

/** The value of a `datetime-local` input showing `ms` in Kazakhstan time: `2026-11-27T08:00`. */
export function toKzLocalInput(ms: number | null): string {
  return ms === null ? '' : kzInstant(ms).slice(0, 16);
}

/** The instant a `datetime-local` value means in Kazakhstan time; null when blank or unreadable. */
export function fromKzLocalInput(value: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(value)) return null;
  const ms = Date.parse(`${value.length === 16 ? `${value}:00` : value}+05:00`);
  return Number.isFinite(ms) ? ms : null;
}

/** `key=value` pairs of the filters (not the sort), canonical order, values URL-encoded; commas kept. */
function filterPairs(filters: RegionFilters): string[] {
  const pairs: string[] = [];
  for (const key of LIST_FILTER_KEYS) {
    if (filters[key].length > 0) pairs.push(`${key}=${filters[key].join(',')}`);
  }
  if (filters.overdue !== null) pairs.push(`overdue=${String(filters.overdue)}`);
  if (filters.from !== null) pairs.push(`from=${encodeURIComponent(kzInstant(filters.from))}`);
  if (filters.to !== null) pairs.push(`to=${encodeURIComponent(kzInstant(filters.to))}`);
  const q = filters.q.trim();
  if (q !== '') pairs.push(`q=${encodeURIComponent(q)}`);
  return pairs;
}

/**
 * The address-bar query of the filters: `?category=gas&overdue=true&sort=dueAt`, or '' when
 * nothing is filtered and the sort is the default. Canonical, so equal filters give equal links.
 */
export function regionSearchOf(filters: RegionFilters): string {
  const pairs = filterPairs(filters);
  if (filters.sort !== DEFAULT_APPEAL_SORT) pairs.push(`sort=${filters.sort}`);
  return pairs.length === 0 ? '' : `?${pairs.join('&')}`;
}

/** Query of the list for these regions and filters, sort always given (no page size or cursor). */
export function listQueryOf(regions: readonly string[], filters: RegionFilters): string {
  return [`region=${regions.join(',')}`, ...filterPairs(filters), `sort=${filters.sort}`].join('&');
}

/** Rows per request: the most the API answers in one page. */
export const PAGE_LIMIT = MAX_LIST_LIMIT;

/** `GET /api/appeals` for one page of the list. */
export function appealsPagePath(listQuery: string, cursor: string | null, limit = PAGE_LIMIT): string {
  const page = cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`;
  return `/api/appeals?${listQuery}&limit=${limit}${page}`;
}

/**
 * `GET /api/appeals.csv`: every row of the list (all pages) in the same order, with names and
 * Almaty time in the UI's language (the browser's Accept-Language may be another).
 */
export function csvPath(listQuery: string, language: string): string {
  return `/api/appeals.csv?${listQuery}${listQuery === '' ? '' : '&'}lang=${language}`;
}

/** How many filters are set (the sort is not a filter). */
export function activeFilterCount(filters: RegionFilters): number {
  let count = LIST_FILTER_KEYS.filter((key) => filters[key].length > 0).length;
  if (filters.overdue !== null) count += 1;
  if (filters.from !== null) count += 1;
  if (filters.to !== null) count += 1;
  if (filters.q.trim() !== '') count += 1;
  return count;
}

/** The filters cleared, the sort kept. */
export function clearedFilters(filters: RegionFilters): RegionFilters {
  return { ...EMPTY_FILTERS, sort: filters.sort };
}
