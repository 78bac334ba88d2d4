import { describe, expect, it } from 'vitest';
import {
  arrangeBadgedLabels,
  arrangeCountsFirst,
  citiesFirst,
  type LabelPlacement,
} from '../../../../../client/src/features/map/labelPlacement';

const label = (code: string, x: number, y: number) => ({
  code,
  x,
  y,
  width: 100,
  height: 40,
  compact: { width: 30, height: 18 },
});

/** No two placed labels (30×18 badges or 100×40 labels around one point) overlap. */
function expectApart(placements: ReadonlyMap<string, LabelPlacement>): void {
  const placed = [...placements].map(([code, { shift, isCompact }]) => {
    const w = isCompact ? 30 : 100;
    const h = isCompact ? 18 : 40;
    return { code, x: 50 - w / 2 + shift[0], y: 20 - h / 2 + shift[1], w, h };
  });
  for (const a of placed)
    for (const b of placed)
      if (a !== b) expect(a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h).toBe(false);
}

describe('arrangeBadgedLabels', () => {
  it('names the big cities first, and keeps only the badge of a label with no room for its name', () => {
    const priority = citiesFirst(['KZ-11', 'KZ-71']);
    expect(priority).toEqual(['KZ-71', 'KZ-11']);
    // Akmola (KZ-11) sits on Astana's point: Astana keeps its name there.
    const placements = arrangeBadgedLabels([label('KZ-11', 0, 0), label('KZ-71', 0, 0)], priority);
    expect(placements.get('KZ-71')).toEqual({ shift: [0, 0], isCompact: false });
    const akmola = placements.get('KZ-11');
    expect(akmola).toBeDefined();
    // Moved half a box at most with its name, or shown as its badge alone.
    if (akmola && !akmola.isCompact) expect(Math.hypot(...akmola.shift)).toBeLessThanOrEqual(60);
  });

  it('never places two labels on each other, and hides what does not fit', () => {
    const boxes = Array.from({ length: 30 }, (_, i) => label(`R${i}`, 0, 0));
    const placements = arrangeBadgedLabels(boxes, []);
    expectApart(placements);
    expect(placements.size).toBeLessThan(30);
  });
});

describe('arrangeCountsFirst (the wall)', () => {
  it('never places two labels on each other, and places counts before names', () => {
    const boxes = Array.from({ length: 30 }, (_, i) => label(`R${i}`, 0, 0));
    const placements = arrangeCountsFirst(boxes, []);
    expectApart(placements);
    expect([...placements.values()].filter((p) => !p.isCompact).length).toBeLessThan(placements.size);
  });

  it('names the big cities first, on their point', () => {
    const placements = arrangeCountsFirst(
      [label('KZ-11', 0, 0), label('KZ-71', 0, 0)],
      citiesFirst(['KZ-11', 'KZ-71']),
    );
    expect(placements.get('KZ-71')).toEqual({ shift: [0, 0], isCompact: false });
  });

  it("keeps a small region's count on its point beside a big neighbour's long name (the wall's 36 px names)", () => {
    // A: a large region (first in priority) whose name would reach over B's point, 100 px east.
    const big = { code: 'A', x: -150, y: -40, width: 300, height: 80, compact: { width: 60, height: 40 } };
    const small = { code: 'B', x: -25, y: -40, width: 250, height: 80, compact: { width: 60, height: 40 } };
    // arrangeBadgedLabels (the dashboard's) gives A's name the place and pushes B's badge ~96 px off.
    expect(Math.hypot(...(arrangeBadgedLabels([big, small], ['A', 'B']).get('B')?.shift ?? [0, 0]))).toBeGreaterThan(
      60,
    );
    const placements = arrangeCountsFirst([big, small], ['A', 'B']);
    const b = placements.get('B');
    expect(b).toBeDefined();
    expect(Math.hypot(...(b?.shift ?? [Infinity, 0]))).toBeLessThanOrEqual(30);
    expect(placements.get('A')).toBeDefined();
  });
});
