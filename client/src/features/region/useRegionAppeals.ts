import type { Appeal } from '@shared';
import { useEffect, useEffectEvent, useState } from 'react';
import { useWallStore } from '../../realtime/hooks';
import { useApiRequest } from '../../session/sessionContext';
import { loadAllPages, type ListError } from './pageLoader';
import { createRefetchScheduler, scanFeed } from './refetchScheduler';
import { appealsPagePath } from './regionFilters';

/** The rows of the region table and where they come from. */
export interface RegionList {
  /** The list query (regions, filters, sort) these rows answer. */
  query: string;
  /** loading: the first pages are arriving; ready: every page is in; failed: the first load failed. */
  status: 'loading' | 'ready' | 'failed';
  items: readonly Appeal[];
  /** Rows matching the filters (from the first page); null until it arrives. */
  total: number | null;
  /** Server clock of the rows shown; null until the first page. */
  asOf: number | null;
  /** Stream cursor of the rows shown. */
  cursor: string | null;
  /** More rows matched than the table holds (pageLoader's MAX_LIST_ROWS). */
  isTruncated: boolean;
  /** A live refresh is being read; the rows shown stay until it is complete. */
  isRefreshing: boolean;
  /** The last refresh failed: the rows are those of `asOf`. */
  isStale: boolean;
  /** Why the last read failed (the first load, or a refresh when `isStale`). */
  error: ListError | null;
  /** Rows that came from the archive (a period search reaching past live memory): marked in the table. */
  archivedIds?: ReadonlySet<string>;
}

const NONE: ReadonlySet<string> = new Set();

export function loadingList(query: string): RegionList {
  return {
    query,
    status: 'loading',
    items: [],
    total: null,
    asOf: null,
    cursor: null,
    isTruncated: false,
    isRefreshing: false,
    isStale: false,
    error: null,
    archivedIds: NONE,
  };
}

/** First retry of a first load that got no answer or a 5xx; doubles up to LIST_RETRY_MAX_MS. */
export const LIST_RETRY_MS = 2000;
export const LIST_RETRY_MAX_MS = 30_000;
/** With an `overdue` filter, rows cross their due time without any event: read again this often. */
export const OVERDUE_REFRESH_MS = 60_000;

const isRetryable = (error: ListError): boolean => error.status === 0 || error.status >= 500;

export interface RegionAppealsOptions {
  /** The regions whose live events make the list stale. */
  regions: readonly string[];
  /** Rows remembered from an earlier visit to this very list (shown at once, then refreshed). */
  initial?: RegionList | null;
  /** Read again every OVERDUE_REFRESH_MS (the `overdue` filter depends on the clock). */
  isClockBound?: boolean;
}

/**
 * The region table's rows: every page of `GET /api/appeals?<query>`, shown as they arrive
 * on a first load; then kept live. Whenever the live replica applies events in the
 * regions, the list is read again (refetchScheduler: one read in flight, at most one per
 * ~1.5 s) and swapped in whole when complete, so the table never shows half a refresh.
 */
export function useRegionAppeals(query: string, options: RegionAppealsOptions): RegionList {
  const request = useApiRequest();
  const store = useWallStore();
  const { initial = null, isClockBound = false } = options;
  const regionsKey = options.regions.join(',');
  const [list, setList] = useState<RegionList>(() => startOf(query, initial));
  const fetchPage = useEffectEvent((cursor: string | null) => request<unknown>(appealsPagePath(query, cursor)));
  // Remembered rows of this very query are shown at once and refreshed (a small cache).
  const initialRows = useEffectEvent(() => (initial?.query === query ? initial : null));

  useEffect(() => {
    let isCurrent = true;
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    let failures = 0;
    const regions = new Set(regionsKey.split(','));
    const recalled = initialRows();
    // Complete rows on screen: a read then refreshes them (swapped in whole) instead of
    // filling the table page by page.
    let hasRows = recalled !== null;

    const read = async (): Promise<void> => {
      const isProgressive = !hasRows;
      // Updates build on this query's list only (the state may still hold the previous filters').
      const own = (previous: RegionList): RegionList =>
        previous.query === query ? previous : (recalled ?? loadingList(query));
      if (!isProgressive) setList((previous) => ({ ...own(previous), isRefreshing: true }));
      const outcome = await loadAllPages({
        fetchPage: (cursor) => fetchPage(cursor),
        isCurrent: () => isCurrent,
        onPage: isProgressive
          ? (items, first) =>
              setList((previous) => ({
                ...own(previous),
                items: [...items],
                total: first.total,
                asOf: first.asOf,
                cursor: first.cursor,
              }))
          : undefined,
      });
      if (outcome.kind === 'cancelled') return;
      if (outcome.kind === 'done') {
        hasRows = true;
        failures = 0;
        setList({
          query,
          status: 'ready',
          items: outcome.items,
          total: outcome.total,
          asOf: outcome.asOf,
          cursor: outcome.cursor,
          isTruncated: outcome.isTruncated,
          isRefreshing: false,
          isStale: false,
          error: null,
          archivedIds: outcome.archivedIds,
        });
        return;
      }
      const { error } = outcome;
      if (hasRows) {
        // Keep the rows; the next change (or the reconnect's snapshot) reads again.
        setList((previous) => ({ ...own(previous), isRefreshing: false, isStale: true, error }));
        return;
      }
      setList({ ...loadingList(query), status: 'failed', error });
      if (isRetryable(error)) {
        retryTimer = setTimeout(
          () => scheduler.runNow(),
          Math.min(LIST_RETRY_MAX_MS, LIST_RETRY_MS * 2 ** Math.min(failures, 10)),
        );
        failures += 1;
      }
    };

    // One scheduler for the first load, its retries and the live refreshes: one read at a time.
    const scheduler = createRefetchScheduler(read);
    // Everything the replica holds now is in the answer too (the server's projection is
    // never behind what it has sent over the socket); later events are looked at as they come.
    let checkedThrough = store.getReplica().state.cursor;
    const unsubscribe = store.subscribe(() => {
      const scan = scanFeed(store.getReplica().state.feed, checkedThrough, regions);
      checkedThrough = scan.through;
      if (scan.hasChanges) scheduler.request();
    });
    const clock = isClockBound ? setInterval(() => scheduler.request(), OVERDUE_REFRESH_MS) : undefined;
    scheduler.runNow();

    return () => {
      isCurrent = false;
      unsubscribe();
      scheduler.dispose();
      clearTimeout(retryTimer);
      clearInterval(clock);
    };
  }, [query, regionsKey, isClockBound, store]);

  // Until the effect's first answer for a new query, show that query's start, never the
  // rows of the previous filters.
  return list.query === query ? list : startOf(query, initial);
}

function startOf(query: string, initial: RegionList | null): RegionList {
  return initial?.query === query ? { ...initial, isRefreshing: false } : loadingList(query);
}
