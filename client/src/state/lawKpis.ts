import type { Kpis } from '@shared';

/** The counts of the law's clock a scope's live stats carry (a region, the country, a map shape's sum). */
export type LawCounts = Pick<
  Kpis,
  'legalOverdue' | 'awaitingConfirmation' | 'finished' | 'solvedPositively' | 'ratingSum' | 'ratingCount'
>;

/** The law's clock's figures of a scope (issue 17); null where there is nothing to show yet. */
export interface LawKpis {
  /** Open past the legal deadline. */
  legalOverdue: number | null;
  /** Resolved, waiting for the citizen's callback. */
  awaitingConfirmation: number | null;
  /** Solved positively ÷ finished (0–1); null before anything finished. */
  solvedPositivelyShare: number | null;
  /** Mean of the citizens' ratings (1–5); null before the first rating. */
  averageRating: number | null;
}

/** The law's KPIs of a scope's counts (null counts: no stats yet). Pure. */
export function lawKpisOf(counts: LawCounts | null): LawKpis {
  if (!counts)
    return { legalOverdue: null, awaitingConfirmation: null, solvedPositivelyShare: null, averageRating: null };
  return {
    legalOverdue: counts.legalOverdue,
    awaitingConfirmation: counts.awaitingConfirmation,
    solvedPositivelyShare: counts.finished > 0 ? counts.solvedPositively / counts.finished : null,
    averageRating: counts.ratingCount > 0 ? counts.ratingSum / counts.ratingCount : null,
  };
}
