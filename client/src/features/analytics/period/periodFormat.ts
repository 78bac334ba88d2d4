import type { LocalDate, ReportSeriesGrain } from '@shared';
import type { TFunction } from 'i18next';
import { typedDateOf } from '../../region/periodDates';

/**
 * Labels of days and buckets in the page's language, never the browser's locale: numeric
 * days (`12.02.2026`, the order used in Kazakhstan, as the region view's date fields) and
 * month names from the page's own strings (Kazakh month names are missing from some
 * browsers' Intl data).
 */
export function dayLabel(day: LocalDate): string {
  return typedDateOf(day);
}

export function rangeLabel(from: LocalDate, to: LocalDate): string {
  return from === to ? typedDateOf(from) : `${typedDateOf(from)} – ${typedDateOf(to)}`;
}

export function monthLabel(day: LocalDate, t: TFunction): string {
  const month = String(Number(day.slice(5, 7)));
  return `${t(`analyticsPeriod.months.${month}` as 'analyticsPeriod.months.1')} ${day.slice(0, 4)}`;
}

/** A bucket's tick: `12.02` for days and weeks (the week's first day), `фев 2026` for months. */
export function bucketTick(start: LocalDate, grain: ReportSeriesGrain, t: TFunction): string {
  return grain === 'month' ? monthLabel(start, t) : `${start.slice(8, 10)}.${start.slice(5, 7)}`;
}

/** A bucket in full (tooltips, drill titles). */
export function bucketLabel(start: LocalDate, end: LocalDate, grain: ReportSeriesGrain, t: TFunction): string {
  return grain === 'month' && start.slice(8) === '01' && end.slice(0, 7) === start.slice(0, 7)
    ? monthLabel(start, t)
    : rangeLabel(start, end);
}

/** A share (0–1) or a dash. */
export function shareOf(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}
