import { describe, expect, it } from 'vitest';
import { ariaSortOf, columnsFor, nextSort, parseSort } from '../../../../../client/src/features/region/regionColumns';
import { APPEAL_SORT_KEYS } from '../../../../../shared/src/api/appealQuery';

describe('region table columns', () => {
  it('shows the region column only for a shape of several regions', () => {
    expect(columnsFor({ showRegion: true }).map((c) => c.key)).toContain('region');
    expect(columnsFor({ showRegion: false }).map((c) => c.key)).not.toContain('region');
  });

  it('sorts only by keys the API knows', () => {
    for (const column of columnsFor({ showRegion: true })) {
      if (column.sortKey !== null) expect(APPEAL_SORT_KEYS).toContain(column.sortKey);
    }
  });
});

describe('sorting by a header click', () => {
  it('starts each column in the direction a supervisor wants first', () => {
    expect(nextSort('-registeredAt', 'dueAt')).toBe('dueAt');
    expect(nextSort('-registeredAt', 'priority')).toBe('-priority');
    expect(nextSort('dueAt', 'registeredAt')).toBe('-registeredAt');
    expect(nextSort('dueAt', 'category')).toBe('category');
  });

  it('flips the direction of the column already sorted', () => {
    expect(nextSort('-registeredAt', 'registeredAt')).toBe('registeredAt');
    expect(nextSort('registeredAt', 'registeredAt')).toBe('-registeredAt');
    expect(nextSort('-priority', 'priority')).toBe('priority');
  });

  it('says the sort to assistive technology', () => {
    const columns = columnsFor({ showRegion: false });
    const id = columns.find((c) => c.key === 'id');
    const registered = columns.find((c) => c.key === 'registeredAt');
    if (!id || !registered) throw new Error('columns missing');
    expect(parseSort('-registeredAt')).toEqual({ key: 'registeredAt', direction: 'desc' });
    expect(ariaSortOf('-registeredAt', registered)).toBe('descending');
    expect(ariaSortOf('registeredAt', registered)).toBe('ascending');
    expect(ariaSortOf('dueAt', registered)).toBe('none');
    expect(ariaSortOf('-registeredAt', id)).toBe('none');
  });
});
