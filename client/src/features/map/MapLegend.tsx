import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { Formatters } from '../../i18n/format';
import { useFormatters } from '../../i18n/useLanguage';
import { legendBuckets, NO_DATA_COLOR, RESPONSE_TARGET_MS, type ColorScale } from './colorScale';
import { formatKpi, legendLabel } from './kpiFormat';

export interface MapLegendProps {
  scale: ColorScale;
}

/** What the scale is measured against: the scope's average load, the response target. */
function legendNote(scale: ColorScale, t: TFunction, formatters: Formatters): string | null {
  switch (scale.kpi) {
    case 'load':
      return scale.reference === null
        ? null
        : t('map.legendLoad', { value: formatKpi('load', scale.reference, formatters) });
    case 'medianResponse':
      return t('map.legendResponse', { value: formatters.duration(RESPONSE_TARGET_MS) });
    case 'overdueShare':
      return null;
  }
}

/** The colour steps of the map with the KPI's name and what the scale is measured against. */
export function MapLegend({ scale }: MapLegendProps) {
  const { t } = useTranslation();
  const formatters = useFormatters();
  const note = legendNote(scale, t, formatters);
  return (
    <div className="map-legend" data-testid="map-legend" data-kpi={scale.kpi}>
      <p className="map-legend__title">
        <span className="map-legend__kpi">{t(`map.kpi.${scale.kpi}`)}</span>
        {note !== null && <span className="map-legend__note">{note}</span>}
      </p>
      <ul className="map-legend__steps">
        {legendBuckets(scale).map((bucket) => (
          <li key={bucket.color} className="map-legend__step">
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
  );
}
