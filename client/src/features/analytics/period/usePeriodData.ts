import type { ReportSeries, ReportSummary } from '@shared';
import { useEffect, useState } from 'react';
import { requestJson, type ApiResult } from '../../../api/requestJson';
import { periodApiQuery, type PeriodView } from './periodSearch';

/** How long an answer is shown again without asking (ms): the server keeps it as long. */
const FRESH_MS = 30_000;
const MAX_KEPT = 40;
/** How soon figures still being recomputed are asked again (ms). */
const RECHECK_MS = 10_000;
const kept = new Map<string, { at: number; answer: Promise<ApiResult<unknown>> }>();

/**
 * One GET of the reports API, kept `FRESH_MS`: switching the language, going Back or
 * flipping between two periods asks the server once. A failed answer is not kept.
 */
export function cachedGet<T>(path: string, now = Date.now()): Promise<ApiResult<T>> {
  const hit = kept.get(path);
  if (hit && now - hit.at < FRESH_MS) return hit.answer as Promise<ApiResult<T>>;
  const answer = requestJson<T>(path);
  kept.delete(path);
  kept.set(path, { at: now, answer });
  void answer.then((result) => {
    // A failed answer, or one taken while the rollups are recomputed, is asked again next time.
    const isFinal = result.ok && (result.data as { recomputing?: unknown } | null)?.recomputing == null;
    if (!isFinal && kept.get(path)?.answer === answer) kept.delete(path);
  });
  for (const key of kept.keys()) {
    if (kept.size <= MAX_KEPT) break;
    kept.delete(key);
  }
  return answer;
}

export interface PeriodData {
  summary: ReportSummary | null;
  series: ReportSeries | null;
  /** The HTTP status of a failed read (0: no answer), or null. */
  error: number | null;
}

/**
 * The figures of a long period, over HTTP (never the socket): the summary (headline,
 * comparisons, by region and category, days) and the series at the view's grain.
 */
export function usePeriodData(view: PeriodView): PeriodData {
  const query = periodApiQuery(view);
  const grain = view.grain;
  const [data, setData] = useState<PeriodData & { key: string }>({ key: '', summary: null, series: null, error: null });
  // Asked again every RECHECK_MS while the answer says the rollups are being recomputed.
  const [round, setRound] = useState(0);
  const key = `${query}&grain=${grain}`;
  const isBehind = data.key === key && (data.summary?.recomputing != null || data.series?.recomputing != null);
  useEffect(() => {
    if (!isBehind) return;
    const timer = setTimeout(() => setRound((n) => n + 1), RECHECK_MS);
    return () => clearTimeout(timer);
  }, [isBehind, data]);
  useEffect(() => {
    let isCurrent = true;
    void Promise.all([
      cachedGet<ReportSummary>(`/api/reports/summary?${query}`),
      cachedGet<ReportSeries>(`/api/reports/series?${query}&grain=${grain}`),
    ]).then(([summary, series]) => {
      if (!isCurrent) return;
      const failed = !summary.ok ? summary : !series.ok ? series : null;
      setData({
        key,
        summary: summary.ok ? summary.data : null,
        series: series.ok ? series.data : null,
        error: failed ? failed.status : null,
      });
    });
    return () => {
      isCurrent = false;
    };
  }, [key, query, grain, round]);
  // Another view's figures are never shown under this one's filters.
  return data.key === key ? data : { summary: null, series: null, error: null };
}
