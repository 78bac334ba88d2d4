/** What a key press on the region table does. */
export type TableKeyAction =
  | { kind: 'move'; delta: number }
  | { kind: 'page'; direction: 1 | -1 }
  | { kind: 'first' }
  | { kind: 'last' }
  | { kind: 'open' }
  | { kind: 'toggle'; isRange: boolean }
  | { kind: 'back' };

export interface KeyPress {
  key: string;
  shiftKey?: boolean;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
}

/**
 * The table's keys: j / ↓ next row, k / ↑ previous, PageDown / PageUp a screen, Home / End
 * first and last, Enter opens the appeal, Space (or x) chooses the row (with Shift: the
 * range from the last chosen one), Escape goes back. Null for keys the table leaves alone
 * (with Ctrl, Alt or Meta nothing is taken: those are the browser's).
 */
export function tableKeyAction(press: KeyPress): TableKeyAction | null {
  if (press.ctrlKey || press.metaKey || press.altKey) return null;
  switch (press.key) {
    case 'ArrowDown':
    case 'j':
      return { kind: 'move', delta: 1 };
    case 'ArrowUp':
    case 'k':
      return { kind: 'move', delta: -1 };
    case 'PageDown':
      return { kind: 'page', direction: 1 };
    case 'PageUp':
      return { kind: 'page', direction: -1 };
    case 'Home':
      return { kind: 'first' };
    case 'End':
      return { kind: 'last' };
    case 'Enter':
      return { kind: 'open' };
    case ' ':
    case 'x':
    case 'X':
      return { kind: 'toggle', isRange: press.shiftKey === true };
    case 'Escape':
      return { kind: 'back' };
    default:
      return null;
  }
}

/** The active row after a movement, clamped to the list; -1 for an empty list. */
export function movedIndex(current: number, action: TableKeyAction, count: number, pageSize: number): number {
  if (count === 0) return -1;
  const last = count - 1;
  const from = current < 0 ? -1 : Math.min(current, last);
  switch (action.kind) {
    case 'move':
      return from < 0 ? 0 : Math.max(0, Math.min(last, from + action.delta));
    case 'page':
      return Math.max(0, Math.min(last, Math.max(from, 0) + action.direction * Math.max(1, pageSize)));
    case 'first':
      return 0;
    case 'last':
      return last;
    case 'open':
    case 'toggle':
    case 'back':
      return from;
  }
}
