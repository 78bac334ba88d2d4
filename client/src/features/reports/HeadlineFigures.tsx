import type { ReportSummary } from '@shared';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../i18n/useLanguage';
import { changeOf, HEADLINES, metricOf, type Headline } from './reportHeadlines';
import { ARROWS, changeNumber, figureText } from './reportText';

export interface HeadlineFiguresProps {
  summary: ReportSummary;
}

function Comparison({
  headline,
  summary,
  against,
}: {
  headline: Headline;
  summary: ReportSummary;
  against: 'previous' | 'yearAgo';
}) {
  const { t } = useTranslation();
  const formatters = useFormatters();
  const then = headline.value(summary[against].figures);
  const change = changeOf(headline.kind, headline.better, headline.value(summary.figures), then);
  const number = changeNumber(headline.kind, change, formatters);
  const unit = headline.kind === 'share' ? t('briefing.change.points') : '';
  return (
    <li className={`report-change report-change--${change.tone}`} data-testid={`headline-${headline.key}-${against}`}>
      <span className="report-change__against">{t(`briefing.change.${against}`)}</span>{' '}
      {number === null ? (
        <span>{t('briefing.change.none')}</span>
      ) : (
        <span className="report-change__value">
          <span aria-hidden="true">{ARROWS[change.direction]} </span>
          {number}
          {unit && ` ${unit}`}
        </span>
      )}
      <span className="report-change__then"> ({figureText(headline.kind, then, formatters)})</span>
    </li>
  );
}

/**
 * The headline figures, each with its basis (flow, or the intake cohort as of the report's
 * moment) and clock, against the previous period and the same period a year earlier.
 */
export function HeadlineFigures({ summary }: HeadlineFiguresProps) {
  const { t } = useTranslation();
  const formatters = useFormatters();
  return (
    <ul className="report-headlines" aria-label={t('briefing.figures.title')}>
      {HEADLINES.map((headline) => {
        const { basis, clock } = metricOf(headline.metric);
        const value = headline.value(summary.figures);
        return (
          <li key={headline.key} className="report-headline" data-testid={`headline-${headline.key}`}>
            <span className="report-headline__label">{t(`briefing.figures.${headline.key}`)}</span>
            <span
              className="report-headline__value"
              data-testid={`headline-${headline.key}-value`}
              data-value={value ?? ''}
            >
              {figureText(headline.kind, value, formatters)}
            </span>
            <span className="report-headline__basis" data-basis={basis} data-clock={clock}>
              {t(`briefing.basis.${basis}Short`)}
              {clock !== 'none' && ` · ${t(`briefing.clock.${clock}`)}`}
            </span>
            <ul className="report-headline__changes">
              <Comparison headline={headline} summary={summary} against="previous" />
              <Comparison headline={headline} summary={summary} against="yearAgo" />
            </ul>
          </li>
        );
      })}
    </ul>
  );
}
