import type { z } from 'zod';
import { CATEGORY_CODES } from '../domain/categories';
import { APPEAL_STATUSES, CHANNELS, PRIORITIES } from '../domain/enums';
import {
  CONFIRMATION_STATES,
  confirmationOf,
  confirmationSince,
  DEFAULT_CONFIRMATION_WINDOW_MS,
} from '../projection/confirmation';
import { REGION_CODES } from '../domain/regions';
import type { RegionScope } from '../domain/roles';
import { isLegallyOverdue, isOverdue } from '../projection/metrics';
import type { Appeal } from '../projection/state';
import {
  allowedRegions,
  booleanParam,
  codeField,
  createTextMatcher,
  cursorParam,
  checkRangeAndCursor,
  filterStringOf,
  idParam,
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

/** Keys `GET /api/appeals` sorts by; priority and status sort by their vocabulary order. */
export const APPEAL_SORT_KEYS = [
  'registeredAt',
  'updatedAt',
  'dueAt',
  'priority',
  'status',
  'region',
  'category',
  'legalDueAt',
  'confirmationSince',
] as const;
export type AppealSortKey = (typeof APPEAL_SORT_KEYS)[number];
/** A sort key, ascending, or with a leading `-`, descending. */
export type AppealSort = AppealSortKey | `-${AppealSortKey}`;
export const APPEAL_SORTS: readonly AppealSort[] = APPEAL_SORT_KEYS.flatMap((key) => [key, `-${key}` as const]);
export const DEFAULT_APPEAL_SORT: AppealSort = '-registeredAt';

const SORT_FIELDS: Record<AppealSortKey, SortField<Appeal>> = {
  registeredAt: timeField((a) => a.registeredAt),
  updatedAt: timeField((a) => a.updatedAt),
  dueAt: timeField((a) => a.dueAt),
  // low < normal < high < emergency; registered < assigned < in_progress < … (enums.ts order)
  priority: rankField(PRIORITIES, (a) => a.priority),
  status: rankField(APPEAL_STATUSES, (a) => a.status),
  region: codeField((a) => a.region),
  category: codeField((a) => a.category),
  legalDueAt: timeField((a) => a.legalDueAt),
  // When the confirmation clock started (resolution, else closure); appeals not resolved or
  // closed sort after all of them.
  confirmationSince: timeField((a) => confirmationSince(a) ?? Number.MAX_SAFE_INTEGER),
};

function sortFieldOf(sort: AppealSort): SortField<Appeal> {
  return SORT_FIELDS[(sort.startsWith('-') ? sort.slice(1) : sort) as AppealSortKey];
}

/**
 * Query string of `GET /api/appeals` and `GET /api/appeals.csv` (docs/api.md). Lists take
 * comma-separated values, repeated keys or both; an unknown key is an error on that key.
 */
export const appealListQuerySchema = strictQuery({
  /** Region codes (intersected with the caller's regions). */
  region: listParam(REGION_CODES, 'region'),
  /** Category codes. */
  category: listParam(CATEGORY_CODES, 'category'),
  /** Appeal statuses. */
  status: listParam(APPEAL_STATUSES, 'status'),
  /** Priorities. */
  priority: listParam(PRIORITIES, 'priority'),
  /** Intake channels. */
  channel: listParam(CHANNELS, 'channel'),
  /** `true`: only open appeals past their resolution target; `false`: all others. */
  overdue: booleanParam,
  /** `true`: only open appeals past their legal deadline (15 working days, or the extended term). */
  legalOverdue: booleanParam,
  /**
   * Confirmation states (`awaiting` is the quality-control queue: resolved or closed, not yet
   * confirmed, window open; `unreachable` counts as awaiting). Without a `sort`, the list is
   * then in `confirmationSince` order: the oldest resolution first.
   */
  confirmation: listParam(CONFIRMATION_STATES, 'confirmation'),
  /** Registered at or after this instant (ISO-8601 with offset). */
  from: instantParam,
  /** Registered before this instant (exclusive). */
  to: instantParam,
  /**
   * Case-insensitive text in the id, description, address, district, service or assignee.
   * Never the citizen's name or phone.
   */
  q: searchParam,
  /** Only appeals linked to this incident. */
  incident: idParam,
  /** Sort order, default `-registeredAt` (newest first); ties go by id. */
  sort: sortParam(APPEAL_SORTS, DEFAULT_APPEAL_SORT),
  /** Page size, 1–500, default 100. */
  limit: limitParam,
  /** `nextCursor` of the previous page. */
  cursor: cursorParam,
}).superRefine(checkRangeAndCursor(sortFieldOf));
export type AppealListQuery = z.output<typeof appealListQuerySchema>;
export type AppealListQueryInput = z.input<typeof appealListQuerySchema>;

/** The parameters that choose which appeals (not their order or page), in canonical order. */
export const APPEAL_FILTER_KEYS = [
  'region',
  'category',
  'status',
  'priority',
  'channel',
  'overdue',
  'legalOverdue',
  'confirmation',
  'from',
  'to',
  'q',
  'incident',
] as const satisfies readonly (keyof AppealListQuery)[];

/** `region=KZ-71,KZ-75&status=registered&overdue=true`: the filters of a query, canonical (see `filterStringOf`). */
export function appealFilterString(query: AppealListQuery): string {
  return filterStringOf(query, APPEAL_FILTER_KEYS);
}

export interface AppealQueryOptions {
  /** Clock reading for `overdue`, epoch ms. */
  now: number;
  /** `CONFIRMATION_WINDOW_DAYS` in ms (default 14 days), for `confirmation`. */
  confirmationWindowMs?: number;
  /** The caller's regions: nothing outside them is returned or counted. */
  regions: RegionScope;
  /**
   * What the caller may see of a free-text field (the server passes its phone scrubber), so
   * `q` cannot probe for digits of a masked phone number inside a description.
   */
  visibleText?: (text: string) => string;
}

/**
 * One page of appeals matching `query` within the caller's regions, in `query.sort` order.
 * Throws `InvalidCursorError` for a cursor this list did not hand out for this sort.
 * O(n · log limit) for n appeals (see `selectPage`).
 */
export function queryAppeals(
  appeals: Iterable<Appeal>,
  query: AppealListQuery,
  options: AppealQueryOptions,
): ListPage<Appeal> {
  const regions = allowedRegions(options.regions, query.region);
  const categories = setOf(query.category);
  const statuses = setOf(query.status);
  const priorities = setOf(query.priority);
  const channels = setOf(query.channel);
  const { overdue, legalOverdue, from, to, incident } = query;
  const confirmations = setOf(query.confirmation);
  const windowMs = options.confirmationWindowMs ?? DEFAULT_CONFIRMATION_WINDOW_MS;
  const isConfirmationMatch = (a: Appeal): boolean => {
    const state = confirmationOf(a, now, windowMs);
    // The queue shows an unreachable citizen too: the agent calls again.
    return (
      state !== null &&
      (confirmations?.has(state) === true || (state === 'unreachable' && confirmations?.has('awaiting') === true))
    );
  };
  const hasText = query.q === undefined ? null : createTextMatcher(query.q);
  const { now } = options;
  const scrub = options.visibleText;
  const visible = (text: string | undefined): string | undefined =>
    text === undefined || scrub === undefined ? text : scrub(text);
  // Cheapest tests first; the text search lower-cases strings, so it comes last.
  const isMatch = (a: Appeal): boolean =>
    (regions === null || regions.has(a.region)) &&
    (categories === null || categories.has(a.category)) &&
    (statuses === null || statuses.has(a.status)) &&
    (priorities === null || priorities.has(a.priority)) &&
    (channels === null || channels.has(a.channel)) &&
    (from === undefined || a.registeredAt >= from) &&
    (to === undefined || a.registeredAt < to) &&
    (incident === undefined || a.incidentId === incident) &&
    (overdue === undefined || isOverdue(a, now) === overdue) &&
    (legalOverdue === undefined || isLegallyOverdue(a, now) === legalOverdue) &&
    (confirmations === null || isConfirmationMatch(a)) &&
    (hasText === null ||
      hasText([a.id, ...[a.description, a.location.address, a.location.district, a.service, a.assignee].map(visible)]));
  return selectPage(appeals, isMatch, query.sort, sortFieldOf(query.sort), query.limit, query.cursor);
}

/**
 * The query string of `GET /api/appeals` with the quality-control queue's order filled in: a
 * `confirmation` filter without a `sort` lists the oldest resolution first
 * (`sort=confirmationSince`). Applied before parsing, so a cursor of such a page matches.
 */
export function withQueueOrder(query: unknown): unknown {
  if (typeof query !== 'object' || query === null) return query;
  const raw = query as Record<string, unknown>;
  return raw.confirmation !== undefined && raw.sort === undefined ? { ...raw, sort: 'confirmationSince' } : raw;
}
