import { CHANNELS, KZ_UTC_OFFSET_MS, type Channel, type IntakeSeries } from '@shared';
import { memo, type ReactNode, useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Tooltip,
  XAxis,
  type BarShapeProps,
  type TooltipContentProps,
  type TooltipValueType,
} from 'recharts';
import { categoryName } from '../../../i18n/names';
import { useFormatters, useLanguage } from '../../../i18n/useLanguage';
import { ChartFrame, type LegendItem } from './ChartFrame';
import { busiestHour, intakeStacks, OTHER_KEY, type IntakeKey, type IntakeStacks } from './chartData';
import { hourMinute } from './chartText';
import { sameChartProps } from './sameChartProps';
import { useCountAxis } from './useCountAxis';
import { CHART_COLORS, chartLook, OTHER_COLOR, seriesColor, type ChartTheme } from './chartTheme';

const HOUR = 3_600_000;

type IntakeRow = IntakeStacks['rows'][number];

const colorOf = (key: IntakeKey, index: number): string => (key === OTHER_KEY ? OTHER_COLOR : seriesColor(index));

export interface IntakeChartProps {
  /** Appeals per hour over 24 h (`Analytics.intake`). */
  intake: IntakeSeries;
  /** Stack by channel, or by category (the six busiest and "other"). */
  split: 'channel' | 'category';
  /** Height of the drawing (px). */
  height: number;
  theme?: ChartTheme;
}

/** Appeals registered per hour over the last 24 h, stacked by channel or by category. */
export const IntakeChart = memo(function IntakeChart({ intake, split, height, theme = 'page' }: IntakeChartProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const formatters = useFormatters();
  const look = chartLook(theme);
  const stacks = useMemo(() => intakeStacks(intake, split), [intake, split]);
  const every = theme === 'wall' ? 4 : 3;

  // A live update brings new rows; the rest of the drawing rarely changes. Recharts
  // re-registers an axis, bar or tooltip with its chart store whenever the element
  // re-renders (and redraws for it), so those elements are kept while their inputs stay
  // and only the data goes to the chart (bench/charts.ts).
  const keysKey = stacks.keys.join('|');
  // eslint-disable-next-line react-hooks/exhaustive-deps -- the same keys, by content
  const keys = useMemo(() => stacks.keys, [keysKey]);
  const nameOf = useCallback(
    (key: IntakeKey): string => {
      if (key === OTHER_KEY) return t('analytics.intake.other');
      if ((CHANNELS as readonly string[]).includes(key)) return t(`regionView.channel.${key as Channel}`);
      return categoryName(key, language);
    },
    [t, language],
  );
  const legend: LegendItem[] = keys.map((key, index) => ({
    key,
    label: nameOf(key),
    color: colorOf(key, index),
  }));
  const busiest = busiestHour(stacks.rows);
  const summary =
    busiest === null
      ? t('analytics.intake.empty')
      : t('analytics.intake.summary', {
          total: formatters.count(stacks.total),
          hour: hourMinute(busiest.t, formatters),
          max: formatters.count(busiest.total),
        });

  const grid = useMemo(() => <CartesianGrid stroke={CHART_COLORS.grid} vertical={false} />, []);
  const xAxis = useMemo(() => {
    // One bar per hour; only whole Kazakhstan hours divisible by `every` are labelled.
    const hourLabel = (value: unknown): string => {
      if (typeof value !== 'number') return '';
      const kzHour = Math.floor((value + KZ_UTC_OFFSET_MS) / HOUR) % 24;
      return kzHour % every === 0 ? hourMinute(value, formatters) : '';
    };
    return (
      <XAxis
        dataKey="t"
        interval={0}
        tickFormatter={hourLabel}
        tick={{ fill: CHART_COLORS.muted, fontSize: look.tick }}
        stroke={CHART_COLORS.grid}
        height={look.tick + 16}
      />
    );
  }, [every, formatters, look]);
  const yAxis = useCountAxis(look);
  const tooltip = useMemo(() => {
    if (theme !== 'page') return null;
    const renderTooltip = ({ active, payload }: TooltipContentProps<TooltipValueType, string | number>): ReactNode => {
      const row = payload?.[0]?.payload as IntakeRow | undefined;
      if (!active || !row) return null;
      return (
        <div className="chart__tooltip">
          <p className="chart__tooltip-title">
            {hourMinute(row.t, formatters)} · {formatters.count(row.total)}
          </p>
          <ul>
            {keys.map((key, index) =>
              (row[key] ?? 0) > 0 ? (
                <li key={key}>
                  <span className="chart__key" style={{ backgroundColor: colorOf(key, index) }} />
                  {nameOf(key)}: {formatters.count(row[key] ?? 0)}
                </li>
              ) : null,
            )}
          </ul>
        </div>
      );
    };
    return <Tooltip isAnimationActive={false} cursor={{ fill: 'rgb(124 196 255 / 0.1)' }} content={renderTooltip} />;
  }, [theme, keys, nameOf, formatters]);
  const bar = useMemo(() => {
    // One Bar series (the hour's total) whose shape draws the stack itself: Recharts
    // redraws every series of a stack on each update, and seven stacked series of 24 bars
    // cost ten times as much as this (measured: ≈ 250 ms against ≈ 25 ms per chart).
    const renderStack = (props: BarShapeProps): ReactNode => {
      const row = props.payload as IntakeRow;
      if (row.total <= 0 || props.height <= 0) return <g />;
      let top = props.y + props.height;
      return (
        <g>
          {keys.map((key, index) => {
            const count = row[key] ?? 0;
            if (count === 0) return null;
            const height = (props.height * count) / row.total;
            top -= height;
            return (
              <rect
                key={key}
                data-key={key}
                x={props.x}
                y={top}
                width={props.width}
                height={height}
                fill={colorOf(key, index)}
                stroke={CHART_COLORS.panel}
                strokeWidth={0.5}
              />
            );
          })}
        </g>
      );
    };
    return <Bar dataKey="total" shape={renderStack} isAnimationActive={false} />;
  }, [keys]);

  return (
    <ChartFrame
      testId={split === 'channel' ? 'chart-intake-channel' : 'chart-intake-category'}
      theme={theme}
      height={height}
      summary={summary}
      isEmpty={stacks.total === 0}
      emptyText={t('analytics.intake.empty')}
      legend={legend}
    >
      <BarChart
        responsive
        style={{ width: '100%', height }}
        data={stacks.rows}
        margin={{ top: 8, right: 16, bottom: 4, left: 0 }}
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
