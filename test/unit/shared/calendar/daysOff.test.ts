import { describe, expect, it } from 'vitest';
import { BUILT_IN_CALENDAR_YEARS, createWorkingCalendar, describeDay, fixedHolidays, isWorkingDay } from '@shared';

/**
 * Known days of the built-in years as the press reported the official calendars (see
 * docs/legal-deadlines.md), and the rules for years outside the data.
 */
const calendar = createWorkingCalendar(BUILT_IN_CALENDAR_YEARS);

function daysOff(from: string, to: string): string[] {
  const out: string[] = [];
  for (let ms = Date.parse(from); ms <= Date.parse(to); ms += 86_400_000) {
    const date = new Date(ms).toISOString().slice(0, 10);
    if (!isWorkingDay(calendar, date)) out.push(date);
  }
  return out;
}

describe('built-in years', () => {
  it('2024: Nauryz 21, 22, 25 March; 7–9 May by the order; Capital Day moved to 8 July', () => {
    expect(daysOff('2024-03-18', '2024-03-26')).toEqual([
      '2024-03-21',
      '2024-03-22',
      '2024-03-23',
      '2024-03-24',
      '2024-03-25',
    ]);
    expect(daysOff('2024-05-01', '2024-05-12')).toEqual([
      '2024-05-01',
      '2024-05-05',
      '2024-05-07',
      '2024-05-08',
      '2024-05-09',
      '2024-05-11',
      '2024-05-12',
    ]);
    expect(describeDay(calendar, '2024-07-08').kind).toBe('moved_day_off');
  });

  it('religious holidays on a Sunday are not moved: 7 January and Kurban ait 16 June 2024', () => {
    expect(describeDay(calendar, '2024-01-07').kind).toBe('holiday');
    expect(isWorkingDay(calendar, '2024-01-08')).toBe(true);
    expect(describeDay(calendar, '2024-06-16').holiday?.code).toBe('kurban_ait');
    expect(isWorkingDay(calendar, '2024-06-17')).toBe(true);
  });

  it('2025: 1–4 January off and Sunday 5 January worked; weekend moves of March, July, September, October', () => {
    expect(daysOff('2025-01-01', '2025-01-08')).toEqual([
      '2025-01-01',
      '2025-01-02',
      '2025-01-03',
      '2025-01-04',
      '2025-01-07',
    ]);
    expect(describeDay(calendar, '2025-01-05').kind).toBe('transfer_working');
    for (const date of ['2025-03-10', '2025-03-24', '2025-03-25', '2025-07-07', '2025-09-01', '2025-10-27']) {
      expect(describeDay(calendar, date).kind, date).toBe('moved_day_off');
    }
    expect(isWorkingDay(calendar, '2025-05-08')).toBe(true);
  });

  it('2026: 1–4 and 7 January, 7–9 and 21–25 March off; 18 working days in March', () => {
    expect(daysOff('2026-01-01', '2026-01-08')).toEqual([
      '2026-01-01',
      '2026-01-02',
      '2026-01-03',
      '2026-01-04',
      '2026-01-07',
    ]);
    expect(daysOff('2026-03-07', '2026-03-26')).toEqual([
      '2026-03-07',
      '2026-03-08',
      '2026-03-09',
      '2026-03-14',
      '2026-03-15',
      '2026-03-21',
      '2026-03-22',
      '2026-03-23',
      '2026-03-24',
      '2026-03-25',
    ]);
    expect(31 - daysOff('2026-03-01', '2026-03-31').length).toBe(18);
    expect(describeDay(calendar, '2026-03-24').holiday?.code).toBe('nauryz');
  });

  it('2026 and 2027 are provisional (transfers not verified; Kurban ait 2027 estimated), 2024–2025 are not', () => {
    expect(describeDay(calendar, '2024-05-08').provisional).toBe(false);
    expect(describeDay(calendar, '2025-12-31').provisional).toBe(false);
    expect(describeDay(calendar, '2026-01-05').provisional).toBe(true);
    expect(describeDay(calendar, '2027-05-16').provisional).toBe(true);
  });

  it('carries the holiday names in Russian, Kazakh and English', () => {
    for (const year of BUILT_IN_CALENDAR_YEARS) {
      for (const h of year.holidays) {
        expect(h.names.ru && h.names.kk && h.names.en, `${h.date} ${h.code}`).toBeTruthy();
      }
    }
    expect(describeDay(calendar, '2026-12-16').holiday?.names.kk).toBe('Тәуелсіздік күні');
  });
});

describe('years outside the data: the rules alone', () => {
  it('2022 onward: Republic Day 25 October, Independence Day only 16 December, no 1 December', () => {
    const codes2021 = fixedHolidays(2021).map((h) => h.date.slice(5));
    const codes2022 = fixedHolidays(2022).map((h) => h.date.slice(5));
    expect(codes2021).toEqual(expect.arrayContaining(['12-01', '12-16', '12-17']));
    expect(codes2021).not.toContain('10-25');
    expect(codes2022).toEqual(expect.arrayContaining(['10-25', '12-16']));
    expect(codes2022).not.toContain('12-01');
    expect(codes2022).not.toContain('12-17');
  });

  it('moves weekend holidays and marks the day provisional (2022: 1–2 January on Sat–Sun → 3–4 January)', () => {
    expect(describeDay(calendar, '2022-01-03')).toMatchObject({ kind: 'moved_day_off', provisional: true });
    expect(describeDay(calendar, '2022-01-04').kind).toBe('moved_day_off');
    expect(isWorkingDay(calendar, '2022-01-05')).toBe(true);
    expect(describeDay(calendar, '2028-01-10').provisional).toBe(true);
  });
});
