import type { Analytics } from '@shared';
import { useTranslation } from 'react-i18next';
import { RegionBoardChart } from '../analytics/charts/RegionBoardChart';
import { FittedChart } from './FittedChart';
import { WallPanel } from './WallPanel';

export interface RegionBoardPanelProps {
  analytics: Analytics | null;
}

/** Chart px per region bar with its name at the wall theme's 22 px text. */
const BAR_PX = 40;
/** The worst 8–10 regions when the panel holds them, never fewer than five. */
const BOARD_MIN = 5;
const BOARD_MAX = 10;

/** How many regions a drawing `height` px tall shows. Pure. */
export function boardLimit(height: number): number {
  return Math.min(BOARD_MAX, Math.max(BOARD_MIN, Math.floor(height / BAR_PX)));
}

/** The regions with the worst response-target compliance over the last hour (read-only: no `onSelect`). */
export function RegionBoardPanel({ analytics }: RegionBoardPanelProps) {
  const { t } = useTranslation();
  return (
    <WallPanel
      title={t('wallScreen.regionBoard')}
      asOf={analytics?.asOf ?? null}
      testId="wall-region-board"
      className="wall-screen-chart wall-screen-chart--regions"
    >
      {analytics ? (
        <FittedChart>
          {(height) => (
            <RegionBoardChart rows={analytics.regions} height={height} theme="wall" limit={boardLimit(height)} />
          )}
        </FittedChart>
      ) : (
        <p className="wall-screen-panel__empty">{t('wallScreen.waiting')}</p>
      )}
    </WallPanel>
  );
}
