import { describe, expect, it } from 'vitest';
import {
  BUILT_IN_CALENDAR_YEARS,
  addCalendarYear,
  calendarYearSchema,
  createWorkingCalendar,
  defineCalendarYear,
  legalDeadline,
  type CalendarYear,
} from '@shared';

const year2028 = (): CalendarYear =>
  defineCalendarYear({
    year: 2028,
    kurbanAit: '2028-05-05',
    transfers: [
      { date: '2028-01-08', kind: 'working' },
      { date: '2028-01-03', kind: 'day_off' },
    ],
    verified: { holidays: false, transfers: false },
    source: 'test',
  });

function messages(value: unknown): string[] {
  const result = calendarYearSchema.safeParse(value);
  return result.success ? [] : result.error.issues.map((i) => i.message);
}

describe('calendarYearSchema', () => {
  it('accepts every built-in year and a year made by defineCalendarYear', () => {
    for (const year of [...BUILT_IN_CALENDAR_YEARS, year2028()]) expect(messages(year)).toEqual([]);
  });

  it('rejects a date listed twice, among holidays or between a holiday and a transfer', () => {
    const y = year2028();
    expect(messages({ ...y, holidays: [...y.holidays, y.holidays[0]] })).toContain('2028-01-01 is listed twice');
    // 2028-01-01 is a Saturday: a worked holiday is not a transfer the schema lets through.
    expect(messages({ ...y, transfers: [{ date: '2028-01-01', kind: 'working' }] })).toContain(
      '2028-01-01 is listed twice',
    );
    expect(messages({ ...y, transfers: [...y.transfers, { date: '2028-01-08', kind: 'working' }] })).toContain(
      '2028-01-08 is listed twice',
    );
  });

  it('rejects a date outside the year', () => {
    const y = year2028();
    expect(messages({ ...y, transfers: [{ date: '2027-01-09', kind: 'working' }] })).toContain(
      'transfer 2027-01-09 is outside 2028',
    );
    const shifted = y.holidays.map((h) => (h.code === 'republic_day' ? { ...h, date: '2029-10-25' } : h));
    expect(messages({ ...y, holidays: shifted })).toContain('holiday 2029-10-25 is outside 2028');
  });

  it('rejects a bad kind, a transfer that changes nothing, and a date that does not exist', () => {
    const y = year2028();
    expect(messages({ ...y, transfers: [{ date: '2028-01-08', kind: 'holiday' }] }).length).toBeGreaterThan(0);
    expect(messages({ ...y, transfers: [{ date: '2028-01-04', kind: 'working' }] })).toContain(
      '2028-01-04 is a weekday already',
    );
    expect(messages({ ...y, transfers: [{ date: '2028-01-09', kind: 'day_off' }] })).toContain(
      '2028-01-09 is a weekend day already',
    );
    expect(messages({ ...y, transfers: [{ date: '2028-02-30', kind: 'day_off' }] })).toContain(
      'expected a real date written YYYY-MM-DD',
    );
    expect(messages({ ...y, transfers: [{ date: '2028-1-3', kind: 'day_off' }] })).toContain(
      'expected a real date written YYYY-MM-DD',
    );
  });

  it('requires exactly one first day of Kurban ait', () => {
    const y = year2028();
    const without = y.holidays.filter((h) => h.code !== 'kurban_ait');
    expect(messages({ ...y, holidays: without })).toContain('expected one kurban_ait day, got 0');
    const twice = [
      ...y.holidays,
      ...y.holidays.filter((h) => h.code === 'kurban_ait').map((h) => ({ ...h, date: '2028-05-06' })),
    ];
    expect(messages({ ...y, holidays: twice })).toContain('expected one kurban_ait day, got 2');
  });

  it('refuses to move a religious holiday off a weekend', () => {
    const y = year2028();
    const moving = y.holidays.map((h) => (h.code === 'orthodox_christmas' ? { ...h, movesOffWeekend: true } : h));
    expect(messages({ ...y, holidays: moving })).toContain('orthodox_christmas does not move off a weekend');
  });

  it('rejects an empty name, a fractional year and a missing source', () => {
    const y = year2028();
    const noKazakh = y.holidays.map((h, i) => (i === 0 ? { ...h, names: { ...h.names, kk: ' ' } } : h));
    expect(calendarYearSchema.safeParse({ ...y, holidays: noKazakh }).success).toBe(false);
    expect(calendarYearSchema.safeParse({ ...y, year: 2028.5 }).success).toBe(false);
    expect(calendarYearSchema.safeParse({ ...y, source: '' }).success).toBe(false);
  });
});

describe('createWorkingCalendar / addCalendarYear', () => {
  it('refuses a year given twice and a malformed year', () => {
    expect(() => createWorkingCalendar([year2028(), year2028()])).toThrow(RangeError);
    expect(() =>
      createWorkingCalendar([{ ...year2028(), transfers: [{ date: '2028-01-04', kind: 'working' }] }]),
    ).toThrow();
    const calendar = createWorkingCalendar(BUILT_IN_CALENDAR_YEARS);
    expect(() => addCalendarYear(calendar, { ...year2028(), year: 2027 })).toThrow();
  });

  it('leaves the given calendar unchanged and replaces a year of the same number', () => {
    const calendar = createWorkingCalendar(BUILT_IN_CALENDAR_YEARS);
    const before = JSON.stringify(calendar);
    const next = addCalendarYear(calendar, year2028());
    expect(JSON.stringify(calendar)).toBe(before);
    expect(Object.keys(next.years)).toEqual(['2024', '2025', '2026', '2027', '2028']);
    const corrected = addCalendarYear(next, { ...year2028(), transfers: [] });
    expect(corrected.years['2028']?.transfers).toEqual([]);
  });

  it('is plain data: a JSON copy computes the same deadlines', () => {
    const calendar = addCalendarYear(createWorkingCalendar(BUILT_IN_CALENDAR_YEARS), year2028());
    const copy = JSON.parse(JSON.stringify(calendar)) as typeof calendar;
    expect(copy).toEqual(calendar);
    for (const at of ['2024-05-02T05:00:00Z', '2025-12-26T06:00:00Z', '2027-12-24T06:00:00Z']) {
      expect(legalDeadline(copy, at)).toEqual(legalDeadline(calendar, at));
    }
  });
});
