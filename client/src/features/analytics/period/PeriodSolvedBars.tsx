import type { ReportFigures } from '@shared';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from 'recharts';
import { useFormatters } from '../../../i18n/useLanguage';
import { ChartFrame, type LegendItem } from '../charts/ChartFrame';
import { CHART_COLORS, chartLook } from '../charts/chartTheme';
import { shareOf } from './periodFormat';

export interface SolvedRow {
  /** Region or category code. */
  key: string;
  name: string;
  figures: ReportFigures;
}

export interface PeriodSolvedBarsProps {
  testId: string;
  rows: readonly SolvedRow[];
  onPick(key: string): void;
}

const look = chartLook('page');
const ROW_PX = 34;
/** Room for the longest region name ("Западно-Казахстанская область") at the tick size. */
const NAME_SPACE = 250;

/**
 * Per region or category: the share of the period's intake finished by asOf, and of those
 * the share solved positively (the centre's headline figure), largest intake first. A click
 * on a row opens its appeals.
 */
export function PeriodSolvedBars({ testId, rows, onPick }: PeriodSolvedBarsProps) {
  const { t } = useTranslation();
  const formatters = useFormatters();
  const data = [...rows]
    .sort((a, b) => b.figures.cohort.registered - a.figures.cohort.registered || a.name.localeCompare(b.name))
    .map((row) => ({
      key: row.key,
      name: row.name,
      registered: row.figures.cohort.registered,
      finished: shareOf(row.figures.cohort.finished, row.figures.cohort.registered),
      positive: row.figures.cohort.solvedPositivelyShare,
    }));
  const pct = (v: unknown) => (typeof v === 'number' ? formatters.percent(v) : '—');
  const top = data[0];
  const legend: LegendItem[] = [
    { key: 'finished', label: t('analyticsPeriod.solved.finished'), color: CHART_COLORS.primary },
    { key: 'positive', label: t('analyticsPeriod.solved.positive'), color: CHART_COLORS.good },
  ];
  const height = Math.max(120, data.length * ROW_PX + 40);
  const pick = (item: { payload?: unknown }) => {
    const row = item.payload as { key?: string } | undefined;
    if (row?.key) onPick(row.key);
  };
  return (
    <ChartFrame
      testId={testId}
      theme="page"
      height={height}
      legend={legend}
      summary={t('analyticsPeriod.solved.summary', {
        n: data.length,
        top: top ? `${top.name} (${formatters.count(top.registered)})` : '—',
        finished: pct(top?.finished),
        positive: pct(top?.positive),
      })}
      isEmpty={data.length === 0}
      emptyText={t('analyticsPeriod.solved.empty')}
      after={
        <ul className="visually-hidden">
          {data.map((row) => (
            <li key={row.key}>
              <button type="button" onClick={() => onPick(row.key)}>
                {t('analyticsPeriod.solved.open', { name: row.name })}
              </button>
            </li>
          ))}
        </ul>
      }
    >
      <BarChart
        responsive
        layout="vertical"
        style={{ width: '100%', height, cursor: 'pointer' }}
        data={data}
        margin={{ top: 4, right: 24, bottom: 4, left: 0 }}
      >
        <CartesianGrid stroke={CHART_COLORS.grid} horizontal={false} />
        <XAxis
          type="number"
          domain={[0, 1]}
          tickFormatter={(v: number) => formatters.percent(v)}
          tick={{ fill: CHART_COLORS.muted, fontSize: look.tick }}
          stroke={CHART_COLORS.grid}
        />
        <YAxis
          type="category"
          dataKey="name"
          width={NAME_SPACE}
          interval={0}
          tick={{ fill: CHART_COLORS.text, fontSize: look.tick - 1 }}
          stroke={CHART_COLORS.grid}
        />
        <Tooltip
          isAnimationActive={false}
          cursor={{ fill: 'rgb(124 196 255 / 0.1)' }}
          contentStyle={{ background: CHART_COLORS.panel, border: `1px solid ${CHART_COLORS.grid}` }}
          labelStyle={{ color: CHART_COLORS.text }}
          formatter={(value, name) => [pct(value), t(`analyticsPeriod.solved.${String(name) as 'finished'}`)]}
        />
        <Bar dataKey="finished" name="finished" fill={CHART_COLORS.primary} isAnimationActive={false} onClick={pick} />
        <Bar dataKey="positive" name="positive" fill={CHART_COLORS.good} isAnimationActive={false} onClick={pick} />
      </BarChart>
    </ChartFrame>
  );
}
