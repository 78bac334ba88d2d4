import type { ResponseTimeSeries } from '@shared';
import { memo, useMemo, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { CartesianGrid, Line, LineChart, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import { useFormatters } from '../../../i18n/useLanguage';
import { ChartFrame, type LegendItem } from './ChartFrame';
import { hourTicks, latestWithData, responseRows, toMinutes } from './chartData';
import { hourMinute } from './chartText';
import { sameChartProps } from './sameChartProps';
import { CHART_COLORS, chartLook, type ChartTheme } from './chartTheme';

const MINUTE = 60_000;

export interface ResponseTimeChartProps {
  /** The last 24 h in 5-minute buckets (`Analytics.responseTimes`). */
  series: ResponseTimeSeries;
  /** Height of the drawing (px). */
  height: number;
  theme?: ChartTheme;
}

/**
 * Median and 90th-percentile response time per bucket over 24 h, in minutes, with the SLA
 * target (the mean target of the responses) as a labelled reference line. Empty buckets
 * are bridged, so a quiet night does not break the lines into invisible single points.
 */
export const ResponseTimeChart = memo(function ResponseTimeChart({
  series,
  height,
  theme = 'page',
}: ResponseTimeChartProps) {
  const { t } = useTranslation();
  const formatters = useFormatters();
  const look = chartLook(theme);
  const rows = useMemo(() => responseRows(series), [series]);
  const from = series.points[0]?.t ?? 0;
  const to = (series.points.at(-1)?.t ?? 0) + series.bucketMs;
  const ticks = useMemo(() => hourTicks(from, to, theme === 'wall' ? 4 : 3), [from, to, theme]);
  const latest = latestWithData(series.points);
  const target = toMinutes(series.targetMs);
  const targetText = formatters.duration(series.targetMs);

  const summary = latest
    ? t('analytics.responseTimes.summary', {
        time: hourMinute(latest.t, formatters),
        p50: formatters.duration(latest.p50),
        p90: formatters.duration(latest.p90),
        target: targetText,
      })
    : t('analytics.responseTimes.empty');
  const targetCaption = t('analytics.responseTimes.target', { value: targetText });
  const legend: LegendItem[] = [
    { key: 'p50', label: t('analytics.responseTimes.median'), color: CHART_COLORS.primary, shape: 'line' },
    { key: 'p90', label: t('analytics.responseTimes.p90'), color: CHART_COLORS.secondary, shape: 'line' },
    { key: 'target', label: targetCaption, color: CHART_COLORS.alarm, shape: 'dashed' },
  ];

  // A live update brings new rows; the axes, lines and tooltip rarely change. Recharts
  // re-registers such an element with its chart store whenever it re-renders (and
  // redraws for it), so each is kept while its own inputs stay (bench/charts.ts).
  const grid = useMemo(() => <CartesianGrid stroke={CHART_COLORS.grid} vertical={false} />, []);
  const xAxis = useMemo(
    () => (
      <XAxis
        dataKey="t"
        type="number"
        scale="time"
        domain={[from, to]}
        ticks={ticks}
        tickFormatter={(value: number) => hourMinute(value, formatters)}
        tick={{ fill: CHART_COLORS.muted, fontSize: look.tick }}
        stroke={CHART_COLORS.grid}
        height={look.tick + 16}
      />
    ),
    [from, to, ticks, formatters, look],
  );
  const yAxis = useMemo(
    () => (
      <YAxis
        width={look.unitAxisWidth}
        tick={{ fill: CHART_COLORS.muted, fontSize: look.tick }}
        stroke={CHART_COLORS.grid}
        allowDecimals={false}
        tickFormatter={(value: number) => formatters.count(value)}
        label={{
          value: t('analytics.unit.minute'),
          position: 'top',
          offset: 10,
          fill: CHART_COLORS.muted,
          fontSize: look.tick,
        }}
      />
    ),
    [look, formatters, t],
  );
  const tooltip = useMemo(() => {
    if (theme !== 'page') return null;
    const minutesText = (value: unknown) => formatters.duration(typeof value === 'number' ? value * MINUTE : null);
    return (
      <Tooltip
        isAnimationActive={false}
        contentStyle={{ background: CHART_COLORS.panel, border: `1px solid ${CHART_COLORS.grid}` }}
        labelStyle={{ color: CHART_COLORS.text }}
        labelFormatter={(value) => (typeof value === 'number' ? hourMinute(value, formatters) : '')}
        formatter={(value) => minutesText(value)}
      />
    );
  }, [theme, formatters]);
  const reference = useMemo(() => {
    if (target === null) return null;
    // The target's caption sits in a box at the right end, above its line, so the busy
    // percentile lines never run through the words.
    const targetLabel = ({ viewBox }: { viewBox?: { x?: number; y?: number; width?: number } }): ReactElement => {
      // Bold Cyrillic runs about 0.62 em a letter; a little spare room is better than a clipped word.
      const width = targetCaption.length * look.label * 0.62 + 16;
      const height = look.label + 10;
      const x = (viewBox?.x ?? 0) + (viewBox?.width ?? 0) - width - 6;
      const y = (viewBox?.y ?? 0) - height - 4;
      return (
        <g>
          <rect
            x={x}
            y={y}
            width={width}
            height={height}
            rx={4}
            fill={CHART_COLORS.panel}
            stroke={CHART_COLORS.alarm}
          />
          <text
            x={x + width / 2}
            y={y + height / 2}
            textAnchor="middle"
            dominantBaseline="central"
            fill={CHART_COLORS.alarm}
            fontSize={look.label}
            fontWeight={700}
          >
            {targetCaption}
          </text>
        </g>
      );
    };
    return (
      <ReferenceLine
        y={target}
        // Above the percentile lines (400), below the axes (500): the target stays readable.
        zIndex={450}
        ifOverflow="extendDomain"
        stroke={CHART_COLORS.alarm}
        strokeWidth={look.reference}
        strokeDasharray="10 6"
        label={targetLabel}
      />
    );
  }, [target, targetCaption, look]);
  const lines = useMemo(
    () => (
      <>
        <Line
          dataKey="p90"
          name={t('analytics.responseTimes.p90')}
          type="monotone"
          stroke={CHART_COLORS.secondary}
          strokeWidth={look.line}
          dot={false}
          connectNulls
          isAnimationActive={false}
        />
        <Line
          dataKey="p50"
          name={t('analytics.responseTimes.median')}
          type="monotone"
          stroke={CHART_COLORS.primary}
          strokeWidth={look.line}
          dot={false}
          connectNulls
          isAnimationActive={false}
        />
      </>
    ),
    [t, look],
  );

  return (
    <ChartFrame
      testId="chart-response-times"
      theme={theme}
      height={height}
      summary={summary}
      isEmpty={latest === null}
      emptyText={t('analytics.responseTimes.empty')}
      legend={legend}
    >
      <LineChart
        responsive
        style={{ width: '100%', height }}
        data={rows}
        margin={{ top: look.tick + 16, right: 16, bottom: 4, left: 0 }}
      >
        {grid}
        {xAxis}
        {yAxis}
        {tooltip}
        {reference}
        {lines}
      </LineChart>
    </ChartFrame>
  );
}, sameChartProps);
