import {
  almatyDateOf,
  isOpenStatus,
  matchServiceName,
  normaliseServiceName,
  endOfAlmatyDay,
  type Appeal,
  type Organisation,
  type RegionCode,
  type ServiceLoadRow,
} from '@shared';
import type { DirectorySnapshot } from './serviceDirectory';

/**
 * Which organisation an appeal's service is: its `serviceId`, else its free text matched to
 * the directory (outside producers send only text), else none. Matches are remembered per
 * directory version: the same few hundred texts recur across tens of thousands of appeals.
 */
export function createServiceResolver(): (directory: DirectorySnapshot, appeal: Appeal) => Organisation | null {
  let version = '';
  let memo = new Map<string, Organisation | null>();
  return (directory, appeal) => {
    if (appeal.serviceId !== undefined) return directory.byBin.get(appeal.serviceId) ?? null;
    if (appeal.service === undefined) return null;
    if (directory.version !== version) {
      version = directory.version;
      memo = new Map();
    }
    const key = `${appeal.region}|${appeal.service}`;
    let found = memo.get(key);
    if (found === undefined) {
      found = matchServiceName(directory.organisations, appeal.service, appeal.region);
      memo.set(key, found);
    }
    return found;
  };
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = values.sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

interface Group {
  row: ServiceLoadRow;
  responses: number[];
}

/**
 * Per service, in `regions`: open, overdue (operational target), resolved today and the
 * median first response, over the appeals the live projection holds. Services with nothing
 * open or resolved today are left out (a directory of 1,500 would be mostly zeros).
 * Busiest first. Pure: the clock is a parameter.
 */
export function computeServiceLoad(
  appeals: Iterable<Appeal>,
  directory: DirectorySnapshot,
  regions: ReadonlySet<RegionCode>,
  now: number,
  resolve: (directory: DirectorySnapshot, appeal: Appeal) => Organisation | null = createServiceResolver(),
): ServiceLoadRow[] {
  // Midnight in Almaty: the instant after the end of yesterday (the calendar's own day rule).
  const todayStart = Date.parse(endOfAlmatyDay(almatyDateOf(now - 86_400_000))) + 1;
  const groups = new Map<string, Group>();
  for (const appeal of appeals) {
    if (appeal.service === undefined || !regions.has(appeal.region)) continue;
    const org = resolve(directory, appeal);
    const key = org ? org.bin : `text:${normaliseServiceName(appeal.service)}`;
    let group = groups.get(key);
    if (!group) {
      group = {
        row: {
          serviceId: org?.bin ?? null,
          name: org?.name ?? null,
          kind: org?.kind ?? null,
          service: org?.name.ru ?? appeal.service,
          open: 0,
          overdue: 0,
          legalOverdue: 0,
          resolvedToday: 0,
          medianResponseMs: null,
        },
        responses: [],
      };
      groups.set(key, group);
    }
    const { row } = group;
    if (isOpenStatus(appeal.status)) {
      row.open += 1;
      if (now > appeal.dueAt) row.overdue += 1;
      if (now > appeal.legalDueAt) row.legalOverdue = (row.legalOverdue ?? 0) + 1;
    }
    if (appeal.resolvedAt !== null && appeal.resolvedAt >= todayStart && appeal.resolvedAt <= now)
      row.resolvedToday += 1;
    if (appeal.respondedAt !== null) group.responses.push(Math.max(0, appeal.respondedAt - appeal.registeredAt));
  }
  const rows: ServiceLoadRow[] = [];
  for (const { row, responses } of groups.values()) {
    if (row.open === 0 && row.resolvedToday === 0) continue;
    row.medianResponseMs = median(responses);
    rows.push(row);
  }
  return rows.sort((a, b) => b.open - a.open || b.overdue - a.overdue || a.service.localeCompare(b.service, 'ru'));
}
