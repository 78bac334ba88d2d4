import { KZ_UTC_OFFSET_MS } from '@shared';

/**
 * `27.11 22:10`: day, month and time in Kazakhstan (UTC+5) for the table's older rows, where
 * the full date and seconds would not fit a column. Digits only, so the same in ru, kk and en
 * (day before month, as written in Kazakhstan); the cell's title carries the full instant.
 */
export function compactKzDateTime(ms: number): string {
  const iso = new Date(ms + KZ_UTC_OFFSET_MS).toISOString();
  return `${iso.slice(8, 10)}.${iso.slice(5, 7)} ${iso.slice(11, 16)}`;
}
