import { SLA_COMPLIANCE_GOAL, type RegionCode, type RegionRow } from '@shared';
import { memo, type ReactNode, useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, XAxis, YAxis, type BarShapeProps } from 'recharts';
import { regionName } from '../../../i18n/names';
import { useFormatters, useLanguage } from '../../../i18n/useLanguage';
import { ChartFrame, type LegendItem } from './ChartFrame';
import { regionBars, type RegionBar } from './chartData';
import { sameChartProps } from './sameChartProps';
import { CHART_COLORS, chartLook, type ChartTheme } from './chartTheme';

export interface RegionBoardChartProps {
  /** Regions worst first (`Analytics.regions`); drawn in this order. */
  rows: RegionRow[];
  /** Height of the drawing (px). */
  height: number;
  theme?: ChartTheme;
  /** Show only the first rows (the worst ones). */
  limit?: number;
  /** A click on a region's bar or name; without it the chart is read-only (the wall). */
  onSelect?: (code: RegionCode) => void;
}

/** Room right of the longest bar for "1,2 ч · 100 %" (px). */
const LABEL_SPACE = { page: 130, wall: 210 } as const;
/** Room for the region names (px); the longest, "Западно-Казахстанская область", fits. */
const NAME_SPACE = { page: 265, wall: 420 } as const;

/**
 * One horizontal bar per region: its median response time, and beside it the share of
 * responses within target. Regions below the compliance goal are drawn in the alarm
 * colour. Each bar (and name) opens the region when `onSelect` is given; a visually
 * hidden list of buttons does the same for keyboard and screen-reader users.
 */
export const RegionBoardChart = memo(function RegionBoardChart({
  rows,
  height,
  theme = 'page',
  limit,
  onSelect,
}: RegionBoardChartProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const formatters = useFormatters();
  const look = chartLook(theme);
  const bars = useMemo(() => regionBars(rows, limit), [rows, limit]);
  const withData = bars.filter((bar) => bar.minutes !== null);
  const goal = formatters.percent(SLA_COMPLIANCE_GOAL);
  const nameOf = useCallback((code: string) => regionName(code, language), [language]);
  const labelOf = useCallback(
    (bar: RegionBar): string =>
      bar.p50 === null
        ? t('analytics.regions.noData')
        : `${formatters.duration(bar.p50)} · ${bar.compliance === null ? '—' : formatters.percent(bar.compliance)}`,
    [t, formatters],
  );

  const worst = withData[0];
  const summary =
    worst === undefined
      ? t('analytics.regions.summaryNone', { n: bars.length })
      : t('analytics.regions.summary', {
          n: bars.length,
          goal,
          breaches: bars.filter((bar) => bar.breach).length,
          worst: `${nameOf(worst.region)} (${labelOf(worst)})`,
        });
  const legend: LegendItem[] = [
    { key: 'median', label: t('analytics.regions.median'), color: CHART_COLORS.primary },
    { key: 'breach', label: t('analytics.regions.breach', { goal }), color: CHART_COLORS.alarm },
  ];

  const select = useMemo(() => (onSelect ? (code: RegionCode) => onSelect(code) : undefined), [onSelect]);

  // A live update brings new rows; the axes and the bar's drawing rarely change. Recharts
  // re-registers such an element with its chart store whenever it re-renders (and
  // redraws for it), so each is kept while its own inputs stay (bench/charts.ts).
  const grid = useMemo(() => <CartesianGrid stroke={CHART_COLORS.grid} horizontal={false} />, []);
  const xAxis = useMemo(
    () => (
      <XAxis
        type="number"
        tick={{ fill: CHART_COLORS.muted, fontSize: look.tick }}
        stroke={CHART_COLORS.grid}
        allowDecimals={false}
        tickFormatter={(value: number) => formatters.count(value)}
        unit={` ${t('analytics.unit.minute')}`}
        height={look.tick + 16}
      />
    ),
    [look, formatters, t],
  );
  const yAxis = useMemo(() => {
    const renderName = (props: { x?: number | string; y?: number | string; payload?: { value?: unknown } }) => {
      const code = String(props.payload?.value ?? '') as RegionCode;
      return (
        <text
          x={Number(props.x)}
          y={Number(props.y)}
          textAnchor="end"
          dominantBaseline="central"
          fill={CHART_COLORS.text}
          fontSize={look.tick}
          className={select ? 'chart__clickable' : undefined}
          onClick={select ? () => select(code) : undefined}
        >
          {nameOf(code)}
        </text>
      );
    };
    return (
      <YAxis
        type="category"
        dataKey="region"
        width={NAME_SPACE[theme]}
        interval={0}
        tick={renderName}
        stroke={CHART_COLORS.grid}
      />
    );
  }, [look, select, nameOf, theme]);
  const bar = useMemo(() => {
    const renderBar = (props: BarShapeProps): ReactNode => {
      const bar = props.payload as RegionBar;
      const color = bar.breach ? CHART_COLORS.alarm : CHART_COLORS.primary;
      const midY = props.y + props.height / 2;
      const onClick = select ? () => select(bar.region) : undefined;
      return (
        <g className={select ? 'chart__clickable' : undefined} onClick={onClick}>
          {bar.minutes !== null && (
            <rect
              data-testid="region-bar"
              data-region={bar.region}
              data-breach={bar.breach}
              x={props.x}
              y={props.y}
              width={Math.max(props.width, 3)}
              height={props.height}
              rx={3}
              fill={color}
            />
          )}
          <text
            x={props.x + Math.max(props.width, 3) + 8}
            y={midY}
            dominantBaseline="central"
            fill={bar.minutes === null ? CHART_COLORS.muted : bar.breach ? CHART_COLORS.alarm : CHART_COLORS.text}
            fontSize={look.label}
            fontWeight={bar.breach ? 700 : 400}
          >
            {labelOf(bar)}
          </text>
        </g>
      );
    };
    return (
      <Bar dataKey={(bar: RegionBar) => (bar.minutes ?? 0) as number} shape={renderBar} isAnimationActive={false} />
    );
  }, [select, look, labelOf]);

  return (
    <ChartFrame
      testId="chart-regions"
      theme={theme}
      height={height}
      summary={summary}
      isEmpty={bars.length === 0}
      emptyText={t('analytics.regions.summaryNone', { n: 0 })}
      legend={legend}
      note={t('analytics.regions.share')}
      after={
        select && (
          <ul className="visually-hidden" aria-label={t('analytics.regions.list')}>
            {bars.map((bar) => (
              <li key={bar.region}>
                <button
                  type="button"
                  data-testid="region-bar-button"
                  data-region={bar.region}
                  onClick={() => select(bar.region)}
                >
                  {t('analytics.regions.open', { region: `${nameOf(bar.region)}, ${labelOf(bar)}` })}
                </button>
              </li>
            ))}
          </ul>
        )
      }
    >
      <BarChart
        responsive
        layout="vertical"
        style={{ width: '100%', height }}
        data={bars}
        margin={{ top: 4, right: LABEL_SPACE[theme], bottom: 4, left: 8 }}
        barCategoryGap="18%"
      >
        {grid}
        {xAxis}
        {yAxis}
        {bar}
      </BarChart>
    </ChartFrame>
  );
}, sameChartProps);
