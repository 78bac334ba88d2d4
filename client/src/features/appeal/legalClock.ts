import {
  almatyDateOf,
  isOpenStatus,
  workingDaysBetween,
  type LocalDate,
  type WorkingCalendar,
  type Appeal,
} from '@shared';
import type { Language } from '../../i18n/languages';

/**
 * Where the legal deadline (АППК art. 76, docs/legal-deadlines.md) stands, in working days
 * of Kazakhstan's calendar:
 * - running: open, `daysLeft` working days after today up to the deadline day (0: today is the last day);
 * - overdue: open past the deadline, by `daysOver` working days (0: it passed on a day off);
 * - met / missed: answered (resolved, closed or rejected) on or before the deadline, or
 *   `daysLate` working days after it.
 * `provisional`: a year in the span is not verified on the calendar, the date may move.
 */
export type LegalClock =
  | { state: 'running'; dueAt: number; dueDate: LocalDate; daysLeft: number; provisional: boolean }
  | { state: 'overdue'; dueAt: number; dueDate: LocalDate; daysOver: number; provisional: boolean }
  | { state: 'met'; dueAt: number; dueDate: LocalDate; provisional: boolean }
  | { state: 'missed'; dueAt: number; dueDate: LocalDate; daysLate: number; provisional: boolean };

type LegalFields = Pick<Appeal, 'status' | 'resolvedAt' | 'closedAt' | 'legalDueAt' | 'isLegalProvisional'>;

/** When the appeal was answered: its resolution, else its closing (a rejection); null while open. */
function answeredAt(appeal: LegalFields): number | null {
  if (isOpenStatus(appeal.status)) return null;
  return appeal.resolvedAt ?? appeal.closedAt;
}

/** The legal clock of an appeal at `now`. Pure. */
export function legalClock(appeal: LegalFields, now: number, calendar: WorkingCalendar): LegalClock {
  const dueAt = appeal.legalDueAt;
  const base = { dueAt, dueDate: almatyDateOf(dueAt), provisional: appeal.isLegalProvisional };
  const answered = answeredAt(appeal);
  if (answered !== null) {
    if (answered <= dueAt) return { state: 'met', ...base };
    return { state: 'missed', ...base, daysLate: workingDaysBetween(calendar, dueAt, answered).days };
  }
  if (now <= dueAt) return { state: 'running', ...base, daysLeft: workingDaysBetween(calendar, now, dueAt).days };
  return { state: 'overdue', ...base, daysOver: workingDaysBetween(calendar, dueAt, now).days };
}

/** The redirect term (3 working days) while it still matters: open, not redirected yet, not past. Else null. */
export function redirectClock(
  appeal: Pick<Appeal, 'status' | 'redirectDueAt'>,
  now: number,
  calendar: WorkingCalendar,
): { dueAt: number; dueDate: LocalDate; daysLeft: number } | null {
  if (!isOpenStatus(appeal.status) || appeal.status === 'redirected' || now > appeal.redirectDueAt) return null;
  return {
    dueAt: appeal.redirectDueAt,
    dueDate: almatyDateOf(appeal.redirectDueAt),
    daysLeft: workingDaysBetween(calendar, now, appeal.redirectDueAt).days,
  };
}

/** The i18n key and values of a legal clock's one-line state ("3 working days left", "overdue by 2 working days"). */
export function legalClockText(clock: LegalClock): { key: LegalClockKey; days: number } {
  switch (clock.state) {
    case 'running':
      return clock.daysLeft === 0 ? { key: 'lastDay', days: 0 } : { key: 'daysLeft', days: clock.daysLeft };
    case 'overdue':
      return clock.daysOver === 0 ? { key: 'passed', days: 0 } : { key: 'overdueBy', days: clock.daysOver };
    case 'met':
      return { key: 'met', days: 0 };
    case 'missed':
      return clock.daysLate === 0 ? { key: 'missedDayOff', days: 0 } : { key: 'missed', days: clock.daysLate };
  }
}

export type LegalClockKey = 'daysLeft' | 'lastDay' | 'overdueBy' | 'passed' | 'met' | 'missed' | 'missedDayOff';

const RU_MONTHS = [
  'января',
  'февраля',
  'марта',
  'апреля',
  'мая',
  'июня',
  'июля',
  'августа',
  'сентября',
  'октября',
  'ноября',
  'декабря',
];
const KK_MONTHS = [
  'қаңтар',
  'ақпан',
  'наурыз',
  'сәуір',
  'мамыр',
  'маусым',
  'шілде',
  'тамыз',
  'қыркүйек',
  'қазан',
  'қараша',
  'желтоқсан',
];
const EN_MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/**
 * A Kazakhstan date in words of the UI language: "15 декабря 2026", "2026 жылғы 15
 * желтоқсан", "15 December 2026". The month tables are our own: Chromium builds with reduced
 * ICU data have no Kazakh month names (format.ts says the same of units). Pure.
 */
export function formatLocalDate(date: LocalDate, language: Language): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  switch (language) {
    case 'ru':
      return `${day} ${RU_MONTHS[month - 1]} ${year}`;
    case 'kk':
      return `${year} жылғы ${day} ${KK_MONTHS[month - 1]}`;
    case 'en':
      return `${day} ${EN_MONTHS[month - 1]} ${year}`;
  }
}
