import { isOpenStatus, type Appeal } from '@shared';

/**
 * Where one SLA target stands (design.md "Metrics": response = first assignment, resolution
 * = first `resolved` since the last reopen; overdue is computed, not a status):
 * - running: not reached yet, `remainingMs` left;
 * - overdue: not reached and the target has passed, by `overdueByMs`;
 * - met / missed: reached after `tookMs`, within the target or `lateByMs` past it;
 * - stopped: the appeal was finished (closed, rejected) without reaching it;
 * - firstCall: the response target only: resolved without ever being routed to a service
 *   (a first-call resolution, `tookMs` after registration), so no response was needed —
 *   neither met nor missed (issue 18: it used to read as a missed target).
 */
export type SlaClock =
  | { state: 'running'; targetMs: number; remainingMs: number }
  | { state: 'overdue'; targetMs: number; overdueByMs: number }
  | { state: 'met'; targetMs: number; tookMs: number }
  | { state: 'missed'; targetMs: number; tookMs: number; lateByMs: number }
  | { state: 'stopped'; targetMs: number }
  | { state: 'firstCall'; targetMs: number; tookMs: number };

type SlaFields = Pick<Appeal, 'status' | 'registeredAt' | 'respondedAt' | 'resolvedAt' | 'responseDueAt' | 'dueAt'>;

function clockOf(
  reachedAt: number | null,
  registeredAt: number,
  dueAt: number,
  isOpen: boolean,
  now: number,
): SlaClock {
  const targetMs = Math.max(0, dueAt - registeredAt);
  if (reachedAt !== null) {
    const tookMs = Math.max(0, reachedAt - registeredAt);
    return reachedAt <= dueAt
      ? { state: 'met', targetMs, tookMs }
      : { state: 'missed', targetMs, tookMs, lateByMs: reachedAt - dueAt };
  }
  if (!isOpen) return { state: 'stopped', targetMs };
  return now <= dueAt
    ? { state: 'running', targetMs, remainingMs: dueAt - now }
    : { state: 'overdue', targetMs, overdueByMs: now - dueAt };
}

/** The response target (first routing to a service) at `now`. Pure. */
export function responseClock(appeal: SlaFields, now: number): SlaClock {
  if (appeal.respondedAt === null && appeal.resolvedAt !== null) {
    return {
      state: 'firstCall',
      targetMs: Math.max(0, appeal.responseDueAt - appeal.registeredAt),
      tookMs: Math.max(0, appeal.resolvedAt - appeal.registeredAt),
    };
  }
  return clockOf(appeal.respondedAt, appeal.registeredAt, appeal.responseDueAt, isOpenStatus(appeal.status), now);
}

/** The resolution target at `now` (overdue past it while open). Pure. */
export function resolutionClock(appeal: SlaFields, now: number): SlaClock {
  return clockOf(appeal.resolvedAt, appeal.registeredAt, appeal.dueAt, isOpenStatus(appeal.status), now);
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** A duration split for a countdown, whole seconds (rounded down: never shows more time than is left). */
export function countdownParts(ms: number): { days: number; hours: number; minutes: number; seconds: number } {
  const total = Math.max(0, Math.floor((Number.isFinite(ms) ? ms : 0) / SECOND)) * SECOND;
  return {
    days: Math.floor(total / DAY),
    hours: Math.floor((total % DAY) / HOUR),
    minutes: Math.floor((total % HOUR) / MINUTE),
    seconds: Math.floor((total % MINUTE) / SECOND),
  };
}

const two = (n: number): string => String(n).padStart(2, '0');

/**
 * A ticking countdown: `1:05:09` under a day (digits only, the same in every language),
 * else whole days plus `hh:mm`, the day word from the caller (`dayWord(3)` → "3 д").
 */
export function formatCountdown(ms: number, dayWord: (days: number) => string): string {
  const { days, hours, minutes, seconds } = countdownParts(ms);
  if (days > 0) return `${dayWord(days)} ${two(hours)}:${two(minutes)}`;
  return `${hours}:${two(minutes)}:${two(seconds)}`;
}
