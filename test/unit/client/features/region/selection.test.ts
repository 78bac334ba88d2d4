import { describe, expect, it } from 'vitest';
import {
  headerState,
  keepListed,
  selectRange,
  setAll,
  toggleOne,
} from '../../../../../client/src/features/region/selection';

const IDS = ['A-1', 'A-2', 'A-3', 'A-4', 'A-5'];

describe('row selection', () => {
  it('toggles one row, remembering the order rows were chosen', () => {
    const chosen = toggleOne(toggleOne(new Set(), 'A-3'), 'A-1');
    expect([...chosen]).toEqual(['A-3', 'A-1']);
    expect([...toggleOne(chosen, 'A-3')]).toEqual(['A-1']);
  });

  it('chooses a shift-click range from the anchor, either direction', () => {
    expect([...selectRange(new Set(['A-2']), IDS, 'A-2', 'A-4')].sort()).toEqual(['A-2', 'A-3', 'A-4']);
    expect([...selectRange(new Set(['A-4']), IDS, 'A-4', 'A-1')].sort()).toEqual(['A-1', 'A-2', 'A-3', 'A-4']);
  });

  it('clears a range when the target was chosen (the range follows the target)', () => {
    const all = new Set(IDS);
    expect([...selectRange(all, IDS, 'A-1', 'A-3')]).toEqual(['A-4', 'A-5']);
  });

  it('toggles only the target without a usable anchor', () => {
    expect([...selectRange(new Set(), IDS, null, 'A-2')]).toEqual(['A-2']);
    expect([...selectRange(new Set(), IDS, 'gone', 'A-2')]).toEqual(['A-2']);
  });

  it('chooses or clears all rows, leaving others alone', () => {
    expect([...setAll(new Set(['X']), IDS.slice(0, 2), true)]).toEqual(['X', 'A-1', 'A-2']);
    expect([...setAll(new Set(['X', 'A-1']), IDS, false)]).toEqual(['X']);
  });

  it('drops rows that left the list, returning the same set when none did', () => {
    const chosen = new Set(['A-1', 'A-9']);
    expect([...keepListed(chosen, new Set(IDS))]).toEqual(['A-1']);
    const kept = new Set(['A-1']);
    expect(keepListed(kept, new Set(IDS))).toBe(kept);
  });

  it('reports the state of the "choose all" box', () => {
    expect(headerState(new Set(), IDS)).toBe('none');
    expect(headerState(new Set(['A-1']), IDS)).toBe('some');
    expect(headerState(new Set(IDS), IDS)).toBe('all');
    expect(headerState(new Set(['X']), [])).toBe('none');
  });
});
