import type { ReportSeriesPoint } from '@shared';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../../i18n/useLanguage';
import { CHART_COLORS } from '../charts/chartTheme';
import { COMPARED_LOOK, look, PeriodChart, type PeriodTimeChartProps, type SeriesSpec } from './PeriodChart';
import { bucketLabel, shareOf } from './periodFormat';

export type { PeriodTimeChartProps } from './PeriodChart';

const MINUTE = 60_000;

/**
 * The compared periods' points, index for index with the current ones (aligned by offset in
 * the period, `ReportSeriesComparison`); null where the archive had no data yet.
 */
export interface ComparedPoints {
  previous: ReadonlyArray<ReportSeriesPoint | null>;
  yearAgo: ReadonlyArray<ReportSeriesPoint | null>;
}

/** A compared period's value at bucket `i`, or null where it had no data. */
function comparedAt(
  compared: ComparedPoints | undefined,
  which: keyof ComparedPoints,
  i: number,
  value: (p: ReportSeriesPoint) => number | null,
): number | null {
  const p = compared?.[which][i];
  return p ? value(p) : null;
}

/** The compared periods' two lines, labelled "…, previous period" / "…, a year earlier". */
function comparedSeries(label: string, t: TFunction): SeriesSpec[] {
  return [
    {
      key: 'previous',
      label: t('analyticsPeriod.compared.previous', { what: label }),
      color: COMPARED_LOOK.previous.color,
      kind: 'previous',
    },
    {
      key: 'yearAgo',
      label: t('analyticsPeriod.compared.yearAgo', { what: label }),
      color: COMPARED_LOOK.yearAgo.color,
      kind: 'yearAgo',
    },
  ];
}

/** Intake per bucket (bars) with the resolutions (a line) and the compared periods' intake; each bar opens its appeals. */
export function PeriodIntakeChart(props: PeriodTimeChartProps & { compared?: ComparedPoints }) {
  const { points, grain, compared } = props;
  const { t } = useTranslation();
  const formatters = useFormatters();
  const total = points.reduce((sum, p) => sum + p.registered, 0);
  const max = points.reduce<ReportSeriesPoint | null>(
    (m, p) => (m === null || p.registered > m.registered ? p : m),
    null,
  );
  const registered = (p: ReportSeriesPoint) => p.registered;
  const rows = points.map((p, i) => ({
    start: p.start,
    registered: p.registered,
    resolved: p.resolved,
    previous: comparedAt(compared, 'previous', i, registered),
    yearAgo: comparedAt(compared, 'yearAgo', i, registered),
  }));
  return (
    <PeriodChart
      {...props}
      testId="chart-period-intake"
      rows={rows}
      series={[
        { key: 'registered', label: t('analyticsPeriod.intake.registered'), color: CHART_COLORS.primary, kind: 'bar' },
        { key: 'resolved', label: t('analyticsPeriod.intake.resolved'), color: CHART_COLORS.good, kind: 'line' },
        ...(compared ? comparedSeries(t('analyticsPeriod.intake.registered'), t) : []),
      ]}
      summary={t('analyticsPeriod.intake.summary', {
        total: formatters.count(total),
        max: formatters.count(max?.registered ?? 0),
        when: max ? bucketLabel(max.start, max.end, grain, t) : '—',
      })}
      isEmpty={total === 0}
      emptyText={t('analyticsPeriod.intake.empty')}
      value={(v) => (v === null ? '—' : formatters.count(v))}
      yAxis={{
        width: countAxisWidth(rows, look, formatters.count),
        allowDecimals: false,
        tick: (v) => formatters.count(v),
      }}
    />
  );
}

/**
 * The intake axis' width: wide enough for its top tick (a year's months reach "120 000", which
 * the fixed width cut to "20 000"), at ~0.6 em a digit; never under the theme's width.
 */
function countAxisWidth(
  rows: ReadonlyArray<Record<string, number | string | null>>,
  look: { axisWidth: number; tick: number },
  format: (n: number) => string,
): number {
  let peak = 0;
  for (const row of rows) for (const v of Object.values(row)) if (typeof v === 'number' && v > peak) peak = v;
  // Recharts rounds the domain up to a "nice" tick: up to a quarter above the peak.
  return Math.max(look.axisWidth, Math.ceil((format(Math.ceil(peak * 1.25)).length + 1) * look.tick * 0.6));
}

