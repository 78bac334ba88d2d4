import { describe, expect, it } from 'vitest';
import { BUILT_IN_CALENDAR_YEARS, createWorkingCalendar, legalDeadline, redirectDeadline } from '@shared';
import {
  formatLocalDate,
  legalClock,
  legalClockText,
  redirectClock,
} from '../../../../../client/src/features/appeal/legalClock';

const calendar = createWorkingCalendar(BUILT_IN_CALENDAR_YEARS);
const HOUR = 3_600_000;
// Monday 2 November 2026, 10:00 in Astana: no public holiday until the 15th working day.
const REGISTERED = Date.parse('2026-11-02T10:00:00+05:00');
const due = Date.parse(legalDeadline(calendar, REGISTERED).at);
const base = {
  status: 'registered' as const,
  resolvedAt: null,
  closedAt: null,
  legalDueAt: due,
  isLegalProvisional: false,
};
const at = (local: string) => Date.parse(`${local}+05:00`);

describe('legal clock', () => {
  it('counts 15 working days from the day after receipt, in working days left', () => {
    expect(legalDeadline(calendar, REGISTERED).date).toBe('2026-11-23');
    expect(legalClock(base, REGISTERED, calendar)).toMatchObject({
      state: 'running',
      daysLeft: 15,
      dueDate: '2026-11-23',
    });
    // Friday evening to the Monday after next: the weekend in between does not count.
    expect(legalClock(base, at('2026-11-13T19:00:00'), calendar)).toMatchObject({ state: 'running', daysLeft: 6 });
    // A Saturday counts like the Friday before it would have ended.
    expect(legalClock(base, at('2026-11-21T12:00:00'), calendar)).toMatchObject({ state: 'running', daysLeft: 1 });
  });

  it('says "last day" on the deadline day and overdue only after its end (23:59:59 local)', () => {
    const lastDay = legalClock(base, at('2026-11-23T23:59:00'), calendar);
    expect(lastDay).toMatchObject({ state: 'running', daysLeft: 0 });
    expect(legalClockText(lastDay)).toEqual({ key: 'lastDay', days: 0 });
    const next = legalClock(base, at('2026-11-24T00:00:01'), calendar);
    expect(next).toMatchObject({ state: 'overdue', daysOver: 1 });
    expect(legalClockText(next)).toEqual({ key: 'overdueBy', days: 1 });
  });

  it('overdue on a day off says the term passed, not "0 days"', () => {
    // Deadline Friday 20 November: Saturday is past it with no working day over yet.
    const friday = { ...base, legalDueAt: at('2026-11-20T23:59:59.999') };
    const clock = legalClock(friday, at('2026-11-21T10:00:00'), calendar);
    expect(clock).toMatchObject({ state: 'overdue', daysOver: 0 });
    expect(legalClockText(clock)).toEqual({ key: 'passed', days: 0 });
  });

  it('judges a finished appeal by when it was answered, whatever the clock says now', () => {
    const onTime = { ...base, status: 'resolved' as const, resolvedAt: at('2026-11-20T15:00:00') };
    expect(legalClock(onTime, at('2027-01-10T10:00:00'), calendar)).toMatchObject({ state: 'met' });
    const late = { ...base, status: 'closed' as const, resolvedAt: at('2026-11-25T15:00:00') };
    const clock = legalClock(late, at('2026-12-01T10:00:00'), calendar);
    expect(clock).toMatchObject({ state: 'missed', daysLate: 2 });
    expect(legalClockText(clock)).toEqual({ key: 'missed', days: 2 });
    // Rejected without a resolution: the rejection (closedAt) is the answer.
    const rejected = { ...base, status: 'rejected' as const, closedAt: at('2026-11-05T09:00:00') };
    expect(legalClock(rejected, at('2026-12-30T10:00:00'), calendar).state).toBe('met');
  });

  it('carries the provisional mark of the deadline', () => {
    expect(legalClock({ ...base, isLegalProvisional: true }, REGISTERED, calendar).provisional).toBe(true);
  });

  it('shows the redirect term only while open, not redirected and not past', () => {
    const redirectDueAt = Date.parse(redirectDeadline(calendar, REGISTERED).at);
    const appeal = { status: 'assigned' as const, redirectDueAt };
    expect(redirectClock(appeal, REGISTERED + HOUR, calendar)).toMatchObject({ dueDate: '2026-11-05', daysLeft: 3 });
    expect(redirectClock(appeal, at('2026-11-05T18:00:00'), calendar)).toMatchObject({ daysLeft: 0 });
    expect(redirectClock(appeal, at('2026-11-06T09:00:00'), calendar)).toBeNull();
    expect(redirectClock({ ...appeal, status: 'redirected' }, REGISTERED + HOUR, calendar)).toBeNull();
    expect(redirectClock({ ...appeal, status: 'resolved' }, REGISTERED + HOUR, calendar)).toBeNull();
  });
});

describe('local dates in words', () => {
  it('writes the date the way each language does, without the browser’s locale data', () => {
    expect(formatLocalDate('2026-12-16', 'ru')).toBe('16 декабря 2026');
    expect(formatLocalDate('2026-12-16', 'kk')).toBe('2026 жылғы 16 желтоқсан');
    expect(formatLocalDate('2026-03-01', 'en')).toBe('1 March 2026');
  });
});
