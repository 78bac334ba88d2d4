import type { AlertKind } from '@shared';

/**
 * Heights of one alert on the wall (rem, gap included), as wallDistance.css draws them: a
 * burst has a third line, its "possible mass incident" tag.
 */
export const ALERT_HEIGHT_REM: Record<AlertKind, number> = { burst: 6.5, overdue: 5.2, backlog: 5.2 };
/** The "N more" line. */
export const MORE_LINE_REM = 2;

/**
 * How many of the alerts (most urgent first) fit in `heightRem`: all when they do, else as
 * many as fit with room left for the "N more" line. Always at least the most urgent one.
 * Pure.
 */
export function alertsThatFit(kinds: readonly AlertKind[], heightRem: number): { shown: number; more: number } {
  let used = 0;
  let fits = 0;
  for (const kind of kinds) {
    if (used + ALERT_HEIGHT_REM[kind] > heightRem) break;
    used += ALERT_HEIGHT_REM[kind];
    fits += 1;
  }
  if (fits === kinds.length) return { shown: fits, more: 0 };
  let shown = fits;
  while (shown > 1 && used + MORE_LINE_REM > heightRem) {
    shown -= 1;
    used -= ALERT_HEIGHT_REM[kinds[shown] as AlertKind];
  }
  shown = Math.max(1, shown);
  return { shown, more: kinds.length - shown };
}
