import {
  alertsInScope,
  DEFAULT_ALERT_RULES,
  evaluateAlerts,
  withoutAppealIds,
  type Alert,
  type LiveAlert,
} from '../analytics/alerts';
import { CATEGORY_CODES, type CategoryCode } from '../domain/categories';
import { isOpenStatus } from '../domain/enums';
import { REGIONS, type RegionCode } from '../domain/regions';
import type { RegionScope } from '../domain/roles';
import {
  DEFAULT_CONFIRMATION_WINDOW_MS,
  isAwaitingConfirmation,
  isFinishedAppeal,
  isSolvedPositively,
} from './confirmation';
import { ALL_KEY, type Appeal, type ProjectionState } from './state';
import {
  registeredSince,
  summarizeWindows,
  WINDOW_NAMES,
  WINDOWS,
  type MinuteRing,
  type WindowName,
  type WindowSummary,
} from './windows';

/**
 * Kazakhstan has kept one time zone, UTC+5, since 1 March 2024; "today" in the KPIs
 * is the calendar day there.
 */
export const KZ_UTC_OFFSET_MS = 5 * 60 * 60_000;
const DAY = 24 * 60 * 60_000;

/** Start (epoch ms) of the Kazakhstan calendar day containing `now`. */
export function startOfKzDay(now: number): number {
  return Math.floor((now + KZ_UTC_OFFSET_MS) / DAY) * DAY - KZ_UTC_OFFSET_MS;
}

/** Overdue is computed, never a status: open and past its resolution target. */
export function isOverdue(appeal: Appeal, now: number): boolean {
  return isOpenStatus(appeal.status) && now > appeal.dueAt;
}

/** Legally overdue: open and past its legal deadline (15 working days, or the extended term). */
export function isLegallyOverdue(appeal: Appeal, now: number): boolean {
  return isOpenStatus(appeal.status) && now > appeal.legalDueAt;
}

/** Response time in ms (first assignment − registration), null until responded. */
export function responseTimeOf(appeal: Appeal): number | null {
  return appeal.respondedAt === null ? null : Math.max(0, appeal.respondedAt - appeal.registeredAt);
}

/** Resolution time in ms (first resolved since last reopen − registration), null while unresolved. */
export function resolutionTimeOf(appeal: Appeal): number | null {
  return appeal.resolvedAt === null ? null : Math.max(0, appeal.resolvedAt - appeal.registeredAt);
}

/** The KPIs of one scope (the country, a region or a category). */
export interface Kpis {
  /** Backlog: open appeals. */
  open: number;
  /** Open past the operational target (today's SLA minutes). */
  overdue: number;
  /** Open past the legal deadline (`isLegallyOverdue`). */
  legalOverdue: number;
  /** Resolved or closed, waiting for the citizen's confirmation (`isAwaitingConfirmation`). */
  awaitingConfirmation: number;
  /** Finished appeals the live projection holds (resolved, closed, rejected). */
  finished: number;
  /** Of `finished`, solved positively (`isSolvedPositively`): the share is solvedPositively / finished. */
  solvedPositively: number;
  /** Sum and count of the ratings of the latest callbacks: the average is ratingSum / ratingCount. */
  ratingSum: number;
  ratingCount: number;
  /** Registered since midnight, Kazakhstan time. */
  registeredToday: number;
  /** Backlog per 100,000 residents (country and regions only). */
  loadPer100k: number | null;
  windows: Record<WindowName, WindowSummary>;
}

export interface Stats {
  /** The clock reading the windows were computed at (epoch ms). */
  asOf: number;
  /** Stream cursor the projection covered. */
  cursor: string;
  overall: Kpis;
  /** The regions of the scope the stats were computed for (all 20 for the national scope). */
  regions: Partial<Record<RegionCode, Kpis>>;
  /** Per category, within the scope. */
  categories: Record<CategoryCode, Kpis>;
  /** Alerts within the scope, most urgent first (analytics/alerts.ts), without bursts' appeal ids. */
  alerts: LiveAlert[];
  /**
   * `CONFIRMATION_WINDOW_DAYS` in ms, the window the confirmation figures were counted with:
   * clients count down the citizen's callback with the server's window, not a default.
   * Absent from servers before it was added (clients then assume the 14-day default).
   */
  confirmationWindowMs?: number;
}

interface Counts {
  open: number;
  overdue: number;
  legalOverdue: number;
  awaitingConfirmation: number;
  finished: number;
  solvedPositively: number;
  ratingSum: number;
  ratingCount: number;
}

function createCounts(): Counts {
  return {
    open: 0,
    overdue: 0,
    legalOverdue: 0,
    awaitingConfirmation: 0,
    finished: 0,
    solvedPositively: 0,
    ratingSum: 0,
    ratingCount: 0,
  };
}

