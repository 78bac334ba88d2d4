// TEMPORARY: the shared side of issue 17 (helper law) is not merged yet. These mirror its
// announced contract so the client builds; delete this file once `@shared` exports them.
import type { Appeal } from '@shared';

export const OUTCOMES = ['satisfied', 'partly', 'refused', 'explained'] as const;
export type Outcome = (typeof OUTCOMES)[number];
export const FEEDBACK_RESULTS = ['confirmed', 'not_confirmed', 'unreachable'] as const;
export type FeedbackResult = (typeof FEEDBACK_RESULTS)[number];
export type Confirmation = 'awaiting' | 'confirmed' | 'not_confirmed' | 'unreachable' | 'expired';

export interface LawFields {
  legalDueAt: number;
  isLegalProvisional: boolean;
  redirectDueAt: number;
  extension: { months: 1 | 2; reason: string; at: number } | null;
  outcome: Outcome | 'unknown' | null;
  feedback: { result: FeedbackResult; rating?: number; comment?: string; at: number } | null;
}

export type LawAppeal = Appeal & LawFields;

export const DEFAULT_CONFIRMATION_WINDOW_DAYS = 14;

function finishedAt(appeal: LawAppeal): number | null {
  return appeal.resolvedAt ?? appeal.closedAt;
}

export function confirmationOf(appeal: LawAppeal, now: number, windowMs: number): Confirmation | null {
  if (appeal.status !== 'resolved' && appeal.status !== 'closed') return null;
  const since = finishedAt(appeal);
  if (since === null) return null;
  const result = appeal.feedback !== null && appeal.feedback.at >= since ? appeal.feedback.result : null;
  if (result === 'confirmed' || result === 'not_confirmed') return result;
  if (now - since > windowMs) return 'expired';
  return result ?? 'awaiting';
}

export function isAwaitingConfirmation(appeal: LawAppeal, now: number, windowMs: number): boolean {
  const state = confirmationOf(appeal, now, windowMs);
  return state === 'awaiting' || state === 'unreachable';
}

export function confirmationSince(appeal: LawAppeal): number | null {
  return appeal.status === 'resolved' || appeal.status === 'closed' ? finishedAt(appeal) : null;
}

export interface LawCounts {
  legalOverdue: number;
  awaitingConfirmation: number;
  finished: number;
  solvedPositively: number;
  ratingSum: number;
  ratingCount: number;
}
