import type { RegionScope } from './roles';

/** Everything the audit trail records (`<prefix>:audit`), one code per kind of act. */
export const AUDIT_ACTIONS = [
  'login.success',
  'login.failure',
  'logout',
  'pii.reveal',
  'user.create',
  'user.update',
  'user.disable',
  'user.enable',
  'user.password_reset',
  'user.password_change',
  'kiosk.issue',
  'kiosk.revoke',
  'kiosk.open',
  'appeal.register',
  'appeal.assign',
  'appeal.status',
  'appeal.escalate',
  'appeal.extend',
  'appeal.feedback',
  'calendar.add_year',
  'incident.open',
  'incident.update',
  'incident.resolve',
  'incident.link',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const AUDIT_OUTCOMES = ['ok', 'denied', 'error'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

/** One audit record as GET /api/admin/audit returns it. */
export interface AuditRecord {
  /** Stream id, "<ms>-<seq>". */
  id: string;
  /** UTC, ISO-8601. */
  at: string;
  /** Username (or `kiosk:<label>`, or the attempted name on a failed login). */
  actor: string;
  role: string;
  action: AuditAction;
  /** What it was done to: `appeal:<id>`, `incident:<id>`, `user:<name>`, `kiosk:<id>`. */
  target: string;
  /** Names of the fields changed (never their personal values). */
  changed: string[];
  requestId: string;
  outcome: AuditOutcome;
}

/** A wall-screen kiosk token as listed (the secret is shown once at issue, never stored). */
export interface KioskToken {
  id: string;
  label: string;
  regions: RegionScope;
  createdBy: string;
  /** ISO-8601. */
  createdAt: string;
}
