import { REGION_CODES, type ReportServiceRow } from '@shared';
import { describe, expect, it } from 'vitest';
import { pageOf } from '../../../../../client/src/access';
import { intakeBuckets } from '../../../../../client/src/features/reports/intakeBuckets';
import { onTimeStep } from '../../../../../client/src/features/reports/onTimeScale';
import { changeOf, metricOf } from '../../../../../client/src/features/reports/reportHeadlines';
import { choiceOf, presetRange } from '../../../../../client/src/features/reports/reportPeriods';
import { parseReportSearch, reportSearchOf } from '../../../../../client/src/features/reports/reportSearch';
import { sortLeague, worstServices, type LeagueRow } from '../../../../../client/src/features/reports/serviceLeague';
import { routeOf } from '../../../../../client/src/routes';
import { sessionUser } from '../../fixtures';

/** 2026-12-07 10:00 in Almaty (a Monday). */
const NOW = Date.parse('2026-12-07T05:00:00Z');

describe('the briefing periods', () => {
  it('are the last finished week, month, quarter and year on the Almaty day', () => {
    expect(presetRange('week', NOW)).toEqual({ from: '2026-11-30', to: '2026-12-06' });
    expect(presetRange('month', NOW)).toEqual({ from: '2026-11-01', to: '2026-11-30' });
    expect(presetRange('quarter', NOW)).toEqual({ from: '2026-07-01', to: '2026-09-30' });
    expect(presetRange('year', NOW)).toEqual({ from: '2025-01-01', to: '2025-12-31' });
  });

  it('cross the year in January and take the Almaty day, not the UTC one', () => {
    // 1 January 2027 00:30 in Almaty is still 31 December in UTC.
    const newYear = Date.parse('2026-12-31T19:30:00Z');
    expect(presetRange('month', newYear)).toEqual({ from: '2026-12-01', to: '2026-12-31' });
    expect(presetRange('quarter', newYear)).toEqual({ from: '2026-10-01', to: '2026-12-31' });
    expect(presetRange('week', newYear)).toEqual({ from: '2026-12-21', to: '2026-12-27' });
    expect(presetRange('month', Date.parse('2024-03-10T05:00:00Z'))).toEqual({ from: '2024-02-01', to: '2024-02-29' });
  });

  it('name a range by its preset, else custom', () => {
    expect(choiceOf({ from: '2026-07-01', to: '2026-09-30' }, NOW)).toBe('quarter');
    expect(choiceOf({ from: '2026-07-01', to: '2026-09-29' }, NOW)).toBe('custom');
  });
});

describe('the briefing address', () => {
  it('round-trips period, region and asOf', () => {
    const search = '?from=2026-07-01&to=2026-09-30&region=KZ-75&asOf=2026-12-07T05%3A00%3A00.000Z';
    const location = parseReportSearch(search, ['KZ-75'], NOW);
    expect(location).toEqual({
      from: '2026-07-01',
      to: '2026-09-30',
      region: 'KZ-75',
      asOf: '2026-12-07T05:00:00.000Z',
    });
    expect(reportSearchOf(location)).toBe(search);
  });

  it('falls back to last month for a broken period and drops a region outside the scope', () => {
    expect(parseReportSearch('?from=2026-09-31&to=2026-10-01&region=KZ-71', ['KZ-75'], NOW)).toEqual({
      from: '2026-11-01',
      to: '2026-11-30',
    });
    expect(parseReportSearch('?from=2026-10-02&to=2026-10-01', 'all', NOW).from).toBe('2026-11-01');
  });
});

describe('the briefing route', () => {
  it('is /reports, open to every signed-in role and never to a kiosk', () => {
    expect(routeOf('/reports')).toBe('reports');
    for (const role of ['admin', 'supervisor', 'operator', 'agent'] as const) {
      expect(pageOf('reports', sessionUser(role)), role).toBe('reports');
    }
    expect(pageOf('reports', sessionUser('operator', { isKiosk: true }))).toBe('wall');
  });
});

