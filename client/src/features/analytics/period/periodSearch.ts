import {
  almatyDateOf,
  CATEGORY_CODES,
  CHANNELS,
  defaultSeriesGrain,
  isLocalDate,
  REPORT_SERIES_GRAINS,
  reportAddDays,
  reportDayCount,
  reportYearBefore,
  type CategoryCode,
  type Channel,
  type LocalDate,
  type RegionCode,
  type RegionScope,
  type ReportSeriesGrain,
} from '@shared';
import { regionChoices } from '../analyticsSearch';

/**
 * The long periods of /analytics (issue 19), kept in the address bar beside the live view's
 * keys so a view is a link: `?period=quarter&region=KZ-75&grain=week`. Pure.
 *
 * Periods are rolling and end today (Almaty): "7 days" is today and the six days before,
 * "quarter" the last three calendar months to today, "year" the last twelve. A situation
 * room asks "how have we been doing lately", and a rolling period always includes today;
 * a calendar month or quarter is one custom range away (and is what /reports prints).
 */
export const PERIOD_NAMES = ['24h', '7d', '30d', 'quarter', 'year', 'custom'] as const;
export type PeriodName = (typeof PERIOD_NAMES)[number];

export interface PeriodView {
  period: Exclude<PeriodName, '24h'>;
  from: LocalDate;
  to: LocalDate;
  /** The grain shown: the one asked for, else the period's default (`defaultSeriesGrain`). */
  grain: ReportSeriesGrain;
  /** Whether `grain` was chosen rather than derived (kept in the link only then). */
  isGrainChosen: boolean;
  region?: RegionCode;
  category?: CategoryCode;
  channel?: Channel;
  /** The service's БИН or name, as typed. */
  service?: string;
}

/** Longest custom range the page asks for: the summary's own limit (shared MAX_REPORT_DAYS is 800). */
const MAX_CUSTOM_DAYS = 800;

/** [from, to] of a named period ending `today`. */
export function periodRange(period: Exclude<PeriodName, '24h' | 'custom'>, today: LocalDate): [LocalDate, LocalDate] {
  if (period === '7d') return [reportAddDays(today, -6), today];
  if (period === '30d') return [reportAddDays(today, -29), today];
  const monthsBack = period === 'quarter' ? 3 : 12;
  // addMonths by way of the year-before helper's calendar: a quarter back, then the next day.
  const back = monthsBack === 12 ? reportYearBefore(today) : threeMonthsBefore(today);
  return [reportAddDays(back, 1), today];
}

function threeMonthsBefore(day: LocalDate): LocalDate {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const first = new Date(Date.UTC(y, m - 1 - 3, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  return new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), Math.min(d, last))).toISOString().slice(0, 10);
}

/** Today in Kazakhstan. */
export function almatyToday(now: number): LocalDate {
  return almatyDateOf(now);
}

/**
 * The long-period view of a query string, or null for the live 24 h. Lenient like the
 * live view's parser: unknown values and regions outside the scope are dropped; a custom
 * range without readable days falls back to the last 30 days.
 */
export function parsePeriodSearch(search: string, scope: RegionScope, today: LocalDate): PeriodView | null {
  const params = new URLSearchParams(search);
  const period = params.get('period') ?? '';
  if (!(PERIOD_NAMES as readonly string[]).includes(period) || period === '24h') return null;
  let from: LocalDate;
  let to: LocalDate;
  const rawFrom = params.get('from') ?? '';
  const rawTo = params.get('to') ?? '';
  if (period === 'custom') {
    const isReadable = isLocalDate(rawFrom) && isLocalDate(rawTo) && rawFrom <= rawTo;
    [from, to] = isReadable ? [rawFrom, rawTo] : periodRange('30d', today);
    if (reportDayCount(from, to) > MAX_CUSTOM_DAYS) from = reportAddDays(to, -(MAX_CUSTOM_DAYS - 1));
  } else {
    [from, to] = periodRange(period as Exclude<PeriodName, '24h' | 'custom'>, today);
  }
  const rawGrain = params.get('grain') ?? '';
  const isGrainChosen = (REPORT_SERIES_GRAINS as readonly string[]).includes(rawGrain);
  const view: PeriodView = {
    period: period as PeriodView['period'],
    from,
    to,
    grain: isGrainChosen ? (rawGrain as ReportSeriesGrain) : defaultSeriesGrain(from, to),
    isGrainChosen,
  };
  const region = params.get('region') ?? '';
  if ((regionChoices(scope) as readonly string[]).includes(region)) view.region = region as RegionCode;
  const category = params.get('category') ?? '';
  if ((CATEGORY_CODES as readonly string[]).includes(category)) view.category = category as CategoryCode;
  const channel = params.get('channel') ?? '';
  if ((CHANNELS as readonly string[]).includes(channel)) view.channel = channel as Channel;
  const service = (params.get('service') ?? '').trim().slice(0, 200);
  if (service !== '') view.service = service;
  return view;
}

/** The canonical query of a view (equal views, equal links; named periods carry no days). */
export function periodSearchOf(view: Omit<PeriodView, 'grain'> & { grain?: ReportSeriesGrain }): string {
  const params = new URLSearchParams({ period: view.period });
  if (view.period === 'custom') {
    params.set('from', view.from);
    params.set('to', view.to);
  }
  if (view.isGrainChosen && view.grain) params.set('grain', view.grain);
  if (view.region) params.set('region', view.region);
  if (view.category) params.set('category', view.category);
  if (view.channel) params.set('channel', view.channel);
  if (view.service) params.set('service', view.service);
  return `?${params.toString()}`;
}

/** The API query of a view's figures (summary and series take the same filters). */
export function periodApiQuery(view: PeriodView): string {
  const params = new URLSearchParams({ from: view.from, to: view.to });
  if (view.region) params.set('region', view.region);
  if (view.category) params.set('category', view.category);
  if (view.channel) params.set('channel', view.channel);
  if (view.service) params.set('service', view.service);
  return params.toString();
}
