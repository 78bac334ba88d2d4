import type { SessionUser } from '@shared';
import { useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { PRODUCT_NAME } from '../../product';
import { postChangePassword } from '../../session/sessionApi';
import {
  checkPasswordDraft,
  newPasswordProblem,
  passwordProblemText,
  passwordSubmitErrorOf,
  type PasswordDraft,
  type PasswordField,
  type PasswordProblems,
} from './passwordForm';

export interface ChangePasswordPageProps {
  user: SessionUser;
  /** Signed in with a one-time password: nothing else is reachable until it is replaced. */
  isRequired: boolean;
  /** The server took the new password; `user` is the user as they are now. */
  onChanged(user: SessionUser): void;
  /** Back to where the user came from (not offered while the change is required). */
  onLeave?: () => void;
  /** Sign out instead (offered while the change is required: the only other way out). */
  onLogout?: () => void;
  /** The change call; injectable for tests. */
  change?: typeof postChangePassword;
}

const EMPTY: PasswordDraft = { current: '', next: '', confirm: '' };

/**
 * Change-password form: current password, new one (checked against the shared policy as it is
 * typed, the rule broken said in words), the new one again. Keyboard first: the first field
 * has focus, Enter submits, a problem moves focus to its field, Esc goes back. The passwords
 * live in this component's state only.
 */
export function ChangePasswordPage({
  user,
  isRequired,
  onChanged,
  onLeave,
  onLogout,
  change = postChangePassword,
}: ChangePasswordPageProps) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<PasswordDraft>(EMPTY);
  const [problems, setProblems] = useState<PasswordProblems>({});
  const [error, setError] = useState<'rate-limited' | 'signed-out' | 'unavailable' | null>(null);
  const [isSubmitting, setIsSubmitting] = useState(false);
  const [isDone, setIsDone] = useState(false);
  const refs = {
    current: useRef<HTMLInputElement>(null),
    next: useRef<HTMLInputElement>(null),
    confirm: useRef<HTMLInputElement>(null),
  };
  const ids = { title: useId(), current: useId(), next: useId(), confirm: useId(), check: useId() };
  const live = newPasswordProblem(draft, user.username);

  const edit = (field: PasswordField, value: string) => {
    setDraft((d) => ({ ...d, [field]: value }));
    setProblems((p) => ({ ...p, [field]: undefined }));
    setIsDone(false);
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (isSubmitting) return;
    const found = checkPasswordDraft(draft, user.username);
    setProblems(found);
    setError(null);
    const first = (['current', 'next', 'confirm'] as const).find((field) => found[field]);
    if (first) return refs[first].current?.focus();
    setIsSubmitting(true);
    const result = await change({ currentPassword: draft.current, newPassword: draft.next });
    setIsSubmitting(false);
    if (result.ok) {
      setDraft(EMPTY);
      setIsDone(true);
      onChanged(result.data);
      return;
    }
    const failure = passwordSubmitErrorOf(result);
    if (failure.kind === 'field') {
      setProblems({ [failure.field]: failure.problem });
      if (failure.field === 'current') setDraft((d) => ({ ...d, current: '' }));
      refs[failure.field].current?.focus();
      return;
    }
    setError(failure.kind);
  };

  /** Under the new password: the advice, then the first rule it breaks, or that it will do. */
  const checkText = (): string => {
    if (draft.next === '') return t('password.hint');
    if (problems.next) return ''; // the field's own error says it
    return live ? passwordProblemText(live, 'next', t) : t('password.ok');
  };

  const onKeyDown = (event: KeyboardEvent<HTMLFormElement>) => {
    if (event.key === 'Escape' && onLeave && !isRequired) onLeave();
  };

  const field = (name: PasswordField, label: string, autoComplete: string) => {
    const problem = problems[name];
    const errorId = `${ids[name]}-error`;
    const describedBy = [problem ? errorId : null, name === 'next' ? ids.check : null].filter(Boolean).join(' ');
    return (
      <>
        <label className="field" htmlFor={ids[name]}>
          <span className="field__label">{label}</span>
          <input
            ref={refs[name]}
            id={ids[name]}
            className="field__input"
            data-testid={`password-${name}`}
            name={name === 'current' ? 'current-password' : `${name}-password`}
            type="password"
            autoComplete={autoComplete}
            autoFocus={name === 'current'}
            value={draft[name]}
            aria-invalid={problem ? true : undefined}
            aria-describedby={describedBy || undefined}
            onChange={(event) => edit(name, event.target.value)}
          />
        </label>
        {problem && (
          <p id={errorId} className="field__error" data-testid={`password-${name}-error`}>
            {passwordProblemText(problem, name, t)}
          </p>
        )}
      </>
    );
  };

  return (
    <main className="login">
      <form
        className="login__form"
        data-testid="password-form"
        aria-labelledby={ids.title}
        noValidate
        onKeyDown={onKeyDown}
        onSubmit={(event) => void submit(event)}
      >
        <p className="login__product">{PRODUCT_NAME}</p>
        <h1 id={ids.title} className="login__title">
          {t('password.title')}
        </h1>
        <p className="login__notice" role="status" data-testid={isRequired ? 'password-required' : 'password-intro'}>
          {isRequired ? t('password.required') : t('password.intro')}
        </p>
        {/* For password managers: which account this new password belongs to. */}
        <input type="text" name="username" autoComplete="username" value={user.username} readOnly hidden />
        {field('current', t('password.current'), 'current-password')}
        {field('next', t('password.next'), 'new-password')}
        {/* As-you-type check of the shared policy; polite, so typing is not interrupted. */}
        <p id={ids.check} className="field__hint" aria-live="polite" data-testid="password-check">
          {checkText()}
        </p>
        {field('confirm', t('password.confirm'), 'new-password')}
        {error && (
          <p className="login__error" role="alert" data-testid="password-error">
            {t(
              error === 'rate-limited'
                ? 'password.rateLimited'
                : error === 'signed-out'
                  ? 'session.expired'
                  : 'password.unavailable',
            )}
          </p>
        )}
        {isDone && (
          <p className="login__notice" role="status" data-testid="password-done">
            {t('password.done')}
          </p>
        )}
        <button type="submit" className="button button--primary" data-testid="password-submit" disabled={isSubmitting}>
          {isSubmitting ? t('password.submitting') : t('password.submit')}
        </button>
        {isRequired
          ? onLogout && (
              <button type="button" className="button" data-testid="password-logout" onClick={onLogout}>
                {t('password.logout')}
              </button>
            )
          : onLeave && (
              <button type="button" className="button" data-testid="password-back" onClick={onLeave}>
                {t('password.cancel')}
              </button>
            )}
      </form>
      <LanguageSwitch />
    </main>
  );
}
