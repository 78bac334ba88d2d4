import { AUDIT_ACTIONS, AUDIT_OUTCOMES, ROLES, type AuditAction } from '@shared';
import type { TFunction } from 'i18next';

export { AUDIT_ACTIONS, type AuditAction };

const OUTCOMES = AUDIT_OUTCOMES;
const FIELDS = ['role', 'regions', 'password', 'isDisabled', 'displayName'] as const;

/** How many entries the audit table asks for. */
export const AUDIT_LIMIT = 200;

export interface AuditFilter {
  actor: string;
  /** An action code, or '' for any. */
  action: string;
  target: string;
}

export const EMPTY_AUDIT_FILTER: AuditFilter = { actor: '', action: '', target: '' };

/** The query string for GET /api/admin/audit: trimmed, empty filters left out. */
export function auditQueryString(filter: AuditFilter, limit = AUDIT_LIMIT): string {
  const params = new URLSearchParams();
  for (const key of ['actor', 'action', 'target'] as const) {
    const value = filter[key].trim();
    if (value !== '') params.set(key, value);
  }
  params.set('limit', String(limit));
  return params.toString();
}

/** Milliseconds and sequence of a stream id ("1764219900000-3"); unreadable parts sort last. */
function streamIdParts(id: string): [number, number] {
  const [ms, seq] = id.split('-').map(Number);
  const orLast = (n: number | undefined) => (n !== undefined && Number.isFinite(n) ? n : -1);
  return [orLast(ms), orLast(seq)];
}

/** Newest first by stream id (the server already sends them so; this keeps it true). */
export function newestFirst<T extends { id: string }>(entries: readonly T[]): T[] {
  return [...entries].sort((a, b) => {
    const [aMs, aSeq] = streamIdParts(a.id);
    const [bMs, bSeq] = streamIdParts(b.id);
    return bMs - aMs || bSeq - aSeq;
  });
}

const isOneOf = <T extends string>(list: readonly T[], value: string): value is T =>
  (list as readonly string[]).includes(value);

/** The action in the UI language (unknown codes as they are). */
export function auditActionText(action: string, t: TFunction): string {
  return isOneOf(AUDIT_ACTIONS, action) ? t(`auditAction.${action}`) : action;
}

export function auditOutcomeText(outcome: string, t: TFunction): string {
  return isOneOf(OUTCOMES, outcome) ? t(`auditOutcome.${outcome}`) : outcome;
}

/** Changed field names in the UI language, comma-separated. */
export function auditChangedText(changed: readonly string[], t: TFunction): string {
  return changed.map((field) => (isOneOf(FIELDS, field) ? t(`auditField.${field}`) : field)).join(', ');
}

/** A role in the UI language (the audit also records `unknown` for failed logins). */
export function auditRoleText(role: string, t: TFunction): string {
  return isOneOf(ROLES, role) ? t(`role.${role}`) : role;
}
