import {
  CATEGORY_CODES,
  isOpenStatus,
  isOverdue as isAppealOverdue,
  type Appeal,
  type AppealStatus,
  type CategoryCode,
  type Priority,
  type RegionCode,
} from '@shared';

/** Rows the panel lists at most: a desk screen, not an export (CSV comes with its own issue). */
export const PANEL_APPEAL_LIMIT = 100;
/** Categories in the panel's "top" list. */
export const TOP_CATEGORY_COUNT = 5;

/** One open appeal as the panel lists it: no description, address or citizen data. */
export interface RegionAppealRow {
  id: string;
  region: RegionCode;
  category: CategoryCode;
  priority: Priority;
  status: AppealStatus;
  registeredAt: number;
  isOverdue: boolean;
}

export interface RegionDetails {
  /** Open appeals of the region in the replica. */
  open: number;
  overdue: number;
  /** The categories with most open appeals, most first (ties in contract order); at most TOP_CATEGORY_COUNT. */
  topCategories: { category: CategoryCode; open: number }[];
  /** Open appeals, newest first, at most `limit`. */
  appeals: RegionAppealRow[];
}

const CATEGORY_ORDER = new Map<string, number>(CATEGORY_CODES.map((code, i) => [code, i]));

/**
 * The drill-down of a region from the replica's appeals: its open appeals (overdue ones
 * marked, at `now`), newest first, and its top categories by backlog. Pure.
 */
export function selectRegionDetails(
  appeals: Iterable<Appeal>,
  includes: readonly RegionCode[],
  now: number,
  limit = PANEL_APPEAL_LIMIT,
): RegionDetails {
  const regions = new Set<string>(includes);
  const rows: RegionAppealRow[] = [];
  const byCategory = new Map<CategoryCode, number>();
  let overdue = 0;
  for (const appeal of appeals) {
    if (!regions.has(appeal.region) || !isOpenStatus(appeal.status)) continue;
    const isOverdue = isAppealOverdue(appeal, now);
    if (isOverdue) overdue += 1;
    byCategory.set(appeal.category, (byCategory.get(appeal.category) ?? 0) + 1);
    rows.push({
      id: appeal.id,
      region: appeal.region,
      category: appeal.category,
      priority: appeal.priority,
      status: appeal.status,
      registeredAt: appeal.registeredAt,
      isOverdue,
    });
  }
  rows.sort((a, b) => b.registeredAt - a.registeredAt || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
  const topCategories = [...byCategory.entries()]
    .sort((a, b) => b[1] - a[1] || (CATEGORY_ORDER.get(a[0]) ?? 0) - (CATEGORY_ORDER.get(b[0]) ?? 0))
    .slice(0, TOP_CATEGORY_COUNT)
    .map(([category, open]) => ({ category, open }));
  return { open: rows.length, overdue, topCategories, appeals: rows.slice(0, limit) };
}
