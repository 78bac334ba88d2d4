import { NotFoundPage } from './components/NotFoundPage';
import { WallPage } from './features/wall/WallPage';
import { routeOf } from './routes';

export interface AppProps {
  /** `location.pathname` at load; the wall has no in-app navigation yet. */
  pathname: string;
}

export function App({ pathname }: AppProps) {
  switch (routeOf(pathname)) {
    case 'wall':
      return <WallPage />;
    case 'not-found':
      return <NotFoundPage />;
  }
}
