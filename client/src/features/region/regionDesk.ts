import { hasRole, mayDo, type SessionUser } from '@shared';

/**
 * Who gets the full region view at `/region/:code` (filters, table, CSV, grouping):
 * supervisors, whose desk work it is, and admins, who read everything. Wall screens
 * (kiosks, operators) and agents keep the read-only panel over the map.
 */
export function hasRegionDesk(user: SessionUser): boolean {
  return hasRole(user, 'supervisor', 'admin');
}

/** Who may group appeals into an incident (the shared policy's `manage` action: supervisors only). */
export function canGroupIncidents(user: SessionUser): boolean {
  return mayDo(user, 'manage');
}
