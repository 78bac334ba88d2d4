/**
 * Kazakhstan local time for the simulator. The whole country is UTC+5 since 1 March 2024,
 * with no daylight saving, so a fixed offset is exact. Every function takes the time as a
 * parameter: the model never reads the wall clock.
 */
export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

const KZ_OFFSET_MS = 5 * HOUR;

/** `ms` as ISO-8601 with the +05:00 offset and whole seconds, e.g. 2026-01-15T10:15:00+05:00. */
export function formatKzTime(ms: number): string {
  return `${new Date(ms + KZ_OFFSET_MS).toISOString().slice(0, 19)}+05:00`;
}

/** Local hour of day in Kazakhstan, fractional (10.5 = 10:30). */
export function kzHourOfDay(ms: number): number {
  const local = (((ms + KZ_OFFSET_MS) % DAY) + DAY) % DAY;
  return local / HOUR;
}

/** Local month in Kazakhstan, 1–12. */
export function kzMonth(ms: number): number {
  return new Date(ms + KZ_OFFSET_MS).getUTCMonth() + 1;
}

/**
 * Relative appeal volume by local hour (value at hh:30). Calls to 109 follow the working
 * day: almost nothing at 3–5 am, a morning peak at 9–11 when people find the problem
 * (no hot water before work), a lull at lunch and an evening peak at 18–20 after work.
 */
const HOURLY = [
  0.3, 0.2, 0.14, 0.11, 0.12, 0.2, 0.42, 0.8, 1.3, 1.7, 1.8, 1.65, 1.35, 1.3, 1.35, 1.4, 1.45, 1.6, 1.75, 1.75, 1.5,
  1.15, 0.8, 0.5,
] as const;

const HOURLY_MEAN = HOURLY.reduce((sum, v) => sum + v, 0) / HOURLY.length;

/** Daily-rhythm multiplier at `ms`; its average over a day is 1. Piecewise linear. */
export function dailyFactor(ms: number): number {
  const h = kzHourOfDay(ms) - 0.5;
  const i = Math.floor(h);
  const frac = h - i;
  const a = HOURLY[(i + 24) % 24] as number;
  const b = HOURLY[(i + 25) % 24] as number;
  return (a + (b - a) * frac) / HOURLY_MEAN;
}

/** Upper bound of `dailyFactor`, for thinning the arrival process. */
export const MAX_DAILY_FACTOR = Math.max(...HOURLY) / HOURLY_MEAN;

/** True between 23:00 and 07:00 local time, when the services run night shifts. */
export function isNight(ms: number): boolean {
  const h = kzHourOfDay(ms);
  return h >= 23 || h < 7;
}
