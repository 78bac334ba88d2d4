import { describe, expect, it } from 'vitest';
import {
  parseTypedDate,
  periodEnd,
  periodStart,
  typedDateOf,
  typedEndOf,
  typedStartOf,
} from '../../../../../client/src/features/region/periodDates';

describe('the region page’s period in Kazakhstan calendar days', () => {
  it('reads days typed дд.мм.гггг (and / or -), refusing dates that do not exist', () => {
    expect(parseTypedDate('27.11.2026')).toBe('2026-11-27');
    expect(parseTypedDate(' 7/1/2026 ')).toBe('2026-01-07');
    expect(parseTypedDate('29.02.2024')).toBe('2024-02-29');
    expect(parseTypedDate('29.02.2026')).toBeNull();
    expect(parseTypedDate('11/27/2026')).toBeNull();
    expect(parseTypedDate('2026-11-27')).toBeNull();
    expect(parseTypedDate('')).toBeNull();
    expect(typedDateOf('2026-01-07')).toBe('07.01.2026');
  });

  it('turns a day into the instants the API takes: from its first moment, to (inclusive) the next day’s first', () => {
    expect(new Date(periodStart('2026-11-27')).toISOString()).toBe('2026-11-26T19:00:00.000Z');
    expect(new Date(periodEnd('2026-11-27')).toISOString()).toBe('2026-11-27T19:00:00.000Z');
    // Before March 2024 Kazakhstan was at UTC+6.
    expect(new Date(periodStart('2023-06-01')).toISOString()).toBe('2023-05-31T18:00:00.000Z');
  });

  it('shows the days back from the instants, the last day included', () => {
    expect(typedStartOf(periodStart('2026-11-27'))).toBe('27.11.2026');
    expect(typedEndOf(periodEnd('2026-11-27'))).toBe('27.11.2026');
    expect(typedStartOf(null)).toBe('');
    expect(typedEndOf(null)).toBe('');
  });
});
