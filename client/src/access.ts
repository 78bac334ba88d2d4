import { mayDo, type SessionUser } from '@shared';
import { DASHBOARD_PATH, WALL_PATH, type Route } from './routes';

/** What a signed-in user is shown. */
export type Page =
  | 'dashboard'
  | 'wall'
  | 'analytics'
  | 'reports'
  | 'region'
  | 'appeal'
  | 'admin'
  | 'agent'
  | 'quality'
  | 'account-password'
  | 'incident'
  | 'forbidden'
  | 'not-found';

/**
 * Routes a user may open. The server enforces the same rules on every API call and
 * socket; this only keeps people away from pages that would fail. A kiosk token is an
 * operator whatever role it names (server/src/auth/claims.ts): it sees the wall and may
 * drill into a region (read-only, like everything a kiosk shows).
 */
export function allowedRoutes(user: SessionUser): ReadonlySet<Route> {
  if (user.isKiosk) return new Set(['wall', 'region']);
  const common: Route[] = [
    'dashboard',
    'wall',
    'analytics',
    // The briefing: whoever reads the analytics (the server scopes both to the user's regions).
    'reports',
    'region',
    'appeal',
    'incident',
    'login',
    'account-password',
    'not-found',
  ];
  if (mayDo(user, 'administer')) return new Set([...common, 'admin', 'quality']);
  if (canRegisterAppeals(user)) return new Set([...common, 'agent', 'quality']);
  return new Set(common);
}

/**
 * Who gets the agent console (`/agent`): whoever the shared policy lets `register` (agents,
 * and supervisors, who take calls too when the queue is long). Never a kiosk (a wall
 * screen registers nothing: the policy makes it an operator).
 */
export function canRegisterAppeals(user: SessionUser): boolean {
  return mayDo(user, 'register');
}

/**
 * Who gets the quality-control queue (`/quality`): those who call citizens back (agents,
 * supervisors) and admins, whom the server lets record a callback too. Never a kiosk.
 */
export function canCallBack(user: SessionUser): boolean {
  return mayDo(user, 'callback');
}

/**
 * The page for a route: the login route shows the dashboard once signed in, a kiosk sees the
 * wall at any path but a region's (no other navigation on a wall screen), and a route the
 * role may not open shows "not allowed" (not "not found": the page exists, the user just
 * may not see it). A region is the wall with that region's panel open.
 */
export function pageOf(route: Route, user: SessionUser): Page {
  if (user.isKiosk) return route === 'region' ? 'region' : 'wall';
  if (!allowedRoutes(user).has(route)) return 'forbidden';
  switch (route) {
    case 'dashboard':
    case 'login':
      return 'dashboard';
    case 'wall':
      return 'wall';
    case 'analytics':
      return 'analytics';
    case 'reports':
      return 'reports';
    case 'region':
      return 'region';
    case 'appeal':
      return 'appeal';
    case 'incident':
      return 'incident';
    case 'admin':
      return 'admin';
    case 'agent':
      return 'agent';
    case 'quality':
      return 'quality';
    case 'account-password':
      return 'account-password';
    case 'not-found':
      return 'not-found';
  }
}

/** Where the address bar should say we are, when it says something else (else null). */
export function canonicalPathOf(route: Route, user: SessionUser): string | null {
  if (user.isKiosk) return route !== 'wall' && route !== 'region' ? WALL_PATH : null;
  if (route === 'login') return DASHBOARD_PATH;
  return null;
}
