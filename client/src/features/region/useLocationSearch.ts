import { useSyncExternalStore } from 'react';

const listeners = new Set<() => void>();

function notify(): void {
  for (const listener of [...listeners]) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (listeners.size === 1) window.addEventListener('popstate', notify);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) window.removeEventListener('popstate', notify);
  };
}

/**
 * The address bar's query string (`?status=registered&sort=dueAt`, or ''); re-renders on
 * back/forward and on `replaceSearch`. navigation.ts follows the path only; the region
 * view keeps its filters here so a filtered view is a link.
 */
export function useLocationSearch(): string {
  return useSyncExternalStore(
    subscribe,
    () => window.location.search,
    () => '',
  );
}

/**
 * Puts a new query string in the address bar without a history entry (each keystroke of a
 * search would otherwise be one Back press); the path and any hash stay.
 */
export function replaceSearch(search: string): void {
  const { pathname, hash } = window.location;
  const next = `${pathname}${search}${hash}`;
  if (next === `${pathname}${window.location.search}${hash}`) return;
  window.history.replaceState(window.history.state, '', next);
  notify();
}
