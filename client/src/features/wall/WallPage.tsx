import { LiveFeed } from '../feed/LiveFeed';
import { IncompatibleNotice } from '../health/IncompatibleNotice';
import { KpiStrip } from './KpiStrip';
import { WallHeader } from './WallHeader';

/**
 * The situation-room wall. The grid keeps a slot free on the left for the region map
 * and charts of later issues; until then the feed spans the width.
 */
export function WallPage() {
  return (
    <div className="wall">
      <WallHeader />
      <main className="wall__body">
        <KpiStrip />
        <LiveFeed />
      </main>
      <IncompatibleNotice />
    </div>
  );
}
