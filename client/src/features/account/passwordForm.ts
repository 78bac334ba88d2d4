import { PASSWORD_RULES, passwordProblem, type PasswordRule } from '@shared';
import type { TFunction } from 'i18next';
import type { ApiResult } from '../../api/requestJson';

export interface PasswordDraft {
  current: string;
  next: string;
  confirm: string;
}

export type PasswordField = keyof PasswordDraft;

/** A problem with one field of the change-password form. */
export type PasswordFieldProblem =
  | { kind: 'required' }
  | { kind: 'rule'; rule: PasswordRule }
  | { kind: 'reused' }
  | { kind: 'mismatch' }
  | { kind: 'wrong-current' };

export type PasswordProblems = Partial<Record<PasswordField, PasswordFieldProblem>>;

/**
 * The new password against the shared policy (the same function the server runs), as the
 * user types: null when it is acceptable so far, or nothing has been typed yet.
 */
export function newPasswordProblem(draft: PasswordDraft, username: string): PasswordFieldProblem | null {
  if (draft.next === '') return null;
  const rule = passwordProblem(draft.next, { username });
  if (rule) return { kind: 'rule', rule };
  if (draft.next === draft.current) return { kind: 'reused' };
  return null;
}

/** Everything wrong with the form at submit time (empty when it may be sent). */
export function checkPasswordDraft(draft: PasswordDraft, username: string): PasswordProblems {
  const problems: PasswordProblems = {};
  if (draft.current === '') problems.current = { kind: 'required' };
  const next = draft.next === '' ? { kind: 'required' as const } : newPasswordProblem(draft, username);
  if (next) problems.next = next;
  else if (draft.confirm !== draft.next) problems.confirm = { kind: 'mismatch' };
  return problems;
}

/** What a refused POST /api/auth/password means for the form. */
export type PasswordSubmitError =
  | { kind: 'field'; field: PasswordField; problem: PasswordFieldProblem }
  | { kind: 'rate-limited' }
  | { kind: 'signed-out' }
  | { kind: 'unavailable' };

/** The form's reading of a failed change (the server's English text is never shown). */
export function passwordSubmitErrorOf(result: Extract<ApiResult<unknown>, { ok: false }>): PasswordSubmitError {
  if (result.status === 401) return { kind: 'signed-out' };
  if (result.status === 429) return { kind: 'rate-limited' };
  if (result.code === 'wrong_password') return { kind: 'field', field: 'current', problem: { kind: 'wrong-current' } };
  if (result.code === 'password_reused') return { kind: 'field', field: 'next', problem: { kind: 'reused' } };
  if (result.code === 'weak_password') {
    // The server names the rule in brackets at the end of its message ("… (common)").
    const rule = /\((\w+)\)$/.exec(result.error ?? '')?.[1];
    const problem: PasswordFieldProblem =
      rule && isRule(rule) ? { kind: 'rule', rule } : { kind: 'rule', rule: 'common' };
    return { kind: 'field', field: 'next', problem };
  }
  return { kind: 'unavailable' };
}

const isRule = (value: string): value is PasswordRule => (PASSWORD_RULES as readonly string[]).includes(value);

/** The message for a field problem, in the current UI language. */
export function passwordProblemText(problem: PasswordFieldProblem, field: PasswordField, t: TFunction): string {
  switch (problem.kind) {
    case 'required':
      return field === 'current' ? t('password.currentRequired') : t('form.required');
    case 'rule':
      return t(`password.rule.${problem.rule}`);
    case 'reused':
      return t('password.reused');
    case 'mismatch':
      return t('password.mismatch');
    case 'wrong-current':
      return t('password.wrongCurrent');
  }
}
