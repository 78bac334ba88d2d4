import { useLiveDetails, type LiveDetailsKind, type LiveDetailsState } from '../../realtime/useLiveDetails';
import { isTimelineBehind, parseAppealDetails, type AppealDetails } from './appealDetails';

export type AppealDetailsState = LiveDetailsState<AppealDetails>;

const APPEAL_DETAILS: LiveDetailsKind<AppealDetails> = {
  path: (id) => `/api/appeals/${encodeURIComponent(id)}`,
  parse: parseAppealDetails,
  behindAt(replica, id, shown) {
    const live = replica.state.appeals.get(id);
    return isTimelineBehind(shown.timeline, live) ? (live?.streamIds.at(-1) ?? null) : null;
  },
};

/**
 * One appeal with its timeline (`GET /api/appeals/:id`), read again whenever the live replica
 * shows an event of it the timeline lacks. The fields themselves come live from the replica
 * (appealDetails.ts `currentAppeal`); only the timeline needs the server.
 */
export function useAppealDetails(appealId: string): AppealDetailsState {
  return useLiveDetails(APPEAL_DETAILS, appealId);
}
