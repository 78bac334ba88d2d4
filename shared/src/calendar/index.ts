// The calendar's public surface; the date helpers of almatyTime.ts stay internal so their
// short names (addDays, yearOf) do not crowd the shared namespace.
export { almatyDateOf, endOfAlmatyDay, isLocalDate, type LocalDate } from './almatyTime';
export { almatyOffsetMinutes } from './almatyTime';
export { BUILT_IN_CALENDAR_YEARS } from './calendarData';
export {
  calendarYearSchema,
  dayTransferSchema,
  holidaySchema,
  type CalendarYear,
  type DayTransfer,
  type Holiday,
} from './calendarYear';
export {
  LEGAL_TERM_WORKING_DAYS,
  MAX_EXTENSION_MONTHS,
  REDIRECT_TERM_WORKING_DAYS,
  addWorkingDays,
  extendedDeadline,
  legalDeadline,
  redirectDeadline,
  workingDaysBetween,
  type Deadline,
  type WorkingDayCount,
} from './deadlines';
export { KURBAN_AIT_NAMES, defineCalendarYear, fixedHolidays, type CalendarYearInput } from './holidayRules';
export {
  DAY_KINDS,
  addCalendarYear,
  createWorkingCalendar,
  describeDay,
  isWorkingDay,
  type CalendarDay,
  type DayKind,
  type WorkingCalendar,
} from './workingCalendar';
