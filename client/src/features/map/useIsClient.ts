import { useSyncExternalStore } from 'react';

const subscribe = () => () => undefined;

/**
 * True in the browser, false when rendered on the server (markup tests): Leaflet touches
 * `window` as soon as it is imported, so the map is only loaded where one exists.
 */
export function useIsClient(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}
