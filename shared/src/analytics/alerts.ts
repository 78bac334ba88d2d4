import type { CategoryCode } from '../domain/categories';
import { isOpenStatus } from '../domain/enums';
import { REGIONS, type RegionCode } from '../domain/regions';
import type { RegionScope } from '../domain/roles';
import type { Appeal, ProjectionState } from '../projection/state';

/**
 * Threshold rules evaluated on the projection (issue "Response-time analytics and the wall
 * screen", "Alerts"). The server reads overrides from its config; these are the defaults.
 */
export interface AlertRules {
  /** A region's backlog (open appeals) per 100,000 residents above this raises `backlog`. */
  backlogPer100k: number;
  /** A region's overdue share of its open appeals above this (0–1) raises `overdue`… */
  overdueShare: number;
  /** …once it has at least this many open appeals (3 of 4 overdue is noise, not a trend). */
  overdueMinOpen: number;
  /** At least this many appeals of one category in one region within `burstWindowMs`: `burst`. */
  burstCount: number;
  burstWindowMs: number;
}

export const DEFAULT_ALERT_RULES: AlertRules = {
  backlogPer100k: 60,
  overdueShare: 0.25,
  overdueMinOpen: 20,
  burstCount: 25,
  burstWindowMs: 15 * 60_000,
};

export const ALERT_KINDS = ['backlog', 'overdue', 'burst'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

/** A rule whose condition holds now. It disappears by itself once the condition ends. */
export interface Alert {
  /** Stable while the condition lasts: `<kind>:<region>[:<category>]`. */
  id: string;
  kind: AlertKind;
  region: RegionCode;
  /** Set for `burst`. */
  category?: CategoryCode;
  /** The measured value: backlog per 100k, overdue share (0–1) or appeals in the burst window. */
  value: number;
  /** The rule's limit it went over. */
  limit: number;
  /** When the condition was first seen (epoch ms); for a burst, when its first appeal came in. */
  since: number;
  /** For a burst: the window its appeals came in within (the rule's `burstWindowMs`). */
  windowMs?: number;
  /** For a burst: its appeals, newest first (at most `MAX_BURST_APPEALS`), to open an incident from. */
  appealIds?: string[];
}

/** Appeal ids an alert carries; a burst of hundreds links its newest ones. */
export const MAX_BURST_APPEALS = 200;

/**
 * An alert as pushed to every screen with the stats each second: without a burst's appeal ids
 * (up to 200 ids each, they were two thirds of every push while the screens never show them).
 * The region view finds a burst's appeals in its own list (`burstAppealIds`); `/api/alerts`
 * keeps them.
 */
export type LiveAlert = Omit<Alert, 'appealIds'>;

export function withoutAppealIds(alert: Alert): LiveAlert {
  if (alert.appealIds === undefined) return alert;
  const { appealIds: _appealIds, ...live } = alert;
  return live;
}

/** Whether an appeal registered at `registeredAt` counts in a burst window of `windowMs` ending at `now`. */
function isInBurstWindow(registeredAt: number, now: number, windowMs: number): boolean {
  return registeredAt > now - windowMs && registeredAt <= now;
}

/**
 * The ids of a burst's appeals among `appeals`, as `evaluateAlerts` picks them for the alert
 * computed at `asOf`: its region and category, registered within its window, newest first, at
 * most MAX_BURST_APPEALS. Empty for an alert that is not a burst.
 */
export function burstAppealIds(
  alert: LiveAlert,
  asOf: number,
  appeals: Iterable<Pick<Appeal, 'id' | 'region' | 'category' | 'registeredAt'>>,
): string[] {
  if (alert.kind !== 'burst' || alert.windowMs === undefined) return [];
  const found: [number, string][] = [];
  for (const appeal of appeals) {
    if (appeal.region !== alert.region || appeal.category !== alert.category) continue;
    if (isInBurstWindow(appeal.registeredAt, asOf, alert.windowMs)) found.push([appeal.registeredAt, appeal.id]);
  }
  return newestIds(found);
}

function newestIds(appeals: [number, string][]): string[] {
  appeals.sort((a, b) => b[0] - a[0]);
  return appeals.slice(0, MAX_BURST_APPEALS).map(([, id]) => id);
}

const KIND_ORDER: Record<AlertKind, number> = { burst: 0, overdue: 1, backlog: 2 };

interface RegionCounts {
  open: number;
  overdue: number;
}

interface Burst {
  region: RegionCode;
  category: CategoryCode;
  first: number;
  /** [registeredAt, id] of each appeal in the window. */
  appeals: [number, string][];
}

/**
 * Every alert whose condition holds at `now` within the scope, most urgent first (bursts,
 * then overdue, then backlog; larger excess first). Pure: `since` of a backlog or overdue
 * alert is `now` here; the server keeps the first time it saw each id (`stampAlerts`).
 */
export function evaluateAlerts(
  state: ProjectionState,
  now: number,
  rules: AlertRules = DEFAULT_ALERT_RULES,
  scope: RegionScope = 'all',
): Alert[] {
  const inScope = scope === 'all' ? null : new Set<string>(scope);
  const counts = new Map<RegionCode, RegionCounts>();
  const bursts = new Map<string, Burst>();
  for (const appeal of state.appeals.values()) {
    if (inScope && !inScope.has(appeal.region)) continue;
    if (isOpenStatus(appeal.status)) {
      let c = counts.get(appeal.region);
      if (!c) counts.set(appeal.region, (c = { open: 0, overdue: 0 }));
      c.open += 1;
      if (now > appeal.dueAt) c.overdue += 1;
    }
    // A burst counts every appeal that came in, whatever became of it since.
    if (isInBurstWindow(appeal.registeredAt, now, rules.burstWindowMs)) {
      const key = `${appeal.region}:${appeal.category}`;
      let burst = bursts.get(key);
      if (!burst) {
        burst = { region: appeal.region, category: appeal.category, first: appeal.registeredAt, appeals: [] };
        bursts.set(key, burst);
      }
      burst.first = Math.min(burst.first, appeal.registeredAt);
      burst.appeals.push([appeal.registeredAt, appeal.id]);
    }
  }
  const alerts: Alert[] = [];
  for (const burst of bursts.values()) {
    if (burst.appeals.length < rules.burstCount) continue;
    alerts.push({
      id: `burst:${burst.region}:${burst.category}`,
      kind: 'burst',
      region: burst.region,
      category: burst.category,
      value: burst.appeals.length,
      limit: rules.burstCount,
      since: burst.first,
      windowMs: rules.burstWindowMs,
      appealIds: newestIds(burst.appeals),
    });
  }
  for (const region of REGIONS) {
    const c = counts.get(region.code);
    if (!c) continue;
    const load = (c.open / region.population) * 100_000;
    if (load > rules.backlogPer100k) {
      alerts.push(thresholdAlert('backlog', region.code, load, rules.backlogPer100k, now));
    }
    const share = c.overdue / c.open;
    if (c.open >= rules.overdueMinOpen && share > rules.overdueShare) {
      alerts.push(thresholdAlert('overdue', region.code, share, rules.overdueShare, now));
    }
  }
  return alerts.sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || b.value / b.limit - a.value / a.limit);
}

