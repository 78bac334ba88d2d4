import { NO_VALUE, type Formatters } from '../../i18n/format';
import type { Change, FigureKind } from './reportHeadlines';

/** A figure in the UI language: a count, a share as a percentage, a duration in words; "—" for none. */
export function figureText(kind: FigureKind, value: number | null, formatters: Formatters): string {
  if (value === null) return NO_VALUE;
  switch (kind) {
    case 'count':
      return formatters.count(value);
    case 'share':
      return formatters.percent(value);
    case 'duration':
      return formatters.duration(value);
  }
}

/** The number of a change, signed: "+12 %" for counts, "+3" (points) for shares; null when none. */
export function changeNumber(kind: FigureKind, change: Change, formatters: Formatters): string | null {
  if (change.delta === null) return null;
  const sign = change.direction === 'same' ? '±' : change.delta > 0 ? '+' : '−';
  const size = Math.abs(change.delta);
  return kind === 'share' ? `${sign}${formatters.decimal(size * 100)}` : `${sign}${formatters.percent(size)}`;
}

/** An arrow that reads without colour (print in black and white). */
export const ARROWS = { up: '▲', down: '▼', same: '=' } as const;

/** `2026-11-27` as the page writes a day: `27.11.2026` (never the browser's locale order). */
export function dayText(day: string): string {
  return `${day.slice(8, 10)}.${day.slice(5, 7)}.${day.slice(0, 4)}`;
}
