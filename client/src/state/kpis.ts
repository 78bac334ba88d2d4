import type { Stats } from '@shared';

/** The four national KPI tiles of the wall; null while no stats have arrived. */
export interface WallKpis {
  /** Backlog: open appeals. */
  open: number | null;
  overdue: number | null;
  /** Since midnight, Kazakhstan time (computed by the server). */
  registeredToday: number | null;
  /** Median response time over the last hour, ms; null when nothing was routed in it. */
  medianResponseMs: number | null;
}

export function selectKpis(stats: Stats | null): WallKpis {
  if (!stats) return { open: null, overdue: null, registeredToday: null, medianResponseMs: null };
  const { overall } = stats;
  return {
    open: overall.open,
    overdue: overall.overdue,
    registeredToday: overall.registeredToday,
    medianResponseMs: overall.windows['1h']?.response.p50 ?? null,
  };
}
