import type { SessionUser } from '@shared';
import type { Route } from './routes';

/** What a signed-in user is shown. */
export type Page = 'wall' | 'admin' | 'forbidden' | 'not-found';

/**
 * Routes a user may open. The server enforces the same rules on every API call and
 * socket; this only keeps people away from pages that would fail. A kiosk token is an
 * operator whatever role it names (server/src/auth/claims.ts) and sees only the wall.
 */
export function allowedRoutes(user: SessionUser): ReadonlySet<Route> {
  if (user.isKiosk) return new Set(['wall']);
  if (user.role === 'admin') return new Set(['wall', 'login', 'admin', 'not-found']);
  return new Set(['wall', 'login', 'not-found']);
}

/**
 * The page for a route: the login route shows the wall once signed in, a kiosk sees the
 * wall at any path (no navigation on a wall screen), and a route the role may not open
 * shows "not allowed" (not "not found": the page exists, the user just may not see it).
 */
export function pageOf(route: Route, user: SessionUser): Page {
  if (user.isKiosk) return 'wall';
  if (!allowedRoutes(user).has(route)) return 'forbidden';
  switch (route) {
    case 'wall':
    case 'login':
      return 'wall';
    case 'admin':
      return 'admin';
    case 'not-found':
      return 'not-found';
  }
}

/** Where the address bar should say we are, when it says something else (else null). */
export function canonicalPathOf(route: Route, user: SessionUser): string | null {
  if (route === 'login' || (user.isKiosk && route !== 'wall')) return '/wall';
  return null;
}
