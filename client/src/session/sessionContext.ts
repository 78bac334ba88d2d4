import { createContext, use, useCallback } from 'react';
import type { SessionUser } from '@shared';
import { requestJson, type ApiRequest, type RequestOptions } from '../api/requestJson';

/** Whether the session is still good, as far as a fresh `/api/auth/me` can tell. */
export type SessionCheck = 'valid' | 'invalid' | 'unknown';

/** The signed-in session, provided by SessionGate. */
export interface SessionValue {
  user: SessionUser;
  /** Ends the session on the server; resolves false when the server could not be reached. */
  logout(): Promise<boolean>;
  /** Re-reads `/api/auth/me` (after a forced disconnect, a 403); the gate follows the answer. */
  recheck(): Promise<SessionCheck>;
  /** The server no longer knows this session: show the login page. */
  lost(): void;
  /**
   * The user chose a new password; `user` is what the server now says of them. Optional so
   * pages rendered without the gate (markup tests) need not supply it; the gate always does.
   */
  passwordChanged?: (user: SessionUser) => void;
}

export const SessionContext = createContext<SessionValue | null>(null);

/**
 * The session, or null outside the gate (markup tests render pages without one; the
 * user menu then simply does not appear).
 */
export function useSession(): SessionValue | null {
  return use(SessionContext);
}

/**
 * `requestJson` that tells the session about what the server said of it: 401 means the
 * session is gone (login page), 403 that the claims may have changed (re-check: a reset to a
 * one-time password, `password_change_required`, then shows the change-password page).
 */
export function useApiRequest(): ApiRequest {
  const session = useSession();
  return useCallback(
    async <T>(path: string, options?: RequestOptions) => {
      const result = await requestJson<T>(path, options);
      if (!result.ok && result.status === 401) session?.lost();
      if (!result.ok && result.status === 403) void session?.recheck();
      return result;
    },
    [session],
  );
}