const NO_COUNTS: Readonly<Counts> = Object.freeze(createCounts());

/** Adds one appeal to a scope's counts. */
function count(c: Counts, appeal: Appeal, now: number, windowMs: number): void {
  if (isOpenStatus(appeal.status)) {
    c.open += 1;
    if (now > appeal.dueAt) c.overdue += 1;
    if (now > appeal.legalDueAt) c.legalOverdue += 1;
  } else if (isFinishedAppeal(appeal)) {
    c.finished += 1;
    if (isSolvedPositively(appeal, now, windowMs)) c.solvedPositively += 1;
    if (isAwaitingConfirmation(appeal, now, windowMs)) c.awaitingConfirmation += 1;
  }
  if (appeal.feedback?.rating !== undefined) {
    c.ratingSum += appeal.feedback.rating;
    c.ratingCount += 1;
  }
}

/** Key of the metric ring of one category within one region. */
export function regionCategoryKey(region: RegionCode, category: CategoryCode): string {
  return `${region}|${category}`;
}

function kpis(rings: readonly MinuteRing[], counts: Counts | undefined, population: number | null, now: number): Kpis {
  const c = counts ?? NO_COUNTS;
  const open = c.open;
  const windows = {} as Record<WindowName, WindowSummary>;
  for (const name of WINDOW_NAMES) windows[name] = summarizeWindows(rings, now, WINDOWS[name]);
  return {
    open,
    overdue: c.overdue,
    legalOverdue: c.legalOverdue,
    awaitingConfirmation: c.awaitingConfirmation,
    finished: c.finished,
    solvedPositively: c.solvedPositively,
    ratingSum: c.ratingSum,
    ratingCount: c.ratingCount,
    registeredToday: registeredSince(rings, startOfKzDay(now), now),
    loadPer100k: population ? (open / population) * 100_000 : null,
    windows,
  };
}

/**
 * Every KPI of design.md "Metrics" at `now`: for the scope as a whole (`overall`), each of
 * its regions and each category within it. The national scope ('all') reads the national
 * rings; a list of regions merges that list's rings, so a regional user never sees
 * figures from outside their regions. `alerts` is the national list (the server passes
 * its stamped one); the scope's part of it is kept. `confirmationWindowMs` is
 * `CONFIRMATION_WINDOW_DAYS` (the confirmation KPIs). Pure.
 */
export function computeStats(
  state: ProjectionState,
  now: number,
  scope: RegionScope = 'all',
  alerts: readonly Alert[] = evaluateAlerts(state, now, DEFAULT_ALERT_RULES),
  confirmationWindowMs: number = DEFAULT_CONFIRMATION_WINDOW_MS,
): Stats {
  const inScope = scope === 'all' ? null : new Set<string>(scope);
  const counts = new Map<string, Counts>();
  const bump = (key: string, appeal: Appeal): void => {
    let c = counts.get(key);
    if (!c) counts.set(key, (c = createCounts()));
    count(c, appeal, now, confirmationWindowMs);
  };
  for (const appeal of state.appeals.values()) {
    if (inScope && !inScope.has(appeal.region)) continue;
    bump(ALL_KEY, appeal);
    bump(appeal.region, appeal);
    bump(appeal.category, appeal);
  }
  const ringsOf = (keys: readonly string[]): MinuteRing[] =>
    keys.map((key) => state.metrics[key]).filter((ring): ring is MinuteRing => ring !== undefined);
  const scopeRegions = inScope ? REGIONS.filter((r) => inScope.has(r.code)) : REGIONS;
  const regions: Partial<Record<RegionCode, Kpis>> = {};
  for (const r of scopeRegions) regions[r.code] = kpis(ringsOf([r.code]), counts.get(r.code), r.population, now);
  const categories = {} as Record<CategoryCode, Kpis>;
  for (const c of CATEGORY_CODES) {
    const keys = inScope ? scopeRegions.map((r) => regionCategoryKey(r.code, c)) : [c];
    categories[c] = kpis(ringsOf(keys), counts.get(c), null, now);
  }
  const population = scopeRegions.reduce((sum, r) => sum + r.population, 0);
  const overallKeys = inScope ? scopeRegions.map((r) => r.code) : [ALL_KEY];
  return {
    asOf: now,
    cursor: state.cursor,
    overall: kpis(ringsOf(overallKeys), counts.get(ALL_KEY), population, now),
    regions,
    categories,
    alerts: alertsInScope(alerts, scope).map(withoutAppealIds),
    confirmationWindowMs,
  };
}
