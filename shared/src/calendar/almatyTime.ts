/**
 * Local dates in Kazakhstan without the runtime's time-zone database.
 *
 * Deadlines are counted in calendar days of Asia/Almaty, and every server and browser
 * replica must agree on which day an instant belongs to. `Intl` would ask the runtime's
 * tzdata, and a browser older than 2024 still puts Almaty at UTC+6: the same event would
 * then get another day 1 on that screen. So the offsets are a fixed table here, checked
 * against `Intl` in the tests.
 *
 * Asia/Almaty (tzdata): UTC+6 with summer time (UTC+7) until 31 October 2004; UTC+6 from
 * then; UTC+5 since 1 March 2024 00:00 local (the clocks went back to 29 February 23:00).
 * Summer time ran from the last Sunday of March to the last Sunday of October, both at
 * 02:00 standard time. The table is exact from 1996 (before that summer time ended in
 * September); historic imports go back to 2000.
 */

/** A calendar date in Kazakhstan, `YYYY-MM-DD`. */
export type LocalDate = string;

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/** The instant the clocks went from UTC+6 to UTC+5: 2024-03-01 00:00 +06. */
const UTC5_SINCE_MS = Date.UTC(2024, 1, 29, 18);
/** The end of the last summer time: 2004-10-31 02:00 standard time (+06). */
const NO_SUMMER_TIME_SINCE_MS = Date.UTC(2004, 9, 30, 20);

const LOCAL_DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 of a date's midnight in UTC: the calendar arithmetic's unit. */
export function dayNumber(date: LocalDate): number {
  const match = LOCAL_DATE_RE.exec(date);
  if (!match) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) / DAY_MS;
}

/** The date `dayNumber` came from. */
export function fromDayNumber(day: number): LocalDate {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Whether `value` is a real calendar date written `YYYY-MM-DD` (no 30 February). */
export function isLocalDate(value: string): boolean {
  return LOCAL_DATE_RE.test(value) && fromDayNumber(dayNumber(value)) === value;
}

/** The date `days` days after `date` (negative: before). */
export function addDays(date: LocalDate, days: number): LocalDate {
  return fromDayNumber(dayNumber(date) + days);
}

/** Day of the week, 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekdayOf(date: LocalDate): number {
  return (((dayNumber(date) + 4) % 7) + 7) % 7;
}

/** Saturday or Sunday: the days off of the five-day week the appeals law counts with. */
export function isWeekend(date: LocalDate): boolean {
  const weekday = weekdayOf(date);
  return weekday === 0 || weekday === 6;
}

/** The calendar year of a date. */
export function yearOf(date: LocalDate): number {
  return Number(date.slice(0, 4));
}

/**
 * The date `months` calendar months after `date`; a day the target month lacks becomes
 * its last day (31 December + 2 months = 28 or 29 February), as periods in months end.
 */
export function addMonths(date: LocalDate, months: number): LocalDate {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const firstOfTarget = Date.UTC(year, month - 1 + months, 1);
  const lastDayOfTarget = new Date(Date.UTC(year, month + months, 0)).getUTCDate();
  return fromDayNumber(firstOfTarget / DAY_MS + Math.min(day, lastDayOfTarget) - 1);
}

function lastSundayMs(year: number, monthIndex: number): number {
  const lastDay = Date.UTC(year, monthIndex + 1, 0);
  const weekday = new Date(lastDay).getUTCDay();
  return lastDay - weekday * DAY_MS;
}

/** Minutes Almaty's clocks were ahead of UTC at `ms`. */
export function almatyOffsetMinutes(ms: number): number {
  if (ms >= UTC5_SINCE_MS) return 300;
  if (ms >= NO_SUMMER_TIME_SINCE_MS) return 360;
  const year = new Date(ms).getUTCFullYear();
  // 02:00 at +06 is 20:00 UTC of the Saturday before each last Sunday.
  const summerStart = lastSundayMs(year, 2) - 4 * 60 * MINUTE_MS;
  const summerEnd = lastSundayMs(year, 9) - 4 * 60 * MINUTE_MS;
  return ms >= summerStart && ms < summerEnd ? 420 : 360;
}

function toMs(instant: string | number | Date): number {
  const ms = instant instanceof Date ? instant.getTime() : typeof instant === 'number' ? instant : Date.parse(instant);
  if (!Number.isFinite(ms)) throw new RangeError(`not an instant: ${String(instant)}`);
  return ms;
}

/** The date in Kazakhstan (Asia/Almaty) at an instant (ISO string, epoch ms or Date). */
export function almatyDateOf(instant: string | number | Date): LocalDate {
  const ms = toMs(instant);
  return new Date(ms + almatyOffsetMinutes(ms) * MINUTE_MS).toISOString().slice(0, 10);
}

/** Epoch ms of 00:00 local on `date`: the earliest instant whose Almaty date is `date`. */
export function startOfAlmatyDay(date: LocalDate): number {
  const utcMidnight = dayNumber(date) * DAY_MS;
  // Midnight lies 5 to 7 hours before UTC midnight; try the offsets in force around it and
  // keep the earliest one that is consistent (on 29 February 2024 only +05 is).
  let start = Number.POSITIVE_INFINITY;
  for (const probe of [7, 6, 5]) {
    const offset = almatyOffsetMinutes(utcMidnight - probe * 60 * MINUTE_MS);
    const candidate = utcMidnight - offset * MINUTE_MS;
    if (almatyOffsetMinutes(candidate) === offset && candidate < start) start = candidate;
  }
  return start;
}

/** ISO instant of 23:59:59.999 local on `date`: the last moment a deadline on that date allows. */
export function endOfAlmatyDay(date: LocalDate): string {
  return new Date(startOfAlmatyDay(addDays(date, 1)) - 1).toISOString();
}

/** `instant` as epoch ms; throws `RangeError` on an unparsable value. */
export function instantMs(instant: string | number | Date): number {
  return toMs(instant);
}
