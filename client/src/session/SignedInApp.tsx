import { useEffect, useMemo, useState } from 'react';
import { canonicalPathOf, pageOf } from '../access';
import { App } from '../App';
import { KeyHints } from '../features/keys/KeyHints';
import { SkipLink } from '../features/keys/SkipLink';
import { useFocusOnNavigate } from '../features/keys/useFocusOnNavigate';
import { RegionLayerProvider } from '../features/map/RegionLayerProvider';
import { hasRegionDesk } from '../features/region/regionDesk';
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
  useFocusOnNavigate(pathname);
  // The wall screen has nothing to press (a kiosk): no skip link, no key list.
  const page = pageOf(routeOf(pathname), user);

  return (
    <RealtimeProvider store={store} session={hooks}>
      <RegionLayerProvider>
        {page !== 'wall' && <SkipLink />}
        <App pathname={pathname} user={user} />
        {page !== 'wall' && <KeyHints page={page} hasDesk={hasRegionDesk(user)} />}
      </RegionLayerProvider>
    </RealtimeProvider>
  );
}
