import { useEffect, useEffectEvent, useState } from 'react';
import { useWallStore } from '../../realtime/hooks';
import { useApiRequest } from '../../session/sessionContext';
import { DETAILS_RETRY_MAX_MS, DETAILS_RETRY_MS } from '../appeal/useAppealDetails';
import { createRefetchScheduler } from '../region/refetchScheduler';
import { isIncidentBehind, parseIncidentDetails, type IncidentDetails } from './incidentDetails';

export interface IncidentDetailsState {
  status: 'loading' | 'ready' | 'not-found' | 'failed';
  details: IncidentDetails | null;
  failedStatus: number | null;
}

/**
 * One incident with its timeline and linked appeals (`GET /api/incidents/:id`), read again
 * whenever the live replica shows an event of it the timeline lacks (as the appeal page does:
 * one read at a time, at most one per ~1.5 s). Its fields come live from the replica.
 */
export function useIncidentDetails(incidentId: string): IncidentDetailsState {
  const request = useApiRequest();
  const store = useWallStore();
  const [state, setState] = useState<IncidentDetailsState & { incidentId: string }>(() => loadingOf(incidentId));
  const fetchDetails = useEffectEvent(() => request<unknown>(`/api/incidents/${encodeURIComponent(incidentId)}`));

  useEffect(() => {
    let isCurrent = true;
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    let failures = 0;
    let shown: IncidentDetails | null = null;

    const read = async (): Promise<void> => {
      const result = await fetchDetails();
      if (!isCurrent) return;
      const details = result.ok ? parseIncidentDetails(result.data) : null;
      if (details) {
        failures = 0;
        shown = details;
        setState({ incidentId, status: 'ready', details, failedStatus: null });
        return;
      }
      if (shown) return;
      const status = result.status;
      setState({ incidentId, status: status === 404 ? 'not-found' : 'failed', details: null, failedStatus: status });
      if (status === 0 || status >= 500) {
        retryTimer = setTimeout(
          () => scheduler.runNow(),
          Math.min(DETAILS_RETRY_MAX_MS, DETAILS_RETRY_MS * 2 ** Math.min(failures, 10)),
        );
        failures += 1;
      }
    };

    const scheduler = createRefetchScheduler(read);
    let askedFor: string | undefined;
    const unsubscribe = store.subscribe(() => {
      if (!shown) return;
      const live = store.getReplica().state.incidents.get(incidentId);
      const newest = live?.streamIds.at(-1);
      if (newest === askedFor || !isIncidentBehind(shown, live)) return;
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
  }, [incidentId, store]);

  return state.incidentId === incidentId ? state : loadingOf(incidentId);
}

function loadingOf(incidentId: string): IncidentDetailsState & { incidentId: string } {
  return { incidentId, status: 'loading', details: null, failedStatus: null };
}
