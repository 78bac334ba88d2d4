import type { NotableIncidents, ReportSummary } from '@shared';
import { useEffect, useState } from 'react';
import { useApiRequest } from '../../session/sessionContext';
import { reportApiQuery, type ReportLocation } from './reportSearch';

/** What the briefing shows: the summary, its previous period's (category trends) and the incidents. */
export interface ReportData {
  summary: ReportSummary;
  /** The summary of the period just before (as of the summary's `previous.asOf`), for the trends; null if it failed. */
  previous: ReportSummary | null;
  incidents: NotableIncidents | null;
}

export type ReportState =
  | { status: 'loading'; data: ReportData | null }
  | { status: 'ready'; data: ReportData }
  | { status: 'failed'; httpStatus: number; data: ReportData | null };

/** How soon a report taken while the rollups are recomputed is asked again (ms). */
const RECHECK_MS = 10_000;

const keyOf = (l: ReportLocation, asOf: string | undefined): string =>
  [l.from, l.to, l.region ?? '', asOf ?? ''].join('|');

/**
 * Loads the briefing for a location. Without `asOf` the server answers as of now and names
 * the moment; the page then writes it into the address (onFrozen), which this hook
 * recognises as the answer it already has, so freezing costs no second request. Every
 * other read uses the summary's moment, so the whole page is as of one instant. An answer
 * taken while the rollups are being recomputed (`recomputing`) is shown but not frozen, and
 * asked again every RECHECK_MS until it is final (docs/reports.md).
 */
export function useReport(location: ReportLocation, onFrozen: (asOf: string) => void): ReportState {
  const request = useApiRequest();
  const [loaded, setLoaded] = useState<{ key: string | null; data: ReportData | null }>({ key: null, data: null });
  const [failure, setFailure] = useState<{ key: string; httpStatus: number } | null>(null);
  const [round, setRound] = useState(0);
  const key = keyOf(location, location.asOf);
  const isLoaded = loaded.key === key;
  // Figures taken while the rollups are recomputed: shown with the note, never frozen, asked again.
  const isBehind = isLoaded && loaded.data?.summary.recomputing != null;

  useEffect(() => {
    if (!isBehind) return;
    const timer = setTimeout(() => setRound((n) => n + 1), RECHECK_MS);
    return () => clearTimeout(timer);
  }, [isBehind, loaded]);

  useEffect(() => {
    if (isLoaded && !isBehind) return;
    let isCurrent = true;
    const run = async (): Promise<void> => {
      const main = await request<ReportSummary>(`/api/reports/summary?${reportApiQuery(location)}`);
      if (!isCurrent) return;
      if (!main.ok) {
        setFailure({ key, httpStatus: main.status });
        return;
      }
      const summary = main.data;
      const frozen = { ...location, asOf: summary.asOf };
      const before = { ...location, from: summary.previous.from, to: summary.previous.to, asOf: summary.previous.asOf };
      const [previous, incidents] = await Promise.all([
        request<ReportSummary>(`/api/reports/summary?${reportApiQuery(before)}`),
        request<NotableIncidents>(`/api/reports/incidents?${reportApiQuery(frozen)}`),
      ]);
      if (!isCurrent) return;
      setFailure(null);
      const isFinal = summary.recomputing === null;
      setLoaded({
        // Not final: kept under the address as it is (no moment written into it).
        key: isFinal ? keyOf(location, summary.asOf) : key,
        data: {
          summary,
          previous: previous.ok ? previous.data : null,
          incidents: incidents.ok ? incidents.data : null,
        },
      });
      if (location.asOf === undefined && isFinal) onFrozen(summary.asOf);
    };
    void run();
    return () => {
      isCurrent = false;
    };
    // The location by its key: a new object with the same fields is the same report.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, request, round]);

  if (isLoaded && loaded.data) return { status: 'ready', data: loaded.data };
  if (failure?.key === key) return { status: 'failed', httpStatus: failure.httpStatus, data: loaded.data };
  return { status: 'loading', data: loaded.data };
}
