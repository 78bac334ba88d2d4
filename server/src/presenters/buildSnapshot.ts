import {
  isInRegions,
  isOpenStatus,
  PROTOCOL_VERSION,
  type ProjectionState,
  type RegionCode,
  type Scope,
  type Snapshot,
  type SnapshotReason,
  type Stats,
} from '@shared';
import { presentAppeal, presentEvent, presentIncident, type Viewer } from './present';

/** Newest events a snapshot carries for the feed. */
const SNAPSHOT_FEED = 100;

export type BuildSnapshot = (scope: Scope, viewer: Viewer, reason: SnapshotReason) => Snapshot;

export interface SnapshotBuilderDeps {
  state: () => ProjectionState;
  stats: (scope: Scope) => Stats;
  now: () => number;
}

/**
 * What a socket is sent on connect or resync: the scope's part of the projection, presented
 * for the viewer (personal data masked), with its cursor, stats and the feed's tail.
 */
export function createSnapshotBuilder(deps: SnapshotBuilderDeps): BuildSnapshot {
  return function snapshot(scope, viewer, reason) {
    const state = deps.state();
    const inScope = (region: RegionCode | undefined): boolean =>
      region === undefined || isInRegions(scope.regions, region);
    const appeals = [];
    const feedEvents = state.feed.slice(-SNAPSHOT_FEED);
    const inFeed = new Set(feedEvents.map((e) => (e.data as { appealId?: string }).appealId));
    for (const appeal of state.appeals.values()) {
      // Open appeals and those awaiting closure (their next events need them), and finished
      // ones the feed mentions (shown with their category). Not every appeal closed lately:
      // at a national rate that is tens of thousands, in every snapshot.
      const isRelevant = isOpenStatus(appeal.status) || appeal.closedAt === null || inFeed.has(appeal.id);
      if (isRelevant && inScope(appeal.region)) appeals.push(presentAppeal(appeal, viewer));
    }
    const incidents = [...state.incidents.values()]
      .filter((i) => inScope(i.region))
      .map((i) => presentIncident(i, viewer));
    const feed = feedEvents.filter((e) => inScope(e.region)).map((e) => presentEvent(e, viewer));
    return {
      protocol: PROTOCOL_VERSION,
      cursor: state.cursor,
      scope,
      reason,
      // Years added by `calendar.year_added`: replicas count deadlines on the same calendar.
      calendarYears: state.addedYears.flatMap((year) => state.calendar.years[year] ?? []),
      appeals,
      incidents,
      feed,
      stats: deps.stats(scope),
      serverTime: deps.now(),
    };
  };
}
