import { describe, expect, it } from 'vitest';
import { passwordProblem, PASSWORD_RULES } from '../../../../shared/src/auth/passwordPolicy';
import common from '../../../../shared/data/common-passwords.json';

describe('passwordProblem', () => {
  it('takes ordinary passphrases and mixed passwords, in any script', () => {
    for (const password of ['Steppe wind at dawn', 'Ж7кр!мп2Lq', 'Тұмар-тау-2026', 'sunflower-lake-7', 'kP9#vLq2xW']) {
      expect(passwordProblem(password, { username: 'aigerim' }), password).toBeNull();
    }
  });

  it('keeps the length floor of 10 characters (counted in characters, not UTF-16 units) and a ceiling', () => {
    expect(passwordProblem('Kx7#mQ2!z')).toBe('too_short');
    expect(passwordProblem('Қазақ-2-жыл'.slice(0, 9))).toBe('too_short');
    expect(passwordProblem('😀'.repeat(5) + 'abcd')).toBe('too_short');
    expect(passwordProblem('x7'.repeat(60) + 'Kq!'.repeat(30))).toBe('too_long');
  });

  it('refuses whitespace only, whatever kind of space', () => {
    expect(passwordProblem(' '.repeat(10))).toBe('whitespace');
    expect(passwordProblem('\u00a0\u2003\t'.repeat(4))).toBe('whitespace');
  });

  it('refuses one character or a short part repeated', () => {
    for (const password of ['aaaaaaaaaa', 'abcabcabca', '1212121212', 'parolparol', 'ЖЖЖЖЖЖЖЖЖЖЖ', 'xy!xy!xy!x']) {
      expect(passwordProblem(password), password).toBe('repetitive');
    }
  });

  it('refuses runs of digits, letters and keyboard rows, forwards or back, on either layout', () => {
    for (const password of [
      '1234567890',
      '0987654321',
      'qwertyuiop',
      'asdfghjkl;',
      'abcdefghijk',
      'йцукенгшщз',
      'фывапролдж',
      'абвгдеёжзи',
      'qwerty123456',
      'abcd1234efgh',
      'әіңғ123456',
    ]) {
      expect(passwordProblem(password), password).toBe('sequence');
    }
  });

  it('refuses a password containing the username (or equal to a short one)', () => {
    expect(passwordProblem('aigerim2026!', { username: 'aigerim' })).toBe('username');
    expect(passwordProblem('My-AIGERIM-pass', { username: 'Aigerim' })).toBe('username');
    expect(passwordProblem('Kx7#mQ2!zaigerim', { username: 'aigerim' })).toBe('username');
    // A name of three letters is only refused as the whole password (it hides in many words).
    expect(passwordProblem('Kalinka-in-May', { username: 'ali' })).toBeNull();
  });

  it('refuses the bundled common passwords, also with digits or symbols added, and on the wrong layout', () => {
    for (const password of [
      'password123',
      'Password2026!',
      'Dragon2026!',
      'ortalyq123',
      'ortalyq-admin',
      'kazakhstan',
      'Astana2026!!',
      'пароль2026!!',
      'gfhjkm12345',
      'zaq1xsw2cde3',
      'iloveyou2026',
    ]) {
      expect(passwordProblem(password), password).toBe('common');
    }
  });

  it('ships a list of a few thousand entries, all in the normal form the check compares', () => {
    expect(common.full.length + common.bases.length).toBeGreaterThan(2500);
    for (const entry of [...common.full, ...common.bases]) expect(entry).toBe(entry.normalize('NFKC').toLowerCase());
    expect(PASSWORD_RULES).toContain('common');
  });
});
