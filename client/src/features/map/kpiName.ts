import type { TFunction } from 'i18next';
import type { MapKpi } from './mapKpis';

/** The KPI's name in the UI language (the legal clock's name lives with the map's own strings). */
export function kpiName(kpi: MapKpi, t: TFunction): string {
  return kpi === 'overdueShareByLaw' ? t('mapScale.kpiLegalOverdue') : t(`map.kpi.${kpi}`);
}

/** The KPI's short name (a narrow column: the region page's side map), in the UI language. */
export function kpiShortName(kpi: MapKpi, t: TFunction): string {
  return t(`mapScale.kpiShort.${kpi}`);
}
