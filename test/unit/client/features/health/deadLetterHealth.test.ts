import { describe, expect, it } from 'vitest';
import { parseDeadLetters } from '../../../../../client/src/features/health/deadLetterHealth';

const CHECKED_AT = Date.parse('2026-11-27T10:05:00+05:00');

describe('parseDeadLetters', () => {
  it('reads the national answer, times as epoch ms', () => {
    const parsed = parseDeadLetters({
      status: 'ok',
      checkedAt: CHECKED_AT,
      deadLetters: {
        count: 2,
        firstAt: '2026-11-27T04:00:00.000Z',
        lastAt: '2026-11-27T05:00:00.000Z',
        recent: [
          { id: '2-0', sourceId: '1764219600000-0', reason: 'not JSON', deadAt: '2026-11-27T05:00:00.000Z' },
          { id: '1-0', reason: 'invalid', deadAt: 'yesterday' },
        ],
      },
    });
    expect(parsed).toEqual({
      count: 2,
      firstAt: Date.parse('2026-11-27T04:00:00Z'),
      lastAt: Date.parse('2026-11-27T05:00:00Z'),
      checkedAt: CHECKED_AT,
      recent: [
        { id: '2-0', sourceId: '1764219600000-0', reason: 'not JSON', deadAt: Date.parse('2026-11-27T05:00:00Z') },
        { id: '1-0', sourceId: null, reason: 'invalid', deadAt: null },
      ],
    });
  });

  it('reads an empty stream (no times)', () => {
    const parsed = parseDeadLetters({
      checkedAt: CHECKED_AT,
      deadLetters: { count: 0, firstAt: null, lastAt: null, recent: [] },
    });
    expect(parsed).toMatchObject({ count: 0, firstAt: null, lastAt: null, recent: [] });
  });

  it("says 'hidden' for a regional user's answer and null for another shape", () => {
    expect(parseDeadLetters({ status: 'ok', checkedAt: CHECKED_AT, redis: { connected: true } })).toBe('hidden');
    expect(parseDeadLetters({ status: 'degraded' })).toBeNull();
    expect(parseDeadLetters({ checkedAt: CHECKED_AT, deadLetters: { count: -1, recent: [] } })).toBeNull();
    expect(parseDeadLetters(null)).toBeNull();
    expect(parseDeadLetters('<html>')).toBeNull();
  });
});
