import { describe, expect, it } from 'vitest';
import { compactKzDateTime } from '../../../../../client/src/features/region/rowFormat';

describe('compactKzDateTime', () => {
  it('writes day.month and time in Kazakhstan time, whatever the browser zone', () => {
    expect(compactKzDateTime(Date.parse('2026-11-27T22:10:59+05:00'))).toBe('27.11 22:10');
    // 20:30 UTC on 31 December is already New Year's Day in Kazakhstan.
    expect(compactKzDateTime(Date.parse('2026-12-31T20:30:00Z'))).toBe('01.01 01:30');
  });
});
