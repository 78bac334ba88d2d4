import { usernameSchema } from '@shared';
import type { TFunction } from 'i18next';
import type { ApiResult } from '../../api/requestJson';
import type { Formatters } from '../../i18n/format';

export type LoginField = 'username' | 'password';

/** Why a sign-in did not work, in the UI's terms (the server's English text is never shown). */
export type LoginError =
  /** 400: the server rejected a field (the form's own checks normally catch this first). */
  | { kind: 'invalid'; field: LoginField | null }
  /** 401: deliberately does not say which of the two was wrong. */
  | { kind: 'wrong-credentials' }
  /** 429: `retryAfterMs` from the Retry-After header, null when absent or unreadable. */
  | { kind: 'rate-limited'; retryAfterMs: number | null }
  /** No answer, 5xx, or anything unexpected. */
  | { kind: 'unavailable' };

/** Field-level problems found before sending anything. */
export type LoginFieldErrors = Partial<Record<LoginField, 'required' | 'format'>>;

/**
 * Retry-After (RFC 9110 §10.2.3): delay-seconds or an HTTP-date; milliseconds from `now`,
 * or null when missing or unreadable.
 */
export function parseRetryAfter(header: string | null, now: number): number | null {
  const value = header?.trim();
  if (!value) return null;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  // An HTTP-date always names the day and month ("Fri, 27 Nov 2026 10:02:00 GMT"); without
  // letters Date.parse would read "-5" as the year 5 BC.
  if (!/[a-z]/i.test(value)) return null;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/** Which field a 400's `error` names ("username: …", "password: missing"). */
function fieldOf(error: string | null): LoginField | null {
  const name = error?.split(':')[0]?.trim();
  return name === 'username' || name === 'password' ? name : null;
}

/** The UI's reading of a failed POST /api/auth/login, at client time `now`. */
export function loginErrorOf(result: Extract<ApiResult<unknown>, { ok: false }>, now: number): LoginError {
  switch (result.status) {
    case 400:
      return { kind: 'invalid', field: fieldOf(result.error) };
    case 401:
      return { kind: 'wrong-credentials' };
    case 429:
      return { kind: 'rate-limited', retryAfterMs: parseRetryAfter(result.retryAfter, now) };
    default:
      return { kind: 'unavailable' };
  }
}

/** The message for a sign-in error, in the current UI language. */
export function loginErrorText(error: LoginError, t: TFunction, formatters: Formatters): string {
  switch (error.kind) {
    case 'invalid':
      return error.field === 'username' ? t('login.usernameFormat') : t('login.invalid');
    case 'wrong-credentials':
      return t('login.wrongCredentials');
    case 'rate-limited':
      return error.retryAfterMs === null
        ? t('login.rateLimitedLater')
        : t('login.rateLimited', { when: formatters.inFuture(error.retryAfterMs) });
    case 'unavailable':
      return t('login.unavailable');
  }
}

/** Checks the form before sending: empty fields, and a username the server would refuse. */
export function validateLogin(username: string, password: string): LoginFieldErrors {
  const errors: LoginFieldErrors = {};
  if (username.trim() === '') errors.username = 'required';
  else if (!usernameSchema.safeParse(username).success) errors.username = 'format';
  if (password === '') errors.password = 'required';
  return errors;
}

/** The message for a field-level problem. */
export function fieldErrorText(field: LoginField, problem: 'required' | 'format', t: TFunction): string {
  if (field === 'password') return t('login.passwordRequired');
  return problem === 'required' ? t('login.usernameRequired') : t('login.usernameFormat');
}
