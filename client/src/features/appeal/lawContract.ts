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

export function confirmationOf(appeal: LawAppeal, now: number, windowMs: number): Confirmation | null {
  if (appeal.status !== 'resolved' || appeal.resolvedAt === null) return appeal.feedback?.result ?? null;
  if (appeal.feedback && appeal.feedback.at >= appeal.resolvedAt)
    return appeal.feedback.result === 'unreachable'
      ? now - appeal.resolvedAt > windowMs
        ? 'expired'
        : 'awaiting'
      : appeal.feedback.result;
  return now - appeal.resolvedAt > windowMs ? 'expired' : 'awaiting';
}

export function isLegallyOverdue(appeal: LawAppeal, now: number): boolean {
  return !['resolved', 'closed', 'rejected'].includes(appeal.status) && now > appeal.legalDueAt;
}
