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
  overdue: number;
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
}

interface Counts {
  open: number;
  overdue: number;
}

/** Key of the metric ring of one category within one region. */
export function regionCategoryKey(region: RegionCode, category: CategoryCode): string {
  return `${region}|${category}`;
}

function kpis(rings: readonly MinuteRing[], counts: Counts | undefined, population: number | null, now: number): Kpis {
  const open = counts?.open ?? 0;
  const windows = {} as Record<WindowName, WindowSummary>;
  for (const name of WINDOW_NAMES) windows[name] = summarizeWindows(rings, now, WINDOWS[name]);
  return {
    open,
    overdue: counts?.overdue ?? 0,
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
 * its stamped one); the scope's part of it is kept. Pure.
 */
export function computeStats(
  state: ProjectionState,
  now: number,
  scope: RegionScope = 'all',
  alerts: readonly Alert[] = evaluateAlerts(state, now, DEFAULT_ALERT_RULES),
): Stats {
  const inScope = scope === 'all' ? null : new Set<string>(scope);
  const counts = new Map<string, Counts>();
  const bump = (key: string, overdue: boolean): void => {
    let c = counts.get(key);
    if (!c) counts.set(key, (c = { open: 0, overdue: 0 }));
    c.open += 1;
    if (overdue) c.overdue += 1;
  };
  for (const appeal of state.appeals.values()) {
    if (!isOpenStatus(appeal.status) || (inScope && !inScope.has(appeal.region))) continue;
    const overdue = now > appeal.dueAt;
    bump(ALL_KEY, overdue);
    bump(appeal.region, overdue);
    bump(appeal.category, overdue);
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
  };
}
