import { useCallback, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../session/sessionContext';
import { useAdminApi, type UserChange } from './adminApi';
import { OneTimeSecret } from './OneTimeSecret';
import { useResource } from './useResource';
import { UserCreateForm } from './UserCreateForm';
import { UserRow } from './UserRow';

/** Users: the table (disable / enable, role, new password) and the create form. */
export function UsersSection() {
  const { t } = useTranslation();
  const api = useAdminApi();
  const self = useSession()?.user.username ?? null;
  const headingId = useId();
  const users = useResource(useCallback(() => api.listUsers(), [api]));
  const [busyUser, setBusyUser] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  // The new password exists only here, until dismissed; it is never stored.
  const [issued, setIssued] = useState<{ username: string; password: string } | null>(null);

  const run = async (username: string, action: () => Promise<{ ok: boolean; status: number }>, done: string) => {
    setBusyUser(username);
    setMessage(null);
    const result = await action();
    setBusyUser(null);
    setMessage(result.ok ? done : t('admin.actionFailed', { status: result.status }));
    users.reload();
  };

  const change = (username: string, body: UserChange) =>
    void run(
      username,
      () => api.updateUser(username, body),
      body.role
        ? t('users.roleSaved', { username })
        : `${username}: ${t(body.isDisabled ? 'users.disabled' : 'users.active')}`,
    );

  const resetPassword = (username: string) => {
    setIssued(null);
    void run(
      username,
      async () => {
        const result = await api.resetPassword(username);
        if (result.ok) setIssued({ username, password: result.data.password });
        return result;
      },
      '',
    );
  };

  return (
    <section id="users" className="admin-section" aria-labelledby={headingId} data-testid="admin-users">
      <div className="admin-section__head">
        <h2 id={headingId}>{t('users.title')}</h2>
        <button type="button" className="button button--small" onClick={users.reload}>
          {t('admin.refresh')}
        </button>
      </div>
      {users.hasFailed && <p role="alert">{t('admin.loadFailed')}</p>}
      {message && (
        <p role="status" className="admin-section__message">
          {message}
        </p>
      )}
      {issued && (
        <OneTimeSecret
          title={t('users.newPassword', { username: issued.username })}
          value={issued.password}
          testId="user-new-password"
          onDismiss={() => setIssued(null)}
        />
      )}
      {users.data && users.data.users.length === 0 && <p>{t('users.empty')}</p>}
      {users.data && users.data.users.length > 0 && (
        <div className="admin-table__scroll" tabIndex={0} role="region" aria-label={t('users.title')}>
          <table className="admin-table">
            <thead>
              <tr>
                <th scope="col">{t('users.username')}</th>
                <th scope="col">{t('users.displayName')}</th>
                <th scope="col">{t('users.role')}</th>
                <th scope="col">{t('regions.label')}</th>
                <th scope="col">{t('users.status')}</th>
                <th scope="col">{t('users.createdAt')}</th>
                <th scope="col">{t('users.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {users.data.users.map((user) => (
                <UserRow
                  // A new role from the server resets the row's unsaved choice.
                  key={`${user.username}:${user.role}`}
                  user={user}
                  isSelf={user.username === self}
                  isBusy={busyUser === user.username}
                  onChange={(body) => change(user.username, body)}
                  onResetPassword={() => resetPassword(user.username)}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <UserCreateForm
        api={api}
        onCreated={(username) => {
          setMessage(t('users.created', { username }));
          users.reload();
        }}
      />
    </section>
  );
}
