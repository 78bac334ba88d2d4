import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { isMapKpi, MAP_KPIS, type MapKpi } from './mapKpis';

export interface MapKpiSelectProps {
  value: MapKpi;
  onChange: (kpi: MapKpi) => void;
}

/**
 * Which KPI colours the map. A view setting only (it changes no data), so it is allowed on
 * the wall, where operators otherwise have no controls.
 */
export function MapKpiSelect({ value, onChange }: MapKpiSelectProps) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <div className="map-kpi">
      <label className="map-kpi__label" htmlFor={id}>
        {t('map.kpiLabel')}
      </label>
      <select
        id={id}
        className="map-kpi__select"
        data-testid="map-kpi-select"
        value={value}
        onChange={(event) => {
          if (isMapKpi(event.target.value)) onChange(event.target.value);
        }}
      >
        {MAP_KPIS.map((kpi) => (
          <option key={kpi} value={kpi}>
            {t(`map.kpi.${kpi}`)}
          </option>
        ))}
      </select>
    </div>
  );
}
