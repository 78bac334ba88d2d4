import { describe, expect, it } from 'vitest';
import {
  checkPasswordDraft,
  newPasswordProblem,
  passwordProblemText,
  passwordSubmitErrorOf,
} from '../../../../../client/src/features/account/passwordForm';
import { createI18n } from '../../../../../client/src/i18n/createI18n';
import { LANGUAGES } from '../../../../../client/src/i18n/languages';
import { PASSWORD_RULES } from '../../../../../shared/src/auth/passwordPolicy';

const draft = { current: 'Temp-from-admin-42', next: 'Steppe wind at dawn', confirm: 'Steppe wind at dawn' };
const refusal = (status: number, code: string | null, error: string | null = null) =>
  ({ ok: false, status, code, error, field: null, retryAfter: null }) as const;

describe('the change-password form', () => {
  it('checks the new password with the shared policy as it is typed, username included', () => {
    expect(newPasswordProblem({ ...draft, next: '' }, 'aigerim')).toBeNull();
    expect(newPasswordProblem({ ...draft, next: 'short' }, 'aigerim')).toEqual({ kind: 'rule', rule: 'too_short' });
    expect(newPasswordProblem({ ...draft, next: 'йцукенгшщз' }, 'aigerim')).toEqual({ kind: 'rule', rule: 'sequence' });
    expect(newPasswordProblem({ ...draft, next: 'aigerim-in-2026' }, 'aigerim')).toEqual({
      kind: 'rule',
      rule: 'username',
    });
    expect(newPasswordProblem({ ...draft, next: draft.current }, 'aigerim')).toEqual({ kind: 'reused' });
    expect(newPasswordProblem(draft, 'aigerim')).toBeNull();
  });

  it('wants the current password and the new one twice, the same', () => {
    expect(checkPasswordDraft(draft, 'aigerim')).toEqual({});
    expect(checkPasswordDraft({ current: '', next: '', confirm: '' }, 'aigerim')).toEqual({
      current: { kind: 'required' },
      next: { kind: 'required' },
    });
    expect(checkPasswordDraft({ ...draft, confirm: 'Steppe wind at dusk' }, 'aigerim')).toEqual({
      confirm: { kind: 'mismatch' },
    });
  });

  it('reads the server’s refusals into fields, and 401/429 into page errors', () => {
    expect(passwordSubmitErrorOf(refusal(403, 'wrong_password'))).toEqual({
      kind: 'field',
      field: 'current',
      problem: { kind: 'wrong-current' },
    });
    expect(passwordSubmitErrorOf(refusal(422, 'weak_password', 'newPassword: must not … (username)'))).toEqual({
      kind: 'field',
      field: 'next',
      problem: { kind: 'rule', rule: 'username' },
    });
    expect(passwordSubmitErrorOf(refusal(422, 'password_reused'))).toMatchObject({ field: 'next' });
    expect(passwordSubmitErrorOf(refusal(401, 'unauthenticated'))).toEqual({ kind: 'signed-out' });
    expect(passwordSubmitErrorOf(refusal(429, 'rate_limited'))).toEqual({ kind: 'rate-limited' });
    expect(passwordSubmitErrorOf(refusal(0, null))).toEqual({ kind: 'unavailable' });
  });

  it('has a message of its own for every rule in every language', () => {
    for (const language of LANGUAGES) {
      const { t } = createI18n(language);
      const texts = PASSWORD_RULES.map((rule) => passwordProblemText({ kind: 'rule', rule }, 'next', t));
      expect(new Set(texts).size, language).toBe(PASSWORD_RULES.length);
      for (const text of texts) expect(text, language).not.toMatch(/^password\./);
    }
    expect(passwordProblemText({ kind: 'rule', rule: 'common' }, 'next', createI18n('kk').t)).toBe(
      'Бұл ең көп таралған құпиясөздердің бірі: басқасын таңдаңыз',
    );
  });
});
