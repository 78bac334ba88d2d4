import { addDays, isWeekend, yearOf, type LocalDate } from './almatyTime';
import { calendarYearSchema, type CalendarYear, type DayTransfer, type Holiday } from './calendarYear';
import { fixedHolidays } from './holidayRules';

/**
 * Kazakhstan's working-day calendar as a plain value: the years it knows, keyed by year.
 * It holds no functions or caches, so it serialises to JSON and back unchanged, and two
 * replicas that applied the same calendar events compute the same deadlines.
 */
export interface WorkingCalendar {
  readonly years: Readonly<Record<string, CalendarYear>>;
}

/**
 * A calendar of the given years, each validated by `calendarYearSchema` (throws its
 * `ZodError`). Two entries for one year are a mistake in the data: `RangeError`.
 */
export function createWorkingCalendar(years: readonly CalendarYear[]): WorkingCalendar {
  const byYear: Record<string, CalendarYear> = {};
  for (const year of years) {
    const parsed = calendarYearSchema.parse(year);
    if (byYear[parsed.year] !== undefined) throw new RangeError(`year ${parsed.year} given twice`);
    byYear[parsed.year] = parsed;
  }
  return { years: byYear };
}

/**
 * The calendar with `year` added, or replacing the entry of the same year (a correction:
 * a transfer ordered after the year was entered, Kurban ait confirmed). Pure: the given
 * calendar is unchanged. Throws the schema's `ZodError` on a malformed year.
 */
export function addCalendarYear(calendar: WorkingCalendar, year: CalendarYear): WorkingCalendar {
  const parsed = calendarYearSchema.parse(year);
  return { years: { ...calendar.years, [parsed.year]: parsed } };
}

/** Why a day is or is not a working day. */
export const DAY_KINDS = [
  'working',
  'weekend',
  'holiday',
  'moved_day_off',
  'transfer_day_off',
  'transfer_working',
] as const;
/** `working`, or the reason a day is off (`transfer_working`: a weekend day worked by order). */
export type DayKind = (typeof DAY_KINDS)[number];

/** One date on the calendar. */
export interface CalendarDay {
  date: LocalDate;
  isWorking: boolean;
  kind: DayKind;
  /** The holiday on this date, or the one whose weekend day moved here. */
  holiday: Holiday | null;
  /** The year is missing from the calendar or not verified: see `CalendarYear.verified`. */
  provisional: boolean;
}

interface YearIndex {
  holidays: Map<LocalDate, Holiday>;
  /** Weekdays off because a holiday fell on a weekend, with that holiday. */
  moved: Map<LocalDate, Holiday>;
  transfers: Map<LocalDate, DayTransfer['kind']>;
  provisional: boolean;
}

// Memoised per year object (or per rule-based year number): deterministic, so a cache
// changes no result, and the calendar value itself stays plain data.
const indexOfEntry = new WeakMap<CalendarYear, YearIndex>();
const indexOfRuleYear = new Map<number, YearIndex>();

/**
 * The weekend moves the law makes: each holiday on a Saturday or Sunday (religious ones
 * excepted) gives the first following weekday that is not already off, in date order, so
 * Nauryz 2026 (Sat 21, Sun 22, Mon 23) gives Tuesday 24 and Wednesday 25.
 */
function weekendMoves(holidays: readonly Holiday[]): Map<LocalDate, Holiday> {
  const byDate = new Map(holidays.map((h) => [h.date, h] as const));
  const moved = new Map<LocalDate, Holiday>();
  for (const holiday of [...holidays].sort((a, b) => a.date.localeCompare(b.date))) {
    if (!holiday.movesOffWeekend || !isWeekend(holiday.date)) continue;
    let day = addDays(holiday.date, 1);
    while (isWeekend(day) || byDate.has(day) || moved.has(day)) day = addDays(day, 1);
    moved.set(day, holiday);
  }
  return moved;
}

function buildIndex(holidays: readonly Holiday[], transfers: readonly DayTransfer[], provisional: boolean): YearIndex {
  return {
    holidays: new Map(holidays.map((h) => [h.date, h] as const)),
    moved: weekendMoves(holidays),
    transfers: new Map(transfers.map((t) => [t.date, t.kind] as const)),
    provisional,
  };
}

function yearIndex(calendar: WorkingCalendar, year: number): YearIndex {
  const entry = calendar.years[year];
  if (entry === undefined) {
    let index = indexOfRuleYear.get(year);
    if (index === undefined) {
      index = buildIndex(fixedHolidays(year), [], true);
      indexOfRuleYear.set(year, index);
    }
    return index;
  }
  let index = indexOfEntry.get(entry);
  if (index === undefined) {
    index = buildIndex(entry.holidays, entry.transfers, !(entry.verified.holidays && entry.verified.transfers));
    indexOfEntry.set(entry, index);
  }
  return index;
}

/**
 * What `date` is on the calendar. A transfer overrides everything else (an ordered working
 * Saturday is worked); then holidays, weekend moves, Saturdays and Sundays. A year the
 * calendar lacks is taken from the rules (fixed holidays and their moves, no Kurban ait,
 * no transfers) and marked provisional.
 */
export function describeDay(calendar: WorkingCalendar, date: LocalDate): CalendarDay {
  const index = yearIndex(calendar, yearOf(date));
  const day = (isWorking: boolean, kind: DayKind, holiday: Holiday | null = null): CalendarDay => ({
    date,
    isWorking,
    kind,
    holiday,
    provisional: index.provisional,
  });
  const transfer = index.transfers.get(date);
  if (transfer === 'working') return day(true, 'transfer_working');
  if (transfer === 'day_off') return day(false, 'transfer_day_off');
  const holiday = index.holidays.get(date);
  if (holiday !== undefined) return day(false, 'holiday', holiday);
  const movedFrom = index.moved.get(date);
  if (movedFrom !== undefined) return day(false, 'moved_day_off', movedFrom);
  return isWeekend(date) ? day(false, 'weekend') : day(true, 'working');
}

/** Whether `date` (`YYYY-MM-DD`, Kazakhstan) is a working day of the five-day week. */
export function isWorkingDay(calendar: WorkingCalendar, date: LocalDate): boolean {
  return describeDay(calendar, date).isWorking;
}

/** Whether any date of the years `fromYear`..`toYear` would be provisional. */
export function isProvisionalSpan(calendar: WorkingCalendar, fromYear: number, toYear: number): boolean {
  for (let year = fromYear; year <= toYear; year++) if (yearIndex(calendar, year).provisional) return true;
  return false;
}
