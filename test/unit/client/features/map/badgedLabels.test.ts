import { describe, expect, it } from 'vitest';
import { arrangeBadgedLabels, citiesFirst } from '../../../../../client/src/features/map/labelPlacement';

const label = (code: string, x: number, y: number) => ({
  code,
  x,
  y,
  width: 100,
  height: 40,
  compact: { width: 30, height: 18 },
});

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
    const placed = [...placements].map(([code, { shift, isCompact }]) => {
      const w = isCompact ? 30 : 100;
      const h = isCompact ? 18 : 40;
      return { code, x: 50 - w / 2 + shift[0], y: 20 - h / 2 + shift[1], w, h };
    });
    for (const a of placed)
      for (const b of placed)
        if (a !== b) expect(a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h).toBe(false);
    expect(placements.size).toBeLessThan(30);
  });
});
