import type { ReportSeriesGrain, ReportSeriesPoint } from '@shared';
import { useTranslation } from 'react-i18next';
import { Bar, CartesianGrid, ComposedChart, Line, Tooltip, XAxis, YAxis } from 'recharts';
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
const axisTick = { fill: CHART_COLORS.muted, fontSize: look.tick };

/**
 * The compared periods' look: told apart from the current lines by pattern, not by colour
 * alone (colour-blind safe), and drawn thinner: the previous period long-dashed in grey,
 * the year-ago dotted in violet.
 */
export const COMPARED_LOOK = {
  previous: { color: '#c3ccd6', dash: '10 4', shape: 'dashed' },
  yearAgo: { color: '#b39dff', dash: '2 4', shape: 'dotted' },
} as const;

export type Row = { start: string } & Record<string, number | string | null>;

/** One drawn series of a period chart: a line (solid, dashed or a compared period's) or bars. */
export interface SeriesSpec {
  key: string;
  label: string;
  color: string;
  kind: 'bar' | 'line' | 'dashed' | 'previous' | 'yearAgo';
  width?: number;
}

export interface PeriodChartProps extends PeriodTimeChartProps {
  testId: string;
  rows: Row[];
  series: readonly SeriesSpec[];
  summary: string;
  isEmpty: boolean;
  emptyText: string;
  value(v: number | null): string;
  yAxis: { width: number; domain?: [number, number]; tick(v: number): string; allowDecimals?: boolean };
}

/** The chart-wide click: the bucket under the pointer (Recharts' active tooltip index). */
function pickAt(points: readonly ReportSeriesPoint[], onPick: (p: ReportSeriesPoint) => void) {
  return (state: { activeTooltipIndex?: number | string | null | undefined }) => {
    const index = Number(state.activeTooltipIndex);
    const point = Number.isInteger(index) ? points[index] : undefined;
    if (point) onPick(point);
  };
}

/** Buttons for keyboard and screen-reader users: one per bucket, doing what a click does. */
function BucketButtons({ points, grain, onPick }: Omit<PeriodTimeChartProps, 'height'>) {
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

const legendShape = (kind: SeriesSpec['kind']): LegendItem['shape'] =>
  kind === 'bar'
    ? 'swatch'
    : kind === 'line'
      ? 'line'
      : kind === 'previous'
        ? COMPARED_LOOK.previous.shape
        : kind === 'yearAgo'
          ? COMPARED_LOOK.yearAgo.shape
          : 'dashed';

/**
 * Every period chart over time: buckets on the x axis, bars and lines of `rows`, the compared
 * periods as thinner patterned lines, a tooltip naming each series, and a click (or a bucket
 * button) that opens the bucket's appeals.
 */
export function PeriodChart(props: PeriodChartProps) {
  const { points, grain, height, onPick, rows, series } = props;
  const { t } = useTranslation();
  const hasBar = series.some((s) => s.kind === 'bar');
  const labelOf = new Map(series.map((s) => [s.key, s.label]));
  return (
    <ChartFrame
      testId={props.testId}
      theme="page"
      height={height}
      legend={series.map((s) => ({ key: s.key, label: s.label, color: s.color, shape: legendShape(s.kind) }))}
      summary={props.summary}
      isEmpty={props.isEmpty}
      emptyText={props.emptyText}
      after={<BucketButtons points={points} grain={grain} onPick={onPick} />}
    >
      <ComposedChart
        responsive
        style={{ width: '100%', height, cursor: 'pointer' }}
        data={rows}
        margin={{ top: 8, right: 16, bottom: 4, left: 0 }}
        // With bars, each bar's own click (not the chart's): its bucket, wherever the pointer was before.
        onClick={hasBar ? undefined : pickAt(points, onPick)}
      >
        <CartesianGrid stroke={CHART_COLORS.grid} vertical={false} />
        <XAxis
          dataKey="start"
          tickFormatter={(value: string) => bucketTick(value, grain, t)}
          tick={axisTick}
          stroke={CHART_COLORS.grid}
          minTickGap={12}
          height={look.tick + 16}
        />
        <YAxis
          width={props.yAxis.width}
          domain={props.yAxis.domain}
          allowDecimals={props.yAxis.allowDecimals ?? true}
          tick={axisTick}
          stroke={CHART_COLORS.grid}
          tickFormatter={props.yAxis.tick}
        />
        <Tooltip
          isAnimationActive={false}
          cursor={hasBar ? { fill: 'rgb(124 196 255 / 0.1)' } : true}
          contentStyle={{ background: CHART_COLORS.panel, border: `1px solid ${CHART_COLORS.grid}` }}
          labelStyle={{ color: CHART_COLORS.text }}
          labelFormatter={(_, payload) => {
            const start = (payload?.[0]?.payload as Row | undefined)?.start;
            const p = points.find((x) => x.start === start);
            return p ? bucketLabel(p.start, p.end, grain, t) : '';
          }}
          formatter={(value, name) => [
            props.value(typeof value === 'number' ? value : null),
            labelOf.get(String(name)) ?? String(name),
          ]}
        />
        {series.map((s) =>
          s.kind === 'bar' ? (
            <Bar
              key={s.key}
              dataKey={s.key}
              name={s.key}
              fill={s.color}
              isAnimationActive={false}
              onClick={(item) => {
                const p = points.find((x) => x.start === (item.payload as Row).start);
                if (p) onPick(p);
              }}
            />
          ) : (
            <Line
              key={s.key}
              dataKey={s.key}
              name={s.key}
              className={`period-line period-line--${s.kind}`}
              stroke={s.color}
              strokeWidth={s.width ?? (s.kind === 'previous' || s.kind === 'yearAgo' ? 1.5 : look.line)}
              strokeDasharray={
                s.kind === 'dashed'
                  ? '6 4'
                  : s.kind === 'previous' || s.kind === 'yearAgo'
                    ? COMPARED_LOOK[s.kind].dash
                    : undefined
              }
              dot={false}
              isAnimationActive={false}
              connectNulls={s.kind !== 'previous' && s.kind !== 'yearAgo'}
            />
          ),
        )}
      </ComposedChart>
    </ChartFrame>
  );
}
