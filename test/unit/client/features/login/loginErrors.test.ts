import { describe, expect, it } from 'vitest';
import { createI18n } from '../../../../../client/src/i18n/createI18n';
import { getFormatters } from '../../../../../client/src/i18n/format';
import type { Language } from '../../../../../client/src/i18n/languages';
import {
  loginErrorOf,
  loginErrorText,
  parseRetryAfter,
  validateLogin,
  type LoginError,
} from '../../../../../client/src/features/login/loginErrors';

const NOW = Date.parse('2026-11-27T10:00:00Z');
const refused = (status: number, error: string | null = null, retryAfter: string | null = null) =>
  ({ ok: false, status, error, retryAfter }) as const;

const textIn = (language: Language, error: LoginError) =>
  loginErrorText(error, createI18n(language).t, getFormatters(language));

describe('parseRetryAfter', () => {
  it('reads delay-seconds and HTTP-dates', () => {
    expect(parseRetryAfter('900', NOW)).toBe(900_000);
    expect(parseRetryAfter(' 0 ', NOW)).toBe(0);
    expect(parseRetryAfter('Fri, 27 Nov 2026 10:02:00 GMT', NOW)).toBe(120_000);
    expect(parseRetryAfter('Fri, 27 Nov 2026 09:00:00 GMT', NOW)).toBe(0);
  });

  it('gives null for a missing or unreadable header', () => {
    expect(parseRetryAfter(null, NOW)).toBeNull();
    expect(parseRetryAfter('', NOW)).toBeNull();
    expect(parseRetryAfter('soon', NOW)).toBeNull();
    expect(parseRetryAfter('-5', NOW)).toBeNull();
  });
});

describe('loginErrorOf', () => {
  it('maps each status to what the UI says', () => {
    expect(loginErrorOf(refused(401, 'wrong username or password'), NOW)).toEqual({ kind: 'wrong-credentials' });
    expect(loginErrorOf(refused(400, 'username: 3–32 characters'), NOW)).toEqual({
      kind: 'invalid',
      field: 'username',
    });
    expect(loginErrorOf(refused(400, 'password: missing'), NOW)).toEqual({ kind: 'invalid', field: 'password' });
    expect(loginErrorOf(refused(400, 'something else'), NOW)).toEqual({ kind: 'invalid', field: null });
    expect(loginErrorOf(refused(429, 'too many', '600'), NOW)).toEqual({ kind: 'rate-limited', retryAfterMs: 600_000 });
    expect(loginErrorOf(refused(0), NOW)).toEqual({ kind: 'unavailable' });
    expect(loginErrorOf(refused(500), NOW)).toEqual({ kind: 'unavailable' });
  });
});

describe('loginErrorText', () => {
  const limited: LoginError = { kind: 'rate-limited', retryAfterMs: 14 * 60_000 + 5_000 };

  it('says when to retry after too many attempts, rounded up, in every language', () => {
    expect(textIn('ru', limited)).toBe('Слишком много попыток входа. Повторите через 15 минут.');
    expect(textIn('kk', limited)).toBe('Кіру әрекеттері тым көп. 15 минуттан кейін қайталаңыз.');
    expect(textIn('en', limited)).toBe('Too many sign-in attempts. Try again in 15 minutes.');
    expect(textIn('ru', { kind: 'rate-limited', retryAfterMs: 40_000 })).toBe(
      'Слишком много попыток входа. Повторите через 40 секунд.',
    );
  });

  it('says "later" when the server gave no Retry-After', () => {
    expect(textIn('kk', { kind: 'rate-limited', retryAfterMs: null })).toBe(
      'Кіру әрекеттері тым көп. Кейінірек қайталаңыз.',
    );
  });

  it('never shows the server English text on a Kazakh screen', () => {
    expect(textIn('kk', { kind: 'wrong-credentials' })).toBe('Пайдаланушы аты немесе құпиясөз қате');
    expect(textIn('kk', { kind: 'invalid', field: 'username' })).toMatch(/^3–32 таңба/);
    expect(textIn('kk', { kind: 'unavailable' })).toBe('Сервер жауап бермейді. Қайталап көріңіз.');
    expect(textIn('en', { kind: 'wrong-credentials' })).toBe('Wrong username or password');
  });
});

describe('validateLogin', () => {
  it('asks for both fields', () => {
    expect(validateLogin('', '')).toEqual({ username: 'required', password: 'required' });
    expect(validateLogin('   ', 'x')).toEqual({ username: 'required' });
  });

  it('checks the username like the server does (trimmed, case-insensitive)', () => {
    expect(validateLogin(' Aigerim.N ', 'x')).toEqual({});
    expect(validateLogin('ab', 'x')).toEqual({ username: 'format' });
    expect(validateLogin('айгерим', 'x')).toEqual({ username: 'format' });
  });

  it('does not judge the password beyond it being there', () => {
    expect(validateLogin('aigerim', 'a')).toEqual({});
  });
});
