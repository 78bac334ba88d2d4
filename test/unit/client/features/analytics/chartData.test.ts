import { CHANNELS, type Channel, type IntakeSeries, type RegionRow } from '@shared';
import { describe, expect, it } from 'vitest';
import {
  busiestHour,
  hourTicks,
  intakeStacks,
  latestWithData,
  MAX_STACKED_CATEGORIES,
  OTHER_KEY,
  regionBars,
  responseRows,
  toMinutes,
} from '../../../../../client/src/features/analytics/charts/chartData';
import { HOUR, MINUTE } from '../../../shared/factories';

const T = Date.parse('2026-11-27T00:00:00+05:00');

function channels(values: Partial<Record<Channel, number>> = {}): Record<Channel, number> {
  return Object.fromEntries(CHANNELS.map((c) => [c, values[c] ?? 0])) as Record<Channel, number>;
}

const INTAKE: IntakeSeries = {
  bucketMs: HOUR,
  categories: ['heating', 'water_sewer', 'electricity', 'gas', 'lifts', 'lighting', 'roads', 'waste'],
  points: [
    {
      t: T,
      total: 12,
      byChannel: channels({ call: 8, app: 4 }),
      byCategory: { heating: 5, water_sewer: 2, electricity: 1, gas: 1, lifts: 1, lighting: 0, roads: 1, waste: 1 },
    },
    { t: T + HOUR, total: 3, byChannel: channels({ call: 3 }), byCategory: { heating: 2, lighting: 1 } },
  ],
};

describe('intakeStacks', () => {
  it('stacks channels in contract order, leaving out those with no appeal', () => {
    const stacks = intakeStacks(INTAKE, 'channel');
    expect(stacks.keys).toEqual(['call', 'app']);
    expect(stacks.rows[0]).toMatchObject({ t: T, total: 12, call: 8, app: 4 });
    expect(stacks.total).toBe(15);
  });

  it('keeps the six busiest categories and sums the rest as "other"', () => {
    const stacks = intakeStacks(INTAKE, 'category');
    expect(stacks.keys).toHaveLength(MAX_STACKED_CATEGORIES + 1);
    expect(stacks.keys.slice(0, 6)).toEqual(INTAKE.categories.slice(0, 6));
    expect(stacks.keys.at(-1)).toBe(OTHER_KEY);
    expect(stacks.rows[0]?.[OTHER_KEY]).toBe(2);
    expect(stacks.rows[1]).toMatchObject({ heating: 2, lighting: 1, [OTHER_KEY]: 0, gas: 0 });
  });

  it('has no "other" when six categories or fewer came in', () => {
    const stacks = intakeStacks({ ...INTAKE, categories: ['heating', 'gas'] }, 'category');
    expect(stacks.keys).toEqual(['heating', 'gas']);
  });

  it('finds the busiest hour', () => {
    expect(busiestHour(intakeStacks(INTAKE, 'channel').rows)).toMatchObject({ t: T, total: 12 });
    expect(busiestHour([{ t: T, total: 0 }])).toBeNull();
  });
});

describe('hourTicks', () => {
  it('falls on whole Kazakhstan hours divisible by the step', () => {
    const from = Date.parse('2026-11-27T04:40:00+05:00');
    const ticks = hourTicks(from, from + 6 * HOUR, 3);
    expect(ticks.map((t) => new Date(t + 5 * HOUR).toISOString().slice(11, 16))).toEqual(['06:00', '09:00']);
  });
});

describe('response rows and region bars', () => {
  it('turn milliseconds into minutes and find the newest bucket with data', () => {
    const points = [
      { t: T, count: 2, p50: 6 * MINUTE, p90: 9 * MINUTE },
      { t: T + 5 * MINUTE, count: 0, p50: null, p90: null },
    ];
    expect(responseRows({ window: '24h', bucketMs: 5 * MINUTE, targetMs: 30 * MINUTE, points })).toEqual([
      { t: T, count: 2, p50: 6, p90: 9 },
      { t: T + 5 * MINUTE, count: 0, p50: null, p90: null },
    ]);
    expect(latestWithData(points)).toBe(points[0]);
    expect(latestWithData([])).toBeNull();
    expect(toMinutes(null)).toBeNull();
  });

  it('keep the given order and cut at the limit', () => {
    const rows: RegionRow[] = [
      { region: 'KZ-75', responses: 10, p50: 30 * MINUTE, compliance: 0.5, breach: true },
      { region: 'KZ-71', responses: 4, p50: 6 * MINUTE, compliance: 1, breach: false },
      { region: 'KZ-79', responses: 0, p50: null, compliance: null, breach: false },
    ];
    expect(regionBars(rows).map((b) => [b.region, b.minutes])).toEqual([
      ['KZ-75', 30],
      ['KZ-71', 6],
      ['KZ-79', null],
    ]);
    expect(regionBars(rows, 2).map((b) => b.region)).toEqual(['KZ-75', 'KZ-71']);
  });
});
