import { describe, expect, it } from 'vitest';
import { anchorOf, scrollTopFor } from '../../../../../client/src/features/region/scrollAnchor';
import { movedIndex, tableKeyAction } from '../../../../../client/src/features/region/tableKeys';

describe('tableKeyAction', () => {
  it('maps j/k and the arrows, pages, ends, Enter, Space/x and Escape', () => {
    expect(tableKeyAction({ key: 'j' })).toEqual({ kind: 'move', delta: 1 });
    expect(tableKeyAction({ key: 'ArrowDown' })).toEqual({ kind: 'move', delta: 1 });
    expect(tableKeyAction({ key: 'k' })).toEqual({ kind: 'move', delta: -1 });
    expect(tableKeyAction({ key: 'ArrowUp' })).toEqual({ kind: 'move', delta: -1 });
    expect(tableKeyAction({ key: 'PageDown' })).toEqual({ kind: 'page', direction: 1 });
    expect(tableKeyAction({ key: 'Home' })).toEqual({ kind: 'first' });
    expect(tableKeyAction({ key: 'End' })).toEqual({ kind: 'last' });
    expect(tableKeyAction({ key: 'Enter' })).toEqual({ kind: 'open' });
    expect(tableKeyAction({ key: ' ', shiftKey: true })).toEqual({ kind: 'toggle', isRange: true });
    expect(tableKeyAction({ key: 'x' })).toEqual({ kind: 'toggle', isRange: false });
    expect(tableKeyAction({ key: 'Escape' })).toEqual({ kind: 'back' });
  });

  it('leaves other keys and browser shortcuts alone', () => {
    expect(tableKeyAction({ key: 'a' })).toBeNull();
    expect(tableKeyAction({ key: 'j', ctrlKey: true })).toBeNull();
    expect(tableKeyAction({ key: 'ArrowDown', altKey: true })).toBeNull();
    expect(tableKeyAction({ key: 'k', metaKey: true })).toBeNull();
  });
});

describe('movedIndex', () => {
  it('moves within the list and clamps at both ends', () => {
    expect(movedIndex(3, { kind: 'move', delta: 1 }, 10, 5)).toBe(4);
    expect(movedIndex(9, { kind: 'move', delta: 1 }, 10, 5)).toBe(9);
    expect(movedIndex(0, { kind: 'move', delta: -1 }, 10, 5)).toBe(0);
    expect(movedIndex(2, { kind: 'page', direction: 1 }, 10, 5)).toBe(7);
    expect(movedIndex(7, { kind: 'page', direction: 1 }, 10, 5)).toBe(9);
    expect(movedIndex(3, { kind: 'page', direction: -1 }, 10, 5)).toBe(0);
    expect(movedIndex(3, { kind: 'first' }, 10, 5)).toBe(0);
    expect(movedIndex(3, { kind: 'last' }, 10, 5)).toBe(9);
  });

  it('starts at the first row when none is active, and knows an empty list', () => {
    expect(movedIndex(-1, { kind: 'move', delta: 1 }, 10, 5)).toBe(0);
    expect(movedIndex(-1, { kind: 'move', delta: -1 }, 10, 5)).toBe(0);
    expect(movedIndex(-1, { kind: 'page', direction: 1 }, 10, 5)).toBe(5);
    expect(movedIndex(4, { kind: 'move', delta: 1 }, 0, 5)).toBe(-1);
  });

  it('clamps an active row past a list that shrank', () => {
    expect(movedIndex(50, { kind: 'move', delta: -1 }, 10, 5)).toBe(8);
  });
});

describe('scroll anchoring across a refresh', () => {
  const H = 40;
  it('keeps the top row in place when rows arrive above it', () => {
    const before = ['A-5', 'A-4', 'A-3', 'A-2', 'A-1'];
    const anchor = anchorOf(2 * H + 10, H, before);
    expect(anchor).toEqual({ id: 'A-3', offset: 10 });
    const after = ['A-7', 'A-6', ...before];
    expect(scrollTopFor(anchor, H, (id) => after.indexOf(id))).toBe(4 * H + 10);
  });

  it('anchors nothing at the top (new rows should show) or when the row is gone', () => {
    expect(anchorOf(0, H, ['A-1'])).toBeNull();
    expect(anchorOf(100, H, [])).toBeNull();
    expect(scrollTopFor(null, H, () => 0)).toBeNull();
    expect(scrollTopFor({ id: 'A-9', offset: 0 }, H, () => -1)).toBeNull();
  });

  it('anchors the last row when scrolled past the end of a shorter list', () => {
    expect(anchorOf(10 * H, H, ['A-1', 'A-2'])).toEqual({ id: 'A-2', offset: 9 * H });
  });
});
