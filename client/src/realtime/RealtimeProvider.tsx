import { useEffect, type ReactNode } from 'react';
import type { WallStore } from '../state/wallStore';
import { bindSocket, type SessionHooks } from './bindSocket';
import { createSocket } from './socket';
import { StoreContext } from './storeContext';

export interface RealtimeProviderProps {
  store: WallStore;
  /** What to do when the server refuses or drops the socket for want of a session; keep it stable. */
  session?: SessionHooks;
  children: ReactNode;
}

/**
 * Provides the store and keeps one socket feeding it while mounted. The socket lives
 * in an effect (not in render) so StrictMode's mount–unmount–mount leaves exactly one
 * open connection; the store outlives it, so a remount resumes from its cursor.
 */
export function RealtimeProvider({ store, session, children }: RealtimeProviderProps) {
  useEffect(() => {
    const socket = createSocket(() => store.handshakeAuth());
    const unbind = bindSocket(socket, store, session);
    socket.connect();
    return () => {
      const wasConnected = socket.connected;
      unbind();
      socket.disconnect();
      // Handlers are gone, so tell the store ourselves (it marks the replica unsynced).
      if (wasConnected) store.disconnected();
    };
  }, [store, session]);

  return <StoreContext value={store}>{children}</StoreContext>;
}
