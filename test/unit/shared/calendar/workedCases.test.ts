import { describe, expect, it } from 'vitest';
import {
  BUILT_IN_CALENDAR_YEARS,
  addCalendarYear,
  addWorkingDays,
  createWorkingCalendar,
  extendedDeadline,
  legalDeadline,
  redirectDeadline,
  workingDaysBetween,
  type CalendarYear,
} from '@shared';

/**
 * The worked cases of docs/legal-deadlines.md, counted by hand on a printed calendar
 * (weekends, the holidays of each year, their weekend moves and the ordered transfers),
 * not taken from the code. Instants are UTC; Kazakhstan is UTC+5 (UTC+6 before March 2024).
 */
const calendar = createWorkingCalendar(BUILT_IN_CALENDAR_YEARS);

function builtIn(year: number): CalendarYear {
  const entry = BUILT_IN_CALENDAR_YEARS.find((y) => y.year === year);
  if (!entry) throw new Error(`no built-in ${year}`);
  return entry;
}

describe('legal deadline: 15 working days from the day after receipt', () => {
  it.each([
    // [case, registeredAt (UTC), local registration, deadline date, provisional]
    ['Nauryz 2026 (21–25 March off)', '2026-03-18T09:00:00Z', 'Wed 18 Mar 14:00', '2026-04-13', true],
    ['New Year 2026 (1–4 and 7 January off)', '2025-12-26T06:00:00Z', 'Fri 26 Dec 11:00', '2026-01-21', true],
    [
      'New Year 2025 across the 3 ↔ 5 January transfer',
      '2024-12-27T06:00:00Z',
      'Fri 27 Dec 11:00',
      '2025-01-22',
      false,
    ],
    ['May 2024 across the 4 ↔ 8 May transfer', '2024-05-02T05:00:00Z', 'Thu 2 May 10:00', '2024-05-27', false],
    ['a Saturday', '2025-11-15T07:00:00Z', 'Sat 15 Nov 12:00', '2025-12-05', false],
    ['the Friday before, in working hours', '2025-11-14T10:00:00Z', 'Fri 14 Nov 15:00', '2025-12-05', false],
    ['the Friday before, after hours', '2025-11-14T15:30:00Z', 'Fri 14 Nov 20:30', '2025-12-05', false],
    ['the Monday after', '2025-11-17T04:00:00Z', 'Mon 17 Nov 09:00', '2025-12-08', false],
    ['23:59 on a Tuesday', '2025-04-15T18:59:00Z', 'Tue 15 Apr 23:59', '2025-05-08', false],
    ['00:01 on the Wednesday, two minutes later', '2025-04-15T19:01:00Z', 'Wed 16 Apr 00:01', '2025-05-12', false],
    ['on a holiday (first day of Nauryz 2025)', '2025-03-21T05:00:00Z', 'Fri 21 Mar 10:00', '2025-04-15', false],
    ['a year not in the data (2028, rules only)', '2028-03-20T05:00:00Z', 'Mon 20 Mar 10:00', '2028-04-13', true],
    [
      '2023, when Almaty was UTC+6: 00:30 on 2 June',
      '2023-06-01T18:30:00Z',
      'Fri 2 Jun 00:30 (+06)',
      '2023-06-23',
      true,
    ],
    ['2023, an hour earlier: 23:30 on 1 June', '2023-06-01T17:30:00Z', 'Thu 1 Jun 23:30 (+06)', '2023-06-22', true],
  ] as const)('%s: %s (%s) → %s', (_case, registeredAt, _local, date, provisional) => {
    const deadline = legalDeadline(calendar, registeredAt);
    expect(deadline.date).toBe(date);
    expect(deadline.provisional).toBe(provisional);
    expect(workingDaysBetween(calendar, registeredAt, deadline.at).days).toBe(15);
  });

  it('ends at 23:59:59.999 local on the last day, in the zone of that day', () => {
    expect(legalDeadline(calendar, '2026-03-18T09:00:00Z').at).toBe('2026-04-13T18:59:59.999Z');
    expect(legalDeadline(calendar, '2023-06-01T18:30:00Z').at).toBe('2023-06-23T17:59:59.999Z');
  });

  it('day 1 of the Nauryz 2026 case is Thursday 19 March, day 3 is Thursday 26 March', () => {
    expect(addWorkingDays(calendar, '2026-03-18T09:00:00Z', 1).date).toBe('2026-03-19');
    expect(addWorkingDays(calendar, '2026-03-18T09:00:00Z', 3).date).toBe('2026-03-26');
  });
});

