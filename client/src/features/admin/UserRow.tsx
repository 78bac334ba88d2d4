import { ROLES, type Role } from '@shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmButton } from '../../components/ConfirmButton';
import { useFormatters, useLanguage } from '../../i18n/useLanguage';
import type { AdminUser, UserChange } from './adminApi';
import { describeScope } from './regionScope';

export interface UserRowProps {
  user: AdminUser;
  /** The signed-in admin's own row: no disabling yourself, no demoting yourself. */
  isSelf: boolean;
  isBusy: boolean;
  onChange(change: UserChange): void;
  onResetPassword(): void;
}

/** One user: who, role (changeable), regions, status, and the actions. */
export function UserRow({ user, isSelf, isBusy, onChange, onResetPassword }: UserRowProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const formatters = useFormatters();
  const [role, setRole] = useState<Role>(user.role);
  const isRoleChanged = role !== user.role;
  return (
    <tr data-testid="user-row" data-username={user.username} data-disabled={user.isDisabled}>
      <th scope="row">
        {user.username}
        {isSelf && <span className="admin-table__note"> ({t('users.you')})</span>}
      </th>
      <td>{user.displayName ?? ''}</td>
      <td>
        <span className="admin-table__inline">
          <select
            className="field__input field__input--compact"
            aria-label={`${t('users.role')}: ${user.username}`}
            data-testid="user-role-select"
            value={role}
            disabled={isSelf || isBusy}
            onChange={(event) => setRole(event.target.value as Role)}
          >
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`role.${r}`)}
              </option>
            ))}
          </select>
          {isRoleChanged && (
            <button
              type="button"
              className="button button--small"
              data-testid="user-role-save"
              disabled={isBusy}
              onClick={() => onChange({ role })}
            >
              {t('users.saveRole')}
            </button>
          )}
        </span>
      </td>
      <td>{describeScope(user.regions, language, t)}</td>
      <td data-testid="user-status">
        {user.isDisabled ? t('users.disabled') : t('users.active')}
        {/* Until then the account reaches nothing but the change-password screen. */}
        {!user.isDisabled && user.mustChangePassword && (
          <span className="admin-table__note" data-testid="user-one-time">
            {' '}
            ({t('users.oneTimePassword')})
          </span>
        )}
      </td>
      <td>{formatters.dateTime(Date.parse(user.createdAt))}</td>
      <td>
        <span className="admin-table__inline">
          {user.isDisabled ? (
            <button
              type="button"
              className="button button--small"
              data-testid="user-enable"
              disabled={isBusy}
              onClick={() => onChange({ isDisabled: false })}
            >
              {t('users.enable')}
            </button>
          ) : (
            <button
              type="button"
              className="button button--small"
              data-testid="user-disable"
              disabled={isBusy || isSelf}
              onClick={() => onChange({ isDisabled: true })}
            >
              {t('users.disable')}
            </button>
          )}
          <ConfirmButton
            label={t('users.resetPassword')}
            question={t('users.confirmReset', { username: user.username })}
            testId="user-reset-password"
            disabled={isBusy}
            onConfirm={onResetPassword}
          />
        </span>
      </td>
    </tr>
  );
}
