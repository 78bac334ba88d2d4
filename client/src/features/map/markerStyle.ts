import type { AppealStatus, Priority, Severity } from '@shared';
import type { ClusterMarker, MapMarker } from './markerIndex';
import type { AppealItem, IncidentItem } from './markerItems';

/** Appeal fill by priority: emergency red, high amber, normal blue, low grey. */
export const PRIORITY_COLORS = {
  emergency: '#ff4d4f',
  high: '#ffb020',
  normal: '#4da3ff',
  low: '#9aa4b2',
} as const satisfies Record<Priority, string>;

/** Incidents are rings (appeals are dots) in a violet-to-magenta scale of their own. */
export const SEVERITY_COLORS = {
  minor: '#c8a8ff',
  major: '#a259ff',
  critical: '#ff3dc8',
} as const satisfies Record<Severity, string>;

/**
 * How much of a cluster needs attention now (overdue appeals, emergencies, critical
 * incidents): calm below 10 %, attention from 10 %, urgent from 30 %. Taking the worst
 * item's colour made nearly every cluster red (one emergency among 500 routine appeals);
 * a share keeps red for places where trouble is the rule. An alarm inside is shown apart,
 * as a badge on the cluster (styles.css `.map-cluster--alarm`).
 */
export const URGENT_SHARE_STEPS = { attention: 0.1, urgent: 0.3 } as const;
export type ClusterTone = 'calm' | 'attention' | 'urgent';

export const CLUSTER_COLORS = {
  calm: PRIORITY_COLORS.normal,
  attention: PRIORITY_COLORS.high,
  urgent: PRIORITY_COLORS.emergency,
} as const satisfies Record<ClusterTone, string>;

export function clusterTone(cluster: Pick<ClusterMarker, 'count' | 'urgent'>): ClusterTone {
  const share = cluster.count > 0 ? cluster.urgent / cluster.count : 0;
  if (share >= URGENT_SHARE_STEPS.urgent) return 'urgent';
  return share >= URGENT_SHARE_STEPS.attention ? 'attention' : 'calm';
}

/**
 * Appeals nobody works on yet (new, reopened, sent on to another service) get a white
 * outline; those a service has taken are outlined dark.
 */
const WAITING: ReadonlySet<AppealStatus> = new Set(['registered', 'reopened', 'redirected']);

export function isWaiting(status: AppealStatus): boolean {
  return WAITING.has(status);
}

/** Leaflet circleMarker options, without the renderer. */
export interface MarkerLook {
  radius: number;
  color: string;
  weight: number;
  opacity: number;
  fillColor: string;
  fillOpacity: number;
}

export function appealLook(item: AppealItem): MarkerLook {
  const waiting = isWaiting(item.status);
  return {
    radius: item.priority === 'emergency' ? 7 : 6,
    color: waiting ? '#ffffff' : '#0b1220',
    weight: waiting ? 2 : 1,
    opacity: 1,
    fillColor: PRIORITY_COLORS[item.priority],
    fillOpacity: 0.95,
  };
}

export function incidentLook(item: IncidentItem): MarkerLook {
  return {
    radius: item.severity === 'critical' ? 10 : 9,
    color: SEVERITY_COLORS[item.severity],
    weight: 4,
    opacity: 1,
    fillColor: '#0b1220',
    fillOpacity: 0.55,
  };
}

/** Cluster radius in px: grows with the log of the count, 12 px for two, 30 px at most. */
export function clusterRadius(count: number): number {
  return Math.min(30, Math.round(10 + 4 * Math.log2(Math.max(2, count))));
}

export function clusterLook(cluster: ClusterMarker): MarkerLook {
  return {
    radius: clusterRadius(cluster.count),
    color: cluster.incidents > 0 ? SEVERITY_COLORS.major : '#0b1220',
    weight: cluster.incidents > 0 ? 3 : 1.5,
    opacity: 1,
    fillColor: CLUSTER_COLORS[clusterTone(cluster)],
    fillOpacity: 0.85,
  };
}

export function markerLook(marker: MapMarker): MarkerLook {
  if (marker.kind === 'cluster') return clusterLook(marker);
  return marker.item.kind === 'appeal' ? appealLook(marker.item) : incidentLook(marker.item);
}

/** How long an emergency appeal or a critical incident pulses after it arrives. */
export const PULSE_MS = 60_000;

/**
 * Whether an alarm that arrived at `alarmAt` still pulses at `now` (-Infinity: no alarm).
 * A time slightly ahead of the client clock (server clock skew) counts as just arrived.
 */
export function isPulsing(alarmAt: number, now: number): boolean {
  const age = now - alarmAt;
  return age < PULSE_MS && age > -PULSE_MS;
}

/**
 * At most this many rings pulse at once: in a storm of emergencies a screen of rings is
 * noise (and each is an animated layer to composite), so only the newest pulse.
 */
export const MAX_PULSES = 20;

/** The markers whose ring pulses at `now`: the newest MAX_PULSES alarms still in their pulse. */
export function pulsingMarkers<T extends Pick<MapMarker, 'alarmAt'>>(markers: readonly T[], now: number): T[] {
  const pulsing = markers.filter((m) => isPulsing(m.alarmAt, now));
  return pulsing.length <= MAX_PULSES ? pulsing : pulsing.sort((a, b) => b.alarmAt - a.alarmAt).slice(0, MAX_PULSES);
}

/** When the first of the markers' pulses ends after `now`, or null if none pulses. */
export function nextPulseEnd(markers: readonly MapMarker[], now: number): number | null {
  let next: number | null = null;
  for (const marker of markers) {
    if (!isPulsing(marker.alarmAt, now)) continue;
    const end = marker.alarmAt + PULSE_MS;
    if (next === null || end < next) next = end;
  }
  return next;
}
