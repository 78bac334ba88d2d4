import {
  CATEGORY_CODES,
  REGIONS,
  WINDOW_NAMES,
  type AnalyticsFilter,
  type CategoryCode,
  type RegionCode,
  type RegionScope,
  type WindowName,
} from '@shared';

/** The window the page opens with (the server's default too). */
export const DEFAULT_WINDOW: WindowName = '1h';

/** The regions a user may filter by: the whole country, or their own, in the contract's order. */
export function regionChoices(scope: RegionScope): RegionCode[] {
  const all = REGIONS.map((r) => r.code);
  if (scope === 'all') return all;
  const own = new Set<string>(scope);
  return all.filter((code) => own.has(code));
}

/**
 * The filter of an address-bar query (`?region=KZ-75&category=heating&window=24h`). Lenient
 * like the region view's: an unknown value, or a region outside the user's scope (a link
 * from a colleague with other regions), is dropped rather than refused by the server.
 */
export function parseAnalyticsSearch(search: string, scope: RegionScope): AnalyticsFilter {
  const params = new URLSearchParams(search);
  const region = params.get('region') ?? '';
  const category = params.get('category') ?? '';
  const window = params.get('window') ?? '';
  const filter: AnalyticsFilter = {
    window: (WINDOW_NAMES as readonly string[]).includes(window) ? (window as WindowName) : DEFAULT_WINDOW,
  };
  if ((regionChoices(scope) as readonly string[]).includes(region)) filter.region = region as RegionCode;
  if ((CATEGORY_CODES as readonly string[]).includes(category)) filter.category = category as CategoryCode;
  return filter;
}

/** The canonical query of a filter ('' for the default view), so equal views are equal links. */
export function analyticsSearchOf(filter: AnalyticsFilter): string {
  const pairs: string[] = [];
  if (filter.region) pairs.push(`region=${filter.region}`);
  if (filter.category) pairs.push(`category=${filter.category}`);
  if (filter.window !== DEFAULT_WINDOW) pairs.push(`window=${filter.window}`);
  return pairs.length === 0 ? '' : `?${pairs.join('&')}`;
}
