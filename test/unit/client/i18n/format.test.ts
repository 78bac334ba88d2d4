import { describe, expect, it } from 'vitest';
import {
  dayCount,
  formatDuration,
  getFormatters,
  NO_VALUE,
  resolveKzTimeZone,
} from '../../../../client/src/i18n/format';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
/** 2026-11-27 10:05:09 in Kazakhstan (UTC+5). */
const AT = Date.parse('2026-11-27T10:05:09+05:00');

// Intl output contains narrow/non-breaking spaces depending on the ICU version.
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('formatters', () => {
  it('show times in Kazakhstan time, 24-hour, whatever the machine zone', () => {
    for (const language of ['ru', 'kk', 'en'] as const) {
      expect(getFormatters(language).time(AT)).toBe('10:05:09');
    }
    expect(getFormatters('ru').time(Date.parse('2026-11-27T18:30:00Z'))).toBe('23:30:00');
  });

  it('give an ISO instant for <time dateTime>', () => {
    expect(getFormatters('kk').isoInstant(AT)).toBe('2026-11-27T05:05:09.000Z');
  });

  it('group counts by locale', () => {
    expect(plain(getFormatters('ru').count(12345))).toBe('12 345');
    expect(plain(getFormatters('kk').count(12345))).toBe('12 345');
    expect(getFormatters('en').count(12345)).toBe('12,345');
  });

  it('give one decimal and whole percentages, kk with the Russian conventions', () => {
    expect(getFormatters('ru').decimal(4.56)).toBe('4,6');
    expect(getFormatters('kk').decimal(4.56)).toBe('4,6');
    expect(getFormatters('en').decimal(4.56)).toBe('4.6');
    expect(getFormatters('en').decimal(12)).toBe('12');
    expect(plain(getFormatters('ru').percent(0.123))).toBe('12 %');
    expect(plain(getFormatters('kk').percent(0.5))).toBe('50 %');
    expect(getFormatters('en').percent(0.123)).toBe('12%');
  });

  it('format durations in the largest fitting unit', () => {
    const ru = getFormatters('ru');
    expect(ru.duration(null)).toBe(NO_VALUE);
    expect(plain(ru.duration(45 * SECOND))).toBe('45 с');
    expect(plain(ru.duration(4.5 * MINUTE))).toBe('4,5 мин');
    expect(plain(ru.duration(12.4 * MINUTE))).toBe('12 мин');
    expect(plain(ru.duration(59.7 * MINUTE))).toBe('1 ч');
    expect(plain(ru.duration(90 * MINUTE))).toBe('1 ч 30 мин');
    expect(plain(getFormatters('kk').duration(90 * MINUTE))).toBe('1 сағ 30 мин');
    expect(plain(getFormatters('en').duration(4.5 * MINUTE))).toMatch(/^4\.5 min/);
  });

  it('say an hour or more as people do: "1 ч 06 мин", not "1,1 ч"', () => {
    expect(plain(formatDuration(66 * MINUTE, 'ru'))).toBe('1 ч 06 мин');
    expect(plain(formatDuration(66 * MINUTE, 'kk'))).toBe('1 сағ 06 мин');
    expect(plain(formatDuration(66 * MINUTE, 'en'))).toBe('1 h 06 min');
    expect(plain(formatDuration(3 * HOUR + 20 * SECOND, 'ru'))).toBe('3 ч');
    expect(plain(formatDuration(23 * HOUR + 59.6 * MINUTE, 'ru'))).toBe('1 день');
    expect(plain(formatDuration(53 * HOUR, 'ru'))).toBe('2 дня 5 ч');
    expect(plain(formatDuration(53 * HOUR, 'kk'))).toBe('2 күн 5 сағ');
    expect(plain(formatDuration(53 * HOUR, 'en'))).toBe('2 days 5 h');
    expect(plain(formatDuration(240 * HOUR, 'ru'))).toBe('10 дней');
    expect(formatDuration(null, 'en')).toBe(NO_VALUE);
  });

  it.each([
    [0, '0 дней', '0 күн', '0 days'],
    [1, '1 день', '1 күн', '1 day'],
    [2, '2 дня', '2 күн', '2 days'],
    [5, '5 дней', '5 күн', '5 days'],
    [21, '21 день', '21 күн', '21 days'],
    [22, '22 дня', '22 күн', '22 days'],
    [111, '111 дней', '111 күн', '111 days'],
  ])('count %i days with each language’s plural rule', (n, ru, kk, en) => {
    const count = new Intl.NumberFormat('ru');
    expect(plain(dayCount(n, 'ru', count))).toBe(ru);
    expect(plain(dayCount(n, 'kk', count))).toBe(kk);
    expect(plain(dayCount(n, 'en', count))).toBe(en);
  });

  it('say a deadline days ahead in days: "через 10 дней", not "через 240 часов"', () => {
    expect(getFormatters('ru').inFuture(240 * HOUR)).toBe('через 10 дней');
    expect(getFormatters('ru').inFuture(21 * 24 * HOUR)).toBe('через 21 день');
    expect(getFormatters('ru').inFuture(48 * HOUR)).toBe('через 2 дня');
    expect(getFormatters('ru').inFuture(47 * HOUR)).toBe('через 47 часов');
    expect(getFormatters('en').inFuture(5 * 24 * HOUR)).toBe('in 5 days');
    expect(getFormatters('kk').inFuture(5 * 24 * HOUR)).toBe('5 күннен кейін');
  });

  it('never show a negative or NaN duration', () => {
    expect(plain(getFormatters('ru').duration(-5000))).toBe('0 с');
    expect(getFormatters('ru').duration(Number.NaN)).toBe(NO_VALUE);
  });

  it('say how long ago in each language', () => {
    expect(getFormatters('ru').ago(12 * SECOND)).toBe('12 секунд назад');
    expect(getFormatters('kk').ago(12 * SECOND)).toBe('12 секунд бұрын');
    expect(getFormatters('en').ago(12 * SECOND)).toBe('12 seconds ago');
    expect(getFormatters('kk').ago(3 * MINUTE + 59 * SECOND)).toBe('3 минут бұрын');
    expect(getFormatters('en').ago(2 * HOUR)).toBe('2 hours ago');
    expect(getFormatters('en').ago(null)).toBe(NO_VALUE);
  });

  it('say how long until, rounded up, with Kazakh words that never come from ICU', () => {
    expect(getFormatters('ru').inFuture(15 * MINUTE)).toBe('через 15 минут');
    expect(getFormatters('ru').inFuture(14 * MINUTE + 1)).toBe('через 15 минут');
    expect(getFormatters('ru').inFuture(30 * SECOND)).toBe('через 30 секунд');
    expect(getFormatters('ru').inFuture(0)).toBe('через 1 секунду');
    expect(getFormatters('en').inFuture(59.5 * SECOND)).toBe('in 1 minute');
    expect(getFormatters('en').inFuture(HOUR - SECOND)).toBe('in 1 hour');
    expect(getFormatters('kk').inFuture(15 * MINUTE)).toBe('15 минуттан кейін');
    expect(getFormatters('kk').inFuture(30 * SECOND)).toBe('30 секундтан кейін');
    expect(getFormatters('kk').inFuture(2 * HOUR)).toBe('2 сағаттан кейін');
    expect(getFormatters('kk').inFuture(Number.NaN)).toBe('1 секундтан кейін');
  });

  it('show a numeric date and time in Kazakhstan time (kk with the Russian digits pattern)', () => {
    expect(plain(getFormatters('ru').dateTime(AT))).toBe('27.11.2026, 10:05:09');
    expect(plain(getFormatters('kk').dateTime(AT))).toBe('27.11.2026, 10:05:09');
    expect(plain(getFormatters('en').dateTime(AT))).toBe('27/11/2026, 10:05:09');
    expect(getFormatters('ru').dateTime(Number.NaN)).toBe(NO_VALUE);
  });

  it('are cached per language', () => {
    expect(getFormatters('kk')).toBe(getFormatters('kk'));
    expect(getFormatters('kk')).not.toBe(getFormatters('ru'));
  });
});

describe('resolveKzTimeZone', () => {
  it('uses Asia/Almaty when the time-zone data knows the 2024 change to UTC+5', () => {
    expect(resolveKzTimeZone(() => 'GMT+05:00')).toBe('Asia/Almaty');
  });

  it('falls back to a fixed UTC+5 zone with older data or a broken Intl', () => {
    expect(resolveKzTimeZone(() => 'GMT+06:00')).toBe('Etc/GMT-5');
    expect(
      resolveKzTimeZone(() => {
        throw new RangeError('no zone');
      }),
    ).toBe('Etc/GMT-5');
  });

  it('Etc/GMT-5 really is five hours ahead of UTC', () => {
    const time = new Intl.DateTimeFormat('en-GB', { timeZone: 'Etc/GMT-5', hour: '2-digit', hourCycle: 'h23' });
    expect(time.format(Date.UTC(2026, 0, 1, 0))).toBe('05');
  });
});
