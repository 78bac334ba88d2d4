/** Pages of the client. Later issues add the appeal timeline, the agent console… */
export type Route = 'wall' | 'region' | 'login' | 'admin' | 'not-found';

const PATHS: ReadonlyMap<string, Route> = new Map([
  ['/', 'wall'],
  ['/wall', 'wall'],
  ['/login', 'login'],
  ['/admin', 'admin'],
]);

/**
 * `/region/:code`: a region's drill-down over the wall. Codes are ISO 3166-2:KZ codes or a
 * region pack's own shape codes (e.g. a city district), so any short code-like word passes;
 * the panel says when the layer has no such region.
 */
const REGION_PATH = /^\/region\/([A-Za-z0-9_-]{1,32})$/;

function trimmed(pathname: string): string {
  return pathname.replace(/\/+$/, '') || '/';
}

/** The page for a location pathname (trailing slashes ignored). */
export function routeOf(pathname: string): Route {
  const path = trimmed(pathname);
  if (REGION_PATH.test(path)) return 'region';
  return PATHS.get(path) ?? 'not-found';
}

/** The region code of a `/region/:code` path as written (matched case-insensitively later), else null. */
export function regionCodeOf(pathname: string): string | null {
  return REGION_PATH.exec(trimmed(pathname))?.[1] ?? null;
}

/** The path of a region's drill-down. */
export function regionPath(code: string): string {
  return `/region/${encodeURIComponent(code)}`;
}

/** The path of one appeal's timeline page. */
export function appealPath(appealId: string): string {
  return `/appeals/${encodeURIComponent(appealId)}`;
}
