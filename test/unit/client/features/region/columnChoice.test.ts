import { describe, expect, it } from 'vitest';
import {
  columnStorageKey,
  readHiddenColumns,
  visibleColumns,
  writeHiddenColumns,
} from '../../../../../client/src/features/region/columnChoice';
import { columnsFor } from '../../../../../client/src/features/region/regionColumns';

/** A Storage over a Map (the browser's localStorage in the e2e suite). */
function memoryStorage(): Storage & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return {
    map,
    get length() {
      return map.size;
    },
    clear: () => map.clear(),
    getItem: (key) => map.get(key) ?? null,
    key: (i) => [...map.keys()][i] ?? null,
    removeItem: (key) => void map.delete(key),
    setItem: (key, value) => void map.set(key, value),
  };
}

describe('the region table’s column choice', () => {
  it('is remembered per user, under a key that does not name the user', () => {
    const storage = memoryStorage();
    writeHiddenColumns('aigerim.supervisor', new Set(['description', 'address']), storage);
    expect(readHiddenColumns('aigerim.supervisor', storage)).toEqual(new Set(['description', 'address']));
    expect(readHiddenColumns('another.user', storage)).toEqual(new Set());
    expect(columnStorageKey('aigerim.supervisor')).not.toContain('aigerim');
    expect([...storage.map.keys()].join()).not.toContain('aigerim');
  });

  it('drops the id column, unknown keys and unreadable values', () => {
    const storage = memoryStorage();
    storage.setItem(columnStorageKey('u'), JSON.stringify(['id', 'colour', 'status', 7]));
    expect(readHiddenColumns('u', storage)).toEqual(new Set(['status']));
    storage.setItem(columnStorageKey('u'), '{not json');
    expect(readHiddenColumns('u', storage)).toEqual(new Set());
    expect(readHiddenColumns('u', undefined)).toEqual(new Set());
  });

  it('leaves the other columns in their order', () => {
    const all = columnsFor({ showRegion: true });
    const shown = visibleColumns(all, new Set(['region', 'description']));
    expect(shown.map((c) => c.key)).toEqual(all.map((c) => c.key).filter((k) => k !== 'region' && k !== 'description'));
  });
});
