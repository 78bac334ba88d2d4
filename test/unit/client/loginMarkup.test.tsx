import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import { LoginPage, type LoginPageProps } from '../../../client/src/features/login/LoginPage';
import { createI18n } from '../../../client/src/i18n/createI18n';
import type { Language } from '../../../client/src/i18n/languages';
import { SessionGate } from '../../../client/src/session/SessionGate';

function renderLogin(language: Language, notice: LoginPageProps['notice'] = null): string {
  return renderToStaticMarkup(
    <I18nextProvider i18n={createI18n(language)}>
      <LoginPage notice={notice} onSignedIn={() => undefined} />
    </I18nextProvider>,
  );
}

describe('login page markup', () => {
  it('carries the e2e test ids and the language switch', () => {
    const html = renderLogin('ru');
    for (const id of ['login-form', 'login-username', 'login-password', 'login-submit', 'lang-kk']) {
      expect(html, id).toContain(`data-testid="${id}"`);
    }
    // No error before a try.
    expect(html).not.toContain('data-testid="login-error"');
  });

  it('is a real form: Enter submits, the password is masked, the browser may fill it in', () => {
    const html = renderLogin('en');
    expect(html).toMatch(/<form[^>]*data-testid="login-form"/);
    expect(html).toMatch(/<button type="submit"[^>]*data-testid="login-submit"/);
    expect(html).toMatch(/<input[^>]*data-testid="login-password"[^>]*type="password"/);
    expect(html).toContain('autoComplete="current-password"');
    expect(html).toContain('autoComplete="username"');
    expect(html).toMatch(/<label[^>]*for="[^"]+"><span[^>]*>Username<\/span>/);
  });

  it('is all Kazakh on a Kazakh screen', () => {
    const html = renderLogin('kk', 'expired');
    for (const text of ['Жүйеге кіру', 'Пайдаланушы аты', 'Құпиясөз', 'Сеанс аяқталды']) expect(html).toContain(text);
    for (const foreign of ['Вход', 'Пароль', 'Sign in', 'Password']) expect(html).not.toContain(foreign);
  });

  it('says why it is shown', () => {
    expect(renderLogin('ru', 'signed-out')).toContain('Вы вышли из системы.');
    expect(renderLogin('en', 'expired')).toContain('data-testid="login-notice"');
  });
});

describe('session gate markup', () => {
  it('shows only a translated "loading" until /api/auth/me answers', () => {
    const html = renderToStaticMarkup(
      <I18nextProvider i18n={createI18n('kk')}>
        <SessionGate>
          <p>secret wall</p>
        </SessionGate>
      </I18nextProvider>,
    );
    expect(html).toContain('Жүктелуде…');
    expect(html).toContain('data-testid="session-loading"');
    expect(html).not.toContain('secret wall');
  });
});

describe('client sources', () => {
  it("keep nothing but the language choice and the alert strip's fold in browser storage", () => {
    const root = join(import.meta.dirname, '../../../client/src');
    const files = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => /\.tsx?$/.test(f));
    const users = files.filter((f) =>
      /localStorage|sessionStorage|indexedDB|document\.cookie/.test(readFileSync(join(root, f), 'utf8')),
    );
    // languages.ts only names the key; documentLanguage.ts reads and writes it. AlertStrip keeps
    // one boolean (folded or not, issue 18): a screen preference, nothing about anyone.
    expect(users.map((f) => f.replaceAll('\\', '/')).sort()).toEqual([
      'features/alerts/AlertStrip.tsx',
      // The region table's hidden columns per user (issue 18): a screen preference, the user name hashed.
      'features/region/columnChoice.ts',
      'i18n/documentLanguage.ts',
      'i18n/languages.ts',
    ]);
  });
});
