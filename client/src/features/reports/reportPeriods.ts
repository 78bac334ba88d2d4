import { reportAddDays, reportDayOf, type LocalDate } from '@shared';

/**
 * The briefing's periods in calendar days of Kazakhstan (Asia/Almaty), `to` included, the
 * last finished one of each kind: a head of centre reports a finished week, month, quarter
 * or year, never one still running. Weeks run Monday to Sunday. Pure (the clock is a
 * parameter).
 */
export const REPORT_PRESETS = ['week', 'month', 'quarter', 'year'] as const;
export type ReportPreset = (typeof REPORT_PRESETS)[number];
export type ReportPeriodChoice = ReportPreset | 'custom';

export interface DayRange {
  from: LocalDate;
  to: LocalDate;
}

const pad = (n: number): string => String(n).padStart(2, '0');
const firstOfMonth = (year: number, month: number): LocalDate => {
  // month may run past 12 or below 1: normalised through Date.UTC.
  const d = new Date(Date.UTC(year, month - 1, 1));
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-01`;
};

/** The last finished period of `preset` on the Almaty day of `now`. */
export function presetRange(preset: ReportPreset, now: number): DayRange {
  const today = reportDayOf(now);
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  switch (preset) {
    case 'week': {
      // 0 = Monday … 6 = Sunday.
      const weekday = (new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7;
      const thisMonday = reportAddDays(today, -weekday);
      return { from: reportAddDays(thisMonday, -7), to: reportAddDays(thisMonday, -1) };
    }
    case 'month': {
      const thisMonth = firstOfMonth(year, month);
      return { from: firstOfMonth(year, month - 1), to: reportAddDays(thisMonth, -1) };
    }
    case 'quarter': {
      const quarterStart = month - ((month - 1) % 3);
      const thisQuarter = firstOfMonth(year, quarterStart);
      return { from: firstOfMonth(year, quarterStart - 3), to: reportAddDays(thisQuarter, -1) };
    }
    case 'year':
      return { from: `${year - 1}-01-01`, to: `${year - 1}-12-31` };
  }
}

/** Which preset a range is on the day of `now`, else custom. */
export function choiceOf(range: DayRange, now: number): ReportPeriodChoice {
  for (const preset of REPORT_PRESETS) {
    const candidate = presetRange(preset, now);
    if (candidate.from === range.from && candidate.to === range.to) return preset;
  }
  return 'custom';
}

/** The page's period when the address gives none: last month. */
export const DEFAULT_PRESET: ReportPreset = 'month';
