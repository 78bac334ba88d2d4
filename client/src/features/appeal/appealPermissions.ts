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
  /** Extend the legal term (`POST …/extend`: supervisors and admins). */
  canExtend: boolean;
  /** Record the citizen's callback (`POST …/feedback`: agents, supervisors, admins). */
  canRecordFeedback: boolean;
}

/**
 * Supervisors may do everything here; agents only change statuses; operators, admins and
 * kiosks read (server/src/auth/claims.ts: admins administer, they do not manage appeals).
 */
export function appealPermissions(user: SessionUser): AppealPermissions {
  const isSupervisor = !user.isKiosk && user.role === 'supervisor';
  const isAgent = !user.isKiosk && user.role === 'agent';
  const isAdmin = !user.isKiosk && user.role === 'admin';
  return {
    canAssign: isSupervisor,
    canEscalate: isSupervisor,
    canChangeStatus: isSupervisor || isAgent,
    canReveal: isSupervisor,
    // Issue 17: the server lets admins extend and record callbacks too (a back office
    // without supervisors), so the page offers what the server allows.
    canExtend: isSupervisor || isAdmin,
    canRecordFeedback: isSupervisor || isAgent || isAdmin,
  };
}

/** True when the page offers the workflow's actions panel (status, routing, priority; not the law's actions). */
export function hasAnyWrite(permissions: AppealPermissions): boolean {
  return permissions.canAssign || permissions.canEscalate || permissions.canChangeStatus;
}
