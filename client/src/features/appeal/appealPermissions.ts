import type { SessionUser } from '@shared';

/** What the appeal page offers the signed-in user (the server checks the same on every write). */
export interface AppealPermissions {
  /** Route to a service (`manage`). */
  canAssign: boolean;
  /** Raise the priority (`manage`). */
  canEscalate: boolean;
  /** Change the status (`register`: agents and supervisors). */
  canChangeStatus: boolean;
  /** Reveal the citizen's contact (`reveal`, audited). */
  canReveal: boolean;
}

/**
 * Supervisors may do everything here; agents only change statuses; operators, admins and
 * kiosks read (server/src/auth/claims.ts: admins administer, they do not manage appeals).
 */
export function appealPermissions(user: SessionUser): AppealPermissions {
  const isSupervisor = !user.isKiosk && user.role === 'supervisor';
  const isAgent = !user.isKiosk && user.role === 'agent';
  return {
    canAssign: isSupervisor,
    canEscalate: isSupervisor,
    canChangeStatus: isSupervisor || isAgent,
    canReveal: isSupervisor,
  };
}

/** True when the page offers any change to the appeal (revealing the contact is not one). */
export function hasAnyWrite(permissions: AppealPermissions): boolean {
  return permissions.canAssign || permissions.canEscalate || permissions.canChangeStatus;
}
