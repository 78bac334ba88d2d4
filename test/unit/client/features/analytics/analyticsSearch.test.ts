import { describe, expect, it } from 'vitest';
import {
  analyticsSearchOf,
  parseAnalyticsSearch,
  regionChoices,
} from '../../../../../client/src/features/analytics/analyticsSearch';

describe('analytics filter in the address bar', () => {
  it('reads region, category and window', () => {
    expect(parseAnalyticsSearch('?region=KZ-75&category=heating&window=24h', 'all')).toEqual({
      region: 'KZ-75',
      category: 'heating',
      window: '24h',
    });
  });

  it('defaults to the last hour and drops what it does not know', () => {
    expect(parseAnalyticsSearch('', 'all')).toEqual({ window: '1h' });
    expect(parseAnalyticsSearch('?region=KZ-99&category=unicorns&window=7d&x=1', 'all')).toEqual({ window: '1h' });
  });

  it('drops a region outside the user scope (a colleague’s link), keeping the rest', () => {
    expect(parseAnalyticsSearch('?region=KZ-75&window=15m', ['KZ-71', 'KZ-11'])).toEqual({ window: '15m' });
    expect(parseAnalyticsSearch('?region=KZ-71', ['KZ-71'])).toEqual({ region: 'KZ-71', window: '1h' });
  });

  it('writes a canonical link, empty for the default view', () => {
    expect(analyticsSearchOf({ window: '1h' })).toBe('');
    expect(analyticsSearchOf({ window: '24h', category: 'gas', region: 'KZ-63' })).toBe(
      '?region=KZ-63&category=gas&window=24h',
    );
    const search = '?region=KZ-63&category=gas&window=15m';
    expect(analyticsSearchOf(parseAnalyticsSearch(search, 'all'))).toBe(search);
  });

  it('offers the whole country or the user’s own regions', () => {
    expect(regionChoices('all')).toHaveLength(20);
    expect(regionChoices(['KZ-75', 'KZ-11'])).toEqual(['KZ-11', 'KZ-75']);
  });
});
