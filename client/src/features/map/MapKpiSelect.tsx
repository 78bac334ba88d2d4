import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { isScaleMode, SCALE_MODES, type ScaleMode } from './colorScale';
import { kpiName, kpiShortName } from './kpiName';
import { isMapKpi, MAP_KPIS, type MapKpi } from './mapKpis';

export interface MapKpiSelectProps {
  value: MapKpi;
  onChange: (kpi: MapKpi) => void;
  /** Fixed thresholds (the default) or the regions ranked (quartiles), colorScale.ts. */
  mode: ScaleMode;
  onModeChange: (mode: ScaleMode) => void;
  /** The KPIs by their short names, the full one as a title (a narrow column: the region page's side map). */
  isShort?: boolean;
}

/**
 * Which KPI colours the map. A view setting only (it changes no data), so it is allowed on
 * the wall, where operators otherwise have no controls.
 */
export function MapKpiSelect({ value, onChange, mode, onModeChange, isShort = false }: MapKpiSelectProps) {
  const { t } = useTranslation();
  const id = useId();
  const modeId = useId();
  return (
    <div className="map-kpi">
      <span className="map-kpi__field">
        <label className="map-kpi__label" htmlFor={id}>
          {t('map.kpiLabel')}
        </label>
        <select
          id={id}
          className="map-kpi__select"
          data-testid="map-kpi-select"
          title={isShort ? kpiName(value, t) : undefined}
          value={value}
          onChange={(event) => {
            if (isMapKpi(event.target.value)) onChange(event.target.value);
          }}
        >
          {MAP_KPIS.map((kpi) => (
            <option key={kpi} value={kpi} title={isShort ? kpiName(kpi, t) : undefined}>
              {isShort ? kpiShortName(kpi, t) : kpiName(kpi, t)}
            </option>
          ))}
        </select>
      </span>
      <span className="map-kpi__field">
        <label className="map-kpi__label" htmlFor={modeId}>
          {t('mapScale.modeLabel')}
        </label>
        <select
          id={modeId}
          className="map-kpi__select"
          data-testid="map-scale-select"
          value={mode}
          onChange={(event) => {
            if (isScaleMode(event.target.value)) onModeChange(event.target.value);
          }}
        >
          {SCALE_MODES.map((option) => (
            <option key={option} value={option}>
              {t(`mapScale.mode.${option}`)}
            </option>
          ))}
        </select>
      </span>
    </div>
  );
}
