import type { SessionUser } from '@shared';
import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { useFormatters } from '../../i18n/useLanguage';
import { PRODUCT_NAME } from '../../product';
import { postLogin } from '../../session/sessionApi';
import type { SessionNotice } from '../../session/sessionState';
import {
  fieldErrorText,
  loginErrorOf,
  loginErrorText,
  validateLogin,
  type LoginError,
  type LoginFieldErrors,
} from './loginErrors';
import './login.css';

export interface LoginPageProps {
  /** Why we are here (session ended, signed out), or null. */
  notice: SessionNotice | null;
  onSignedIn(user: SessionUser): void;
  /** The login call; injectable for tests. */
  login?: typeof postLogin;
}

/**
 * Sign-in form, shown by the session gate at any path. Keyboard first: the username has
 * focus, Enter submits, a problem moves focus to the field concerned. The password lives
 * in this component's state only, and is cleared after a refusal.
 */
export function LoginPage({ notice, onSignedIn, login = postLogin }: LoginPageProps) {
  const { t } = useTranslation();
  const formatters = useFormatters();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [fieldErrors, setFieldErrors] = useState<LoginFieldErrors>({});
  const [error, setError] = useState<LoginError | null>(null);
  const [isSubmitting, setIsSubmitting] = useState(false);
  const usernameRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const ids = { title: useId(), username: useId(), password: useId() };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (isSubmitting) return;
    const problems = validateLogin(username, password);
    setFieldErrors(problems);
    setError(null);
    if (problems.username) return usernameRef.current?.focus();
    if (problems.password) return passwordRef.current?.focus();
    setIsSubmitting(true);
    const result = await login({ username: username.trim().toLowerCase(), password });
    if (result.ok) {
      onSignedIn(result.data);
      return;
    }
    setIsSubmitting(false);
    const failure = loginErrorOf(result, Date.now());
    if (failure.kind === 'invalid' && failure.field === 'username') {
      setFieldErrors({ username: 'format' });
      usernameRef.current?.focus();
      return;
    }
    setError(failure);
    if (failure.kind === 'wrong-credentials' || failure.kind === 'invalid') {
      setPassword('');
      passwordRef.current?.focus();
    }
  };

  const describedBy = (field: 'username' | 'password') => (fieldErrors[field] ? `${ids[field]}-error` : undefined);

  return (
    <main className="login">
      <form
        className="login__form"
        data-testid="login-form"
        aria-labelledby={ids.title}
        noValidate
        onSubmit={(event) => void submit(event)}
      >
        <p className="login__product">{PRODUCT_NAME}</p>
        <h1 id={ids.title} className="login__title">
          {t('login.title')}
        </h1>
        {notice && (
          <p className="login__notice" role="status" data-testid="login-notice">
            {t(notice === 'expired' ? 'session.expired' : 'session.signedOut')}
          </p>
        )}
        <label className="field" htmlFor={ids.username}>
          <span className="field__label">{t('login.username')}</span>
          <input
            ref={usernameRef}
            id={ids.username}
            className="field__input"
            data-testid="login-username"
            name="username"
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            autoFocus
            value={username}
            aria-invalid={fieldErrors.username ? true : undefined}
            aria-describedby={describedBy('username')}
            onChange={(event) => setUsername(event.target.value)}
          />
        </label>
        {fieldErrors.username && (
          <p id={`${ids.username}-error`} className="field__error" data-testid="login-username-error">
            {fieldErrorText('username', fieldErrors.username, t)}
          </p>
        )}
        <label className="field" htmlFor={ids.password}>
          <span className="field__label">{t('login.password')}</span>
          <input
            ref={passwordRef}
            id={ids.password}
            className="field__input"
            data-testid="login-password"
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            aria-invalid={fieldErrors.password ? true : undefined}
            aria-describedby={describedBy('password')}
            onChange={(event) => setPassword(event.target.value)}
          />
        </label>
        {fieldErrors.password && (
          <p id={`${ids.password}-error`} className="field__error" data-testid="login-password-error">
            {fieldErrorText('password', fieldErrors.password, t)}
          </p>
        )}
        {error && (
          <p className="login__error" role="alert" data-testid="login-error">
            {loginErrorText(error, t, formatters)}
          </p>
        )}
        <button type="submit" className="button button--primary" data-testid="login-submit" disabled={isSubmitting}>
          {isSubmitting ? t('login.submitting') : t('login.submit')}
        </button>
      </form>
      <LanguageSwitch />
    </main>
  );
}
