/** Pages of the client. Later issues add region drill-down, the agent console… */
export type Route = 'wall' | 'not-found';

const WALL_PATHS = new Set(['/', '/wall']);

/** The page for a location pathname (trailing slashes ignored). */
export function routeOf(pathname: string): Route {
  const path = pathname.replace(/\/+$/, '') || '/';
  return WALL_PATHS.has(path) ? 'wall' : 'not-found';
}
