import { isInRegions, mayDo, type Action, type RegionCode, type Scope, type SessionUser } from '@shared';

export type { Action };
export { isInRegions };

/** What the server knows about the caller, from its session; never from the request body. */
export interface Claims {
  user: SessionUser;
  /** Socket room for forced disconnects: `user:<name>` or `kiosk:<id>`. */
  subjectRoom: string;
  /** Socket room of this one session (ended at logout). */
  sessionRoom: string;
}

/**
 * The shared role × region policy (shared/src/auth/policy.ts) applied to the caller's
 * session: the role allows the action, and (for region-bound resources) the region is in
 * the caller's scope. Kiosk sessions are operators whatever else they claim.
 */
export function isAllowed(claims: Claims, action: Action, region?: RegionCode): boolean {
  return mayDo(claims.user, action, region);
}

/** The part of the country the caller's sockets see. */
export function scopeOf(claims: Claims): Scope {
  return { regions: claims.user.regions };
}
