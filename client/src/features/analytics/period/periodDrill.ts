import { reportAddDays, reportDayStart, type LocalDate, type RegionCode } from '@shared';
import { regionPath } from '../../../routes';
import { kzInstant } from '../../region/regionFilters';
import type { PeriodView } from './periodSearch';

/** What a clicked figure stands for: days of the period, and what narrows it beyond the view's filters. */
export interface DrillTarget {
  from: LocalDate;
  /** Last day, included. */
  to: LocalDate;
  region?: RegionCode;
  category?: string;
}

/**
 * The region view of the appeals behind a figure: registered in the target's days (the
 * region view filters by registration), of its category and channel. The region view has
 * no service filter: a service-filtered figure opens the region's appeals of those days.
 */
export function drillHref(region: RegionCode, view: PeriodView, target: DrillTarget): string {
  const params = new URLSearchParams();
  const category = target.category ?? view.category;
  if (category) params.set('category', category);
  if (view.channel) params.set('channel', view.channel);
  params.set('from', kzInstant(reportDayStart(target.from)));
  params.set('to', kzInstant(reportDayStart(reportAddDays(target.to, 1))));
  return `${regionPath(region)}?${params.toString()}`;
}

/** The region a target opens at once (its own, the view's, or the user's only one), else null: ask. */
export function drillRegion(view: PeriodView, target: DrillTarget, choices: readonly RegionCode[]): RegionCode | null {
  if (target.region) return target.region;
  if (view.region) return view.region;
  return choices.length === 1 ? (choices[0] as RegionCode) : null;
}
