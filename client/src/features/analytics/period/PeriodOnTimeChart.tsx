import type { ReportSeriesPoint } from '@shared';
import { useTranslation } from 'react-i18next';
import { CartesianGrid, Line, LineChart, Tooltip, YAxis } from 'recharts';
import { useFormatters } from '../../../i18n/useLanguage';
import { ChartFrame, type LegendItem } from '../charts/ChartFrame';
import { CHART_COLORS } from '../charts/chartTheme';
import { bucketTick, shareOf } from './periodFormat';
import { axisTick, BucketButtons, look, pickAt, useXAxis, type PeriodTimeChartProps } from './PeriodTimeCharts';

/** On-time shares per bucket, each line labelled with its clock (operational or legal). */
export function PeriodOnTimeChart({ points, grain, height, onPick }: PeriodTimeChartProps) {
  const { t } = useTranslation();
  const formatters = useFormatters();
  const xAxis = useXAxis(grain);
  const rows = points.map((p) => ({
    start: p.start,
    response: shareOf(p.respondedOnTime, p.responded),
    resolution: shareOf(p.resolvedOnTime, p.resolved),
    legal: shareOf(p.resolvedLegalOnTime, p.resolved),
  }));
  const sum = (key: keyof ReportSeriesPoint) => points.reduce((s, p) => s + Number(p[key]), 0);
  const pct = (share: number | null) => (share === null ? '—' : formatters.percent(share));
  const legend: LegendItem[] = [
    { key: 'response', label: t('analyticsPeriod.onTime.response'), color: CHART_COLORS.primary, shape: 'line' },
    { key: 'resolution', label: t('analyticsPeriod.onTime.resolution'), color: CHART_COLORS.good, shape: 'line' },
    { key: 'legal', label: t('analyticsPeriod.onTime.legal'), color: CHART_COLORS.secondary, shape: 'dashed' },
  ];
  return (
    <ChartFrame
      testId="chart-period-on-time"
      theme="page"
      height={height}
      legend={legend}
      summary={t('analyticsPeriod.onTime.summary', {
        response: pct(shareOf(sum('respondedOnTime'), sum('responded'))),
        resolution: pct(shareOf(sum('resolvedOnTime'), sum('resolved'))),
        legal: pct(shareOf(sum('resolvedLegalOnTime'), sum('resolved'))),
      })}
      isEmpty={sum('responded') + sum('resolved') === 0}
      emptyText={t('analyticsPeriod.onTime.empty')}
      after={<BucketButtons points={points} grain={grain} onPick={onPick} />}
    >
      <LineChart
        responsive
        style={{ width: '100%', height, cursor: 'pointer' }}
        data={rows}
        margin={{ top: 8, right: 16, bottom: 4, left: 0 }}
        onClick={pickAt(points, onPick)}
      >
        <CartesianGrid stroke={CHART_COLORS.grid} vertical={false} />
        {xAxis}
        <YAxis
          width={look.axisWidth}
          domain={[0, 1]}
          tick={axisTick}
          stroke={CHART_COLORS.grid}
          tickFormatter={(v: number) => formatters.percent(v)}
        />
        <Tooltip
          isAnimationActive={false}
          contentStyle={{ background: CHART_COLORS.panel, border: `1px solid ${CHART_COLORS.grid}` }}
          labelStyle={{ color: CHART_COLORS.text }}
          labelFormatter={(value) => bucketTick(String(value), grain, t)}
          formatter={(value, name) => [
            pct(typeof value === 'number' ? value : null),
            t(`analyticsPeriod.onTime.${String(name) as 'legal'}`),
          ]}
        />
        <Line
          dataKey="response"
          name="response"
          stroke={CHART_COLORS.primary}
          strokeWidth={look.line}
          dot={false}
          isAnimationActive={false}
          connectNulls
        />
        <Line
          dataKey="resolution"
          name="resolution"
          stroke={CHART_COLORS.good}
          strokeWidth={look.line}
          dot={false}
          isAnimationActive={false}
          connectNulls
        />
        <Line
          dataKey="legal"
          name="legal"
          stroke={CHART_COLORS.secondary}
          strokeWidth={look.line}
          strokeDasharray="6 4"
          dot={false}
          isAnimationActive={false}
          connectNulls
        />
      </LineChart>
    </ChartFrame>
  );
}
