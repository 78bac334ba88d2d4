import type { CategoryCode } from '../domain/categories';
import { BUILT_IN_CALENDAR_YEARS } from '../calendar/calendarData';
import { createWorkingCalendar, type WorkingCalendar } from '../calendar/workingCalendar';
import type {
  AppealStatus,
  Channel,
  ExtensionMonths,
  FeedbackResult,
  IncidentStatus,
  Outcome,
  Priority,
  Severity,
} from '../domain/enums';
import { START_CURSOR, type StreamId } from '../domain/ids';
import type { RegionCode } from '../domain/regions';
import type { Location } from '../schemas/common';
import type { StreamEvent } from '../schemas/events';
import { createRing, type MinuteRing } from './windows';

/** One appeal as the projection knows it. Times are epoch ms from the events' `at`. */
export interface Appeal {
  id: string;
  region: RegionCode;
  category: CategoryCode;
  priority: Priority;
  channel: Channel;
  location: Location;
  description: string;
  /** Personal data; presenters mask it for roles that may not see it. */
  citizen?: { name?: string; phone?: string };
  /** Resolution target set on the event, minutes; overrides the category's. */
  slaMinutes?: number;
  status: AppealStatus;
  registeredAt: number;
  /** First `appeal.assigned` (first response); null until then. */
  respondedAt: number | null;
  /** First `resolved` status since the last reopen; null while unresolved. */
  resolvedAt: number | null;
  /** When it reached `closed` or `rejected`; null otherwise. */
  closedAt: number | null;
  /** Response target, epoch ms. */
  responseDueAt: number;
  /** Resolution target, epoch ms; open past it means overdue. */
  dueAt: number;
  /**
   * The legal deadline (АППК art. 76), epoch ms: the end (23:59:59.999 Almaty) of the 15th
   * working day after the day of receipt, or of the extended term. Open past it means
   * legally overdue (`isLegallyOverdue`). docs/legal-deadlines.md.
   */
  legalDueAt: number;
  /** The calendar did not know (or had not verified) a year the legal deadline spans. */
  isLegalProvisional: boolean;
  /** The last moment to pass it to the competent body (3 working days), epoch ms. */
  redirectDueAt: number;
  /** The supervisor's extension of the legal term, if any (the latest). */
  extension: AppealExtension | null;
  /** How it ended: null before it is finished; `unknown` when the producer sent none. */
  outcome: Outcome | 'unknown' | null;
  /** The latest quality-control callback; null until there is one. */
  feedback: AppealFeedback | null;
  service?: string;
  assignee?: string;
  incidentId?: string;
  /** `at` of the newest event applied to it. */
  updatedAt: number;
  /** Stream ids of its events, oldest first: the timeline. */
  streamIds: StreamId[];
}

/** An extension of the legal term: `months` counted from the day of receipt. */
export interface AppealExtension {
  months: ExtensionMonths;
  reason: string;
  /** When it was recorded (the event's `at`), epoch ms. */
  at: number;
}

/** A quality-control callback (`appeal.feedback`). */
export interface AppealFeedback {
  result: FeedbackResult;
  rating?: number;
  comment?: string;
  /** When it was recorded (the event's `at`), epoch ms. */
  at: number;
}

export interface Incident {
  id: string;
  region: RegionCode;
  title: string;
  category: CategoryCode;
  severity: Severity;
  location: Location;
  affected?: number;
  appealIds: string[];
  status: IncidentStatus;
  openedAt: number;
  resolvedAt: number | null;
  updatedAt: number;
  note?: string;
  streamIds: StreamId[];
}

/** Metric rings per key: `all`, each region code, each category code and each region|category pair. */
export type MetricRings = Record<string, MinuteRing>;

export interface ProjectionCounters {
  /** Events applied. */
  applied: number;
  /** Events ignored because their `id` was already applied. */
  duplicates: number;
  /** Events ignored because they refer to something unknown or conflict (see `lastIgnored`). */
  ignored: number;
  lastIgnored: string | null;
  /**
   * Follow-ups (assigned, status changed, escalated) dated before their appeal's registration:
   * applied, but their durations are left out of the figures (one producer's clock is wrong).
   */
  clockSkew: number;
  lastClockSkew: string | null;
  /** Appeals an incident event tried to link from another region than the incident's: not linked. */
  refusedLinks: number;
  lastRefusedLink: string | null;
}

/** Counters of a new projection (and the missing ones of an older snapshot). */
export function createCounters(): ProjectionCounters {
  return {
    applied: 0,
    duplicates: 0,
    ignored: 0,
    lastIgnored: null,
    clockSkew: 0,
    lastClockSkew: null,
    refusedLinks: 0,
    lastRefusedLink: null,
  };
}

/**
 * The whole derived state. Built only by `applyEvent`; a pure function of the events
 * (in stream order). Maps are used for speed and converted by `serializeProjection`.
 */
export interface ProjectionState {
  /** Stream id of the last entry this state covers (applied or not). */
  cursor: StreamId;
  appeals: Map<string, Appeal>;
  incidents: Map<string, Incident>;
  /** Applied event id → its stream id, for idempotency and exact replays (FIFO window). */
  seen: Map<string, StreamId>;
  /**
   * Finished appeals and resolved incidents in the order they ended (Map keeps
   * insertion order): the oldest are evicted first so memory stays bounded.
   */
  closedAppeals: Map<string, true>;
  resolvedIncidents: Map<string, true>;
  /** Newest applied events, oldest first (the live feed). */
  feed: StreamEvent[];
  metrics: MetricRings;
  /**
   * The projection's own clock: the newest `at` applied (epoch ms), null before any. The
   * decoder refuses an `at` far ahead of the server's clock, so this is never far in the
   * future; metric rings are written only for minutes within their 25 h ending here, so an
   * old event (a history import) never takes the slot of a minute the rings still show.
   */
  latestAt: number | null;
  /**
   * The working-day calendar legal deadlines are counted on: the built-in years plus those
   * added by `calendar.year_added` events (`addedYears`, in the order applied; a later entry
   * for a year replaces the earlier). Part of the projection's value: snapshots carry the
   * added years so every replica counts the same deadlines.
   */
  calendar: WorkingCalendar;
  addedYears: number[];
  counters: ProjectionCounters;
  /**
   * Not part of the projection's value (never serialized): while a snapshot of this state is
   * being written in the background (captureProjection), the appeals, incidents and metric
   * slots it holds must not change, so `applyEvent` changes in place only the objects in this
   * set and replaces any other by a copy (then in the set) first. Null when no snapshot is
   * being written: everything is changed in place.
   */
  owned: WeakSet<object> | null;
}

/** The calendar of the years shipped with the release (shared: a calendar is a plain, never-mutated value). */
export const BUILT_IN_CALENDAR: WorkingCalendar = createWorkingCalendar(BUILT_IN_CALENDAR_YEARS);

/** Key of the national metric ring. */
export const ALL_KEY = 'all';

export function createProjection(): ProjectionState {
  return {
    cursor: START_CURSOR,
    appeals: new Map(),
    incidents: new Map(),
    seen: new Map(),
    closedAppeals: new Map(),
    resolvedIncidents: new Map(),
    feed: [],
    metrics: { [ALL_KEY]: createRing() },
    latestAt: null,
    calendar: BUILT_IN_CALENDAR,
    addedYears: [],
    counters: createCounters(),
    owned: null,
  };
}
