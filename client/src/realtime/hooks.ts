import { use, useEffect, useSyncExternalStore } from 'react';
import type { Analytics, AnalyticsFilter, Stats } from '@shared';
import type { FeedItem } from '../state/feed';
import type { LinkState } from '../state/link';
import type { WallStore, WallView } from '../state/wallStore';
import { StoreContext } from './storeContext';

export function useWallStore(): WallStore {
  const store = use(StoreContext);
  if (!store) throw new Error('useWallStore outside <RealtimeProvider>');
  return store;
}

/**
 * One part of the store's view. `pick` must return a part of the view as is (not a new
 * object), so the component re-renders only when that part changed.
 */
function useViewPart<T>(pick: (view: WallView) => T): T {
  const store = useWallStore();
  const read = () => pick(store.getView());
  // The same reader serves server rendering (used by the markup smoke test).
  return useSyncExternalStore(store.subscribe, read, read);
}

export function useFeed(): readonly FeedItem[] {
  return useViewPart((view) => view.feed);
}

export function useStats(): Stats | null {
  return useViewPart((view) => view.stats);
}

export function useLink(): LinkState {
  return useViewPart((view) => view.link);
}

/** The replica's version: bumped whenever it changed (memoise selectors over the replica on it). */
export function useReplicaVersion(): number {
  return useViewPart((view) => view.version);
}

export interface AnalyticsView {
  /** The series for the filter, pushed every ANALYTICS_INTERVAL_MS; null until the first. */
  analytics: Analytics | null;
  /** Why the server refused the filter, or null. */
  error: string | null;
}

/**
 * The charts' series for a filter, live: watches it while mounted (one filter per page;
 * the socket re-sends it after a reconnect) and stops on unmount.
 */
export function useAnalytics(filter: AnalyticsFilter): AnalyticsView {
  const store = useWallStore();
  const { region, category, window } = filter;
  useEffect(() => {
    store.watchAnalytics({
      ...(region !== undefined ? { region } : {}),
      ...(category !== undefined ? { category } : {}),
      window,
    });
    return () => store.watchAnalytics(null);
  }, [store, region, category, window]);
  const analytics = useViewPart((view) => view.analytics);
  const error = useViewPart((view) => view.analyticsError);
  return { analytics, error };
}
