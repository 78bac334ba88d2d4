import { useSyncExternalStore, type MouseEvent } from 'react';

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

/** The current `location.pathname`; re-renders on `navigate` and on back/forward. */
export function usePathname(): string {
  return useSyncExternalStore(
    subscribe,
    () => window.location.pathname,
    () => '/',
  );
}

/**
 * The address bar's query string (`?status=registered&sort=dueAt`, or ''); re-renders on
 * back/forward and on `replaceSearch`. The region desk keeps its filters here so a
 * filtered view is a link.
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

/** Changes the page without a reload (the session, store and socket stay). */
export function navigate(path: string, options: { replace?: boolean } = {}): void {
  if (path === window.location.pathname) return;
  if (options.replace) window.history.replaceState(null, '', path);
  else window.history.pushState(null, '', path);
  notify();
}

/**
 * onClick for an in-app `<a href>`: a plain left click navigates in place; modified clicks
 * (new tab, new window) are left to the browser.
 */
export function followLink(event: MouseEvent<HTMLAnchorElement>): void {
  if (event.defaultPrevented || event.button !== 0) return;
  if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const url = new URL(event.currentTarget.href);
  if (url.origin !== window.location.origin) return;
  event.preventDefault();
  navigate(url.pathname);
}
