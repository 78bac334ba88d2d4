import { useCallback, useState } from 'react';
import { COLUMN_KEYS, type Column, type ColumnKey } from './regionColumns';

/**
 * The region table's column choice (issue 18): the columns a user hid, remembered in this
 * browser per user (localStorage: a screen preference, no data about anyone; the key holds a
 * hash of the user name, not the name). The id column cannot be hidden: it opens the appeal.
 */

export const COLUMN_STORAGE_PREFIX = 'ortalyq.regionColumns.v1:';
export const FIXED_COLUMNS: ReadonlySet<ColumnKey> = new Set(['id']);

/** FNV-1a of the user name, base 36: the storage key names no one. */
function hashOf(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(36);
}

export const columnStorageKey = (username: string): string => `${COLUMN_STORAGE_PREFIX}${hashOf(username)}`;

const KNOWN = new Set<string>(COLUMN_KEYS);

/** The hidden columns stored for `username`; unknown or fixed keys and unreadable values are dropped. */
export function readHiddenColumns(username: string, storage = globalThis.localStorage): ReadonlySet<ColumnKey> {
  try {
    const parsed: unknown = JSON.parse(storage?.getItem(columnStorageKey(username)) ?? '[]');
    if (!Array.isArray(parsed)) return new Set();
    return new Set(
      parsed.filter(
        (key): key is ColumnKey => typeof key === 'string' && KNOWN.has(key) && !FIXED_COLUMNS.has(key as ColumnKey),
      ),
    );
  } catch {
    return new Set();
  }
}

export function writeHiddenColumns(
  username: string,
  hidden: ReadonlySet<ColumnKey>,
  storage = globalThis.localStorage,
): void {
  try {
    storage?.setItem(columnStorageKey(username), JSON.stringify([...hidden]));
  } catch {
    // Storage full or refused (private mode): the choice lasts for this page only.
  }
}

/** The columns left after the choice. */
export function visibleColumns(columns: readonly Column[], hidden: ReadonlySet<ColumnKey>): readonly Column[] {
  return columns.filter((column) => !hidden.has(column.key));
}

/** The hidden columns of `username` and a toggle that remembers them. */
export function useHiddenColumns(username: string): {
  hidden: ReadonlySet<ColumnKey>;
  toggle(key: ColumnKey): void;
  showAll(): void;
} {
  const [state, setState] = useState(() => ({ username, hidden: readHiddenColumns(username) }));
  const hidden = state.username === username ? state.hidden : readHiddenColumns(username);
  const update = useCallback(
    (next: ReadonlySet<ColumnKey>) => {
      writeHiddenColumns(username, next);
      setState({ username, hidden: next });
    },
    [username],
  );
  const toggle = useCallback(
    (key: ColumnKey) => {
      if (FIXED_COLUMNS.has(key)) return;
      const next = new Set(hidden);
      if (!next.delete(key)) next.add(key);
      update(next);
    },
    [hidden, update],
  );
  const showAll = useCallback(() => update(new Set()), [update]);
  return { hidden, toggle, showAll };
}
