import type { AppealSort, AppealSortKey } from '../../../../shared/src/api/appealQuery';

/** Columns of the region table, left to right (the channel is a filter and on the appeal page). */
export const COLUMN_KEYS = [
  'id',
  'registeredAt',
  'region',
  'category',
  'priority',
  'status',
  'dueAt',
  'legalDueAt',
  'outcome',
  'service',
  'address',
  'description',
] as const;
export type ColumnKey = (typeof COLUMN_KEYS)[number];

export interface Column {
  key: ColumnKey;
  /** The API sort key a click on its header sorts by; null for columns the API cannot sort. */
  sortKey: AppealSortKey | null;
  /**
   * CSS width, in em of the table's type (the table has a fixed layout, so rows never jump
   * as data changes); null: shares what is left (the description).
   */
  width: string | null;
}

// At 1920 px the list is about 90em wide: the fixed columns take about 80em, the description the rest.
const COLUMNS: readonly Column[] = [
  // Full ids, never cut (issue 18): `A-71-7k3qzd-12345` from the simulator, `A-7K3QZD9M` from the API, and the archive mark.
  { key: 'id', sortKey: null, width: '12.5em' },
  // Wide enough for its header's one long word ("Зарегистрировано ▼", issue 18), not just the date.
  { key: 'registeredAt', sortKey: 'registeredAt', width: '11em' },
  { key: 'region', sortKey: 'region', width: '10em' },
  { key: 'category', sortKey: 'category', width: '10em' },
  { key: 'priority', sortKey: 'priority', width: '8.5em' },
  { key: 'status', sortKey: 'status', width: '10em' },
  { key: 'dueAt', sortKey: 'dueAt', width: '12.5em' },
  // Issue 17: the law's clock beside the operational one, and how a finished appeal ended.
  { key: 'legalDueAt', sortKey: 'legalDueAt', width: '11em' },
  { key: 'outcome', sortKey: null, width: '11em' },
  { key: 'service', sortKey: null, width: '9.5em' },
  { key: 'address', sortKey: null, width: '11em' },
  { key: 'description', sortKey: null, width: null },
];

/** The columns shown: the region column only for a shape that covers several regions. */
export function columnsFor(options: { showRegion: boolean }): readonly Column[] {
  return options.showRegion ? COLUMNS : COLUMNS.filter((c) => c.key !== 'region');
}

/**
 * The direction a first click on a column sorts in: what a supervisor looks for first —
 * newest, most urgent, soonest due; codes and statuses in their own order.
 */
const FIRST_DIRECTION: Record<AppealSortKey, 'asc' | 'desc'> = {
  registeredAt: 'desc',
  updatedAt: 'desc',
  dueAt: 'asc',
  priority: 'desc',
  status: 'asc',
  region: 'asc',
  category: 'asc',
  legalDueAt: 'asc',
  confirmationSince: 'asc',
};

/** The sort key of a sort and its direction. */
export function parseSort(sort: AppealSort): { key: AppealSortKey; direction: 'asc' | 'desc' } {
  return sort.startsWith('-')
    ? { key: sort.slice(1) as AppealSortKey, direction: 'desc' }
    : { key: sort as AppealSortKey, direction: 'asc' };
}

/** The sort after a click on a column header: the same column flips, another starts in its first direction. */
export function nextSort(current: AppealSort, key: AppealSortKey): AppealSort {
  const { key: currentKey, direction } = parseSort(current);
  const next = currentKey === key ? (direction === 'asc' ? 'desc' : 'asc') : FIRST_DIRECTION[key];
  return next === 'desc' ? `-${key}` : key;
}

/** `aria-sort` of a column header. */
export function ariaSortOf(sort: AppealSort, column: Column): 'ascending' | 'descending' | 'none' {
  if (column.sortKey === null) return 'none';
  const { key, direction } = parseSort(sort);
  if (key !== column.sortKey) return 'none';
  return direction === 'asc' ? 'ascending' : 'descending';
}
