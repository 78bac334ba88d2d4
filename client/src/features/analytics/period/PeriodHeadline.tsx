import type { LocalDate, ReportFigures, ReportPart, ReportSummary } from '@shared';
import { useTranslation } from 'react-i18next';
import type { Formatters } from '../../../i18n/format';
import { useFormatters } from '../../../i18n/useLanguage';
import { dayLabel, rangeLabel } from './periodFormat';

interface Figure {
  key: 'registered' | 'responseP50' | 'responseOnTime' | 'legalOnTime' | 'solvedPositively';
  value(f: ReportFigures): number | null;
  kind: 'count' | 'duration' | 'share';
}

const FIGURES: readonly Figure[] = [
  { key: 'registered', value: (f) => f.flow.registered, kind: 'count' },
  { key: 'responseP50', value: (f) => f.flow.response.p50, kind: 'duration' },
  { key: 'responseOnTime', value: (f) => f.flow.responseSlaCompliance, kind: 'share' },
  { key: 'legalOnTime', value: (f) => f.flow.resolutionLegalCompliance, kind: 'share' },
  { key: 'solvedPositively', value: (f) => f.cohort.solvedPositivelyShare, kind: 'share' },
];

function shown(value: number | null, kind: Figure['kind'], formatters: Formatters): string | null {
  if (value === null) return null;
  if (kind === 'count') return formatters.count(value);
  if (kind === 'duration') return formatters.duration(value);
  return formatters.percent(value);
}

/** The change against another period: counts and durations in per cent, shares in percentage points. */
function change(
  now: number | null,
  then: number | null,
  kind: Figure['kind'],
  formatters: Formatters,
  pointsText: (value: string) => string,
): string {
  if (now === null || then === null) return '';
  const sign = (v: number) => (v > 0 ? '+' : v < 0 ? '−' : '±');
  if (kind === 'share') {
    const points = Math.round((now - then) * 1000) / 10;
    return ` (${pointsText(`${sign(points)}${formatters.decimal(Math.abs(points))}`)})`;
  }
  if (then === 0) return '';
  const rel = (now - then) / then;
  return ` (${sign(rel)}${formatters.percent(Math.abs(rel))})`;
}

/**
 * The period's headline figures, each with the previous period and the same days a year
 * earlier (the summary's `previous` and `yearAgo`), and the change against each — none for a
 * period that starts before the archive's first day (`dataSince`): its figures are partial (a
 * demo year's previous year holds a few dozen appeals: "+1 253 646 %" said nothing).
 */
export function PeriodHeadline({ summary, dataSince }: { summary: ReportSummary; dataSince: LocalDate | null }) {
  const { t } = useTranslation();
  const formatters = useFormatters();
  const against = (part: ReportPart, which: 'previous' | 'yearAgo', figure: Figure, now: number | null) => {
    if (dataSince !== null && part.from < dataSince) {
      return t(`analyticsPeriod.headline.${which}`, {
        range: rangeLabel(part.from, part.to),
        value: t('analyticsPeriod.headline.beforeData', { date: dayLabel(dataSince) }),
      });
    }
    const then = figure.value(part.figures);
    const value = shown(then, figure.kind, formatters);
    return t(`analyticsPeriod.headline.${which}`, {
      range: rangeLabel(part.from, part.to),
      value:
        value === null
          ? t('analyticsPeriod.headline.noValue')
          : `${value}${change(now, then, figure.kind, formatters, (v) => t('analyticsPeriod.headline.points', { value: v }))}`,
    });
  };
  return (
    <ul className="period-headline" data-testid="period-headline">
      {FIGURES.map((figure) => {
        const now = figure.value(summary.figures);
        return (
          <li key={figure.key} className="period-headline__tile" data-testid={`headline-${figure.key}`}>
            <span className="period-headline__label">{t(`analyticsPeriod.headline.${figure.key}`)}</span>
            <strong className="period-headline__value" data-testid="headline-value" data-value={now ?? ''}>
              {shown(now, figure.kind, formatters) ?? '—'}
            </strong>
            <span className="period-headline__compare" data-testid="headline-previous">
              {against(summary.previous, 'previous', figure, now)}
            </span>
            <span className="period-headline__compare" data-testid="headline-year-ago">
              {against(summary.yearAgo, 'yearAgo', figure, now)}
            </span>
          </li>
        );
      })}
    </ul>
  );
}
