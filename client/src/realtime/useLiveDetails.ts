import { useEffect, useEffectEvent, useState } from 'react';
import type { Replica } from '@shared';
import { createRefetchScheduler } from '../features/region/refetchScheduler';
import { useApiRequest } from '../session/sessionContext';
import { useWallStore } from './hooks';

export interface LiveDetailsState<T> {
  /** loading: first answer pending; ready; not-found: 404 (unknown, outside the user's regions, or evicted); failed: other. */
  status: 'loading' | 'ready' | 'not-found' | 'failed';
  details: T | null;
  /** HTTP status of the last failure (0: no answer). */
  failedStatus: number | null;
}

/** What one kind of detail page reads (a module-level constant, so the effect stays put). */
export interface LiveDetailsKind<T> {
  path: (id: string) => string;
  parse: (data: unknown) => T | null;
  /** The live item's newest stream id when the shown details lack it, else null. */
  behindAt: (replica: Replica, id: string, shown: T) => string | null;
}

/** First retry after no answer or a 5xx; doubles up to DETAILS_RETRY_MAX_MS. */
export const DETAILS_RETRY_MS = 2000;
export const DETAILS_RETRY_MAX_MS = 30_000;

/**
 * One item with its timeline (an appeal's or an incident's page), read again whenever the
 * live replica shows an event of it the timeline lacks (one read at a time, at most one per
 * ~1.5 s: refetchScheduler). The fields come live from the replica; only the timeline needs
 * the server. A failed refresh keeps what is shown; no answer or a 5xx is retried with backoff.
 */
export function useLiveDetails<T>(kind: LiveDetailsKind<T>, id: string): LiveDetailsState<T> {
  const request = useApiRequest();
  const store = useWallStore();
  const [state, setState] = useState<LiveDetailsState<T> & { id: string }>(() => loadingOf(id));
  const fetchDetails = useEffectEvent(() => request<unknown>(kind.path(id)));

  useEffect(() => {
    let isCurrent = true;
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    let failures = 0;
    let shown: T | null = null;

    const read = async (): Promise<void> => {
      const result = await fetchDetails();
      if (!isCurrent) return;
      const details = result.ok ? kind.parse(result.data) : null;
      if (details) {
        failures = 0;
        shown = details;
        setState({ id, status: 'ready', details, failedStatus: null });
        return;
      }
      // Keep what is shown when a refresh fails; the next change reads again.
      if (shown) return;
      const status = result.status;
      setState({ id, status: status === 404 ? 'not-found' : 'failed', details: null, failedStatus: status });
      if (status === 0 || status >= 500) {
        retryTimer = setTimeout(
          () => scheduler.runNow(),
          Math.min(DETAILS_RETRY_MAX_MS, DETAILS_RETRY_MS * 2 ** Math.min(failures, 10)),
        );
        failures += 1;
      }
    };

    const scheduler = createRefetchScheduler(read);
    // Asked once per new live event: an event the server cannot read back must not loop.
    let askedFor: string | undefined;
    const unsubscribe = store.subscribe(() => {
      if (!shown) return;
      const newest = kind.behindAt(store.getReplica(), id, shown);
      if (newest === null || newest === askedFor) return;
      askedFor = newest;
      scheduler.request();
    });
    scheduler.runNow();
    return () => {
      isCurrent = false;
      unsubscribe();
      scheduler.dispose();
      clearTimeout(retryTimer);
    };
  }, [kind, id, store]);

  // Another item's answer is never shown for this one.
  return state.id === id ? state : loadingOf(id);
}

function loadingOf<T>(id: string): LiveDetailsState<T> & { id: string } {
  return { id, status: 'loading', details: null, failedStatus: null };
}