describe('the intake chart buckets', () => {
  const byDay = [
    { day: '2026-07-01', registered: 3, resolved: 1 },
    { day: '2026-07-06', registered: 2, resolved: 2 },
  ];

  it('keep every day of a short period, empty days as zeros, none after asOf', () => {
    const { size, buckets } = intakeBuckets(byDay, {
      from: '2026-07-01',
      to: '2026-07-10',
      asOf: '2026-07-06T12:00:00Z',
    });
    expect(size).toBe('day');
    expect(buckets.map((b) => b.registered)).toEqual([3, 0, 0, 0, 0, 2]);
  });

  it('sum weeks from Monday for half a year and months for a year', () => {
    const half = intakeBuckets(byDay, { from: '2026-07-01', to: '2026-12-31', asOf: '2027-01-05T00:00:00Z' });
    expect(half.size).toBe('week');
    expect(half.buckets.slice(0, 2)).toEqual([
      { start: '2026-06-29', registered: 3, resolved: 1 },
      { start: '2026-07-06', registered: 2, resolved: 2 },
    ]);
    const year = intakeBuckets(byDay, { from: '2026-01-01', to: '2026-12-31', asOf: '2027-01-05T00:00:00Z' });
    expect(year.buckets).toHaveLength(12);
    expect(year.buckets[6]).toEqual({ start: '2026-07-01', registered: 5, resolved: 3 });
  });
});

describe('the service league', () => {
  const row = (
    service: string,
    responded: number,
    resolved: number,
    onTime: number | null,
    reopened: number,
    overdueNow: number,
  ): LeagueRow => ({
    service,
    name: service,
    responded,
    response: { p50: responded * 1000, p90: null },
    resolved,
    resolutionSlaCompliance: onTime,
    resolutionLegalCompliance: null,
    reopened,
    overdueNow,
  });
  const rows: ReportServiceRow[] = [
    row('A', 10, 10, 0.9, 1, 2),
    row('B', 30, 20, 0.5, 6, 0),
    row('C', 5, 2, 0.1, 0, 5),
    row('D', 7, 0, null, 0, 1),
  ];

  it('sorts by any column, missing figures last', () => {
    const collate = (a: string, b: string) => a.localeCompare(b);
    expect(sortLeague(rows, { column: 'responded', direction: 'descending' }, collate).map((r) => r.service)).toEqual([
      'B',
      'A',
      'D',
      'C',
    ]);
    expect(sortLeague(rows, { column: 'onTime', direction: 'ascending' }, collate).map((r) => r.service)).toEqual([
      'C',
      'B',
      'A',
      'D',
    ]);
    // D has no resolutions: no reopen rate, so last.
    expect(sortLeague(rows, { column: 'reopenRate', direction: 'ascending' }, collate).map((r) => r.service)).toEqual([
      'C',
      'A',
      'B',
      'D',
    ]);
    expect(sortLeague(rows, { column: 'overdueNow', direction: 'descending' }, collate).map((r) => r.service)).toEqual([
      'C',
      'A',
      'D',
      'B',
    ]);
  });

  it('prints as worst the lowest on-time shares among services with enough resolutions', () => {
    expect(worstServices(rows).map((r) => r.service)).toEqual(['B', 'A']);
  });
});

describe('the figures', () => {
  it('compare shares by points and counts by a relative change, with a tone', () => {
    expect(changeOf('share', 'up', 0.8, 0.75)).toMatchObject({ direction: 'up', tone: 'good' });
    expect(changeOf('share', 'up', 0.8, 0.75).delta).toBeCloseTo(0.05);
    expect(changeOf('count', 'down', 50, 40)).toEqual({ delta: 0.25, direction: 'up', tone: 'bad' });
    expect(changeOf('count', null, 10, 0)).toEqual({ delta: null, direction: 'same', tone: 'neutral' });
    expect(changeOf('count', 'down', 0, 0)).toEqual({ delta: 0, direction: 'same', tone: 'neutral' });
    expect(changeOf('duration', 'down', 1000, 1004)).toMatchObject({ direction: 'same', tone: 'neutral' });
  });

  it('name the basis and clock of every headline metric', () => {
    expect(metricOf('cohort.legalOnTimeShare')).toEqual(expect.objectContaining({ basis: 'cohort', clock: 'legal' }));
    expect(metricOf('flow.response')).toEqual(expect.objectContaining({ basis: 'flow', clock: 'none' }));
  });

  it('colours the map in four steps by on-time share', () => {
    expect([0.99, 0.95, 0.9, 0.8, 0.5, null].map(onTimeStep)).toEqual([0, 0, 1, 2, 3, null]);
    expect(REGION_CODES).toHaveLength(20);
  });
});
