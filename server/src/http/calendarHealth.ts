import { isOpenStatus, type ProjectionState } from '@shared';

/** The calendar part of `/api/health` (national view): which years legal deadlines rest on. */
export interface CalendarHealth {
  /** Years the calendar holds, oldest first: built in, or added by `calendar.year_added`. */
  years: { year: number; verified: { holidays: boolean; transfers: boolean }; added: boolean }[];
  /** Of those, the years whose holidays or transfers are not verified. */
  provisionalYears: number[];
  /** Open appeals whose legal deadline is provisional (a year unknown or not verified). */
  openWithProvisionalDeadline: number;
}

/**
 * Counted over the open appeals on each call (a pass over 100k appeals is about a
 * millisecond; the health panel polls every few seconds at most).
 */
export function calendarHealth(state: ProjectionState): CalendarHealth {
  const added = new Set(state.addedYears);
  const years = Object.values(state.calendar.years)
    .map((y) => ({ year: y.year, verified: { ...y.verified }, added: added.has(y.year) }))
    .sort((a, b) => a.year - b.year);
  let openWithProvisionalDeadline = 0;
  for (const appeal of state.appeals.values()) {
    if (appeal.isLegalProvisional && isOpenStatus(appeal.status)) openWithProvisionalDeadline += 1;
  }
  return {
    years,
    provisionalYears: years.filter((y) => !y.verified.holidays || !y.verified.transfers).map((y) => y.year),
    openWithProvisionalDeadline,
  };
}
