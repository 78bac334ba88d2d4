import { useLiveDetails, type LiveDetailsKind, type LiveDetailsState } from '../../realtime/useLiveDetails';
import { isIncidentBehind, parseIncidentDetails, type IncidentDetails } from './incidentDetails';

export type IncidentDetailsState = LiveDetailsState<IncidentDetails>;

const INCIDENT_DETAILS: LiveDetailsKind<IncidentDetails> = {
  path: (id) => `/api/incidents/${encodeURIComponent(id)}`,
  parse: parseIncidentDetails,
  behindAt(replica, id, shown) {
    const live = replica.state.incidents.get(id);
    return isIncidentBehind(shown, live) ? (live?.streamIds.at(-1) ?? null) : null;
  },
};

/**
 * One incident with its timeline and linked appeals (`GET /api/incidents/:id`), read again
 * whenever the live replica shows an event of it the timeline lacks (as the appeal page does).
 */
export function useIncidentDetails(incidentId: string): IncidentDetailsState {
  return useLiveDetails(INCIDENT_DETAILS, incidentId);
}
