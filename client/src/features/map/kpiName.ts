import type { TFunction } from 'i18next';
import type { MapKpi } from './mapKpis';

/** The KPI's name in the UI language (the legal clock's name lives with the map's own strings). */
export function kpiName(kpi: MapKpi, t: TFunction): string {
  return kpi === 'overdueShareByLaw' ? t('mapScale.kpiLegalOverdue') : t(`map.kpi.${kpi}`);
}
