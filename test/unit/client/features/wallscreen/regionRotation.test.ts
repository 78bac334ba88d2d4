import { describe, expect, it } from 'vitest';
import { computeStats, createProjection, type Kpis, type RegionCode, type Stats } from '@shared';
import {
  advanceRotation,
  SHARE_MIN_OPEN,
  SPOTLIGHT_COUNT,
  worstRegions,
  type RotationState,
} from '../../../../../client/src/features/wallscreen/regionRotation';
import { T0 } from '../../../shared/factories';

/** Stats with every region empty, then the given regions' open/overdue/load. */
function statsWith(regions: Partial<Record<RegionCode, { open: number; overdue: number; load: number }>>): Stats {
  const stats = computeStats(createProjection(), T0);
  for (const [code, figures] of Object.entries(regions)) {
    const base = stats.regions[code as RegionCode] as Kpis;
    stats.regions[code as RegionCode] = {
      ...base,
      open: figures.open,
      overdue: figures.overdue,
      loadPer100k: figures.load,
    };
  }
  return stats;
}

describe('worstRegions', () => {
  it('is empty without stats or without any open appeal', () => {
    expect(worstRegions(null)).toEqual([]);
    expect(worstRegions(statsWith({}))).toEqual([]);
  });

  it('ranks by overdue share, then load, then code; at most SPOTLIGHT_COUNT', () => {
    const stats = statsWith({
      'KZ-71': { open: 100, overdue: 10, load: 5 },
      'KZ-75': { open: 50, overdue: 25, load: 2 },
      'KZ-79': { open: 40, overdue: 0, load: 9 },
      'KZ-11': { open: 40, overdue: 0, load: 3 },
      'KZ-15': { open: 20, overdue: 0, load: 3 },
      'KZ-19': { open: 20, overdue: 0, load: 1 },
      'KZ-23': { open: 1, overdue: 0, load: 0.1 },
    });
    const ranking = worstRegions(stats).map((s) => s.region);
    expect(ranking).toEqual(['KZ-75', 'KZ-71', 'KZ-79', 'KZ-11', 'KZ-15']);
    expect(ranking).toHaveLength(SPOTLIGHT_COUNT);
    expect(worstRegions(stats, 2).map((s) => s.region)).toEqual(['KZ-75', 'KZ-71']);
  });

  it('does not let a handful of open appeals top the list by share alone', () => {
    const stats = statsWith({
      'KZ-23': { open: SHARE_MIN_OPEN - 1, overdue: SHARE_MIN_OPEN - 1, load: 1 },
      'KZ-71': { open: 200, overdue: 20, load: 8 },
      'KZ-75': { open: 300, overdue: 0, load: 12 },
    });
    expect(worstRegions(stats).map((s) => s.region)).toEqual(['KZ-71', 'KZ-75', 'KZ-23']);
  });

  it('carries the figures the spotlight shows', () => {
    const [standing] = worstRegions(statsWith({ 'KZ-75': { open: 40, overdue: 10, load: 1.5 } }));
    expect(standing).toMatchObject({ region: 'KZ-75', open: 40, overdue: 10, overdueShare: 0.25, loadPer100k: 1.5 });
  });
});

describe('advanceRotation (fixed clock)', () => {
  const INTERVAL = 10_000;
  const ranking: RegionCode[] = ['KZ-75', 'KZ-71', 'KZ-79'];

  it('shows nothing without a ranking, and starts with the worst', () => {
    expect(advanceRotation(null, [], T0, INTERVAL)).toBeNull();
    expect(advanceRotation(null, ranking, T0, INTERVAL)).toEqual({ region: 'KZ-75', shownAt: T0, round: ['KZ-75'] });
  });

  it('keeps a region for the whole interval, then moves to the next', () => {
    let state = advanceRotation(null, ranking, T0, INTERVAL);
    expect(advanceRotation(state, ranking, T0 + INTERVAL - 1, INTERVAL)).toBe(state);
    state = advanceRotation(state, ranking, T0 + INTERVAL, INTERVAL);
    expect(state).toMatchObject({ region: 'KZ-71', shownAt: T0 + INTERVAL });
    state = advanceRotation(state, ranking, T0 + 2 * INTERVAL, INTERVAL);
    expect(state?.region).toBe('KZ-79');
  });

  it('goes round again from the worst after all were shown', () => {
    const seen: string[] = [];
    let state: RotationState | null = null;
    for (let i = 0; i < 7; i += 1) {
      state = advanceRotation(state, ranking, T0 + i * INTERVAL, INTERVAL);
      seen.push(state?.region ?? '-');
    }
    expect(seen).toEqual(['KZ-75', 'KZ-71', 'KZ-79', 'KZ-75', 'KZ-71', 'KZ-79', 'KZ-75']);
  });

  it('visits every ranked region once per round even when the order changes meanwhile', () => {
    let state = advanceRotation(null, ['KZ-11', 'KZ-15', 'KZ-19'], T0, INTERVAL);
    // The first two swap places: "the one after the current" would go back to KZ-11.
    state = advanceRotation(state, ['KZ-15', 'KZ-11', 'KZ-19'], T0 + INTERVAL, INTERVAL);
    expect(state?.region).toBe('KZ-15');
    state = advanceRotation(state, ['KZ-15', 'KZ-11', 'KZ-19'], T0 + 2 * INTERVAL, INTERVAL);
    expect(state?.region).toBe('KZ-19');
  });

  it('never shows the same region twice in a row across rounds', () => {
    let state: RotationState | null = { region: 'KZ-75', shownAt: T0, round: ['KZ-71', 'KZ-75'] };
    state = advanceRotation(state, ['KZ-75', 'KZ-71'], T0 + INTERVAL, INTERVAL);
    expect(state).toEqual({ region: 'KZ-71', shownAt: T0 + INTERVAL, round: ['KZ-71'] });
    state = advanceRotation(state, ['KZ-75', 'KZ-71'], T0 + 2 * INTERVAL, INTERVAL);
    expect(state?.region).toBe('KZ-75');
  });

  it('lets a region that dropped out finish its turn, and stops when nothing is ranked', () => {
    const state = advanceRotation(null, ['KZ-75'], T0, INTERVAL);
    expect(advanceRotation(state, ['KZ-71'], T0 + 1000, INTERVAL)).toBe(state);
    expect(advanceRotation(state, ['KZ-71'], T0 + INTERVAL, INTERVAL)?.region).toBe('KZ-71');
    expect(advanceRotation(state, [], T0 + 1000, INTERVAL)).toBeNull();
  });

  it('stays on a single ranked region', () => {
    let state = advanceRotation(null, ['KZ-75'], T0, INTERVAL);
    state = advanceRotation(state, ['KZ-75'], T0 + INTERVAL, INTERVAL);
    expect(state).toEqual({ region: 'KZ-75', shownAt: T0 + INTERVAL, round: ['KZ-75'] });
  });
});
