import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import { ChangePasswordPage } from '../../../../../client/src/features/account/ChangePasswordPage';
import { createI18n } from '../../../../../client/src/i18n/createI18n';
import type { Language } from '../../../../../client/src/i18n/languages';
import { sessionUser } from '../../fixtures';

function render(language: Language, isRequired: boolean): string {
  return renderToStaticMarkup(
    <I18nextProvider i18n={createI18n(language)}>
      <ChangePasswordPage
        user={sessionUser('agent')}
        isRequired={isRequired}
        onChanged={() => undefined}
        onLeave={() => undefined}
        onLogout={() => undefined}
      />
    </I18nextProvider>,
  );
}

describe('change-password page markup', () => {
  it('is a real form the browser can fill: current and new passwords, Enter submits', () => {
    const html = render('en', false);
    expect(html).toMatch(/<form[^>]*data-testid="password-form"/);
    expect(html).toMatch(
      /<input[^>]*data-testid="password-current"[^>]*type="password"[^>]*autoComplete="current-password"/,
    );
    expect(html).toMatch(/<input[^>]*data-testid="password-next"[^>]*type="password"[^>]*autoComplete="new-password"/);
    expect(html).toMatch(/<input[^>]*data-testid="password-confirm"[^>]*autoComplete="new-password"/);
    expect(html).toMatch(/<button type="submit"[^>]*data-testid="password-submit"/);
    // The as-you-type check is announced politely and tied to the new-password field.
    expect(html).toMatch(/<p id="([^"]+)"[^>]*aria-live="polite"[^>]*data-testid="password-check"/);
    expect(html).toContain('data-testid="password-back"');
    expect(html).not.toContain('data-testid="password-logout"');
  });

  it('with a one-time password: says why, offers sign-out and no way back', () => {
    const html = render('ru', true);
    expect(html).toContain('Вы вошли по одноразовому паролю');
    expect(html).toContain('data-testid="password-logout"');
    expect(html).not.toContain('data-testid="password-back"');
  });

  it('is all Kazakh on a Kazakh screen', () => {
    const html = render('kk', true);
    for (const text of ['Құпиясөзді ауыстыру', 'Қазіргі құпиясөз', 'Жаңа құпиясөз', 'Кемінде 10 таңба']) {
      expect(html).toContain(text);
    }
    expect(html).not.toMatch(/Password|Пароль|password\./);
  });
});
