import { CATEGORY_CODES, type CategoryCode } from '../domain/categories';
import { isOpenStatus } from '../domain/enums';
import { REGIONS, type RegionCode } from '../domain/regions';
import { ALL_KEY, type Appeal, type ProjectionState } from './state';
import {
  registeredSince,
  summarizeWindow,
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
  regions: Record<RegionCode, Kpis>;
  categories: Record<CategoryCode, Kpis>;
}

interface Counts {
  open: number;
  overdue: number;
}

function windowsOf(ring: MinuteRing | undefined, now: number): Record<WindowName, WindowSummary> {
  const empty = ring ?? [];
  const out = {} as Record<WindowName, WindowSummary>;
  for (const name of WINDOW_NAMES) out[name] = summarizeWindow(empty, now, WINDOWS[name]);
  return out;
}

function kpis(
  state: ProjectionState,
  key: string,
  counts: Counts | undefined,
  population: number | null,
  now: number,
): Kpis {
  const ring = state.metrics[key];
  const open = counts?.open ?? 0;
  return {
    open,
    overdue: counts?.overdue ?? 0,
    registeredToday: ring ? registeredSince(ring, startOfKzDay(now), now) : 0,
    loadPer100k: population ? (open / population) * 100_000 : null,
    windows: windowsOf(ring, now),
  };
}

/** Every KPI of design.md "Metrics" at `now`, for the country, each region and each category. Pure. */
export function computeStats(state: ProjectionState, now: number): Stats {
  const counts = new Map<string, Counts>();
  const bump = (key: string, overdue: boolean): void => {
    let c = counts.get(key);
    if (!c) counts.set(key, (c = { open: 0, overdue: 0 }));
    c.open += 1;
    if (overdue) c.overdue += 1;
  };
  for (const appeal of state.appeals.values()) {
    if (!isOpenStatus(appeal.status)) continue;
    const overdue = now > appeal.dueAt;
    bump(ALL_KEY, overdue);
    bump(appeal.region, overdue);
    bump(appeal.category, overdue);
  }
  const totalPopulation = REGIONS.reduce((sum, r) => sum + r.population, 0);
  const regions = {} as Record<RegionCode, Kpis>;
  for (const r of REGIONS) regions[r.code] = kpis(state, r.code, counts.get(r.code), r.population, now);
  const categories = {} as Record<CategoryCode, Kpis>;
  for (const c of CATEGORY_CODES) categories[c] = kpis(state, c, counts.get(c), null, now);
  return {
    asOf: now,
    cursor: state.cursor,
    overall: kpis(state, ALL_KEY, counts.get(ALL_KEY), totalPopulation, now),
    regions,
    categories,
  };
}
