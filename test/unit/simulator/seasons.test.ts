import { CATEGORY_CODES, getRegion, type CategoryCode } from '@shared';
import { describe, expect, it } from 'vitest';
import { categoryWeights } from '../../../server/src/simulator/seasons';
import { categoryShare, kz, simulate } from './simulatedDay';

const day = (local: string) => simulate({ seed: 11, startAt: kz(local), rate: 0.15, burstChance: 0 });

describe('seasonal categories', () => {
  it('makes heating far more common in January than in July', () => {
    const january = categoryShare(day('2026-01-15T00:00'), 'heating');
    const july = categoryShare(day('2026-07-15T00:00'), 'heating');
    expect(january).toBeGreaterThan(0.15);
    expect(january).toBeGreaterThan(5 * july);
  });

  it('makes flooding more common in April than in October', () => {
    const april = categoryShare(day('2026-04-15T00:00'), 'flooding');
    const october = categoryShare(day('2026-10-15T00:00'), 'flooding');
    expect(april).toBeGreaterThan(3 * october);
  });

  it('clears snow in winter only, and tends greenery and animals in summer', () => {
    const astana = getRegion('KZ-71');
    const share = (month: number, category: CategoryCode): number => {
      const weights = categoryWeights(astana, month);
      return (weights[CATEGORY_CODES.indexOf(category)] as number) / weights.reduce((a, b) => a + b, 0);
    };
    expect(share(7, 'winter_upkeep')).toBe(0);
    expect(share(1, 'winter_upkeep')).toBeGreaterThan(0.1);
    expect(share(7, 'landscaping')).toBeGreaterThan(3 * share(1, 'landscaping'));
    expect(share(7, 'animals_pests')).toBeGreaterThan(3 * share(1, 'animals_pests'));
  });

  it('gives the cold north more heating complaints than the south', () => {
    const heating = (code: 'KZ-59' | 'KZ-79'): number => {
      const weights = categoryWeights(getRegion(code), 1);
      return (weights[CATEGORY_CODES.indexOf('heating')] as number) / weights.reduce((a, b) => a + b, 0);
    };
    expect(heating('KZ-59')).toBeGreaterThan(heating('KZ-79'));
  });
});
