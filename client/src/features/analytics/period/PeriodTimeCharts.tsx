import type { ReportSeriesGrain, ReportSeriesPoint } from '@shared';
import { useTranslation } from 'react-i18next';
import { Bar, CartesianGrid, ComposedChart, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { useFormatters } from '../../../i18n/useLanguage';
import { ChartFrame, type LegendItem } from '../charts/ChartFrame';
import { CHART_COLORS, chartLook } from '../charts/chartTheme';
import { bucketLabel, bucketTick } from './periodFormat';

export interface PeriodTimeChartProps {
  points: readonly ReportSeriesPoint[];
  grain: ReportSeriesGrain;
  height: number;
  /** A bucket picked (click on its bar or point, or its button): the appeals behind it. */
  onPick(point: ReportSeriesPoint): void;
}

export const look = chartLook('page');
const MINUTE = 60_000;
export const axisTick = { fill: CHART_COLORS.muted, fontSize: look.tick };

/** The chart-wide click: the bucket under the pointer (Recharts' active tooltip index). */
export function pickAt(points: readonly ReportSeriesPoint[], onPick: (p: ReportSeriesPoint) => void) {
  return (state: { activeTooltipIndex?: number | string | null | undefined }) => {
    const index = Number(state.activeTooltipIndex);
    const point = Number.isInteger(index) ? points[index] : undefined;
    if (point) onPick(point);
  };
}

/** Buttons for keyboard and screen-reader users: one per bucket, doing what a click does. */
export function BucketButtons({ points, grain, onPick }: Omit<PeriodTimeChartProps, 'height'>) {
  const { t } = useTranslation();
  return (
    <ul className="visually-hidden">
      {points.map((p) => (
        <li key={p.start}>
          <button type="button" onClick={() => onPick(p)}>
            {t('analyticsPeriod.drill.bucket', { range: bucketLabel(p.start, p.end, grain, t) })}
          </button>
        </li>
      ))}
    </ul>
  );
}

export function useXAxis(grain: ReportSeriesGrain) {
  const { t } = useTranslation();
  return (
    <XAxis
      dataKey="start"
      tickFormatter={(value: string) => bucketTick(value, grain, t)}
      tick={axisTick}
      stroke={CHART_COLORS.grid}
      minTickGap={12}
      height={look.tick + 16}
    />
  );
}

/** Intake per bucket (bars) with the resolutions (a line); each bar opens its appeals. */
export function PeriodIntakeChart({ points, grain, height, onPick }: PeriodTimeChartProps) {
  const { t } = useTranslation();
  const formatters = useFormatters();
  const xAxis = useXAxis(grain);
  const total = points.reduce((sum, p) => sum + p.registered, 0);
  const max = points.reduce<ReportSeriesPoint | null>(
    (m, p) => (m === null || p.registered > m.registered ? p : m),
    null,
  );
  const legend: LegendItem[] = [
    { key: 'registered', label: t('analyticsPeriod.intake.registered'), color: CHART_COLORS.primary },
    { key: 'resolved', label: t('analyticsPeriod.intake.resolved'), color: CHART_COLORS.good, shape: 'line' },
  ];
  return (
    <ChartFrame
      testId="chart-period-intake"
      theme="page"
      height={height}
      legend={legend}
      summary={t('analyticsPeriod.intake.summary', {
        total: formatters.count(total),
        max: formatters.count(max?.registered ?? 0),
        when: max ? bucketLabel(max.start, max.end, grain, t) : '—',
      })}
      isEmpty={total === 0}
      emptyText={t('analyticsPeriod.intake.empty')}
      after={<BucketButtons points={points} grain={grain} onPick={onPick} />}
    >
      <ComposedChart
        responsive
        style={{ width: '100%', height, cursor: 'pointer' }}
        data={points as ReportSeriesPoint[]}
        margin={{ top: 8, right: 16, bottom: 4, left: 0 }}
      >
        <CartesianGrid stroke={CHART_COLORS.grid} vertical={false} />
        {xAxis}
        <YAxis
          width={look.axisWidth}
          allowDecimals={false}
          tick={axisTick}
          stroke={CHART_COLORS.grid}
          tickFormatter={(v: number) => formatters.count(v)}
        />
        <Tooltip
          isAnimationActive={false}
          cursor={{ fill: 'rgb(124 196 255 / 0.1)' }}
          contentStyle={{ background: CHART_COLORS.panel, border: `1px solid ${CHART_COLORS.grid}` }}
          labelStyle={{ color: CHART_COLORS.text }}
          labelFormatter={(_, payload) => {
            const p = payload?.[0]?.payload as ReportSeriesPoint | undefined;
            return p ? bucketLabel(p.start, p.end, grain, t) : '';
          }}
          formatter={(value, name) => [
            formatters.count(Number(value)),
            t(`analyticsPeriod.intake.${String(name) as 'registered'}`),
          ]}
        />
        {/* The bar's own click (not the chart's): its bucket, wherever the pointer was before. */}
        <Bar
          dataKey="registered"
          name="registered"
          fill={CHART_COLORS.primary}
          isAnimationActive={false}
          onClick={(item) => onPick(item.payload as ReportSeriesPoint)}
        />
        <Line
          dataKey="resolved"
          name="resolved"
          stroke={CHART_COLORS.good}
          strokeWidth={look.line}
          dot={false}
          isAnimationActive={false}
        />
      </ComposedChart>
    </ChartFrame>
  );
}

/** Response p50 and p90 per bucket against the mean operational target (minutes). */
export function PeriodResponseChart({
  points,
  grain,
  height,
  onPick,
  overall,
}: PeriodTimeChartProps & { overall: { p50: number | null; p90: number | null; target: number | null } }) {
  const { t } = useTranslation();
  const formatters = useFormatters();
  const xAxis = useXAxis(grain);
  const rows = points.map((p) => ({
    start: p.start,
    p50: p.responseP50Ms === null ? null : p.responseP50Ms / MINUTE,
    p90: p.responseP90Ms === null ? null : p.responseP90Ms / MINUTE,
    target: p.responseTargetMs === null ? null : p.responseTargetMs / MINUTE,
  }));
  const responded = points.reduce((sum, p) => sum + p.responded, 0);
  const legend: LegendItem[] = [
    { key: 'p50', label: t('analyticsPeriod.response.p50'), color: CHART_COLORS.primary, shape: 'line' },
    { key: 'p90', label: t('analyticsPeriod.response.p90'), color: CHART_COLORS.secondary, shape: 'line' },
    { key: 'target', label: t('analyticsPeriod.response.target'), color: CHART_COLORS.alarm, shape: 'dashed' },
  ];
  const minutes = (v: unknown) => formatters.duration(typeof v === 'number' ? v * MINUTE : null);
  // Ticks in plain minutes ("75 мин"): a duration like "1 ч 15 мин" wraps on a narrow axis.
  const minuteTick = (v: number) => `${formatters.count(Math.round(v))} ${t('analytics.unit.minute')}`;
  return (
    <ChartFrame
      testId="chart-period-response"
      theme="page"
      height={height}
      legend={legend}
      summary={t('analyticsPeriod.response.summary', {
        p50: formatters.duration(overall.p50),
        p90: formatters.duration(overall.p90),
        target: formatters.duration(overall.target),
      })}
      isEmpty={responded === 0}
      emptyText={t('analyticsPeriod.response.empty')}
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
        <YAxis width={look.unitAxisWidth + 16} tick={axisTick} stroke={CHART_COLORS.grid} tickFormatter={minuteTick} />
        <Tooltip
          isAnimationActive={false}
          contentStyle={{ background: CHART_COLORS.panel, border: `1px solid ${CHART_COLORS.grid}` }}
          labelStyle={{ color: CHART_COLORS.text }}
          labelFormatter={(value) => bucketTick(String(value), grain, t)}
          formatter={(value, name) => [minutes(value), t(`analyticsPeriod.response.${String(name) as 'p50'}`)]}
        />
        <Line
          dataKey="p50"
          name="p50"
          stroke={CHART_COLORS.primary}
          strokeWidth={look.line}
          dot={false}
          isAnimationActive={false}
          connectNulls
        />
        <Line
          dataKey="p90"
          name="p90"
          stroke={CHART_COLORS.secondary}
          strokeWidth={look.line}
          dot={false}
          isAnimationActive={false}
          connectNulls
        />
        <Line
          dataKey="target"
          name="target"
          stroke={CHART_COLORS.alarm}
          strokeWidth={look.reference}
          strokeDasharray="6 4"
          dot={false}
          isAnimationActive={false}
          connectNulls
        />
      </LineChart>
    </ChartFrame>
  );
}
