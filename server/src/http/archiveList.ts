import {
  appealSortFieldOf,
  encodeListCursor,
  MAX_RECENT_CLOSED_APPEALS,
  queryAppeals,
  selectPage,
  streamIdTime,
  type Appeal,
  type AppealListQuery,
  type ProjectionState,
} from '@shared';
import type { ArchiveSearchOptions } from '../archive/appealSearch';
import type { History } from '../archive/history';

/**
 * When `GET /api/appeals` goes to the archive, and how its page is completed with what the
 * archive has not caught up with yet (docs/api.md "Period search and the archive").
 */

const horizons = new WeakMap<ProjectionState, { cursor: string; at: number }>();

/**
 * The earliest registration time from which the projection holds every appeal. It drops
 * finished appeals oldest-finished first once it holds MAX_RECENT_CLOSED_APPEALS of them; a
 * dropped appeal finished (so was registered) before the oldest finished one still held. It
 * never held anything registered before its oldest appeal (history imported into the archive).
 */
export function memoryHorizon(state: ProjectionState): number {
  const known = horizons.get(state);
  if (known && known.cursor === state.cursor) return known.at;
  let at = Number.POSITIVE_INFINITY;
  for (const appeal of state.appeals.values()) if (appeal.registeredAt < at) at = appeal.registeredAt;
  if (state.closedAppeals.size >= MAX_RECENT_CLOSED_APPEALS) {
    const oldestKept = state.appeals.get(state.closedAppeals.keys().next().value ?? '');
    if (oldestKept) at = Math.max(at, oldestKept.updatedAt);
  }
  horizons.set(state, { cursor: state.cursor, at });
  return at;
}

/** A period (`from` or `to`) that reaches before what the projection holds. */
export function reachesPastMemory(query: AppealListQuery, state: ProjectionState): boolean {
  if (query.from === undefined && query.to === undefined) return false;
  // The quality-control queue is live work: what awaits a callback stays in memory (evictFinished's keep).
  if (query.confirmation !== undefined) return false;
  const horizon = memoryHorizon(state);
  return (query.from ?? Number.NEGATIVE_INFINITY) < horizon;
}

const registeredAfter = new WeakMap<
  ProjectionState,
  { cursor: string; size: number; since: number; appeals: readonly Appeal[] }
>();

/**
 * The projection's appeals registered after `since` (the archive's cursor time: what it may
 * not hold yet), remembered while neither the projection (cursor, size) nor `since` moves.
 * Every archive search merges them in; a pass over all of memory (up to MAX_RECENT_CLOSED_APPEALS
 * finished appeals and the open ones) per search, for the ~30 newer ones, cost 0.16 ms of the
 * event loop at 6,000 appeals held and 0.43 ms at 25,000 alone, ~4.5 ms in the loaded server
 * of issue 16's query mix; the projection moves a few times a second, searches come ~100 a second.
 */
export function appealsRegisteredAfter(state: ProjectionState, since: number): readonly Appeal[] {
  const known = registeredAfter.get(state);
  if (known && known.cursor === state.cursor && known.size === state.appeals.size && known.since === since) {
    return known.appeals;
  }
  const appeals: Appeal[] = [];
  for (const appeal of state.appeals.values()) if (appeal.registeredAt > since) appeals.push(appeal);
  registeredAfter.set(state, { cursor: state.cursor, size: state.appeals.size, since, appeals });
  return appeals;
}

export interface HistoryPage {
  items: Appeal[];
  nextCursor: string | null;
  total: number;
  isTotalCapped: boolean;
}

/**
 * One page from the archive, merged with the projection's appeals registered after the
 * archive's cursor (the seconds it lags behind the stream), in the query's order. The
 * archive's copy of an appeal is as of its cursor; the projection's, when both hold it, wins.
 */
export async function historyPage(
  history: History,
  projection: () => ProjectionState,
  query: AppealListQuery,
  options: ArchiveSearchOptions,
): Promise<HistoryPage> {
  const [cursor, archived] = await Promise.all([
    history.cursor(),
    history.listAppeals({ ...query, limit: query.limit + 1 }, options),
  ]);
  const since = cursor === '0-0' ? Number.NEGATIVE_INFINITY : streamIdTime(cursor);
  const live = queryAppeals(appealsRegisteredAfter(projection(), since), { ...query, limit: query.limit + 1 }, options);
  if (live.total === 0) {
    const items = archived.items.slice(0, query.limit);
    const last = items.at(-1);
    const isMore = archived.items.length > query.limit && last !== undefined;
    return {
      items,
      nextCursor: isMore ? encodeListCursor(query.sort, appealSortFieldOf(query.sort), last) : null,
      total: archived.total,
      isTotalCapped: archived.isTotalCapped,
    };
  }
  const byId = new Map<string, Appeal>();
  for (const appeal of archived.items) byId.set(appeal.id, appeal);
  let duplicates = 0;
  for (const appeal of live.items) {
    if (byId.has(appeal.id)) duplicates += 1;
    byId.set(appeal.id, appeal);
  }
  const page = selectPage(
    byId.values(),
    () => true,
    query.sort,
    appealSortFieldOf(query.sort),
    query.limit,
    query.cursor,
  );
  return {
    items: page.items,
    nextCursor: page.nextCursor,
    total: archived.total + live.total - duplicates,
    isTotalCapped: archived.isTotalCapped,
  };
}
