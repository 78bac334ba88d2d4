import type { SessionUser } from '@shared';
import { pageOf } from './access';
import { ForbiddenPage } from './components/ForbiddenPage';
import { NotFoundPage } from './components/NotFoundPage';
import { AdminPage } from './features/admin/AdminPage';
import { WallPage } from './features/wall/WallPage';
import { regionCodeOf, routeOf } from './routes';

export interface AppProps {
  /** `location.pathname` (SignedInApp follows it). */
  pathname: string;
  /** The signed-in user (the session gate renders the app only with one). */
  user: SessionUser;
}

/** The page for the path, as far as the user's role allows (access.ts). */
export function App({ pathname, user }: AppProps) {
  switch (pageOf(routeOf(pathname), user)) {
    // The same element type for both, so opening or closing a region keeps the map.
    case 'wall':
      return <WallPage />;
    case 'region':
      return <WallPage regionCode={regionCodeOf(pathname)} />;
    case 'admin':
      return <AdminPage />;
    case 'forbidden':
      return <ForbiddenPage />;
    case 'not-found':
      return <NotFoundPage />;
  }
}
