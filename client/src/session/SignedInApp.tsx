import { useEffect, useMemo, useState } from 'react';
import { canonicalPathOf } from '../access';
import { App } from '../App';
import { RegionLayerProvider } from '../features/map/RegionLayerProvider';
import { navigate, usePathname } from '../navigation';
import type { SessionHooks } from '../realtime/bindSocket';
import { RealtimeProvider } from '../realtime/RealtimeProvider';
import { routeOf } from '../routes';
import { createWallStore } from '../state/wallStore';
import { useSession } from './sessionContext';

/**
 * The app behind the gate: one wall store, one socket and one region layer per session (the gate remounts
 * this when the user or their scope changes, so nothing another user saw carries over).
 */
export function SignedInApp() {
  const session = useSession();
  if (!session) throw new Error('SignedInApp outside <SessionGate>');
  const { user, recheck, lost } = session;
  const pathname = usePathname();
  const [store] = useState(() => createWallStore());
  const hooks = useMemo<SessionHooks>(() => ({ onUnauthorized: lost, verifySession: recheck }), [lost, recheck]);

  const canonicalPath = canonicalPathOf(routeOf(pathname), user);
  useEffect(() => {
    if (canonicalPath !== null) navigate(canonicalPath, { replace: true });
  }, [canonicalPath]);

  return (
    <RealtimeProvider store={store} session={hooks}>
      <RegionLayerProvider>
        <App pathname={pathname} user={user} />
      </RegionLayerProvider>
    </RealtimeProvider>
  );
}
