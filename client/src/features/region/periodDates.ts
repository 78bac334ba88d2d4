import { almatyDateOf, isLocalDate, type LocalDate } from '@shared';
// Not re-exported by @shared's index (short names); the same helpers the server parses `from`/`to` with.
import { addDays, startOfAlmatyDay } from '../../../../shared/src/calendar/almatyTime';

/**
 * The region page's period search in calendar days of Kazakhstan (Asia/Almaty), typed as
 * `дд.мм.гггг`: native date inputs follow the browser's locale rather than the page's, and
 * show mm/dd/yyyy to a Russian- or Kazakh-speaking user of an English browser. A text field
 * with the one order used in Kazakhstan is unambiguous. Pure.
 */

const TYPED = /^\s*(\d{1,2})[./-](\d{1,2})[./-](\d{4})\s*$/;

/** `27.11.2026` (also `27/11/2026`, `7.1.2026`) as `2026-11-27`; null when not a real date. */
export function parseTypedDate(text: string): LocalDate | null {
  const match = TYPED.exec(text);
  if (!match) return null;
  const [, day, month, year] = match as unknown as [string, string, string, string];
  const date = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  return isLocalDate(date) ? date : null;
}

/** `2026-11-27` as typed: `27.11.2026`. */
export function typedDateOf(date: LocalDate): string {
  return `${date.slice(8, 10)}.${date.slice(5, 7)}.${date.slice(0, 4)}`;
}

/** The `from` instant of a day: its first moment in Kazakhstan. */
export function periodStart(date: LocalDate): number {
  return startOfAlmatyDay(date);
}

/** The `to` instant (exclusive) of a last day, which is included: the first moment of the next day. */
export function periodEnd(date: LocalDate): number {
  return startOfAlmatyDay(addDays(date, 1));
}

/** The day a `from` instant falls on, as typed; '' for none. */
export function typedStartOf(from: number | null): string {
  return from === null ? '' : typedDateOf(almatyDateOf(from));
}

/** The last day a `to` instant (exclusive) includes, as typed; '' for none. */
export function typedEndOf(to: number | null): string {
  return to === null ? '' : typedDateOf(almatyDateOf(to - 1));
}
