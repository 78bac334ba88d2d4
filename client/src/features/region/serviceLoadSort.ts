import type { ServiceLoadRow } from '@shared';

export const SERVICE_SORTS = ['open', 'overdue', 'resolvedToday'] as const;
export type ServiceSort = (typeof SERVICE_SORTS)[number];

/** Rows by the chosen column, highest first; ties by the other load figures, then by name. Pure. */
export function sortServiceLoad(rows: readonly ServiceLoadRow[], by: ServiceSort): ServiceLoadRow[] {
  return [...rows].sort(
    (a, b) => b[by] - a[by] || b.open - a.open || b.overdue - a.overdue || a.service.localeCompare(b.service, 'ru'),
  );
}
