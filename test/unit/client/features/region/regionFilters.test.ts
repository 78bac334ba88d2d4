import { describe, expect, it } from 'vitest';
import {
  activeFilterCount,
  appealsPagePath,
  clearedFilters,
  csvPath,
  EMPTY_FILTERS,
  fromKzLocalInput,
  kzInstant,
  listQueryOf,
  OPEN_STATUSES,
  parseRegionSearch,
  regionSearchOf,
  toKzLocalInput,
  type RegionFilters,
} from '../../../../../client/src/features/region/regionFilters';
import { appealListQuerySchema } from '../../../../../shared/src/api/appealQuery';

const AT_8 = Date.parse('2026-11-27T08:00:00+05:00');
const AT_20 = Date.parse('2026-11-27T20:30:00+05:00');

const FULL: RegionFilters = {
  category: ['heating', 'gas'],
  status: ['registered', 'assigned'],
  priority: ['emergency'],
  channel: ['telegram'],
  overdue: true,
  from: AT_8,
  to: AT_20,
  q: 'жарық & су+',
  sort: 'dueAt',
};

/** What Express would hand the API for a query string (repeated keys become arrays). */
function expressQuery(query: string): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [key, value] of new URLSearchParams(query)) {
    const previous = out[key];
    out[key] = previous === undefined ? value : [...(Array.isArray(previous) ? previous : [previous]), value];
  }
  return out;
}

describe('region filters in the address bar', () => {
  it('round-trips every filter and the sort', () => {
    const search = regionSearchOf(FULL);
    expect(parseRegionSearch(search)).toEqual(FULL);
  });

  it('writes a canonical, readable query: API keys, vocabulary order, commas, KZ instants', () => {
    expect(regionSearchOf({ ...EMPTY_FILTERS, category: ['heating', 'gas'], overdue: true, sort: '-dueAt' })).toBe(
      '?category=heating,gas&overdue=true&sort=-dueAt',
    );
    expect(regionSearchOf({ ...EMPTY_FILTERS, from: AT_8 })).toBe('?from=2026-11-27T08%3A00%3A00%2B05%3A00');
  });

  it('leaves the default view without a query', () => {
    expect(regionSearchOf(EMPTY_FILTERS)).toBe('');
    expect(regionSearchOf({ ...EMPTY_FILTERS, q: '   ' })).toBe('');
    expect(parseRegionSearch('')).toEqual(EMPTY_FILTERS);
  });

  it('is lenient with edited links: unknown values, keys and sorts are dropped, lists may repeat', () => {
    const filters = parseRegionSearch(
      '?category=gas,teleport&category=heating&status=open&priority=&overdue=maybe&sort=colour&region=KZ-75&limit=9',
    );
    expect(filters.category).toEqual(['heating', 'gas']);
    expect(filters.status).toEqual([]);
    expect(filters.priority).toEqual([]);
    expect(filters.overdue).toBeNull();
    expect(filters.sort).toBe('-registeredAt');
  });

  it('reads instants with any offset, drops unreadable ones and an empty range', () => {
    expect(parseRegionSearch('?from=2026-11-27T03:00:00Z').from).toBe(AT_8);
    expect(parseRegionSearch('?from=2026-11-27T08:00+05:00').from).toBe(AT_8);
    expect(parseRegionSearch('?from=yesterday').from).toBeNull();
    expect(parseRegionSearch('?from=2026-11-27').from).toBeNull();
    const empty = parseRegionSearch(
      `?from=${encodeURIComponent(kzInstant(AT_20))}&to=${encodeURIComponent(kzInstant(AT_8))}`,
    );
    expect(empty).toMatchObject({ from: AT_20, to: null });
  });

  it('keeps overdue=false from a link', () => {
    expect(parseRegionSearch('?overdue=false').overdue).toBe(false);
  });

  it('counts and clears the filters, keeping the sort', () => {
    expect(activeFilterCount(FULL)).toBe(8);
    expect(activeFilterCount(EMPTY_FILTERS)).toBe(0);
    expect(clearedFilters(FULL)).toEqual({ ...EMPTY_FILTERS, sort: 'dueAt' });
  });

  it('lists the backlog statuses for "open only"', () => {
    expect(OPEN_STATUSES).toEqual(['registered', 'assigned', 'in_progress', 'reopened', 'redirected']);
  });
});

describe('list and CSV requests', () => {
  it('asks for the shape’s regions with the same filters and sort, in pages of 500', () => {
    const query = listQueryOf(['KZ-63', 'KZ-10'], FULL);
    expect(query.startsWith('region=KZ-63,KZ-10&category=')).toBe(true);
    expect(appealsPagePath(query, null)).toBe(`/api/appeals?${query}&limit=500`);
    expect(appealsPagePath(query, 'abc+/=')).toBe(`/api/appeals?${query}&limit=500&cursor=abc%2B%2F%3D`);
    expect(csvPath(query, 'kk')).toBe(`/api/appeals.csv?${query}&lang=kk`);
    expect(csvPath('', 'en')).toBe('/api/appeals.csv?lang=en');
  });

  it('is accepted by the server’s own query schema, meaning the same filters', () => {
    const query = appealListQuerySchema.parse(
      expressQuery(appealsPagePath(listQueryOf(['KZ-71'], FULL), null).split('?')[1] ?? ''),
    );
    expect(query).toMatchObject({
      region: ['KZ-71'],
      category: ['heating', 'gas'],
      status: ['registered', 'assigned'],
      priority: ['emergency'],
      channel: ['telegram'],
      overdue: true,
      from: AT_8,
      to: AT_20,
      q: 'жарық & су+',
      sort: 'dueAt',
      limit: 500,
    });
    // The default view sends its sort explicitly, so the CSV order never depends on a server default.
    expect(appealListQuerySchema.parse(expressQuery(listQueryOf(['KZ-71'], EMPTY_FILTERS))).sort).toBe('-registeredAt');
  });
});

describe('datetime-local in Kazakhstan time', () => {
  it('shows and reads an instant as UTC+5 wall time whatever the browser zone', () => {
    expect(toKzLocalInput(AT_8)).toBe('2026-11-27T08:00');
    expect(toKzLocalInput(null)).toBe('');
    expect(fromKzLocalInput('2026-11-27T08:00')).toBe(AT_8);
    expect(fromKzLocalInput('2026-11-27T08:00:30')).toBe(AT_8 + 30_000);
    expect(fromKzLocalInput('')).toBeNull();
    expect(fromKzLocalInput('27.11.2026')).toBeNull();
  });
});
