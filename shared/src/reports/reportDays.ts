import { addDays, addMonths, almatyDateOf, dayNumber, startOfAlmatyDay, type LocalDate } from '../calendar/almatyTime';

/** Almaty calendar days for the reports (the calendar keeps its short helper names internal). */
export const reportDayStart = (day: LocalDate): number => startOfAlmatyDay(day);
export const reportDayOf = (ms: number): LocalDate => almatyDateOf(ms);
export const reportAddDays = (day: LocalDate, days: number): LocalDate => addDays(day, days);
/** The same day a year earlier (29 February → 28 February). */
export const reportYearBefore = (day: LocalDate): LocalDate => addMonths(day, -12);
/** Days from `from` to `to`, both included. */
export const reportDayCount = (from: LocalDate, to: LocalDate): number => dayNumber(to) - dayNumber(from) + 1;
