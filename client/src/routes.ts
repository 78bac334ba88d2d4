/** Pages of the client. Later issues add region drill-down, the agent console… */
export type Route = 'wall' | 'login' | 'admin' | 'not-found';

const PATHS: ReadonlyMap<string, Route> = new Map([
  ['/', 'wall'],
  ['/wall', 'wall'],
  ['/login', 'login'],
  ['/admin', 'admin'],
]);

/** The page for a location pathname (trailing slashes ignored). */
export function routeOf(pathname: string): Route {
  const path = pathname.replace(/\/+$/, '') || '/';
  return PATHS.get(path) ?? 'not-found';
}
