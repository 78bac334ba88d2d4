import type { RegionCode } from '../domain/regions';
import type { RegionScope, Role, SessionUser } from '../domain/roles';

/**
 * The one role × region policy (design.md "Security"), used by the server's access checks
 * (server/src/auth/claims.ts, the write commands, the socket scopes) and by the client to
 * offer only what the server will allow. The server enforces it on every call; the client
 * only keeps people away from buttons and pages that would fail.
 */

/** Actions a role may take. */
export type Action =
  /** See the dashboard and read appeals (personal data masked). */
  | 'read'
  /** Reveal one appeal's citizen contact (audited). */
  | 'reveal'
  /** Assign, change status, escalate, group incidents (supervisor work). */
  | 'manage'
  /** Register appeals and change their status (agent work; supervisors too). */
  | 'register'
  /** Users, kiosk tokens, audit. */
  | 'administer'
  /** Extend an appeal's legal term (supervisor or admin, in scope). */
  | 'extend'
  /** Record the citizen's answer to the quality-control callback (agent, supervisor, admin). */
  | 'callback';

/** The table itself: what each role may do. Admins administer and read; they do not manage appeals. */
export const ROLE_ACTIONS: Readonly<Record<Role, readonly Action[]>> = {
  operator: ['read'],
  supervisor: ['read', 'reveal', 'manage', 'register', 'extend', 'callback'],
  agent: ['read', 'register', 'callback'],
  // Issue 17: a back office without supervisors: admins extend terms and record callbacks too.
  admin: ['read', 'administer', 'extend', 'callback'],
};

const ALLOWED: Record<Role, ReadonlySet<Action>> = {
  operator: new Set(ROLE_ACTIONS.operator),
  supervisor: new Set(ROLE_ACTIONS.supervisor),
  agent: new Set(ROLE_ACTIONS.agent),
  admin: new Set(ROLE_ACTIONS.admin),
};

/** The role that counts: a kiosk (wall-screen token) is an operator whatever else it names. */
export function effectiveRole(user: Pick<SessionUser, 'role' | 'isKiosk'>): Role {
  return user.isKiosk ? 'operator' : user.role;
}

/** True when the scope covers the region. */
export function isInRegions(regions: RegionScope, region: RegionCode): boolean {
  return regions === 'all' || regions.includes(region);
}

/** True for a national scope (every region): only such users see national figures and dead letters. */
export function isNationalScope(regions: RegionScope): boolean {
  return regions === 'all';
}

/**
 * The policy in one call: the role allows the action, and (for region-bound resources) the
 * region is in the user's scope.
 */
export function mayDo(
  user: Pick<SessionUser, 'role' | 'isKiosk' | 'regions'>,
  action: Action,
  region?: RegionCode,
): boolean {
  if (!ALLOWED[effectiveRole(user)].has(action)) return false;
  return region === undefined || isInRegions(user.regions, region);
}

/** True when the role (not a kiosk) is one of `roles`: for pages that are one role's desk, not an action. */
export function hasRole(user: Pick<SessionUser, 'role' | 'isKiosk'>, ...roles: Role[]): boolean {
  return !user.isKiosk && roles.includes(user.role);
}
