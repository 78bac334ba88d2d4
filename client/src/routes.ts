/**
 * Pages of the client. `dashboard` (`/`) is the interactive situation-room view (map, feed,
 * drill-down); `wall` (`/wall`) is the wall mode for the big screen: full screen, no controls.
 */
export type Route =
  | 'dashboard'
  | 'wall'
  | 'analytics'
  | 'reports'
  | 'region'
  | 'appeal'
  | 'login'
  | 'admin'
  | 'agent'
  | 'quality'
  | 'account-password'
  | 'incident'
  | 'not-found';

const PATHS: ReadonlyMap<string, Route> = new Map([
  ['/', 'dashboard'],
  ['/wall', 'wall'],
  ['/analytics', 'analytics'],
  ['/reports', 'reports'],
  ['/login', 'login'],
  ['/admin', 'admin'],
  ['/agent', 'agent'],
  ['/quality', 'quality'],
  ['/account/password', 'account-password'],
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
  if (appealIdOf(path) !== null) return 'appeal';
  if (incidentIdOf(path) !== null) return 'incident';
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

/** The interactive dashboard (map, feed, drill-down). */
export const DASHBOARD_PATH = '/';

/** The wall mode (big screen, no controls). */
export const WALL_PATH = '/wall';

/** The response-time charts. */
export const ANALYTICS_PATH = '/analytics';

/** The briefing note: a period's figures to print or send (features/reports). */
export const REPORTS_PATH = '/reports';

/** Changing one's own password (and where a one-time password sends the user). */
export const ACCOUNT_PASSWORD_PATH = '/account/password';

/** The call-centre agent's console. */
export const AGENT_PATH = '/agent';

/** The quality-control queue (callbacks to citizens after a resolution). */
export const QUALITY_PATH = '/quality';

/** The path of one appeal's timeline page. */
export function appealPath(appealId: string): string {
  return `/appeals/${encodeURIComponent(appealId)}`;
}

/** The appeal id of an `/appeals/:id` path (percent-encoded by `appealPath`, so it may hold a `/`), decoded; null for any other path or a malformed one. */
export function appealIdOf(pathname: string): string | null {
  return idOf(/^\/appeals\/([^/]{1,200})$/, pathname);
}

/** The path of one incident's page. */
export function incidentPath(incidentId: string): string {
  return `/incidents/${encodeURIComponent(incidentId)}`;
}

/** The incident id of an `/incidents/:id` path (percent-encoded by `incidentPath`), decoded; null for any other path or a malformed one. */
export function incidentIdOf(pathname: string): string | null {
  return idOf(/^\/incidents\/([^/]{1,200})$/, pathname);
}

/** The decoded id a path pattern captures, when it is a well-formed id. */
function idOf(pattern: RegExp, pathname: string): string | null {
  const encoded = pattern.exec(trimmed(pathname))?.[1];
  if (encoded === undefined) return null;
  try {
    const id = decodeURIComponent(encoded);
    return /^[\w.:/-]{1,64}$/.test(id) ? id : null;
  } catch {
    return null;
  }
}
