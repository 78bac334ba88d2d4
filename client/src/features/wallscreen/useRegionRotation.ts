import { useEffect, useMemo, useRef, useState } from 'react';
import { useStats } from '../../realtime/hooks';
import { advanceRotation, standingOf, worstRegions, type RegionStanding, type RotationState } from './regionRotation';

/** How often the rotation checks whether the spotlight's turn is over. */
const ROTATION_TICK_MS = 1000;

export interface Spotlight {
  /** The region in the spotlight with its current figures. */
  standing: RegionStanding;
  /** Its place among the worst regions (1 = worst), or null once it has dropped out of them. */
  rank: number | null;
  /** How many regions the rotation goes through now. */
  count: number;
}

/**
 * The region in the spotlight while rotation is on (`intervalMs`), null when it is off or
 * no region has anything open. The choice itself is regionRotation.ts; this only ticks it
 * and reads the latest figures.
 */
export function useRegionRotation(intervalMs: number | null): Spotlight | null {
  const stats = useStats();
  const ranking = useMemo(() => worstRegions(stats), [stats]);
  const codesRef = useRef(ranking.map((s) => s.region));
  useEffect(() => {
    codesRef.current = ranking.map((s) => s.region);
  }, [ranking]);
  const [state, setState] = useState<RotationState | null>(null);
  const hasRanking = ranking.length > 0;

  useEffect(() => {
    if (intervalMs === null) return;
    const step = () => setState((previous) => advanceRotation(previous, codesRef.current, Date.now(), intervalMs));
    step();
    const timer = setInterval(step, ROTATION_TICK_MS);
    return () => clearInterval(timer);
    // The first ranking starts the rotation at once rather than on the next tick.
  }, [intervalMs, hasRanking]);

  if (intervalMs === null || state === null || !stats) return null;
  const kpis = stats.regions[state.region];
  if (!kpis) return null;
  const index = ranking.findIndex((s) => s.region === state.region);
  return { standing: standingOf(state.region, kpis), rank: index < 0 ? null : index + 1, count: ranking.length };
}
