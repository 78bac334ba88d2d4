import type { SessionUser } from '@shared';
import { pageOf } from './access';
import { ForbiddenPage } from './components/ForbiddenPage';
import { NotFoundPage } from './components/NotFoundPage';
import { AccountPasswordPage } from './features/account/AccountPasswordPage';
import { AdminPage } from './features/admin/AdminPage';
import { AgentPage } from './features/agent/AgentPage';
import { QualityPage } from './features/quality/QualityPage';
import { AppealPage } from './features/appeal/AppealPage';
import { IncidentPage } from './features/incident/IncidentPage';
import { RegionPage } from './features/region/RegionPage';
import { hasRegionDesk } from './features/region/regionDesk';
import { WallPage } from './features/wall/WallPage';
import { WallScreen } from './features/wallscreen/WallScreen';
import { AnalyticsPage } from './features/analytics/AnalyticsPage';
import { ReportsPage } from './features/reports/ReportsPage';
import { appealIdOf, incidentIdOf, regionCodeOf, routeOf } from './routes';

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
    case 'dashboard':
      return <WallPage />;
    case 'wall':
      return <WallScreen />;
    case 'analytics':
      return <AnalyticsPage user={user} />;
    case 'reports':
      return <ReportsPage user={user} />;
    case 'region': {
      // A supervisor's desk gets the full region view; wall screens keep the panel over the map.
      const code = regionCodeOf(pathname) ?? '';
      return hasRegionDesk(user) ? <RegionPage code={code} user={user} /> : <WallPage regionCode={code} />;
    }
    case 'appeal': {
      const appealId = appealIdOf(pathname) ?? '';
      return <AppealPage key={appealId} appealId={appealId} user={user} />;
    }
    case 'incident': {
      const incidentId = incidentIdOf(pathname) ?? '';
      return <IncidentPage key={incidentId} incidentId={incidentId} user={user} />;
    }
    case 'admin':
      return <AdminPage />;
    case 'agent':
      return <AgentPage user={user} />;
    case 'quality':
      return <QualityPage user={user} />;
    case 'account-password':
      return <AccountPasswordPage />;
    case 'forbidden':
      return <ForbiddenPage />;
    case 'not-found':
      return <NotFoundPage />;
  }
}
