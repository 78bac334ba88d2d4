import { reportAddDays } from '@shared';

/** The first day of the month of `day` (YYYY-MM-01). */
export function monthOf(day: string): string {
  return `${day.slice(0, 7)}-01`;
}

/** The first day of the month after `month` (YYYY-MM-01). */
export function nextMonth(month: string): string {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
}

/**
 * The whole calendar months inside the days [fromDay, toDay]: [first, after) as month starts
 * (`first === after`: none). The month grains hold those; the days around them are read by day.
 */
export function wholeMonths(fromDay: string, toDay: string): { first: string; after: string } {
  const first = fromDay.endsWith('-01') ? fromDay : nextMonth(monthOf(fromDay));
  let after = first;
  while (nextMonth(after) <= reportAddDays(toDay, 1)) after = nextMonth(after);
  return { first, after };
}
