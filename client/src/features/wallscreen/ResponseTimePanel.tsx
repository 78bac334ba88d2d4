import type { Analytics } from '@shared';
import { useTranslation } from 'react-i18next';
import { ResponseTimeChart } from '../analytics/charts/ResponseTimeChart';
import { FittedChart } from './FittedChart';
import { WallPanel } from './WallPanel';

export interface ResponseTimePanelProps {
  analytics: Analytics | null;
}

/** The national response times over the last 24 hours (median, p90, target), sized to its panel. */
export function ResponseTimePanel({ analytics }: ResponseTimePanelProps) {
  const { t } = useTranslation();
  return (
    <WallPanel
      title={t('wallScreen.responseTimes')}
      asOf={analytics?.asOf ?? null}
      testId="wall-response-times"
      className="wall-screen-chart wall-screen-chart--response"
    >
      {analytics ? (
        <FittedChart>
          {(height) => <ResponseTimeChart series={analytics.responseTimes} height={height} theme="wall" />}
        </FittedChart>
      ) : (
        <p className="wall-screen-panel__empty">{t('wallScreen.waiting')}</p>
      )}
    </WallPanel>
  );
}
