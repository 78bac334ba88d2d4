import type { ReportRecomputing } from '@shared';
import { rollupDayRanges } from '../reports/reportSummary';
import type { ReportsSource } from '../reports/reportsSource';

/**
 * How long an answer without `asOf` is served again to the same question (ms): 5 minutes.
 * Periods beyond 24 hours are not live (the socket's 24 hours are), the answer says when it
 * was taken, and a year's first answer takes 6–12 s on PGlite: with 30 s, the demo computed
 * the year again on almost every visit.
 */
export const ANSWER_FRESH_MS = 5 * 60_000;
const MAX_KEPT = 200;

/**
 * The reports' answers kept per question and scope (docs/api.md "Reports"): a page's charts, a
 * language switch, Back, the XLSX after the page, several supervisors opening the same year.
 */
export interface AnswerCache<T> {
  /**
   * The answer to `question` (its period, `asOf` when given, the caller's regions; `key` the
   * rest of it): the rollups of its days are brought up to date first (`ReportsSource.refresh`);
   * then an answer kept since no rollup of the past was rewritten (the database's generation:
   * a rewrite by the job, `reports:rebuild` or another process counts) is served again — one to
   * a question without `asOf` for `ANSWER_FRESH_MS` (its own `asOf` and link say when it was
   * taken, so the link still gives the same numbers), one with `asOf` until pushed out or the
   * generation moves on. Otherwise `compute` runs; its answer is kept unless figures were still
   * being recomputed (the next ask may have them final).
   */
  answer(
    question: { key: string; from: string; to: string; asOf?: string | undefined; regions: readonly string[] | null },
    compute: (asOf: number, recomputing: ReportRecomputing | null) => Promise<T>,
  ): Promise<T>;
}

export function createAnswerCache<T>(deps: { source: ReportsSource; now: () => number }): AnswerCache<T> {
  const kept = new Map<string, { at: number; body: T }>();
  return {
    async answer(question, compute) {
      const asOf = question.asOf !== undefined ? Date.parse(question.asOf) : deps.now();
      const ranges = rollupDayRanges({ from: question.from, to: question.to, asOf });
      const { recomputing, generation } = await deps.source.refresh(ranges, question.regions);
      const { from, to } = question;
      const key = JSON.stringify([question.key, from, to, question.asOf, question.regions, generation]);
      const entry = recomputing === null ? kept.get(key) : undefined;
      if (entry && (question.asOf !== undefined || deps.now() - entry.at < ANSWER_FRESH_MS)) return entry.body;
      const body = await compute(asOf, recomputing);
      if (recomputing !== null) return body;
      kept.delete(key);
      kept.set(key, { at: deps.now(), body });
      // Oldest first in a Map's order: drop from the front.
      for (const old of kept.keys()) {
        if (kept.size <= MAX_KEPT) break;
        kept.delete(old);
      }
      return body;
    },
  };
}
