import { NO_VALUE, type Formatters } from '../../i18n/format';
import type { LegendBucket } from './colorScale';
import type { MapKpi } from './mapKpis';

/** Backlog per 100k: a tenth matters below 10, not above. */
export function formatLoad(value: number | null, formatters: Formatters): string {
  if (value === null || !Number.isFinite(value)) return NO_VALUE;
  return value < 10 ? formatters.decimal(value) : formatters.count(Math.round(value));
}

/** A KPI value as the map shows it ("—" when unknown). */
export function formatKpi(kpi: MapKpi, value: number | null, formatters: Formatters): string {
  if (value === null || !Number.isFinite(value)) return NO_VALUE;
  switch (kpi) {
    case 'load':
      return formatLoad(value, formatters);
    case 'overdueShare':
      return formatters.percent(value);
    case 'medianResponse':
      return formatters.duration(value);
  }
}

/** A legend line's range: "< 5 %", "5 % – 10 %", "≥ 35 %". */
export function legendLabel(kpi: MapKpi, bucket: LegendBucket, formatters: Formatters): string {
  const from = bucket.from === null ? null : formatKpi(kpi, bucket.from, formatters);
  const to = bucket.to === null ? null : formatKpi(kpi, bucket.to, formatters);
  if (from === null && to === null) return NO_VALUE;
  if (from === null) return `< ${to}`;
  if (to === null) return `≥ ${from}`;
  return `${from} – ${to}`;
}
