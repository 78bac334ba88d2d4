import { describe, expect, it } from 'vitest';
import {
  BUILT_IN_CALENDAR_YEARS,
  addCalendarYear,
  almatyDateOf,
  createWorkingCalendar,
  extendedDeadline,
  isWorkingDay,
  legalDeadline,
  redirectDeadline,
  workingDaysBetween,
  type CalendarYear,
} from '@shared';
import { addDays } from '../../../../shared/src/calendar/almatyTime';
import { createRng } from '../../../../server/src/simulator/random';

const calendar = createWorkingCalendar(BUILT_IN_CALENDAR_YEARS);

/** `count` random instants in [from, to), seeded so a failure names a reproducible case. */
function instants(seed: number, count: number, from: string, to: string): number[] {
  const random = createRng(seed).next;
  const start = Date.parse(from);
  const span = Date.parse(to) - start;
  return Array.from({ length: count }, () => Math.floor(start + random() * span));
}

/** Working days after `from` up to and including `to`, walked one date at a time. */
function countWorkingDays(from: string, to: string): number {
  let days = 0;
  for (let day = addDays(from, 1); day <= to; day = addDays(day, 1)) if (isWorkingDay(calendar, day)) days++;
  return days;
}

// Registrations up to October 2027 keep the deadline inside the data (2024–2027).
const SAMPLE = instants(17, 3000, '2024-01-01T00:00:00Z', '2027-10-01T00:00:00Z');

describe('legal deadline properties over 2024–2027', () => {
  it('falls on a working day, 15 working days after the day of receipt, the 15th being the deadline', () => {
    for (const ms of SAMPLE) {
      const iso = new Date(ms).toISOString();
      const deadline = legalDeadline(calendar, ms);
      expect(isWorkingDay(calendar, deadline.date), iso).toBe(true);
      expect(countWorkingDays(almatyDateOf(ms), deadline.date), iso).toBe(15);
      expect(countWorkingDays(almatyDateOf(ms), addDays(deadline.date, -1)), iso).toBe(14);
      expect(workingDaysBetween(calendar, ms, deadline.at).days, iso).toBe(15);
    }
  });

  it('ends at the last millisecond of the local deadline day', () => {
    for (const ms of SAMPLE.slice(0, 500)) {
      const deadline = legalDeadline(calendar, ms);
      expect(almatyDateOf(deadline.at)).toBe(deadline.date);
      expect(almatyDateOf(Date.parse(deadline.at) + 1)).toBe(addDays(deadline.date, 1));
    }
  });

  it('is monotonic: a later registration never gets an earlier deadline; the redirect comes first', () => {
    const sorted = [...SAMPLE].sort((a, b) => a - b);
    let previous = '';
    for (const ms of sorted) {
      const deadline = legalDeadline(calendar, ms);
      expect(deadline.at >= previous, new Date(ms).toISOString()).toBe(true);
      previous = deadline.at;
      expect(redirectDeadline(calendar, ms).at < deadline.at).toBe(true);
      expect(extendedDeadline(calendar, deadline.at, 1).at > deadline.at).toBe(true);
    }
  });

  it('turns at local midnight: 18:59:59 UTC is still the day, 19:00:00 UTC the next', () => {
    const random = createRng(1907).next;
    for (let i = 0; i < 1000; i++) {
      const day = addDays('2024-03-01', Math.floor(random() * 1300));
      const before = legalDeadline(calendar, `${day}T18:59:59Z`);
      const after = legalDeadline(calendar, `${day}T19:00:00Z`);
      expect(almatyDateOf(`${day}T18:59:59Z`)).toBe(day);
      expect(almatyDateOf(`${day}T19:00:00Z`)).toBe(addDays(day, 1));
      // The second counts from the next day: one working day later if that day is worked.
      const expected = isWorkingDay(calendar, addDays(day, 1)) ? 1 : 0;
      expect(countWorkingDays(before.date, after.date), day).toBe(expected);
    }
  });
});

describe('a calendar event adding a transfer', () => {
  // 2026 with an order like 2024's: Saturday 3 October worked, Friday 9 October off.
  const base2026 = BUILT_IN_CALENDAR_YEARS.find((y) => y.year === 2026) as CalendarYear;
  const withTransfer = addCalendarYear(calendar, {
    ...base2026,
    transfers: [
      { date: '2026-10-03', kind: 'working' },
      { date: '2026-10-09', kind: 'day_off' },
    ],
  });
  const registrations = instants(303, 2000, '2026-08-15T00:00:00Z', '2026-11-30T00:00:00Z');

  it('changes a deadline only around the transfer: never when neither date is counted, nor for a full swap', () => {
    let changed = 0;
    for (const ms of registrations) {
      const iso = new Date(ms).toISOString();
      const received = almatyDateOf(ms);
      const old = legalDeadline(calendar, ms);
      const next = legalDeadline(withTransfer, ms);
      const last = old.date > next.date ? old.date : next.date;
      const counted = (date: string) => received < date && date <= last;
      if (!counted('2026-10-03') && !counted('2026-10-09')) expect(next, iso).toEqual(old);
      // Both dates strictly inside the old window: one day gained, one lost, same deadline.
      else if (received < '2026-10-03' && '2026-10-09' < old.date) expect(next, iso).toEqual(old);
      else if (next.date !== old.date) {
        changed++;
        // Around the transfer the deadline moves by one working day at most.
        const [early, late] = next.date < old.date ? [next.date, old.date] : [old.date, next.date];
        expect(countWorkingDays(early, late), iso).toBeLessThanOrEqual(1);
      }
    }
    // The sample does reach the transfer, so the checks above are not vacuous.
    expect(changed).toBeGreaterThan(50);
  });

  it('leaves every other year untouched', () => {
    for (const ms of SAMPLE) {
      if (almatyDateOf(ms) >= '2026-08-01' && almatyDateOf(ms) <= '2026-10-09') continue;
      expect(legalDeadline(withTransfer, ms)).toEqual(legalDeadline(calendar, ms));
    }
  });
});

describe('provisional results', () => {
  it('a year missing from the calendar is provisional, its deadline still a working day by the rules', () => {
    for (const ms of instants(2028, 300, '2028-01-01T00:00:00Z', '2031-01-01T00:00:00Z')) {
      const deadline = legalDeadline(calendar, ms);
      expect(deadline.provisional).toBe(true);
      expect(isWorkingDay(calendar, deadline.date)).toBe(true);
      expect(countWorkingDays(almatyDateOf(ms), deadline.date)).toBe(15);
    }
  });

  it('2024–2025 are final; a deadline that reaches 2026 (transfers unverified) is provisional', () => {
    for (const ms of instants(2024, 300, '2024-01-01T00:00:00Z', '2025-12-01T00:00:00Z')) {
      expect(legalDeadline(calendar, ms).provisional).toBe(false);
    }
    expect(legalDeadline(calendar, '2025-12-20T06:00:00Z').provisional).toBe(true);
  });

  it('a verified year removed from the calendar makes its deadlines provisional and rule-based', () => {
    const without2025 = createWorkingCalendar(BUILT_IN_CALENDAR_YEARS.filter((y) => y.year !== 2025));
    expect(legalDeadline(without2025, '2025-03-03T05:00:00Z').provisional).toBe(true);
    // Without the order, Friday 3 January 2025 is an ordinary working day again.
    expect(isWorkingDay(without2025, '2025-01-03')).toBe(true);
    expect(isWorkingDay(calendar, '2025-01-03')).toBe(false);
  });
});
