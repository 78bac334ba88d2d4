import { regionScopeSchema, roleSchema, type ChangePasswordBody, type LoginBody, type SessionUser } from '@shared';
import { z } from 'zod';
import { requestJson, type ApiResult, type Fetcher } from '../api/requestJson';

/** The `user` of `/api/auth/me` and of a login, checked before the UI trusts it. */
const sessionUserSchema = z.object({
  username: z.string().min(1),
  role: roleSchema,
  regions: regionScopeSchema,
  displayName: z.string().optional(),
  isKiosk: z.boolean(),
  mustChangePassword: z.boolean().optional(),
});

const userPayloadSchema = z.object({ user: sessionUserSchema });

/** What `/api/auth/me` said: a user, no session (401), or nothing usable. */
export type MeResult = { kind: 'signed-in'; user: SessionUser } | { kind: 'signed-out' } | { kind: 'unreachable' };

/** Reads the user of a 200 answer; null when it is not the shape we expect. */
function userOf(data: unknown): SessionUser | null {
  const parsed = userPayloadSchema.safeParse(data);
  if (!parsed.success) return null;
  const { displayName, mustChangePassword, ...user } = parsed.data.user;
  return {
    ...user,
    ...(displayName === undefined ? {} : { displayName }),
    ...(mustChangePassword ? { mustChangePassword: true } : {}),
  };
}

/** GET /api/auth/me. */
export async function fetchMe(fetcher?: Fetcher): Promise<MeResult> {
  const result = await requestJson<unknown>('/api/auth/me', {}, fetcher);
  if (result.ok) {
    const user = userOf(result.data);
    return user ? { kind: 'signed-in', user } : { kind: 'unreachable' };
  }
  return result.status === 401 ? { kind: 'signed-out' } : { kind: 'unreachable' };
}

/**
 * POST /api/auth/login. The password goes into the request body and nowhere else: the
 * caller keeps it in component state only while the form is on screen.
 */
export async function postLogin(body: LoginBody, fetcher?: Fetcher): Promise<ApiResult<SessionUser>> {
  const result = await requestJson<unknown>('/api/auth/login', { method: 'POST', body }, fetcher);
  if (!result.ok) return result;
  const user = userOf(result.data);
  return user
    ? { ok: true, status: result.status, data: user }
    : { ok: false, status: 0, error: 'unexpected answer', retryAfter: null };
}

/** POST /api/auth/logout. True when the session is gone (204, or it was already gone: 401). */
export async function postLogout(fetcher?: Fetcher): Promise<boolean> {
  const result = await requestJson<unknown>('/api/auth/logout', { method: 'POST' }, fetcher);
  return result.ok || result.status === 401;
}

/**
 * POST /api/auth/password. Resolves to the user as they are now (no longer bound to change a
 * one-time password); the session keeps its cookie, the user's other sessions end.
 */
export async function postChangePassword(body: ChangePasswordBody, fetcher?: Fetcher): Promise<ApiResult<SessionUser>> {
  const result = await requestJson<unknown>('/api/auth/password', { method: 'POST', body }, fetcher);
  if (!result.ok) return result;
  const user = userOf(result.data);
  return user
    ? { ok: true, status: result.status, data: user }
    : { ok: false, status: 0, error: 'unexpected answer', retryAfter: null };
}
