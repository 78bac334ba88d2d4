import type { DistributionBucket } from '@shared';
import { memo, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, LabelList, Tooltip, XAxis } from 'recharts';
import { useFormatters } from '../../../i18n/useLanguage';
import { ChartFrame } from './ChartFrame';
import { durationRangeLabel, type UnitWords } from './chartText';
import { sameChartProps } from './sameChartProps';
import { useCountAxis } from './useCountAxis';
import { CHART_COLORS, chartLook, type ChartTheme } from './chartTheme';

export interface DistributionChartProps {
  /** Response times counted into log-scale buckets (`Analytics.distribution`). */
  buckets: DistributionBucket[];
  /** Height of the drawing (px). */
  height: number;
  theme?: ChartTheme;
}

interface DistributionRow {
  label: string;
  count: number;
}

/**
 * How many responses fell into each log-scale bucket ("<30 с", "1–2 мин" … "≥ 33 ч") over
 * the filter's window. Labels are built from the UI language's own unit words.
 */
export const DistributionChart = memo(function DistributionChart({
  buckets,
  height,
  theme = 'page',
}: DistributionChartProps) {
  const { t } = useTranslation();
  const formatters = useFormatters();
  const look = chartLook(theme);
  const units: UnitWords = {
    second: t('analytics.unit.second'),
    minute: t('analytics.unit.minute'),
    hour: t('analytics.unit.hour'),
  };
  const unitKey = `${units.second}|${units.minute}|${units.hour}`;
  const rows = useMemo<DistributionRow[]>(
    () => buckets.map((b) => ({ label: durationRangeLabel(b.fromMs, b.toMs, units, formatters), count: b.count })),
    // `units` is rebuilt each render; its words change only with the language (unitKey).
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [buckets, unitKey, formatters],
  );
  const total = rows.reduce((sum, row) => sum + row.count, 0);
  const mode = rows.reduce<DistributionRow | null>(
    (best, row) => (best === null || row.count > best.count ? row : best),
    null,
  );
  const summary =
    total === 0 || mode === null
      ? t('analytics.distribution.empty')
      : t('analytics.distribution.summary', {
          total: formatters.count(total),
          bucket: mode.label,
          n: formatters.count(mode.count),
        });

  // Long labels ("50 мин – 1,7 ч") stand at an angle under narrow bars.
  const tickHeight = theme === 'wall' ? 130 : 84;

  // A live update brings new counts; the axes, tooltip and bars' look rarely change.
  // Recharts re-registers such an element with its chart store whenever it re-renders
  // (and redraws for it), so each is kept while its own inputs stay (bench/charts.ts).
  const grid = useMemo(() => <CartesianGrid stroke={CHART_COLORS.grid} vertical={false} />, []);
  const xAxis = useMemo(
    () => (
      <XAxis
        dataKey="label"
        interval={0}
        angle={-35}
        textAnchor="end"
        height={tickHeight}
        tick={{ fill: CHART_COLORS.muted, fontSize: look.tick }}
        stroke={CHART_COLORS.grid}
      />
    ),
    [tickHeight, look],
  );
  const yAxis = useCountAxis(look);
  const tooltip = useMemo(
    () =>
      theme === 'page' ? (
        <Tooltip
          isAnimationActive={false}
          cursor={{ fill: 'rgb(124 196 255 / 0.1)' }}
          contentStyle={{ background: CHART_COLORS.panel, border: `1px solid ${CHART_COLORS.grid}` }}
          labelStyle={{ color: CHART_COLORS.text }}
          formatter={(value) => [
            typeof value === 'number' ? formatters.count(value) : '',
            t('analytics.distribution.axis'),
          ]}
        />
      ) : null,
    [theme, formatters, t],
  );
  const bar = useMemo(
    () => (
      <Bar dataKey="count" fill={CHART_COLORS.primary} radius={[3, 3, 0, 0]} isAnimationActive={false}>
        <LabelList
          dataKey="count"
          position="top"
          fill={CHART_COLORS.text}
          fontSize={look.label}
          formatter={(value: unknown) => (typeof value === 'number' && value > 0 ? formatters.count(value) : '')}
        />
      </Bar>
    ),
    [look, formatters],
  );

  return (
    <ChartFrame
      testId="chart-distribution"
      theme={theme}
      height={height}
      summary={summary}
      isEmpty={total === 0}
      emptyText={t('analytics.distribution.empty')}
    >
      <BarChart
        responsive
        style={{ width: '100%', height }}
        data={rows}
        margin={{ top: look.label + 10, right: 16, bottom: 4, left: 0 }}
      >
        {grid}
        {xAxis}
        {yAxis}
        {tooltip}
        {bar}
      </BarChart>
    </ChartFrame>
  );
}, sameChartProps);
