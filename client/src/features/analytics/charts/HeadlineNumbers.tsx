import type { Headline, Trend } from '@shared';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { NO_VALUE } from '../../../i18n/format';
import { useFormatters } from '../../../i18n/useLanguage';
import { trendOf, TREND_ARROWS } from './chartText';
import type { ChartTheme } from './chartTheme';
import { sameChartProps } from './sameChartProps';
import '../analytics.css';

export interface HeadlineNumbersProps {
  /** The last hour's figures beside the same hour yesterday (`Analytics.headline`). */
  headline: Headline;
  theme?: ChartTheme;
}

const FIGURES = [
  { key: 'responseSla', testId: 'headline-response-sla' },
  { key: 'resolutionSla', testId: 'headline-resolution-sla' },
  { key: 'firstCallResolution', testId: 'headline-first-call' },
] as const;

/**
 * Three large shares for the last hour: responses within target, resolved on time, and
 * first-call resolution, each with an arrow against the same hour yesterday and
 * yesterday's value in words. Higher is better for all three.
 */
export const HeadlineNumbers = memo(function HeadlineNumbers({ headline, theme = 'page' }: HeadlineNumbersProps) {
  const { t } = useTranslation();
  return (
    <dl className={`headline headline--${theme}`} data-testid="headline">
      {FIGURES.map(({ key, testId }) => (
        <Figure key={key} label={t(`analytics.headline.${key}`)} trend={headline[key]} testId={testId} />
      ))}
    </dl>
  );
}, sameChartProps);

function Figure({ label, trend, testId }: { label: string; trend: Trend; testId: string }) {
  const { t } = useTranslation();
  const formatters = useFormatters();
  const direction = trendOf(trend);
  const value = trend.value === null ? NO_VALUE : formatters.percent(trend.value);
  const yesterday =
    trend.previous === null
      ? t('analytics.headline.noYesterday')
      : t('analytics.headline.yesterday', { value: formatters.percent(trend.previous) });
  return (
    <div className={`headline__figure headline__figure--${direction}`} data-testid={testId} data-trend={direction}>
      <dt className="headline__label">{label}</dt>
      <dd className="headline__value">
        <span className="headline__number" data-testid={`${testId}-value`}>
          {value}
        </span>
        {direction !== 'none' && (
          <span className="headline__arrow" aria-hidden="true">
            {TREND_ARROWS[direction]}
          </span>
        )}
      </dd>
      <dd className="headline__trend">
        {direction !== 'none' && <span className="visually-hidden">{t(`analytics.headline.${direction}`)}, </span>}
        {yesterday}
      </dd>
      <dd className="headline__count">{t('analytics.headline.count', { n: formatters.count(trend.count) })}</dd>
    </div>
  );
}
