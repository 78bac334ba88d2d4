import type { FeedbackResult } from '../domain/enums';
import type { Appeal } from './state';

/** Days a resolved appeal waits for the citizen's confirmation (`CONFIRMATION_WINDOW_DAYS`). */
export const DEFAULT_CONFIRMATION_WINDOW_DAYS = 14;
export const DAY_MS = 86_400_000;
export const DEFAULT_CONFIRMATION_WINDOW_MS = DEFAULT_CONFIRMATION_WINDOW_DAYS * DAY_MS;

/** Where a finished appeal stands with the citizen (issue 17, "Outcomes and confirmation"). */
export const CONFIRMATION_STATES = ['awaiting', 'confirmed', 'not_confirmed', 'unreachable', 'expired'] as const;
export type ConfirmationState = (typeof CONFIRMATION_STATES)[number];

/** When it was finished: its resolution, or its closure when it was closed without one. */
function finishedAt(appeal: Appeal): number | null {
  return appeal.resolvedAt ?? appeal.closedAt;
}

/** The latest callback made after the current resolution (an older one concerned an earlier one). */
function currentFeedback(appeal: Appeal, since: number): FeedbackResult | null {
  return appeal.feedback !== null && appeal.feedback.at >= since ? appeal.feedback.result : null;
}

/**
 * The confirmation state of an appeal at `now`: null unless it is resolved or closed (open,
 * rejected); else the result of the latest callback since it was finished; else `expired`
 * once `windowMs` has passed since then, `awaiting` before. An `unreachable` citizen stays
 * in the queue (`isAwaitingConfirmation`) until the window ends: the agent may call again.
 */
export function confirmationOf(appeal: Appeal, now: number, windowMs: number): ConfirmationState | null {
  if (appeal.status !== 'resolved' && appeal.status !== 'closed') return null;
  const since = finishedAt(appeal);
  if (since === null) return null;
  const result = currentFeedback(appeal, since);
  if (result === 'confirmed' || result === 'not_confirmed') return result;
  if (now - since > windowMs) return 'expired';
  return result ?? 'awaiting';
}

/**
 * In the quality-control queue: resolved or closed, no confirmation yet (never called, or the
 * citizen was unreachable), and the window still open. The live projection keeps such an
 * appeal (the lead wires this into `evictFinished`'s `keep`).
 */
export function isAwaitingConfirmation(appeal: Appeal, now: number, windowMs: number): boolean {
  const state = confirmationOf(appeal, now, windowMs);
  return state === 'awaiting' || state === 'unreachable';
}

/**
 * A finished appeal the live view still needs in memory once archived: one awaiting the
 * citizen's callback (or unreachable), and any resolved one not yet closed while its window
 * runs — its closing, a late callback or a reopen still follow. A confirmed appeal used to be
 * evicted before the agent's closing event, which the projection then ignored as an unknown
 * appeal (~280 at every fresh demo start; the live closure counts missed them). The server's
 * eviction passes the projection's clock as `now` (the newest `at` applied, never ahead of the
 * wall clock): a replayed backlog is judged as of its own time, not today's.
 */
export function isStillLive(appeal: Appeal, now: number, windowMs: number): boolean {
  if (isAwaitingConfirmation(appeal, now, windowMs)) return true;
  return appeal.status === 'resolved' && appeal.resolvedAt !== null && now - appeal.resolvedAt < windowMs;
}

/** When the confirmation clock of a finished appeal started (for the queue's order); null otherwise. */
export function confirmationSince(appeal: Appeal): number | null {
  return appeal.status === 'resolved' || appeal.status === 'closed' ? finishedAt(appeal) : null;
}

/**
 * "Solved positively", the one definition the live KPIs and the reports share: a finished
 * appeal (resolved or closed; a rejected one is finished but never positive) that the
 * citizen confirmed, or that was not reopened within the confirmation window (its window
 * ended without a "not confirmed": `expired`, or a last `unreachable` callback past it). The
 * share is `solvedPositively / finished` (`isFinishedAppeal`). A `not_confirmed` callback
 * reopens the appeal, so it is not finished any more until resolved again.
 */
export function isSolvedPositively(appeal: Appeal, now: number, windowMs: number): boolean {
  const state = confirmationOf(appeal, now, windowMs);
  return state === 'confirmed' || state === 'expired';
}

/** Finished, for the "solved positively" share: resolved, closed or rejected. */
export function isFinishedAppeal(appeal: Appeal): boolean {
  return appeal.status === 'resolved' || appeal.status === 'closed' || appeal.status === 'rejected';
}
