import type { SessionUser } from '@shared';
import type { ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import { App } from '../../../client/src/App';
import { AdminPage } from '../../../client/src/features/admin/AdminPage';
import type { AuditEntry } from '../../../client/src/features/admin/adminApi';
import { AuditTable } from '../../../client/src/features/admin/AuditTable';
import { KioskTable } from '../../../client/src/features/admin/KioskTable';
import { OneTimeSecret } from '../../../client/src/features/admin/OneTimeSecret';
import { UserRow } from '../../../client/src/features/admin/UserRow';
import { createI18n } from '../../../client/src/i18n/createI18n';
import type { Language } from '../../../client/src/i18n/languages';
import { StoreContext } from '../../../client/src/realtime/storeContext';
import { SessionContext, type SessionValue } from '../../../client/src/session/sessionContext';
import { createWallStore } from '../../../client/src/state/wallStore';
import { sessionUser } from './fixtures';

function render(node: ReactNode, user: SessionUser, language: Language = 'ru'): string {
  const session: SessionValue = {
    user,
    logout: () => Promise.resolve(true),
    recheck: () => Promise.resolve('valid'),
    lost: () => undefined,
  };
  const store = createWallStore();
  const html = renderToStaticMarkup(
    <I18nextProvider i18n={createI18n(language)}>
      <SessionContext value={session}>
        <StoreContext value={store}>{node}</StoreContext>
      </SessionContext>
    </I18nextProvider>,
  );
  store.dispose();
  return html;
}

const admin = sessionUser('admin', { username: 'root' });

describe('user menu on the wall', () => {
  it('shows name, role, logout, and the admin link to admins', () => {
    const html = render(<App pathname="/" user={admin} />, admin);
    expect(html).toContain('data-testid="user-menu"');
    expect(html).toMatch(/data-testid="user-name"[^>]*>root</);
    expect(html).toContain('>администратор<');
    expect(html).toContain('data-testid="logout"');
    expect(html).toContain('data-testid="admin-link"');
    expect(html).toContain('data-testid="kpi-open"');
  });

  it('names roles with the glossary terms, in Kazakh too', () => {
    const html = render(<App pathname="/" user={sessionUser('supervisor')} />, sessionUser('supervisor'), 'kk');
    expect(html).toContain('>ауысым жетекшісі<');
    expect(html).not.toContain('data-testid="admin-link"');
    const agent = render(<App pathname="/" user={sessionUser('agent')} />, sessionUser('agent'), 'kk');
    expect(agent).toContain('>колл-орталық операторы<');
  });

  it('is absent on a kiosk: no logout, no navigation', () => {
    const kiosk = sessionUser('operator', { username: 'kiosk:hall', isKiosk: true });
    const html = render(<App pathname="/admin" user={kiosk} />, kiosk);
    expect(html).toContain('data-testid="kpi-open"');
    for (const id of ['user-menu', 'logout', 'admin-link', 'wall-link'])
      expect(html).not.toContain(`data-testid="${id}"`);
  });
});

describe('access to /admin', () => {
  it('tells other roles it is not allowed, in their language', () => {
    const html = render(<App pathname="/admin" user={sessionUser('operator')} />, sessionUser('operator'), 'kk');
    expect(html).toContain('data-testid="forbidden"');
    expect(html).toContain('Қолжетімділік жоқ');
    expect(html).not.toContain('data-testid="admin-users"');
  });

  it('gives admins the three sections with their test ids', () => {
    const html = render(<App pathname="/admin" user={admin} />, admin);
    for (const id of [
      'admin-users',
      'user-create-form',
      'kiosk-issue-form',
      'audit-filter-actor',
      'audit-filter-action',
      'logout',
      'wall-link',
    ]) {
      expect(html, id).toContain(`data-testid="${id}"`);
    }
  });

  it('is all Kazakh on a Kazakh screen', () => {
    const html = render(<AdminPage />, admin, 'kk');
    for (const text of ['Пайдаланушылар', 'Аудит журналы', 'барлық өңірлер', 'әкімші', 'Солтүстік Қазақстан облысы']) {
      expect(html, text).toContain(text);
    }
    for (const foreign of ['Пользователи', 'регионы', 'Журнал', 'Users', 'Audit'])
      expect(html, foreign).not.toContain(foreign);
  });
});

describe('admin tables', () => {
  const user = {
    ...sessionUser('agent', { username: 'aigerim' }),
    isDisabled: false,
    createdAt: '2026-11-27T05:00:00Z',
    updatedAt: '2026-11-27T05:00:00Z',
  };
  const row = (props: Partial<Parameters<typeof UserRow>[0]>) =>
    render(
      <table>
        <tbody>
          <UserRow
            user={user}
            isSelf={false}
            isBusy={false}
            onChange={() => undefined}
            onResetPassword={() => undefined}
            {...props}
          />
        </tbody>
      </table>,
      admin,
    );

  it('user rows carry the username and the toggle that fits their state', () => {
    expect(row({})).toContain('data-testid="user-row" data-username="aigerim"');
    expect(row({})).toMatch(/data-testid="user-disable"/);
    expect(row({ user: { ...user, isDisabled: true } })).toMatch(/data-testid="user-enable"/);
    expect(row({})).toContain('data-testid="user-reset-password"');
    expect(row({})).toContain('27.11.2026, 10:00:00');
  });

  it('say which users have not replaced their one-time password yet', () => {
    expect(row({})).not.toContain('data-testid="user-one-time"');
    expect(row({ user: { ...user, mustChangePassword: true } })).toContain('одноразовый пароль ещё не сменён');
  });

  it('do not let an admin disable or demote themselves', () => {
    expect(row({ isSelf: true })).toMatch(/data-testid="user-disable" disabled=""/);
    expect(row({ isSelf: true })).toMatch(/data-testid="user-role-select" disabled=""/);
  });

  it('list kiosk tokens with a revoke button each', () => {
    const html = render(
      <KioskTable
        tokens={[
          { id: 'a1', label: 'Зал 2', regions: ['KZ-75'], createdBy: 'root', createdAt: '2026-11-27T05:00:00Z' },
        ]}
        busyId={null}
        onRevoke={() => undefined}
      />,
      admin,
      'kk',
    );
    expect(html).toContain('data-testid="kiosk-row" data-kiosk-id="a1"');
    expect(html).toContain('data-testid="kiosk-revoke"');
    expect(html).toContain('Күшін жою');
  });

  it('list audit entries in the given order with translated actions', () => {
    const entry = (id: string, action: AuditEntry['action'], outcome: AuditEntry['outcome'] = 'ok'): AuditEntry => ({
      id,
      at: '2026-11-27T05:00:00.000Z',
      actor: 'root',
      role: 'admin',
      action,
      target: 'user:aigerim',
      changed: ['isDisabled'],
      requestId: 'r',
      outcome,
    });
    const html = render(
      <AuditTable entries={[entry('2-0', 'user.disable'), entry('1-0', 'login.failure', 'denied')]} />,
      admin,
      'kk',
    );
    expect(html).toContain('data-testid="audit-table"');
    expect(html.match(/data-testid="audit-row"/g)).toHaveLength(2);
    expect(html.indexOf('data-action="user.disable"')).toBeLessThan(html.indexOf('data-action="login.failure"'));
    expect(html).toContain('пайдаланушыны өшіру');
    expect(html).toContain('бас тартылды');
  });

  it('show a one-time secret with a copy button', () => {
    const html = render(
      <OneTimeSecret title="URL" value="http://x/kiosk/abc" testId="kiosk-url" onDismiss={() => undefined} />,
      admin,
      'en',
    );
    expect(html).toMatch(/data-testid="kiosk-url"[^>]*>http:\/\/x\/kiosk\/abc</);
    expect(html).toContain('data-testid="kiosk-url-copy"');
    expect(html).toContain('Shown only once');
  });
});