describe('redirect: 3 working days', () => {
  it('over Nauryz 2026: Friday 20 March 16:00 → Monday 30 March', () => {
    expect(redirectDeadline(calendar, '2026-03-20T11:00:00Z')).toEqual({
      at: '2026-03-30T18:59:59.999Z',
      date: '2026-03-30',
      provisional: true,
    });
  });

  it('across the May 2024 transfer: Thursday 2 May → Monday 6 May (Saturday 4 May was worked)', () => {
    expect(redirectDeadline(calendar, '2024-05-02T05:00:00Z')).toEqual({
      at: '2024-05-06T18:59:59.999Z',
      date: '2024-05-06',
      provisional: false,
    });
    // Without the ministry's order the third working day would be Wednesday 8 May.
    const noTransfer = addCalendarYear(calendar, { ...builtIn(2024), transfers: [] });
    expect(redirectDeadline(noTransfer, '2024-05-02T05:00:00Z').date).toBe('2024-05-08');
  });

  it('a worked Sunday counts: 1 January 2025 → day 1 is Sunday 5 January (Friday 3 January off)', () => {
    expect(addWorkingDays(calendar, '2025-01-01T05:00:00Z', 1).date).toBe('2025-01-05');
    const noTransfer = addCalendarYear(calendar, { ...builtIn(2025), transfers: [] });
    expect(addWorkingDays(noTransfer, '2025-01-01T05:00:00Z', 1).date).toBe('2025-01-03');
  });
});

describe('extension by calendar months', () => {
  it.each([
    [
      '2 months onto a holiday: Wed 6 May 2026 → Mon 6 July (Capital Day) → Tue 7 July',
      '2026-05-06T18:59:59.999Z',
      2,
      '2026-07-07',
      true,
    ],
    [
      'onto Constitution Day 2025: Mon 30 June → Sat 30 August → Tue 2 September (1 Sept is its moved day off)',
      '2025-06-30T18:59:59.999Z',
      2,
      '2025-09-02',
      false,
    ],
    [
      'from 31 December: 2026 has no 31 February → Sat 28 February → Mon 2 March',
      '2025-12-31T18:59:59.999Z',
      2,
      '2026-03-02',
      true,
    ],
    [
      '1 month onto a working day stays there: Tue 15 April 2025 → Thu 15 May',
      '2025-04-15T10:00:00Z',
      1,
      '2025-05-15',
      false,
    ],
  ] as const)('%s', (_case, from, months, date, provisional) => {
    const deadline = extendedDeadline(calendar, from, months);
    expect(deadline.date).toBe(date);
    expect(deadline.provisional).toBe(provisional);
  });

  it('refuses more than two months, less than one, or a fraction', () => {
    expect(() => extendedDeadline(calendar, '2025-04-15T10:00:00Z', 3)).toThrow(RangeError);
    expect(() => extendedDeadline(calendar, '2025-04-15T10:00:00Z', 0)).toThrow(RangeError);
    expect(() => extendedDeadline(calendar, '2025-04-15T10:00:00Z', 1.5)).toThrow(RangeError);
  });
});

describe('workingDaysBetween', () => {
  it('counts the days after the first up to and including the second, signed', () => {
    // Friday 20 March 2026 → Thursday 26 March: only the 26th is worked.
    expect(workingDaysBetween(calendar, '2026-03-20T11:00:00Z', '2026-03-26T04:00:00Z')).toEqual({
      days: 1,
      provisional: true,
    });
    expect(workingDaysBetween(calendar, '2025-11-17T04:00:00Z', '2025-11-15T07:00:00Z').days).toBe(-1);
    expect(workingDaysBetween(calendar, '2025-11-17T04:00:00Z', '2025-11-17T12:00:00Z').days).toBe(0);
  });

  it('refuses a count below one and an unparsable instant', () => {
    expect(() => addWorkingDays(calendar, '2025-11-17T04:00:00Z', 0)).toThrow(RangeError);
    expect(() => legalDeadline(calendar, 'yesterday')).toThrow(RangeError);
  });
});
