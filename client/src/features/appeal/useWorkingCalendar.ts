import type { WorkingCalendar } from '@shared';
import { useReplicaVersion, useWallStore } from '../../realtime/hooks';

/**
 * Kazakhstan's working-day calendar the page counts working days on: the live replica's,
 * so a year added by `calendar.year_added` counts here as it does on the server.
 */
export function useWorkingCalendar(): WorkingCalendar {
  const store = useWallStore();
  useReplicaVersion();
  return store.getReplica().state.calendar;
}
