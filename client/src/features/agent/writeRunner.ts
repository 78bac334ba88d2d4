import type { ApiError, WriteAccepted } from '@shared';
import { browserTimers, type Timers } from '../../state/batcher';
import type { WriteOutcome } from './writeApi';

/** First wait before sending again; doubles per attempt up to RETRY_MAX_MS. */
export const RETRY_BASE_MS = 1000;
export const RETRY_MAX_MS = 30_000;
/** A Retry-After longer than this is capped (the agent can always press "retry now"). */
export const RETRY_AFTER_CAP_MS = 5 * 60_000;

/**
 * Wait before attempt `attempt + 1` (attempt counts from 1). The server's Retry-After wins
 * when given; otherwise exponential back-off with up to 20 % random extra, so a room of
 * desks that lost the link together does not come back in the same millisecond.
 */
export function retryDelayMs(attempt: number, retryAfterMs: number | null, random: number): number {
  if (retryAfterMs !== null) return Math.min(Math.max(0, retryAfterMs), RETRY_AFTER_CAP_MS);
  const base = Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** Math.max(0, Math.min(attempt - 1, 20)));
  return Math.round(base * (1 + 0.2 * random));
}

/** Where one write stands. */
export type WritePhase =
  | { phase: 'sending'; attempt: number }
  /** Waiting to send again: `status` 0 = no answer, 429 = too many requests, 5xx = server trouble. */
  | { phase: 'waiting'; attempt: number; status: number; retryAt: number }
  | { phase: 'accepted'; data: WriteAccepted }
  | { phase: 'refused'; status: number; error: ApiError | null }
  | { phase: 'signed-out' }
  /** Stopped by the agent (to edit the form) or by leaving the page. */
  | { phase: 'stopped' };

export interface WriteRun {
  /** Sends now instead of waiting out the back-off (a no-op unless waiting). */
  retryNow(): void;
  /** Stops retrying; a request in flight still lands, but its answer is ignored. */
  stop(): void;
}

export interface WriteRunOptions {
  timers?: Timers;
  random?: () => number;
}

/**
 * Runs one write to completion: sends it, and on no answer / 5xx / 429 waits and sends the
 * very same request again (the caller's `send` reuses one idempotency key), until it is
 * accepted, refused, signed out or stopped. Every change of phase goes to `onPhase`.
 */
export function runWrite(
  send: () => Promise<WriteOutcome>,
  onPhase: (phase: WritePhase) => void,
  options: WriteRunOptions = {},
): WriteRun {
  const timers = options.timers ?? browserTimers;
  const random = options.random ?? Math.random;
  let attempt = 0;
  let timer: unknown = null;
  let isDone = false;
  let isSending = false;

  const attemptNow = (): void => {
    if (isDone || isSending) return;
    timer = null;
    attempt += 1;
    isSending = true;
    onPhase({ phase: 'sending', attempt });
    const sent = send().catch((): WriteOutcome => ({ kind: 'retry', status: 0, retryAfterMs: null }));
    void sent.then((outcome) => {
      isSending = false;
      if (isDone) return;
      switch (outcome.kind) {
        case 'accepted':
          isDone = true;
          onPhase({ phase: 'accepted', data: outcome.data });
          return;
        case 'refused':
          isDone = true;
          onPhase({ phase: 'refused', status: outcome.status, error: outcome.error });
          return;
        case 'signed-out':
          isDone = true;
          onPhase({ phase: 'signed-out' });
          return;
        case 'retry': {
          const delay = retryDelayMs(attempt, outcome.retryAfterMs, random());
          timer = timers.setTimeout(attemptNow, delay);
          onPhase({ phase: 'waiting', attempt, status: outcome.status, retryAt: timers.now() + delay });
          return;
        }
      }
    });
  };

  attemptNow();
  return {
    retryNow() {
      if (isDone || timer === null) return;
      timers.clearTimeout(timer);
      attemptNow();
    },
    stop() {
      if (isDone) return;
      isDone = true;
      if (timer !== null) timers.clearTimeout(timer);
      timer = null;
      onPhase({ phase: 'stopped' });
    },
  };
}
