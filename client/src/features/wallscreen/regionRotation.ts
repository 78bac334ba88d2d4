import { REGIONS, type Kpis, type RegionCode, type Stats } from '@shared';

/** How many of the worst regions the rotation goes through. */
export const SPOTLIGHT_COUNT = 5;

/**
 * Below this many open appeals a region's overdue share is noise (1 of 1 is 100 %): it is
 * then ranked by load alone, like a region with nothing overdue.
 */
export const SHARE_MIN_OPEN = 10;

/** One region's figures as the spotlight shows them. */
export interface RegionStanding {
  region: RegionCode;
  open: number;
  overdue: number;
  /** Overdue ÷ open (0–1); 0 when nothing is open. */
  overdueShare: number;
  /** Backlog per 100,000 residents; null when the population is unknown. */
  loadPer100k: number | null;
  /** Median response time over the last hour (ms), null without responses. */
  medianResponseMs: number | null;
  registeredToday: number;
}

export function standingOf(region: RegionCode, kpis: Kpis): RegionStanding {
  return {
    region,
    open: kpis.open,
    overdue: kpis.overdue,
    overdueShare: kpis.open > 0 ? kpis.overdue / kpis.open : 0,
    loadPer100k: kpis.loadPer100k,
    medianResponseMs: kpis.windows['1h'].response.p50,
    registeredToday: kpis.registeredToday,
  };
}

function rankedShare(s: RegionStanding): number {
  return s.open >= SHARE_MIN_OPEN ? s.overdueShare : 0;
}

/**
 * The regions with the worst KPI, worst first: by overdue share (regions with at least
 * SHARE_MIN_OPEN open appeals), then by backlog per 100k residents, then by code (so the
 * order is stable). Regions with nothing open are left out: there is nothing to show. Pure.
 */
export function worstRegions(stats: Stats | null, count = SPOTLIGHT_COUNT): RegionStanding[] {
  if (!stats) return [];
  const standings: RegionStanding[] = [];
  for (const { code } of REGIONS) {
    const kpis = stats.regions[code];
    if (kpis && kpis.open > 0) standings.push(standingOf(code, kpis));
  }
  standings.sort(
    (a, b) =>
      rankedShare(b) - rankedShare(a) ||
      (b.loadPer100k ?? -1) - (a.loadPer100k ?? -1) ||
      a.region.localeCompare(b.region),
  );
  return standings.slice(0, count);
}

/** The region in the spotlight and the round it belongs to. */
export interface RotationState {
  region: RegionCode;
  /** When it came into the spotlight (epoch ms). */
  shownAt: number;
  /** The regions shown in this round, the current one included. */
  round: readonly RegionCode[];
}

/**
 * The spotlight at `now`. A region stays for `intervalMs`; then the next one of `ranking`
 * (worst first) not yet shown in this round comes. The ranking changes as figures move, so
 * "the one after the current" could bounce between two regions; a round instead visits
 * every region of the current ranking once before starting again from the worst. A region
 * that has dropped out of the ranking finishes its turn. Null when nothing is ranked. Pure.
 */
export function advanceRotation(
  current: RotationState | null,
  ranking: readonly RegionCode[],
  now: number,
  intervalMs: number,
): RotationState | null {
  const [worst, second] = ranking;
  if (worst === undefined) return null;
  if (current === null) return { region: worst, shownAt: now, round: [worst] };
  if (now - current.shownAt < intervalMs) return current;
  const next = ranking.find((code) => !current.round.includes(code));
  if (next !== undefined) return { region: next, shownAt: now, round: [...current.round, next] };
  // A new round, worst first, unless that would show the same region twice in a row.
  const first = worst === current.region && second !== undefined ? second : worst;
  return { region: first, shownAt: now, round: [first] };
}
