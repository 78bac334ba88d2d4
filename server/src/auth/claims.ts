import type { RegionCode, RegionScope, Role, Scope, SessionUser } from '@shared';

/** What the server knows about the caller, from its session; never from the request body. */
export interface Claims {
  user: SessionUser;
  /** Socket room for forced disconnects: `user:<name>` or `kiosk:<id>`. */
  subjectRoom: string;
  /** Socket room of this one session (ended at logout). */
  sessionRoom: string;
}

/** Actions checked by `isAllowed`. */
export type Action =
  /** See the dashboard and read appeals (masked). */
  | 'read'
  /** Reveal one appeal's citizen contact (audited). */
  | 'reveal'
  /** Assign, change status, escalate (supervisor work). */
  | 'manage'
  /** Register appeals and change their status (agent work; supervisors too). */
  | 'register'
  /** Users, kiosk tokens, audit. */
  | 'administer'
  /** Extend an appeal's legal term (supervisor or admin, in scope). */
  | 'extend'
  /** Record the citizen's answer to the quality-control callback (agent, supervisor, admin). */
  | 'callback';

const ALLOWED: Record<Role, ReadonlySet<Action>> = {
  operator: new Set(['read']),
  supervisor: new Set(['read', 'reveal', 'manage', 'register', 'extend', 'callback']),
  agent: new Set(['read', 'register', 'callback']),
  admin: new Set(['read', 'administer', 'extend', 'callback']),
};

/** True when the scope covers the region. */
export function isInRegions(regions: RegionScope, region: RegionCode): boolean {
  return regions === 'all' || regions.includes(region);
}

/**
 * The policy in one place: role allows the action, and (for region-bound resources) the
 * region is in the caller's scope. Kiosk sessions are operators whatever else they claim.
 */
export function isAllowed(claims: Claims, action: Action, region?: RegionCode): boolean {
  const role: Role = claims.user.isKiosk ? 'operator' : claims.user.role;
  if (!ALLOWED[role].has(action)) return false;
  return region === undefined || isInRegions(claims.user.regions, region);
}

/** The part of the country the caller's sockets see. */
export function scopeOf(claims: Claims): Scope {
  return { regions: claims.user.regions };
}
