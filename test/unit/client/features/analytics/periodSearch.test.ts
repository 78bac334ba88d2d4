import { seriesBuckets, defaultSeriesGrain } from '@shared';
import { describe, expect, it } from 'vitest';
import { drillHref, drillRegion } from '../../../../../client/src/features/analytics/period/periodDrill';
import {
  parsePeriodSearch,
  periodRange,
  periodSearchOf,
} from '../../../../../client/src/features/analytics/period/periodSearch';

describe('the long periods of /analytics', () => {
  it('end today and roll back by days or calendar months (month ends and leap days kept)', () => {
    expect(periodRange('7d', '2026-12-07')).toEqual(['2026-12-01', '2026-12-07']);
    expect(periodRange('30d', '2026-03-01')).toEqual(['2026-01-31', '2026-03-01']);
    expect(periodRange('quarter', '2026-05-31')).toEqual(['2026-03-01', '2026-05-31']);
    expect(periodRange('year', '2024-02-29')).toEqual(['2023-03-01', '2024-02-29']);
  });

  it('reads a link leniently and writes it back canonically', () => {
    expect(parsePeriodSearch('', 'all', '2026-12-07')).toBeNull();
    expect(parsePeriodSearch('?period=24h&region=KZ-71', 'all', '2026-12-07')).toBeNull();
    const view = parsePeriodSearch(
      '?period=quarter&region=KZ-75&channel=fax&category=heating',
      ['KZ-71'],
      '2026-12-07',
    );
    expect(view).toEqual({
      period: 'quarter',
      from: '2026-09-08',
      to: '2026-12-07',
      grain: 'week',
      isGrainChosen: false,
      category: 'heating',
    });
    const custom = parsePeriodSearch('?period=custom&from=2026-01-01&to=2026-01-31&grain=week', 'all', '2026-12-07');
    expect(custom).toMatchObject({ from: '2026-01-01', to: '2026-01-31', grain: 'week', isGrainChosen: true });
    expect(periodSearchOf(custom as NonNullable<typeof custom>)).toBe(
      '?period=custom&from=2026-01-01&to=2026-01-31&grain=week',
    );
    // Unreadable or reversed days: the last 30 days rather than a broken page.
    expect(parsePeriodSearch('?period=custom&from=2026-02-30&to=2026-01-01', 'all', '2026-12-07')).toMatchObject({
      from: '2026-11-08',
      to: '2026-12-07',
    });
  });

  it('picks the grain by length and cuts weeks (from Monday) and months at the period edges', () => {
    expect(defaultSeriesGrain('2026-11-08', '2026-12-07')).toBe('day');
    expect(defaultSeriesGrain('2026-09-08', '2026-12-07')).toBe('week');
    expect(defaultSeriesGrain('2025-12-08', '2026-12-07')).toBe('month');
    expect(seriesBuckets('2026-12-02', '2026-12-15', 'week')).toEqual([
      ['2026-12-02', '2026-12-06'],
      ['2026-12-07', '2026-12-13'],
      ['2026-12-14', '2026-12-15'],
    ]);
    expect(seriesBuckets('2024-01-31', '2024-03-01', 'month')).toEqual([
      ['2024-01-31', '2024-01-31'],
      ['2024-02-01', '2024-02-29'],
      ['2024-03-01', '2024-03-01'],
    ]);
  });

  it("drills to the region view with the bucket's days in Kazakhstan time and the view's filters", () => {
    const parsed = parsePeriodSearch(
      '?period=30d&category=heating&channel=call&service=Astana Su',
      'all',
      '2026-12-07',
    );
    expect(parsed).not.toBeNull();
    const view = parsed as NonNullable<typeof parsed>;
    const href = drillHref('KZ-71', view, { from: '2026-12-01', to: '2026-12-07' });
    const url = new URL(href, 'http://x');
    expect(url.pathname).toBe('/region/KZ-71');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      category: 'heating',
      channel: 'call',
      from: '2026-12-01T00:00:00+05:00',
      to: '2026-12-08T00:00:00+05:00',
    });
    expect(drillRegion(view, { from: '2026-12-01', to: '2026-12-01' }, ['KZ-71', 'KZ-75'])).toBeNull();
    expect(drillRegion(view, { from: '2026-12-01', to: '2026-12-01' }, ['KZ-75'])).toBe('KZ-75');
    expect(drillRegion(view, { from: '2026-12-01', to: '2026-12-01', region: 'KZ-10' }, ['KZ-75'])).toBe('KZ-10');
  });
});
