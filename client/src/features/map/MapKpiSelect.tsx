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

interface Choice<T extends string> {
  value: T;
  label: string;
  /** The full name where `label` is a short one. */
  title?: string;
}

/** One labelled select of the map's head, its label kept with it. */
function LabelledSelect<T extends string>(props: {
  label: string;
  testId: string;
  value: T;
  choices: readonly Choice<T>[];
  isChoice: (value: string) => value is T;
  onChange: (value: T) => void;
}) {
  const id = useId();
  const chosen = props.choices.find((choice) => choice.value === props.value);
  return (
    <span className="map-kpi__field">
      <label className="map-kpi__label" htmlFor={id}>
        {props.label}
      </label>
      <select
        id={id}
        className="map-kpi__select"
        data-testid={props.testId}
        title={chosen?.title}
        value={props.value}
        onChange={(event) => {
          if (props.isChoice(event.target.value)) props.onChange(event.target.value);
        }}
      >
        {props.choices.map((choice) => (
          <option key={choice.value} value={choice.value} title={choice.title}>
            {choice.label}
          </option>
        ))}
      </select>
    </span>
  );
}

/**
 * Which KPI colours the map. A view setting only (it changes no data), so it is allowed on
 * the wall, where operators otherwise have no controls.
 */
export function MapKpiSelect({ value, onChange, mode, onModeChange, isShort = false }: MapKpiSelectProps) {
  const { t } = useTranslation();
  const kpis = MAP_KPIS.map((kpi) =>
    isShort
      ? { value: kpi, label: kpiShortName(kpi, t), title: kpiName(kpi, t) }
      : { value: kpi, label: kpiName(kpi, t) },
  );
  const modes = SCALE_MODES.map((option) => ({ value: option, label: t(`mapScale.mode.${option}`) }));
  return (
    <div className="map-kpi">
      <LabelledSelect
        label={t('map.kpiLabel')}
        testId="map-kpi-select"
        value={value}
        choices={kpis}
        isChoice={isMapKpi}
        onChange={onChange}
      />
      <LabelledSelect
        label={t('mapScale.modeLabel')}
        testId="map-scale-select"
        value={mode}
        choices={modes}
        isChoice={isScaleMode}
        onChange={onModeChange}
      />
    </div>
  );
}
