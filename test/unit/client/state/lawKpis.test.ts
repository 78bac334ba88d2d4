import { describe, expect, it } from 'vitest';
import type { Stats } from '@shared';
import { lawKpisOf } from '../../../../client/src/state/lawKpis';
import { sumLawCounts } from '../../../../client/src/state/lawKpiRows';

const counts = (c: Partial<Record<string, number>>) => ({
  legalOverdue: 0,
  awaitingConfirmation: 0,
  finished: 0,
  solvedPositively: 0,
  ratingSum: 0,
  ratingCount: 0,
  ...c,
});

describe("the law's KPIs", () => {
  it('gives the share solved positively of the finished and the mean rating', () => {
    expect(
      lawKpisOf(counts({ legalOverdue: 2, finished: 4, solvedPositively: 3, ratingSum: 9, ratingCount: 2 })),
    ).toEqual({
      legalOverdue: 2,
      awaitingConfirmation: 0,
      solvedPositivelyShare: 0.75,
      averageRating: 4.5,
    });
  });

  it('has no share or mean before anything finished or was rated, and nothing without stats', () => {
    expect(lawKpisOf(counts({}))).toMatchObject({ solvedPositivelyShare: null, averageRating: null, legalOverdue: 0 });
    expect(lawKpisOf(null)).toEqual({
      legalOverdue: null,
      awaitingConfirmation: null,
      solvedPositivelyShare: null,
      averageRating: null,
    });
  });

  it("sums a map shape's regions (Abai inside East Kazakhstan)", () => {
    const stats = {
      regions: {
        'KZ-63': counts({ legalOverdue: 1, finished: 2, solvedPositively: 1, ratingSum: 4, ratingCount: 1 }),
        'KZ-10': counts({ legalOverdue: 2, finished: 2, solvedPositively: 2, ratingSum: 2, ratingCount: 1 }),
      },
    } as unknown as Stats;
    expect(lawKpisOf(sumLawCounts(['KZ-63', 'KZ-10'], stats))).toMatchObject({
      legalOverdue: 3,
      solvedPositivelyShare: 0.75,
      averageRating: 3,
    });
    expect(sumLawCounts(['KZ-63'], null)).toBeNull();
  });
});
