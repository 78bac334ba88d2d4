import { addCalendarYear } from '../calendar/workingCalendar';
import type { CalendarYear } from '../calendar/calendarYear';
import { legalClockOf } from './lawClock';
import {
  BUILT_IN_CALENDAR,
  createCounters,
  type Appeal,
  type Incident,
  type MetricRings,
  type ProjectionCounters,
  type ProjectionState,
} from './state';
import type { StreamEvent } from '../schemas/events';
import { createRing, ringIndexOf, type MinuteSlot } from './windows';

/**
 * Version of the persisted snapshot layout; a snapshot of another version is ignored (full replay).
 * 2: metric slots gained channels, targets, resolution compliance and finishes; rings hold 25 h.
 * 3: the de-duplication window as two arrays; rings list only their used slots. Later
 *    additions are optional fields read with a default (no full replay on upgrade):
 *    `latestAt`, the clock-skew and refused-link counters, `calendarYears` and the law's clock
 *    of each appeal (issue 17: counted on restore when a snapshot predates it).
 */
export const SNAPSHOT_FORMAT = 3;

/** JSON form of a projection, for the periodic Redis snapshot. */
export interface SerializedProjection {
  format: typeof SNAPSHOT_FORMAT;
  cursor: string;
  /** The projection's clock (state.latestAt); absent in snapshots written before it existed. */
  latestAt?: number | null;
  /** Calendar years added by `calendar.year_added`, in the order applied (absent: none). */
  calendarYears?: CalendarYear[];
  counters: ProjectionCounters;
  feed: StreamEvent[];
  closedAppeals: string[];
  resolvedIncidents: string[];
  incidents: Incident[];
  /** The de-duplication window, oldest first: event ids, and the stream id each was applied at. */
  seenIds: string[];
  seenStreamIds: string[];
  /** Per ring key, the slots in use (a slot's minute gives its place in the ring). */
  metrics: Record<string, MinuteSlot[]>;
  appeals: Appeal[];
}

/**
 * What a snapshot holds, taken at one cursor in a few milliseconds (arrays of references, no
 * copies of appeals or slots): the state may go on changing while it is written out, because
 * appeals and incidents are replaced rather than changed, and metric slots are copied on write
 * until `releaseCapture` (state.owned).
 */
export interface ProjectionCapture extends Omit<SerializedProjection, 'format'> {
  /** The copy-on-write set this capture installed. */
  owned: WeakSet<object>;
}

export function captureProjection(state: ProjectionState): ProjectionCapture {
  const data = readProjection(state);
  // From now on every existing appeal, incident and slot is the capture's: a write copies it first.
  const owned = new WeakSet<object>();
  state.owned = owned;
  return { owned, ...data };
}

/** The state as it is now, in arrays of references (a few ms for 100k appeals). */
function readProjection(state: ProjectionState): Omit<SerializedProjection, 'format'> {
  const metrics: Record<string, MinuteSlot[]> = {};
  for (const key of Object.keys(state.metrics)) {
    metrics[key] = (state.metrics[key] ?? []).filter((slot): slot is MinuteSlot => slot !== null);
  }
  return {
    cursor: state.cursor,
    latestAt: state.latestAt,
    calendarYears: state.addedYears.map((year) => state.calendar.years[year] as CalendarYear),
    counters: { ...state.counters },
    feed: state.feed.slice(),
    closedAppeals: Array.from(state.closedAppeals.keys()),
    resolvedIncidents: Array.from(state.resolvedIncidents.keys()),
    incidents: Array.from(state.incidents.values()),
    seenIds: Array.from(state.seen.keys()),
    seenStreamIds: Array.from(state.seen.values()),
    metrics,
    appeals: Array.from(state.appeals.values()),
  };
}

/** Ends the copy-on-write of a capture (unless a newer capture has taken over). */
export function releaseCapture(state: ProjectionState, capture: ProjectionCapture): void {
  if (state.owned === capture.owned) state.owned = null;
}

function serializedOf(capture: ProjectionCapture): SerializedProjection {
  const { owned: _owned, ...rest } = capture;
  return { format: SNAPSHOT_FORMAT, ...rest };
}

export function serializeProjection(state: ProjectionState): SerializedProjection {
  return { format: SNAPSHOT_FORMAT, ...readProjection(state) };
}

