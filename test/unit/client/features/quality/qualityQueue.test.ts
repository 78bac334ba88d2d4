import { describe, expect, it } from 'vitest';
import type { Appeal } from '@shared';
import { movedIndex, queueRows } from '../../../../../client/src/features/quality/qualityQueue';

const DAY = 86_400_000;
const WINDOW = 14 * DAY;
const NOW = Date.parse('2026-12-07T10:00:00+05:00');

function resolved(id: string, resolvedAt: number, extra: Record<string, unknown> = {}): Appeal {
  return {
    id,
    status: 'resolved',
    resolvedAt,
    closedAt: null,
    feedback: null,
    outcome: 'satisfied',
    ...extra,
  } as unknown as Appeal;
}

describe('quality-control queue', () => {
  it('lists appeals awaiting a callback, oldest resolution first, ties by id', () => {
    const rows = queueRows(
      [resolved('A-3', NOW - DAY), resolved('A-2', NOW - 7 * DAY - 3_600_000), resolved('A-1', NOW - DAY)],
      new Map(),
      NOW,
      WINDOW,
    );
    expect(rows.map((r) => r.appeal.id)).toEqual(['A-2', 'A-1', 'A-3']);
    expect(rows[0]).toMatchObject({ daysSinceResolution: 7, windowLeftMs: 7 * DAY - 3_600_000 });
  });

  it('keeps an unreachable citizen (call again) and drops confirmed, reopened and expired ones', () => {
    const listed = [
      resolved('A-1', NOW - DAY, { feedback: { result: 'unreachable', at: NOW - 3_600_000 } }),
      resolved('A-2', NOW - DAY, { feedback: { result: 'confirmed', rating: 5, at: NOW - 60_000 } }),
      resolved('A-3', NOW - 15 * DAY),
      resolved('A-4', NOW - DAY),
    ];
    // The live replica already has A-4 reopened (a "not confirmed" recorded elsewhere).
    const live = new Map([['A-4', resolved('A-4', NOW - DAY, { status: 'reopened', resolvedAt: null })]]);
    expect(queueRows(listed, live, NOW, WINDOW).map((r) => r.appeal.id)).toEqual(['A-1']);
  });

  it('still finds a callback due a week after the resolution (the window is 14 days)', () => {
    const rows = queueRows([resolved('A-1', NOW - 7 * DAY)], new Map(), NOW, WINDOW);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.windowLeftMs).toBe(7 * DAY);
  });

  it('ignores a callback made for an earlier resolution', () => {
    const again = resolved('A-1', NOW - DAY, { feedback: { result: 'confirmed', at: NOW - 10 * DAY } });
    expect(queueRows([again], new Map(), NOW, WINDOW)).toHaveLength(1);
  });

  it('moves with j/k, the arrows, Home and End, within the list', () => {
    expect(movedIndex('j', 0, 3)).toBe(1);
    expect(movedIndex('ArrowDown', 2, 3)).toBe(2);
    expect(movedIndex('k', 0, 3)).toBe(0);
    expect(movedIndex('ArrowUp', 2, 3)).toBe(1);
    expect(movedIndex('End', 0, 3)).toBe(2);
    expect(movedIndex('Home', 2, 3)).toBe(0);
    expect(movedIndex('x', 1, 3)).toBeNull();
    expect(movedIndex('j', 0, 0)).toBeNull();
  });
});