/** Response p50 and p90 per bucket against the mean operational target (minutes). */
export function PeriodResponseChart(
  props: PeriodTimeChartProps & { overall: { p50: number | null; p90: number | null; target: number | null } },
) {
  const { points, overall } = props;
  const { t } = useTranslation();
  const formatters = useFormatters();
  const minutes = (ms: number | null) => (ms === null ? null : ms / MINUTE);
  const rows = points.map((p) => ({
    start: p.start,
    p50: minutes(p.responseP50Ms),
    p90: minutes(p.responseP90Ms),
    target: minutes(p.responseTargetMs),
  }));
  return (
    <PeriodChart
      {...props}
      testId="chart-period-response"
      rows={rows}
      series={[
        { key: 'p50', label: t('analyticsPeriod.response.p50'), color: CHART_COLORS.primary, kind: 'line' },
        { key: 'p90', label: t('analyticsPeriod.response.p90'), color: CHART_COLORS.secondary, kind: 'line' },
        {
          key: 'target',
          label: t('analyticsPeriod.response.target'),
          color: CHART_COLORS.alarm,
          kind: 'dashed',
          width: look.reference,
        },
      ]}
      summary={t('analyticsPeriod.response.summary', {
        p50: formatters.duration(overall.p50),
        p90: formatters.duration(overall.p90),
        target: formatters.duration(overall.target),
      })}
      isEmpty={points.every((p) => p.responded === 0)}
      emptyText={t('analyticsPeriod.response.empty')}
      value={(v) => formatters.duration(v === null ? null : v * MINUTE)}
      // Ticks in plain minutes ("75 мин"): a duration like "1 ч 15 мин" wraps on a narrow axis.
      yAxis={{
        width: look.unitAxisWidth + 16,
        tick: (v) => `${formatters.count(Math.round(v))} ${t('analytics.unit.minute')}`,
      }}
    />
  );
}

/**
 * On-time shares per bucket, each line labelled with its clock (operational or legal), and
 * the compared periods' share resolved on time (the operational clock, the headline's).
 */
export function PeriodOnTimeChart(props: PeriodTimeChartProps & { compared?: ComparedPoints }) {
  const { points, compared } = props;
  const { t } = useTranslation();
  const formatters = useFormatters();
  const onTime = (p: ReportSeriesPoint) => shareOf(p.resolvedOnTime, p.resolved);
  const rows = points.map((p, i) => ({
    start: p.start,
    response: shareOf(p.respondedOnTime, p.responded),
    resolution: onTime(p),
    legal: shareOf(p.resolvedLegalOnTime, p.resolved),
    previous: comparedAt(compared, 'previous', i, onTime),
    yearAgo: comparedAt(compared, 'yearAgo', i, onTime),
  }));
  const sum = (key: keyof ReportSeriesPoint) => points.reduce((s, p) => s + Number(p[key]), 0);
  const pct = (share: number | null) => (share === null ? '—' : formatters.percent(share));
  return (
    <PeriodChart
      {...props}
      testId="chart-period-on-time"
      rows={rows}
      series={[
        { key: 'response', label: t('analyticsPeriod.onTime.response'), color: CHART_COLORS.primary, kind: 'line' },
        { key: 'resolution', label: t('analyticsPeriod.onTime.resolution'), color: CHART_COLORS.good, kind: 'line' },
        { key: 'legal', label: t('analyticsPeriod.onTime.legal'), color: CHART_COLORS.secondary, kind: 'dashed' },
        ...(compared ? comparedSeries(t('analyticsPeriod.onTime.resolution'), t) : []),
      ]}
      summary={t('analyticsPeriod.onTime.summary', {
        response: pct(shareOf(sum('respondedOnTime'), sum('responded'))),
        resolution: pct(shareOf(sum('resolvedOnTime'), sum('resolved'))),
        legal: pct(shareOf(sum('resolvedLegalOnTime'), sum('resolved'))),
      })}
      isEmpty={sum('responded') + sum('resolved') === 0}
      emptyText={t('analyticsPeriod.onTime.empty')}
      value={pct}
      yAxis={{ width: look.axisWidth, domain: [0, 1], tick: (v) => formatters.percent(v) }}
    />
  );
}