/**
 * The JSON text of a capture, in pieces of about `itemsPerPiece` array items each:
 * joined, exactly `JSON.stringify(serializeProjection(state))` at the capture's cursor. The
 * caller writes it out a few pieces at a time, so a snapshot of a large projection never
 * holds the event loop for long.
 */
export function* serializeCapture(capture: ProjectionCapture, itemsPerPiece = 500): Generator<string> {
  const data = serializedOf(capture);
  const arrays = new Set<keyof SerializedProjection>(['appeals', 'incidents', 'seenIds', 'seenStreamIds']);
  let separator = '{';
  for (const key of Object.keys(data) as (keyof SerializedProjection)[]) {
    yield `${separator}${JSON.stringify(key)}:`;
    separator = ',';
    if (arrays.has(key)) yield* arrayPieces(data[key] as readonly unknown[], itemsPerPiece);
    else if (key === 'metrics') yield* metricsPieces(data.metrics, itemsPerPiece);
    else yield JSON.stringify(data[key]);
  }
  yield '}';
}

function* arrayPieces(items: readonly unknown[], perPiece: number): Generator<string> {
  if (items.length === 0) {
    yield '[]';
    return;
  }
  for (let i = 0; i < items.length; i += perPiece) {
    const text = JSON.stringify(items.slice(i, i + perPiece));
    yield (i === 0 ? '[' : ',') + text.slice(1, -1);
  }
  yield ']';
}

function* metricsPieces(metrics: Record<string, MinuteSlot[]>, perPiece: number): Generator<string> {
  let separator = '{';
  for (const key of Object.keys(metrics)) {
    yield `${separator}${JSON.stringify(key)}:`;
    separator = ',';
    // A slot is a few hundred bytes: fewer per piece than appeals.
    yield* arrayPieces(metrics[key] ?? [], Math.max(1, Math.floor(perPiece / 2)));
  }
  yield separator === '{' ? '{}' : '}';
}

/** Inverse of `serializeProjection`; null for a snapshot of another format. */
export function deserializeProjection(data: SerializedProjection): ProjectionState | null {
  if (data.format !== SNAPSHOT_FORMAT) return null;
  const seen = new Map<string, string>();
  for (let i = 0; i < data.seenIds.length; i += 1) seen.set(data.seenIds[i] as string, data.seenStreamIds[i] as string);
  const metrics: MetricRings = {};
  for (const key of Object.keys(data.metrics)) {
    const ring = createRing();
    for (const slot of data.metrics[key] ?? []) ring[ringIndexOf(slot.minute)] = slot;
    metrics[key] = ring;
  }
  let calendar = BUILT_IN_CALENDAR;
  for (const year of data.calendarYears ?? []) calendar = addCalendarYear(calendar, year);
  for (const appeal of data.appeals) if (appeal.legalDueAt === undefined) withLawClock(appeal, calendar);
  return {
    cursor: data.cursor,
    appeals: new Map(data.appeals.map((a) => [a.id, a])),
    incidents: new Map(data.incidents.map((i) => [i.id, i])),
    seen,
    closedAppeals: new Map(data.closedAppeals.map((id) => [id, true as const])),
    resolvedIncidents: new Map(data.resolvedIncidents.map((id) => [id, true as const])),
    feed: data.feed,
    metrics,
    // Before `latestAt` existed: unknown, the next event sets it (slotFor repairs what a
    // far-future `at` left in such a snapshot's rings).
    latestAt: data.latestAt ?? null,
    calendar,
    addedYears: (data.calendarYears ?? []).map((year) => year.year),
    counters: { ...createCounters(), ...data.counters },
    owned: null,
  };
}

/** An appeal of a snapshot written before the law's clock: counted now, with nothing recorded. */
function withLawClock(appeal: Appeal, calendar: ProjectionState['calendar']): void {
  const clock = legalClockOf(calendar, appeal.registeredAt);
  appeal.legalDueAt = clock.legalDueAt;
  appeal.isLegalProvisional = clock.isLegalProvisional;
  appeal.redirectDueAt = clock.redirectDueAt;
  appeal.extension = null;
  appeal.outcome =
    appeal.status === 'resolved' || appeal.status === 'closed' || appeal.status === 'rejected' ? 'unknown' : null;
  appeal.feedback = null;
}
