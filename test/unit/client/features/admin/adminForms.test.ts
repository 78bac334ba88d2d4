import { describe, expect, it } from 'vitest';
import {
  checkKioskDraft,
  checkNewUser,
  fieldProblemText,
  type NewUserDraft,
} from '../../../../../client/src/features/admin/adminForms';
import { createI18n } from '../../../../../client/src/i18n/createI18n';

const draft: NewUserDraft = {
  username: ' Aigerim ',
  displayName: '  ',
  password: 'long-enough-1',
  role: 'agent',
  regions: ['KZ-75', 'KZ-71'],
};

describe('checkNewUser', () => {
  it('builds the body the server expects, without an empty display name', () => {
    expect(checkNewUser(draft)).toEqual({
      ok: true,
      body: { username: 'aigerim', password: 'long-enough-1', role: 'agent', regions: ['KZ-75', 'KZ-71'] },
    });
    expect(checkNewUser({ ...draft, displayName: ' Айгерим ', regions: 'all' })).toMatchObject({
      ok: true,
      body: { displayName: 'Айгерим', regions: 'all' },
    });
  });

  it('names each bad field', () => {
    expect(checkNewUser({ ...draft, username: '', password: 'short', regions: [] })).toEqual({
      ok: false,
      problems: {
        username: { kind: 'required' },
        password: { kind: 'weak-password', rule: 'too_short' },
        regions: { kind: 'no-region' },
      },
    });
    expect(checkNewUser({ ...draft, username: 'a b', displayName: 'x'.repeat(101) })).toEqual({
      ok: false,
      problems: { username: { kind: 'username-format' }, displayName: { kind: 'too-long', max: 100 } },
    });
  });

  it('holds an admin-typed password to the shared policy, username rule included', () => {
    expect(checkNewUser({ ...draft, password: 'qwertyuiop' })).toEqual({
      ok: false,
      problems: { password: { kind: 'weak-password', rule: 'sequence' } },
    });
    expect(checkNewUser({ ...draft, password: 'aigerim-2026' })).toEqual({
      ok: false,
      problems: { password: { kind: 'weak-password', rule: 'username' } },
    });
  });
});

describe('checkKioskDraft', () => {
  it('trims the label and wants a region', () => {
    expect(checkKioskDraft('  Зал 2 ', ['KZ-75'])).toEqual({ ok: true, body: { label: 'Зал 2', regions: ['KZ-75'] } });
    expect(checkKioskDraft(' ', [])).toEqual({
      ok: false,
      problems: { label: { kind: 'required' }, regions: { kind: 'no-region' } },
    });
    expect(checkKioskDraft('x'.repeat(101), 'all')).toEqual({
      ok: false,
      problems: { label: { kind: 'too-long', max: 100 } },
    });
  });
});

describe('fieldProblemText', () => {
  it('speaks Kazakh on a Kazakh screen', () => {
    const { t } = createI18n('kk');
    expect(fieldProblemText({ kind: 'too-short', min: 10 }, t)).toBe('Кемінде 10 таңба');
    expect(fieldProblemText({ kind: 'no-region' }, t)).toBe('Кемінде бір өңірді таңдаңыз');
    expect(fieldProblemText({ kind: 'exists' }, t)).toBe('Мұндай атпен пайдаланушы бар');
  });
});