function thresholdAlert(kind: AlertKind, region: RegionCode, value: number, limit: number, since: number): Alert {
  return { id: `${kind}:${region}`, kind, region, value, limit, since };
}

/**
 * Remembers when each alert id was first seen, so `since` survives re-evaluation; an id
 * that stops firing is forgotten (it starts afresh if it fires again).
 */
export interface AlertClock {
  /** The alerts with `since` set to when their id started firing. Call with the national evaluation. */
  stamp(alerts: readonly Alert[]): Alert[];
}

export function createAlertClock(): AlertClock {
  let firstSeen = new Map<string, number>();
  return {
    stamp(alerts) {
      const next = new Map<string, number>();
      const stamped = alerts.map((alert) => {
        const since = alert.kind === 'burst' ? alert.since : (firstSeen.get(alert.id) ?? alert.since);
        next.set(alert.id, since);
        return since === alert.since ? alert : { ...alert, since };
      });
      firstSeen = next;
      return stamped;
    },
  };
}

/** The alerts of a region scope out of the national list. */
export function alertsInScope(alerts: readonly Alert[], scope: RegionScope): Alert[] {
  if (scope === 'all') return [...alerts];
  const inScope = new Set<string>(scope);
  return alerts.filter((alert) => inScope.has(alert.region));
}
