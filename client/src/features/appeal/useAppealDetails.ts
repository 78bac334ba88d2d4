import { useEffect, useEffectEvent, useState } from 'react';
import { useWallStore } from '../../realtime/hooks';
import { useApiRequest } from '../../session/sessionContext';
import { createRefetchScheduler } from '../region/refetchScheduler';
import { isTimelineBehind, parseAppealDetails, type AppealDetails } from './appealDetails';

export interface AppealDetailsState {
  /** loading: first answer pending; ready; not-found: 404 (unknown, outside the user's regions, or evicted); failed: other. */
  status: 'loading' | 'ready' | 'not-found' | 'failed';
  details: AppealDetails | null;
  /** HTTP status of the last failure (0: no answer). */
  failedStatus: number | null;
}

/** First retry after no answer or a 5xx; doubles up to DETAILS_RETRY_MAX_MS. */
export const DETAILS_RETRY_MS = 2000;
export const DETAILS_RETRY_MAX_MS = 30_000;

/**
 * One appeal with its timeline (`GET /api/appeals/:id`), read again whenever the live
 * replica shows an event of it that the timeline lacks (one read at a time, at most one
 * per ~1.5 s: refetchScheduler). The fields themselves come live from the replica
 * (appealDetails.ts `currentAppeal`); only the timeline needs the server.
 */
export function useAppealDetails(appealId: string): AppealDetailsState {
  const request = useApiRequest();
  const store = useWallStore();
  const [state, setState] = useState<AppealDetailsState & { appealId: string }>(() => loadingOf(appealId));
  const fetchDetails = useEffectEvent(() => request<unknown>(`/api/appeals/${encodeURIComponent(appealId)}`));

  useEffect(() => {
    let isCurrent = true;
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    let failures = 0;
    let shown: AppealDetails | null = null;

    const read = async (): Promise<void> => {
      const result = await fetchDetails();
      if (!isCurrent) return;
      const details = result.ok ? parseAppealDetails(result.data) : null;
      if (details) {
        failures = 0;
        shown = details;
        setState({ appealId, status: 'ready', details, failedStatus: null });
        return;
      }
      const status = result.status;
      // Keep what is shown when a refresh fails; the next change reads again.
      if (shown) return;
      setState({ appealId, status: status === 404 ? 'not-found' : 'failed', details: null, failedStatus: status });
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
      const live = store.getReplica().state.appeals.get(appealId);
      const newest = live?.streamIds.at(-1);
      if (newest === askedFor || !isTimelineBehind(shown.timeline, live)) return;
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
  }, [appealId, store]);

  // Another appeal's answer is never shown for this one.
  return state.appealId === appealId ? state : loadingOf(appealId);
}

function loadingOf(appealId: string): AppealDetailsState & { appealId: string } {
  return { appealId, status: 'loading', details: null, failedStatus: null };
}
