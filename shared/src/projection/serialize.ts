import type { Appeal, Incident, MetricRings, ProjectionCounters, ProjectionState } from './state';
import type { StreamEvent } from '../schemas/events';

/**
 * Version of the persisted snapshot layout; a snapshot of another version is ignored (full replay).
 * 2: metric slots gained channels, targets, resolution compliance and finishes; rings hold 25 h.
 */
export const SNAPSHOT_FORMAT = 2;

/** JSON form of a projection, for the periodic Redis snapshot. */
export interface SerializedProjection {
  format: typeof SNAPSHOT_FORMAT;
  cursor: string;
  appeals: Appeal[];
  incidents: Incident[];
  seen: [string, string][];
  closedAppeals: string[];
  resolvedIncidents: string[];
  feed: StreamEvent[];
  metrics: MetricRings;
  counters: ProjectionCounters;
}

export function serializeProjection(state: ProjectionState): SerializedProjection {
  return {
    format: SNAPSHOT_FORMAT,
    cursor: state.cursor,
    appeals: [...state.appeals.values()],
    incidents: [...state.incidents.values()],
    seen: [...state.seen.entries()],
    closedAppeals: [...state.closedAppeals.keys()],
    resolvedIncidents: [...state.resolvedIncidents.keys()],
    feed: state.feed,
    metrics: state.metrics,
    counters: state.counters,
  };
}

/** Inverse of `serializeProjection`; null for a snapshot of another format. */
export function deserializeProjection(data: SerializedProjection): ProjectionState | null {
  if (data.format !== SNAPSHOT_FORMAT) return null;
  return {
    cursor: data.cursor,
    appeals: new Map(data.appeals.map((a) => [a.id, a])),
    incidents: new Map(data.incidents.map((i) => [i.id, i])),
    seen: new Map(data.seen),
    closedAppeals: new Map(data.closedAppeals.map((id) => [id, true as const])),
    resolvedIncidents: new Map(data.resolvedIncidents.map((id) => [id, true as const])),
    feed: data.feed,
    metrics: data.metrics,
    counters: data.counters,
  };
}
