import { mayDo, type SessionUser } from '@shared';

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
 * Read from the shared role × region policy (shared/src/auth/policy.ts), which the server
 * enforces: supervisors may do everything here; agents only change statuses; operators,
 * admins and kiosks read (admins administer, they do not manage appeals).
 */
export function appealPermissions(user: SessionUser): AppealPermissions {
  const canManage = mayDo(user, 'manage');
  return {
    canAssign: canManage,
    canEscalate: canManage,
    canChangeStatus: mayDo(user, 'register'),
    canReveal: mayDo(user, 'reveal'),
    canExtend: mayDo(user, 'extend'),
    canRecordFeedback: mayDo(user, 'callback'),
  };
}

/** True when the page offers the workflow's actions panel (status, routing, priority; not the law's actions). */
export function hasAnyWrite(permissions: AppealPermissions): boolean {
  return permissions.canAssign || permissions.canEscalate || permissions.canChangeStatus;
}
