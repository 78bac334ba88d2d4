import type { RegionCode } from './regions';

/**
 * Who may do what (design.md "Security"):
 * - operator: read, personal data masked (wall screens, kiosk tokens);
 * - supervisor: read and manage appeals in their regions, may reveal personal data (audited);
 * - agent: register and update appeals in their regions;
 * - admin: users and kiosk tokens, audit; reads everything.
 */
export const ROLES = ['operator', 'supervisor', 'agent', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** A user's region scope: every region, or a list of codes. */
export type RegionScope = 'all' | RegionCode[];

/** What the client learns about the signed-in user (never the password hash). */
export interface SessionUser {
  username: string;
  role: Role;
  regions: RegionScope;
  /** Display name, optional. */
  displayName?: string;
  /** True for a wall-screen kiosk token rather than a person. */
  isKiosk: boolean;
  /** The user signed in with a one-time password and must choose their own before anything else. */
  mustChangePassword?: boolean;
}
