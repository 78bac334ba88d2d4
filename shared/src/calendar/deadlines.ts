import { addDays, addMonths, almatyDateOf, endOfAlmatyDay, instantMs, yearOf, type LocalDate } from './almatyTime';
import { describeDay, isProvisionalSpan, type WorkingCalendar } from './workingCalendar';

/**
 * Deadline arithmetic of the appeals law (АППК РК art. 76), in Kazakhstan's local dates.
 * The counting rule, with its sources and worked cases: docs/legal-deadlines.md. In short:
 * - the day of receipt is the Almaty date of the registration instant, whatever the hour;
 * - the period starts the next day: day 1 is the first working day after the day of
 *   receipt (a registration on a weekend or holiday therefore counts from the next working
 *   day, like one made on the last working day before it);
 * - a period ends at the end of its last day, 23:59:59.999 local: `at`;
 * - a period in months ends on the same day number of the last month (its last day if it
 *   has none) and, if that is not a working day, on the next working day.
 */

/** Working days to consider an appeal (АППК art. 76). */
export const LEGAL_TERM_WORKING_DAYS = 15;
/** Working days to pass an appeal outside the body's remit to the right one (АППК art. 76). */
export const REDIRECT_TERM_WORKING_DAYS = 3;
/** The longest extension of the term, in months (АППК art. 76). */
export const MAX_EXTENSION_MONTHS = 2;

/** An instant (ISO 8601 with offset or `Z`, epoch ms, or Date). */
export type Instant = string | number | Date;

/** A computed deadline. */
export interface Deadline {
  /** The end of the last day, 23:59:59.999 in Kazakhstan, as an ISO instant in UTC. */
  at: string;
  /** The last day itself, `YYYY-MM-DD` in Kazakhstan. */
  date: LocalDate;
  /**
   * A year between the start and the deadline is missing from the calendar (computed from
   * the rules alone) or not verified: the date may still move when the data is confirmed.
   */
  provisional: boolean;
}

function deadlineOn(calendar: WorkingCalendar, from: LocalDate, last: LocalDate): Deadline {
  return { at: endOfAlmatyDay(last), date: last, provisional: isProvisionalSpan(calendar, yearOf(from), yearOf(last)) };
}

function nextWorkingDay(calendar: WorkingCalendar, date: LocalDate): LocalDate {
  let day = addDays(date, 1);
  while (!describeDay(calendar, day).isWorking) day = addDays(day, 1);
  return day;
}

/**
 * The `n`th working day after the day of `instant` (day 1 is the first working day after
 * it), ending at its 23:59:59.999 local. `n` is a whole number of at least 1.
 */
export function addWorkingDays(calendar: WorkingCalendar, instant: Instant, n: number): Deadline {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`working days must be a whole number ≥ 1, got ${n}`);
  const start = almatyDateOf(instant);
  let day = start;
  for (let counted = 0; counted < n; counted++) day = nextWorkingDay(calendar, day);
  return deadlineOn(calendar, start, day);
}

/** The legal deadline of an appeal registered at `registeredAt`: 15 working days. */
export function legalDeadline(calendar: WorkingCalendar, registeredAt: Instant): Deadline {
  return addWorkingDays(calendar, registeredAt, LEGAL_TERM_WORKING_DAYS);
}

/** The deadline to redirect an appeal outside the body's remit: 3 working days. */
export function redirectDeadline(calendar: WorkingCalendar, registeredAt: Instant): Deadline {
  return addWorkingDays(calendar, registeredAt, REDIRECT_TERM_WORKING_DAYS);
}

/**
 * An extended deadline: `months` (1 or 2) calendar months after the day of `from`, moved
 * to the next working day if it is not one. `from` is the current deadline when the
 * extension is counted on top of the term, or the registration when the body reads the
 * law's "не более чем до двух месяцев" as a total; the caller decides (the doc says why).
 */
export function extendedDeadline(calendar: WorkingCalendar, from: Instant, months: number): Deadline {
  if (!Number.isInteger(months) || months < 1 || months > MAX_EXTENSION_MONTHS) {
    throw new RangeError(`an extension is 1 to ${MAX_EXTENSION_MONTHS} whole months, got ${months}`);
  }
  const start = almatyDateOf(from);
  const target = addMonths(start, months);
  const last = describeDay(calendar, target).isWorking ? target : nextWorkingDay(calendar, target);
  return deadlineOn(calendar, start, last);
}

/** A count of working days. */
export interface WorkingDayCount {
  /** Working days after the day of `from` up to and including the day of `to`; negative if `to` is earlier. */
  days: number;
  provisional: boolean;
}

/**
 * How many working days lie after the day of `from` up to and including the day of `to`,
 * counted like `addWorkingDays`: `workingDaysBetween(c, t, addWorkingDays(c, t, n).at)`
 * is `n`. Days used so far, or left, on a legal term.
 */
export function workingDaysBetween(calendar: WorkingCalendar, from: Instant, to: Instant): WorkingDayCount {
  const sign = instantMs(to) < instantMs(from) ? -1 : 1;
  const [early, late] = sign === 1 ? [almatyDateOf(from), almatyDateOf(to)] : [almatyDateOf(to), almatyDateOf(from)];
  let days = 0;
  for (let day = addDays(early, 1); day <= late; day = addDays(day, 1)) {
    if (describeDay(calendar, day).isWorking) days++;
  }
  return { days: sign * days, provisional: isProvisionalSpan(calendar, yearOf(early), yearOf(late)) };
}
