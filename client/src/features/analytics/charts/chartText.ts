import type { Trend } from '@shared';
import type { Formatters } from '../../../i18n/format';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/** Short unit words of the UI language (from the messages, never from Intl: kk has none there). */
export interface UnitWords {
  second: string;
  minute: string;
  hour: string;
}

/** "14:05": hours and minutes in Kazakhstan time (the formatters' zone; digits only in every language). */
export function hourMinute(epochMs: number, formatters: Pick<Formatters, 'time'>): string {
  const text = formatters.time(epochMs);
  return /\d{1,2}:\d{2}/.exec(text)?.[0] ?? text;
}

interface Amount {
  value: string;
  unit: string;
}

/** A bucket edge in its largest whole unit: 30 s, 50 min, 1.7 h; hours from ten on are whole. */
function amountOf(ms: number, units: UnitWords, formatters: Pick<Formatters, 'decimal'>): Amount {
  if (ms < MINUTE) return { value: formatters.decimal(Math.round(ms / SECOND)), unit: units.second };
  if (ms < HOUR) return { value: formatters.decimal(Math.round(ms / MINUTE)), unit: units.minute };
  const hours = ms / HOUR;
  const rounded = hours < 10 ? Math.round(hours * 10) / 10 : Math.round(hours);
  return { value: formatters.decimal(rounded), unit: units.hour };
}

/**
 * The label of a distribution bucket: "<30 с" (from zero), "1–2 мин" (one unit),
 * "50 мин – 1,7 ч" (two units), "≥ 33 ч" (the open last bucket).
 */
export function durationRangeLabel(
  fromMs: number,
  toMs: number | null,
  units: UnitWords,
  formatters: Pick<Formatters, 'decimal'>,
): string {
  const from = amountOf(fromMs, units, formatters);
  if (toMs === null) return `≥ ${from.value} ${from.unit}`;
  const to = amountOf(toMs, units, formatters);
  if (fromMs <= 0) return `<${to.value} ${to.unit}`;
  if (from.unit === to.unit) return `${from.value}–${to.value} ${to.unit}`;
  return `${from.value} ${from.unit} – ${to.value} ${to.unit}`;
}

/** Which way a headline figure moved since the same hour yesterday. */
export type TrendDirection = 'up' | 'down' | 'flat' | 'none';

/**
 * Compared as the whole percentages shown, so an arrow never points between two equal
 * numbers; 'none' when either hour has no data.
 */
export function trendOf(trend: Pick<Trend, 'value' | 'previous'>): TrendDirection {
  if (trend.value === null || trend.previous === null) return 'none';
  const now = Math.round(trend.value * 100);
  const before = Math.round(trend.previous * 100);
  return now > before ? 'up' : now < before ? 'down' : 'flat';
}

/** The arrow of a direction (drawn beside the figure; its meaning is also given in words). */
export const TREND_ARROWS: Record<TrendDirection, string> = { up: '▲', down: '▼', flat: '▬', none: '' };
