import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { Formatters } from '../../i18n/format';
import { useFormatters } from '../../i18n/useLanguage';
import { LOAD_ALERT_PER_100K, legendBuckets, NO_DATA_COLOR, RESPONSE_TARGET_MS, type ColorScale } from './colorScale';
import { formatKpi, legendLabel } from './kpiFormat';
import { kpiName } from './kpiName';
import { CLUSTER_COLORS, URGENT_SHARE_STEPS } from './markerStyle';
import './mapLegend.css';

export interface MapLegendProps {
  scale: ColorScale;
}

/**
 * What the steps mean: the fixed thresholds with their numbers (the alert threshold, the
 * clock and the target they are tied to), or that the colours rank the regions.
 */
function legendNotes(scale: ColorScale, t: TFunction, formatters: Formatters): string[] {
  if (scale.basis === 'quantiles') return [t('mapScale.rankedNote')];
  const fixed = t('mapScale.fixedNote');
  switch (scale.kpi) {
    case 'load':
      return [t('mapScale.loadNote', { value: formatKpi('load', LOAD_ALERT_PER_100K, formatters) }), fixed];
    case 'medianResponse':
      return [t('mapScale.responseNote', { value: formatters.duration(RESPONSE_TARGET_MS) }), fixed];
    case 'overdueShare':
      // Issue 17: two clocks; this one is the operational target.
      return [t('mapScale.overdueNote'), t('legal.mapOverdueClock'), fixed];
    case 'overdueShareByLaw':
      return [t('mapScale.overdueByLawNote'), fixed];
  }
}

/** The marker groups' colours (share overdue or emergency, markerStyle.ts) and the emergency badge. */
function MarkerLegend() {
  const { t } = useTranslation();
  const formatters = useFormatters();
  const { attention, urgent } = URGENT_SHARE_STEPS;
  const steps = [
    { color: CLUSTER_COLORS.calm, label: `< ${formatters.percent(attention)}` },
    { color: CLUSTER_COLORS.attention, label: `${formatters.percent(attention)} – ${formatters.percent(urgent)}` },
    { color: CLUSTER_COLORS.urgent, label: `≥ ${formatters.percent(urgent)}` },
  ];
  return (
    <div className="map-legend__row" data-testid="map-legend-markers">
      <p className="map-legend__title">
        <span className="map-legend__kpi">{t('map.markers.legend')}</span>
      </p>
      <ul className="map-legend__steps">
        {steps.map((step) => (
          <li key={step.color} className="map-legend__step">
            <span className="map-legend__dot" style={{ background: step.color }} aria-hidden="true" />
            {step.label}
          </li>
        ))}
        <li className="map-legend__step">
          <span className="map-legend__dot map-legend__dot--alarm" aria-hidden="true" />
          {t('map.markers.legendAlarm')}
        </li>
      </ul>
    </div>
  );
}

/** The colour steps of the map with the KPI's name and what the scale is built on, then the markers' colours. */
export function MapLegend({ scale }: MapLegendProps) {
  const { t } = useTranslation();
  const formatters = useFormatters();
  const notes = legendNotes(scale, t, formatters);
  return (
    <div className="map-legend" data-testid="map-legend" data-kpi={scale.kpi} data-basis={scale.basis}>
      <div className="map-legend__row">
        <p className="map-legend__title">
          <span className="map-legend__kpi">{kpiName(scale.kpi, t)}</span>
          {notes.map((note) => (
            <span key={note} className="map-legend__note">
              {note}
            </span>
          ))}
        </p>
        <ul className="map-legend__steps">
          {legendBuckets(scale).map((bucket) => (
            <li key={bucket.color} className="map-legend__step" data-testid="map-legend-step">
              <span className="map-legend__swatch" style={{ background: bucket.color }} aria-hidden="true" />
              {legendLabel(scale.kpi, bucket, formatters)}
            </li>
          ))}
          <li className="map-legend__step map-legend__step--no-data">
            <span className="map-legend__swatch" style={{ background: NO_DATA_COLOR }} aria-hidden="true" />
            {t('map.noData')}
          </li>
        </ul>
      </div>
      <MarkerLegend />
    </div>
  );
}
