import type { SessionUser } from '@shared';
import { navigate } from '../../navigation';
import { DASHBOARD_PATH } from '../../routes';
import { useSession } from '../../session/sessionContext';
import { ChangePasswordPage } from './ChangePasswordPage';

/**
 * `/account/password`: the change-password form for the signed-in user, reached from the user
 * menu, and the only page a user with a one-time password sees (SessionGate) until they have
 * chosen their own; then they land on the dashboard.
 */
export function AccountPasswordPage() {
  const session = useSession();
  if (!session) return null;
  const { user, passwordChanged, logout } = session;
  const isRequired = user.mustChangePassword === true;
  const onChanged = (changed: SessionUser) => {
    passwordChanged?.(changed);
    if (isRequired) navigate(DASHBOARD_PATH, { replace: true });
  };
  return (
    <ChangePasswordPage
      user={user}
      isRequired={isRequired}
      onChanged={onChanged}
      onLeave={() => navigate(DASHBOARD_PATH)}
      onLogout={() => void logout()}
    />
  );
}
