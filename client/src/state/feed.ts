import {
  isNationalEvent,
  type CategoryCode,
  type EventType,
  type Priority,
  type ProjectionState,
  type RegionalStreamEvent,
  type RegionCode,
  type Severity,
  type StatusChange,
  type StreamEvent,
} from '@shared';

/** Feed entries shown on the wall (the projection keeps more; a wall line must stay readable). */
export const WALL_FEED_LENGTH = 30;

/**
 * One line of the live feed: only what the wall may show. Built from the event plus
 * the replica's appeal/incident; descriptions, addresses and citizen data never get here.
 */
export interface FeedItem {
  /** Stream id: unique, stable React key. */
  key: string;
  type: Exclude<EventType, 'calendar.year_added'>;
  entity: 'appeal' | 'incident';
  entityId: string;
  /** New status of an `appeal.status_changed`, else null. */
  status: StatusChange | null;
  /** When it happened (event `at`, epoch ms). */
  at: number;
  region: RegionCode;
  /** Null when the event does not carry it and the replica no longer knows the entity. */
  category: CategoryCode | null;
  priority: Priority | null;
  severity: Severity | null;
  /** Incidents only. */
  title: string | null;
}

/** The feed line for one event, looked up against the replica state. Pure. */
export function toFeedItem(state: ProjectionState, event: RegionalStreamEvent): FeedItem {
  const base = { key: event.streamId, type: event.type, at: Date.parse(event.at), region: event.region };
  const appeal = { ...base, entity: 'appeal' as const, status: null, severity: null, title: null };
  const incident = { ...base, entity: 'incident' as const, status: null, priority: null };
  switch (event.type) {
    case 'appeal.registered':
      return {
        ...appeal,
        entityId: event.data.appealId,
        category: event.data.category,
        priority: event.data.priority,
      };
    case 'appeal.assigned':
    case 'appeal.escalated':
    case 'appeal.extended':
    case 'appeal.feedback':
    case 'appeal.status_changed': {
      const known = state.appeals.get(event.data.appealId);
      return {
        ...appeal,
        entityId: event.data.appealId,
        status: event.type === 'appeal.status_changed' ? event.data.status : null,
        category: known?.category ?? null,
        priority: event.type === 'appeal.escalated' ? event.data.priority : (known?.priority ?? null),
      };
    }
    case 'incident.opened':
      return {
        ...incident,
        entityId: event.data.incidentId,
        category: event.data.category,
        severity: event.data.severity,
        title: event.data.title,
      };
    case 'incident.updated':
    case 'incident.resolved': {
      const known = state.incidents.get(event.data.incidentId);
      const severity = event.type === 'incident.updated' ? event.data.severity : undefined;
      return {
        ...incident,
        entityId: event.data.incidentId,
        category: known?.category ?? null,
        severity: severity ?? known?.severity ?? null,
        title: known?.title ?? null,
      };
    }
  }
}

/**
 * The newest `limit` feed lines, newest first. With a `cache` an event keeps the same
 * FeedItem object across calls, so memoised rows skip re-rendering and the DOM (scroll
 * anchoring, text selection) stays put when new lines arrive.
 */
export function selectFeed(
  state: ProjectionState,
  limit = WALL_FEED_LENGTH,
  cache?: WeakMap<StreamEvent, FeedItem>,
): FeedItem[] {
  const out: FeedItem[] = [];
  for (let i = state.feed.length - 1; i >= 0 && out.length < limit; i -= 1) {
    const event = state.feed[i] as StreamEvent;
    // A national event (a calendar year) is no line of the wall's feed.
    if (isNationalEvent(event)) continue;
    let item = cache?.get(event);
    if (!item) {
      item = toFeedItem(state, event);
      cache?.set(event, item);
    }
    out.push(item);
  }
  return out;
}

/** The i18n key of a line's event label. */
export function feedLabelKey(
  item: Pick<FeedItem, 'type' | 'status'>,
):
  | `status.${'registered' | 'assigned' | 'escalated' | 'extended' | 'feedback' | StatusChange}`
  | `incident.${'opened' | 'updated' | 'resolved'}` {
  switch (item.type) {
    case 'appeal.registered':
      return 'status.registered';
    case 'appeal.assigned':
      return 'status.assigned';
    case 'appeal.escalated':
      return 'status.escalated';
    case 'appeal.extended':
      return 'status.extended';
    case 'appeal.feedback':
      return 'status.feedback';
    case 'appeal.status_changed':
      return item.status ? `status.${item.status}` : 'status.registered';
    case 'incident.opened':
      return 'incident.opened';
    case 'incident.updated':
      return 'incident.updated';
    case 'incident.resolved':
      return 'incident.resolved';
  }
}
