import { compareStreamIds, isStreamId, type ApiError } from '@shared';
import type { WritePhase } from '../agent/writeRunner';

/**
 * Where an action stands for the person who took it: sending, waiting to send again,
 * sent (the server accepted it: 202), confirmed (the live replica has reached the write's
 * cursor, so what is on screen includes it), or refused / stopped / signed out.
 */
export type WriteProgress =
  | { state: 'idle' }
  | { state: 'sending' }
  | { state: 'waiting'; status: number; retryAt: number }
  | { state: 'sent'; cursor: string; appealId: string | null; incidentId: string | null }
  | { state: 'confirmed'; cursor: string; appealId: string | null; incidentId: string | null }
  | { state: 'refused'; status: number; error: ApiError | null }
  | { state: 'stopped' };

/** True once the live cursor is at or past the write's (unreadable cursors never confirm). */
export function hasReached(liveCursor: string, writeCursor: string): boolean {
  if (!isStreamId(liveCursor) || !isStreamId(writeCursor)) return false;
  return compareStreamIds(liveCursor, writeCursor) >= 0;
}

/** The progress of a write (useWrite's phase) against the live replica's cursor. Pure. */
export function writeProgressOf(phase: WritePhase | null, liveCursor: string): WriteProgress {
  if (phase === null) return { state: 'idle' };
  switch (phase.phase) {
    case 'sending':
      return { state: 'sending' };
    case 'waiting':
      return { state: 'waiting', status: phase.status, retryAt: phase.retryAt };
    case 'accepted': {
      const { cursor, appealId, incidentId } = phase.data;
      const ids = { cursor, appealId: appealId ?? null, incidentId: incidentId ?? null };
      return hasReached(liveCursor, cursor) ? { state: 'confirmed', ...ids } : { state: 'sent', ...ids };
    }
    case 'refused':
      return { state: 'refused', status: phase.status, error: phase.error };
    case 'signed-out':
    case 'stopped':
      return { state: 'stopped' };
  }
}

/** Server codes (docs/api.md) the UI has its own words for, under `appeal.error`. */
export const KNOWN_ERROR_CODES = [
  'outcome_required',
  'not_later',
  'invalid_transition',
  'not_higher',
  'no_change',
  'not_found',
  'rate_limited',
  'catching_up',
  'other_region',
  'unknown_appeal',
  'region_out_of_scope',
  'outside_regions',
  'invalid',
] as const;
export type KnownErrorCode = (typeof KNOWN_ERROR_CODES)[number];

/** True for a server code the UI has its own words for. */
export function isKnownErrorCode(code: string): code is KnownErrorCode {
  return (KNOWN_ERROR_CODES as readonly string[]).includes(code);
}

/**
 * The `appeal.error` key for a refusal: the server's code when it is a known one, else by
 * status (403 not allowed, 404 not found, 409 conflict); `refused` (with the status) for the rest.
 */
export type ErrorKey = `appeal.error.${KnownErrorCode | 'forbidden' | 'conflict' | 'refused'}`;

export function errorKeyOf(status: number, error: Pick<ApiError, 'code'> | null): ErrorKey {
  const code = error?.code;
  if (code !== undefined && isKnownErrorCode(code)) return `appeal.error.${code}`;
  if (status === 403) return 'appeal.error.forbidden';
  if (status === 404) return 'appeal.error.not_found';
  if (status === 409) return 'appeal.error.conflict';
  if (status === 429) return 'appeal.error.rate_limited';
  if (status === 503) return 'appeal.error.catching_up';
  return 'appeal.error.refused';
}

/** The `appeal.write` key for a wait before sending again: no answer, too many requests, or server trouble. */
export function waitingKeyOf(
  status: number,
): 'appeal.write.offline' | 'appeal.write.rateLimited' | 'appeal.write.catchingUp' | 'appeal.write.serverError' {
  if (status === 0) return 'appeal.write.offline';
  if (status === 429) return 'appeal.write.rateLimited';
  if (status === 503) return 'appeal.write.catchingUp';
  return 'appeal.write.serverError';
}
