import { describe, expect, it } from 'vitest';
import {
  addMonths,
  almatyDateOf,
  almatyOffsetMinutes,
  endOfAlmatyDay,
  isLocalDate,
  startOfAlmatyDay,
} from '../../../../shared/src/calendar/almatyTime';
import { createRng } from '../../../../server/src/simulator/random';

const intlDate = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Almaty',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

describe('almatyDateOf', () => {
  it('agrees with the IANA zone (this runtime’s tzdata) for 20,000 instants of 2000–2027', () => {
    const random = createRng(20251207).next;
    const from = Date.UTC(2000, 0, 1);
    const to = Date.UTC(2028, 0, 1);
    for (let i = 0; i < 20_000; i++) {
      const ms = Math.floor(from + random() * (to - from));
      expect(almatyDateOf(ms), new Date(ms).toISOString()).toBe(intlDate.format(ms));
    }
  });

  it('agrees with it a minute either side of every offset change of 2000–2024', () => {
    const changes = [Date.UTC(2024, 1, 29, 18)];
    for (let year = 2000; year <= 2004; year++) {
      for (let ms = Date.UTC(year, 0, 1); ms < Date.UTC(year + 1, 0, 1); ms += 3_600_000) {
        if (almatyOffsetMinutes(ms) !== almatyOffsetMinutes(ms + 3_600_000)) changes.push(ms + 3_600_000);
      }
    }
    // Summer time began and ended in each of 2000–2004, then 2024's move to UTC+5.
    expect(changes.length).toBe(1 + 2 * 5);
    for (const change of changes) {
      for (const ms of [change - 60_000, change, change + 60_000, change + 3_600_000]) {
        expect(almatyDateOf(ms)).toBe(intlDate.format(ms));
      }
    }
  });

  it('puts local midnight at 19:00 UTC since March 2024 and at 18:00 UTC before', () => {
    expect(almatyDateOf('2026-03-20T18:59:59Z')).toBe('2026-03-20');
    expect(almatyDateOf('2026-03-20T19:00:00Z')).toBe('2026-03-21');
    expect(almatyDateOf('2023-06-01T17:59:59Z')).toBe('2023-06-01');
    expect(almatyDateOf('2023-06-01T18:00:00Z')).toBe('2023-06-02');
  });

  it('gives 29 February 2024 its 25 hours (00:00 +06 to 23:59 +05)', () => {
    expect(almatyDateOf('2024-02-28T18:00:00Z')).toBe('2024-02-29');
    expect(almatyDateOf('2024-02-29T18:30:00Z')).toBe('2024-02-29');
    expect(almatyDateOf('2024-02-29T19:00:00Z')).toBe('2024-03-01');
    expect(new Date(startOfAlmatyDay('2024-03-01')).toISOString()).toBe('2024-02-29T19:00:00.000Z');
    expect(endOfAlmatyDay('2024-02-28')).toBe('2024-02-28T17:59:59.999Z');
    expect(endOfAlmatyDay('2024-02-29')).toBe('2024-02-29T18:59:59.999Z');
    expect(endOfAlmatyDay('2003-07-01')).toBe('2003-07-01T16:59:59.999Z');
  });
});

describe('date helpers', () => {
  it('adds months ending on the last day of a shorter month', () => {
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2025-12-31', 2)).toBe('2026-02-28');
    expect(addMonths('2025-10-31', 2)).toBe('2025-12-31');
    expect(addMonths('2025-11-30', 2)).toBe('2026-01-30');
  });

  it('accepts only real dates written YYYY-MM-DD', () => {
    expect(isLocalDate('2024-02-29')).toBe(true);
    expect(isLocalDate('2025-02-29')).toBe(false);
    expect(isLocalDate('2025-2-28')).toBe(false);
    expect(isLocalDate('2025-13-01')).toBe(false);
  });
});
