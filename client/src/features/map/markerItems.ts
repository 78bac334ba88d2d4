import {
  isOpenStatus,
  type Appeal,
  type AppealStatus,
  type Incident,
  type Priority,
  type Severity,
  type RegionalStreamEvent,
} from '@shared';

/** An open appeal as a map point. `at` is when it was registered (epoch ms). */
export interface AppealItem {
  kind: 'appeal';
  id: string;
  lat: number;
  lng: number;
  priority: Priority;
  status: AppealStatus;
  at: number;
  /** Open past its resolution target at the time the item was made (design.md "Overdue"). */
  isOverdue: boolean;
}

/** An open incident as a map point. `at` is when it was opened (epoch ms). */
export interface IncidentItem {
  kind: 'incident';
  id: string;
  lat: number;
  lng: number;
  severity: Severity;
  title: string;
  appealCount: number;
  at: number;
}

export type MarkerItem = AppealItem | IncidentItem;

/**
 * How alarming an item is, 0–3: an appeal's priority (low … emergency) or an incident's
 * severity (minor = normal … critical = emergency).
 */
export type MarkerLevel = 0 | 1 | 2 | 3;

const PRIORITY_LEVEL = { low: 0, normal: 1, high: 2, emergency: 3 } as const satisfies Record<Priority, MarkerLevel>;
const SEVERITY_LEVEL = { minor: 1, major: 2, critical: 3 } as const satisfies Record<Severity, MarkerLevel>;

export function levelOf(item: MarkerItem): MarkerLevel {
  return item.kind === 'appeal' ? PRIORITY_LEVEL[item.priority] : SEVERITY_LEVEL[item.severity];
}

/** An emergency appeal or a critical incident: these pulse when they arrive and badge their cluster. */
export function isAlarm(item: MarkerItem): boolean {
  return levelOf(item) === 3;
}

/** What needs someone's attention now: an alarm, or an appeal past its target. */
export function isUrgent(item: MarkerItem): boolean {
  return isAlarm(item) || (item.kind === 'appeal' && item.isOverdue);
}

/** A stable key across kinds (an appeal and an incident may share an id). */
export function itemKey(item: Pick<MarkerItem, 'kind' | 'id'>): string {
  return `${item.kind === 'appeal' ? 'a' : 'i'}:${item.id}`;
}

export function appealItemOf(appeal: Appeal, now: number): AppealItem {
  const { lat, lng } = appeal.location;
  return {
    kind: 'appeal',
    id: appeal.id,
    lat,
    lng,
    priority: appeal.priority,
    status: appeal.status,
    at: appeal.registeredAt,
    isOverdue: now > appeal.dueAt,
  };
}

export function incidentItemOf(incident: Incident): IncidentItem {
  const { lat, lng } = incident.location;
  return {
    kind: 'incident',
    id: incident.id,
    lat,
    lng,
    severity: incident.severity,
    title: incident.title,
    appealCount: incident.appealIds.length,
    at: incident.openedAt,
  };
}

/** Whether `item` still shows `appeal` as it is at `now` (no new item needed). */
export function isSameAppeal(item: MarkerItem, appeal: Appeal, now: number): boolean {
  return (
    item.kind === 'appeal' &&
    item.status === appeal.status &&
    item.priority === appeal.priority &&
    item.lat === appeal.location.lat &&
    item.lng === appeal.location.lng &&
    item.at === appeal.registeredAt &&
    item.isOverdue === now > appeal.dueAt
  );
}

/** Whether `item` still shows `incident` as it is. */
export function isSameIncident(item: MarkerItem, incident: Incident): boolean {
  return (
    item.kind === 'incident' &&
    item.severity === incident.severity &&
    item.title === incident.title &&
    item.appealCount === incident.appealIds.length &&
    item.lat === incident.location.lat &&
    item.lng === incident.location.lng &&
    item.at === incident.openedAt
  );
}

/** Open appeals (isOpenStatus) and open incidents of the projection at `now`, as map points. */
export function openMarkerItems(appeals: Iterable<Appeal>, incidents: Iterable<Incident>, now: number): MarkerItem[] {
  const items: MarkerItem[] = [];
  for (const a of appeals) if (isOpenStatus(a.status)) items.push(appealItemOf(a, now));
  for (const i of incidents) if (i.status === 'open') items.push(incidentItemOf(i));
  return items;
}

/** The appeal or incident whose marker an event may change. */
export function markerTouchedBy(event: RegionalStreamEvent): { kind: MarkerItem['kind']; id: string } {
  return 'appealId' in event.data
    ? { kind: 'appeal', id: event.data.appealId }
    : { kind: 'incident', id: event.data.incidentId };
}
