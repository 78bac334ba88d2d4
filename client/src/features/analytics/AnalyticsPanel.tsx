import type { AnalyticsFilter, RegionScope, WindowName } from '@shared';
import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { categoryName, regionName } from '../../i18n/names';
import { useFormatters, useLanguage } from '../../i18n/useLanguage';

export interface AnalyticsPanelProps {
  title: string;
  testId: string;
  /** The figures' clock reading (`Analytics.asOf`). */
  asOf: number;
  filter: AnalyticsFilter;
  scope: RegionScope;
  /** The span this panel covers (the filter's, or the chart's fixed 24 h); null: "now". */
  window: WindowName | null;
  isWide?: boolean;
  children: ReactNode;
}

/** One chart's panel: its title, what it is filtered to and the time it is as of. */
export function AnalyticsPanel({
  title,
  testId,
  asOf,
  filter,
  scope,
  window,
  isWide = false,
  children,
}: AnalyticsPanelProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const formatters = useFormatters();
  const headingId = useId();
  const region = filter.region
    ? regionName(filter.region, language)
    : scope === 'all'
      ? t('analytics.filter.allRegions')
      : t('analytics.filter.myRegions');
  const category = filter.category ? categoryName(filter.category, language) : t('analytics.filter.allCategories');
  const span = window === null ? t('analytics.now') : t(`analytics.window.${window}`);
  // Split around the placeholder so the time can be a <time> element in any word order.
  const [before = '', after = ''] = t('analytics.asOf', { time: '\u0000' }).split('\u0000');
  return (
    <section
      className={`panel analytics-panel${isWide ? ' analytics-panel--wide' : ''}`}
      aria-labelledby={headingId}
      data-testid={testId}
    >
      <div className="analytics-panel__head">
        <h2 id={headingId} className="analytics-panel__title">
          {title}
        </h2>
        <p className="analytics-panel__meta" data-testid="panel-filter">
          {t('analytics.echo', { region, category, window: span })}
        </p>
        <p className="analytics-panel__meta" data-testid="panel-as-of">
          {before}
          <time dateTime={formatters.isoInstant(asOf)}>{formatters.time(asOf)}</time>
          {after}
        </p>
      </div>
      <div className="analytics-panel__body">{children}</div>
    </section>
  );
}
