import type { LocalDate, RegionCode, RegionScope, ReportSeriesPoint } from '@shared';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { categoryName, regionName } from '../../../i18n/names';
import { useFormatters, useLanguage } from '../../../i18n/useLanguage';
import { navigate } from '../../../navigation';
import { regionChoices } from '../analyticsSearch';
import { DrillChooser } from './DrillChooser';
import { IntakeHeatmap } from './IntakeHeatmap';
import { drillHref, drillRegion, type DrillTarget } from './periodDrill';
import { dayLabel, rangeLabel } from './periodFormat';
import { PeriodHeadline } from './PeriodHeadline';
import type { PeriodView } from './periodSearch';
import { PeriodSolvedBars } from './PeriodSolvedBars';
import { PeriodIntakeChart, PeriodOnTimeChart, PeriodResponseChart, type ComparedPoints } from './PeriodTimeCharts';
import { usePeriodData } from './usePeriodData';

export interface PeriodBoardProps {
  view: PeriodView;
  scope: RegionScope;
}

function PeriodPanel(props: { title: string; echo: string; testId: string; isWide?: boolean; children: ReactNode }) {
  return (
    <section
      className={`panel analytics-panel${props.isWide ? ' analytics-panel--wide' : ''}`}
      aria-label={props.title}
      data-testid={props.testId}
    >
      <div className="analytics-panel__head">
        <h2 className="analytics-panel__title">{props.title}</h2>
        <p className="analytics-panel__meta">{props.echo}</p>
      </div>
      <div className="analytics-panel__body">{props.children}</div>
    </section>
  );
}

/**
 * The charts of a long period, read over HTTP from the archive's rollups (never the socket).
 * Axes start at the first day the archive has data for ("data since …" says so). Every
 * bar, point, row and day opens the appeals behind it in the region view.
 */
