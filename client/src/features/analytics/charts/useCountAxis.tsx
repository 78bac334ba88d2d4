import { useMemo } from 'react';
import { YAxis } from 'recharts';
import { useFormatters } from '../../../i18n/useLanguage';
import { CHART_COLORS, type ChartLook } from './chartTheme';

/**
 * The whole-number count axis of the bar charts, memoised: Recharts re-registers (and
 * redraws) an axis whose element changes, so it keeps its identity while the look and the
 * language stay the same.
 */
export function useCountAxis(look: ChartLook) {
  const formatters = useFormatters();
  return useMemo(
    () => (
      <YAxis
        width={look.axisWidth}
        allowDecimals={false}
        tick={{ fill: CHART_COLORS.muted, fontSize: look.tick }}
        stroke={CHART_COLORS.grid}
        tickFormatter={(value: number) => formatters.count(value)}
      />
    ),
    [look, formatters],
  );
}
