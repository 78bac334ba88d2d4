import type { AuditRecord, CreateUserBody, KioskToken, RegionScope, Role, SessionUser } from '@shared';
import { useMemo } from 'react';
import type { ApiRequest, ApiResult } from '../../api/requestJson';
import { useApiRequest } from '../../session/sessionContext';

/** A user as GET /api/admin/users lists it (never a password or its hash). */
export interface AdminUser extends SessionUser {
  isDisabled: boolean;
  /** ISO-8601. */
  createdAt: string;
  updatedAt: string;
}

export type { KioskToken };

/** One audit record, as the server's audit log defines it. */
export type AuditEntry = AuditRecord;

export interface UserChange {
  role?: Role;
  regions?: RegionScope;
  isDisabled?: boolean;
}

/** The /api/admin calls (admin role only; the server checks, the UI just hides). */
export interface AdminApi {
  listUsers(): Promise<ApiResult<{ users: AdminUser[] }>>;
  createUser(body: CreateUserBody): Promise<ApiResult<{ user: AdminUser }>>;
  updateUser(username: string, change: UserChange): Promise<ApiResult<{ user: AdminUser }>>;
  resetPassword(username: string): Promise<ApiResult<{ user: AdminUser; password: string }>>;
  listKioskTokens(): Promise<ApiResult<{ tokens: KioskToken[] }>>;
  issueKioskToken(label: string, regions: RegionScope): Promise<ApiResult<{ token: KioskToken; path: string }>>;
  revokeKioskToken(id: string): Promise<ApiResult<null>>;
  /** `query` from `auditQueryString`. */
  listAudit(query: string): Promise<ApiResult<{ entries: AuditEntry[] }>>;
}

const segment = encodeURIComponent;

export function createAdminApi(request: ApiRequest): AdminApi {
  return {
    listUsers: () => request('/api/admin/users'),
    createUser: (body) => request('/api/admin/users', { method: 'POST', body }),
    updateUser: (username, change) =>
      request(`/api/admin/users/${segment(username)}`, { method: 'PATCH', body: change }),
    resetPassword: (username) => request(`/api/admin/users/${segment(username)}/reset-password`, { method: 'POST' }),
    listKioskTokens: () => request('/api/admin/kiosk-tokens'),
    issueKioskToken: (label, regions) =>
      request('/api/admin/kiosk-tokens', { method: 'POST', body: { label, regions } }),
    revokeKioskToken: (id) => request(`/api/admin/kiosk-tokens/${segment(id)}`, { method: 'DELETE' }),
    listAudit: (query) => request(`/api/admin/audit?${query}`),
  };
}

/** The admin API bound to the session (a 401 shows the login page). */
export function useAdminApi(): AdminApi {
  const request = useApiRequest();
  return useMemo(() => createAdminApi(request), [request]);
}
