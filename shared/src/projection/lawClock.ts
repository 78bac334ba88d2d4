import { almatyOffsetMinutes } from '../calendar/almatyTime';
import { extendedDeadline, legalDeadline, redirectDeadline } from '../calendar/deadlines';
import type { WorkingCalendar } from '../calendar/workingCalendar';
import type { ExtensionMonths } from '../domain/enums';

/** The law's clock of one appeal, as the projection stores it (epoch ms). */
export interface LegalClock {
  legalDueAt: number;
  redirectDueAt: number;
  isLegalProvisional: boolean;
}

const DAY_MS = 86_400_000;
/** A bound on each calendar's memo: days of receipt (about 270 years); cleared when reached. */
const MAX_MEMO_DAYS = 100_000;

/**
 * Per calendar value, the clock of each day of receipt. Deterministic, so the memo changes no
 * result; it makes registration cost a map lookup (the projection ingests tens of thousands
 * of registrations a second, most on the same few days). A calendar event makes a new
 * calendar value, whose memo starts empty.
 */
const memoOf = new WeakMap<WorkingCalendar, Map<number, LegalClock>>();

/** The Almaty day of `ms`, as a day number: Almaty's offsets are whole hours, so this is exact. */
function almatyDayNumber(ms: number): number {
  return Math.floor((ms + almatyOffsetMinutes(ms) * 60_000) / DAY_MS);
}

/**
 * The legal deadline (15 working days), the redirect deadline (3) and whether either is
 * provisional, for an appeal registered at `registeredAt` (epoch ms). Same result as
 * `legalDeadline` / `redirectDeadline` of the calendar module.
 */
export function legalClockOf(calendar: WorkingCalendar, registeredAt: number): LegalClock {
  let memo = memoOf.get(calendar);
  if (memo === undefined) memoOf.set(calendar, (memo = new Map()));
  const day = almatyDayNumber(registeredAt);
  let clock = memo.get(day);
  if (clock === undefined) {
    const legal = legalDeadline(calendar, registeredAt);
    const redirect = redirectDeadline(calendar, registeredAt);
    clock = Object.freeze({
      legalDueAt: Date.parse(legal.at),
      redirectDueAt: Date.parse(redirect.at),
      isLegalProvisional: legal.provisional,
    });
    if (memo.size >= MAX_MEMO_DAYS) memo.clear();
    memo.set(day, clock);
  }
  return clock;
}

/**
 * The extended legal deadline: `months` counted from the day of receipt (the law's "не более
 * чем до двух месяцев" read as the total term; docs/legal-deadlines.md, "The extension").
 */
export function extendedDueOf(
  calendar: WorkingCalendar,
  registeredAt: number,
  months: ExtensionMonths,
): { legalDueAt: number; isLegalProvisional: boolean } {
  const deadline = extendedDeadline(calendar, registeredAt, months);
  return { legalDueAt: Date.parse(deadline.at), isLegalProvisional: deadline.provisional };
}

/** The law's fields of a newly registered appeal (nothing extended, finished or called back yet). */
export function initialLawFields(
  calendar: WorkingCalendar,
  registeredAt: number,
): LegalClock & { extension: null; outcome: null; feedback: null } {
  const clock = legalClockOf(calendar, registeredAt);
  return {
    legalDueAt: clock.legalDueAt,
    isLegalProvisional: clock.isLegalProvisional,
    redirectDueAt: clock.redirectDueAt,
    extension: null,
    outcome: null,
    feedback: null,
  };
}