export function PeriodBoard({ view, scope }: PeriodBoardProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const formatters = useFormatters();
  const { summary, series, error } = usePeriodData(view);
  const [drill, setDrill] = useState<DrillTarget | null>(null);
  const choices = regionChoices(scope);
  const open = (target: DrillTarget) => {
    const region = drillRegion(view, target, choices);
    if (region === null) setDrill(target);
    else navigate(drillHref(region, view, target));
  };
  if (error !== null) {
    return (
      <p className="analytics__message analytics__message--error" role="alert" data-testid="period-error">
        {error === 503 ? t('analyticsPeriod.unavailable') : t('analyticsPeriod.error')}
      </p>
    );
  }
  if (summary === null || series === null) {
    return (
      <p className="analytics__message" role="status" data-testid="period-loading">
        {t('analyticsPeriod.loading')}
      </p>
    );
  }
  const since = series.dataSince;
  // The axes fit the data present: nothing is drawn before the archive's first day.
  const shownFrom: LocalDate = since !== null && since > view.from ? since : view.from;
  const shown = series.points.map((p, i) => ({ p, i })).filter(({ p }) => p.end >= shownFrom);
  const points = shown.map(({ p }) => p);
  // The compared periods index for index (aligned by offset); nothing before the archive's first day.
  const comparedOf = (points: ReportSeriesPoint[]) =>
    shown.map(({ i }) => {
      const p = points[i];
      return p && since !== null && p.end >= since ? p : null;
    });
  const compared: ComparedPoints = {
    previous: comparedOf(series.previous.points),
    yearAgo: comparedOf(series.yearAgo.points),
  };
  const echo = t('analyticsPeriod.echo', {
    region: view.region
      ? regionName(view.region, language)
      : scope === 'all'
        ? t('analytics.filter.allRegions')
        : t('analytics.filter.myRegions'),
    category: view.category ? categoryName(view.category, language) : t('analytics.filter.allCategories'),
    range: rangeLabel(shownFrom, view.to),
  });
  const pickPoint = (p: ReportSeriesPoint) => open({ from: p.start, to: p.end });
  const flow = summary.figures.flow;
  // Either answer may have been taken while the rollups are recomputed: say so, with the larger count.
  const behind = [summary.recomputing, series.recomputing].filter((r) => r !== null);
  const recomputing = behind.length === 0 ? null : { days: Math.max(...behind.map((r) => r.days)) };
  return (
    <div
      className="period-board"
      data-testid="period-board"
      data-from={view.from}
      data-to={view.to}
      data-grain={series.grain}
      data-points={points.length}
      data-registered={points.reduce((sum, p) => sum + p.registered, 0)}
      data-previous-registered={compared.previous.reduce((sum, p) => sum + (p?.registered ?? 0), 0)}
      data-year-ago-registered={compared.yearAgo.reduce((sum, p) => sum + (p?.registered ?? 0), 0)}
      data-recomputing={recomputing?.days ?? 0}
    >
      <p className="analytics__message" data-testid="period-data-since">
        {since === null
          ? t('analyticsPeriod.noArchive')
          : since > view.from
            ? t('analyticsPeriod.dataSince', { date: dayLabel(since) })
            : t('analyticsPeriod.drill.hint')}
      </p>
      {recomputing !== null && (
        <p className="analytics__message period-recomputing" role="status" data-testid="period-recomputing">
          {t('analyticsPeriod.recomputing', { days: formatters.count(recomputing.days) })}
        </p>
      )}
      {drill && <DrillChooser view={view} target={drill} regions={choices} onClose={() => setDrill(null)} />}
      <div className="analytics__grid">
        <PeriodPanel title={t('analyticsPeriod.headline.title')} echo={echo} testId="panel-period-headline" isWide>
          <PeriodHeadline summary={summary} dataSince={since} />
        </PeriodPanel>
        <PeriodPanel title={t('analyticsPeriod.intake.title')} echo={echo} testId="panel-period-intake" isWide>
          <PeriodIntakeChart points={points} grain={series.grain} height={260} onPick={pickPoint} compared={compared} />
        </PeriodPanel>
        <PeriodPanel title={t('analyticsPeriod.response.title')} echo={echo} testId="panel-period-response">
          <PeriodResponseChart
            points={points}
            grain={series.grain}
            height={260}
            onPick={pickPoint}
            overall={{
              p50: flow.response.p50,
              p90: flow.response.p90,
              target: flow.responded === 0 ? null : flow.responseTargetMs / flow.responded,
            }}
          />
        </PeriodPanel>
        <PeriodPanel title={t('analyticsPeriod.onTime.title')} echo={echo} testId="panel-period-on-time">
          <PeriodOnTimeChart points={points} grain={series.grain} height={260} onPick={pickPoint} compared={compared} />
        </PeriodPanel>
        <PeriodPanel title={t('analyticsPeriod.solved.byRegion')} echo={echo} testId="panel-period-regions">
          <PeriodSolvedBars
            testId="chart-period-regions"
            rows={summary.byRegion.map((r) => ({
              key: r.region,
              name: regionName(r.region, language),
              figures: r.figures,
            }))}
            onPick={(key) => open({ from: view.from, to: view.to, region: key as RegionCode })}
          />
        </PeriodPanel>
        <PeriodPanel title={t('analyticsPeriod.solved.byCategory')} echo={echo} testId="panel-period-categories">
          <PeriodSolvedBars
            testId="chart-period-categories"
            rows={summary.byCategory.map((c) => ({
              key: c.category,
              name: categoryName(c.category, language),
              figures: c.figures,
            }))}
            onPick={(key) => open({ from: view.from, to: view.to, category: key })}
          />
        </PeriodPanel>
        <PeriodPanel title={t('analyticsPeriod.heatmap.title')} echo={echo} testId="panel-period-heatmap" isWide>
          <IntakeHeatmap
            from={shownFrom}
            to={view.to}
            days={summary.byDay}
            onPick={(day) => open({ from: day, to: day })}
          />
        </PeriodPanel>
      </div>
      <p className="visually-hidden" data-testid="period-as-of">
        {formatters.dateTime(Date.parse(series.asOf))}
      </p>
    </div>
  );
}
