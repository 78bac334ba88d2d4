import { NO_VALUE, type Formatters } from '../../i18n/format';
import { ABOVE_ZERO, type LegendBucket } from './colorScale';
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
    case 'overdueShareByLaw':
      return formatters.percent(value);
    case 'medianResponse':
      return formatters.duration(value);
  }
}

/**
 * A legend line's range: "< 15", "15 – 30", "≥ 60"; around the step just above zero
 * (colorScale.ABOVE_ZERO) "0 %" and "> 0 – < 5 %".
 */
export function legendLabel(kpi: MapKpi, bucket: LegendBucket, formatters: Formatters): string {
  if (bucket.from === null && bucket.to === ABOVE_ZERO) return formatKpi(kpi, 0, formatters);
  if (bucket.from === ABOVE_ZERO) {
    const zero = formatKpi(kpi, 0, formatters);
    return bucket.to === null ? `> ${zero}` : `> ${zero} – < ${formatKpi(kpi, bucket.to, formatters)}`;
  }
  const from = bucket.from === null ? null : formatKpi(kpi, bucket.from, formatters);
  const to = bucket.to === null ? null : formatKpi(kpi, bucket.to, formatters);
  if (from === null && to === null) return NO_VALUE;
  if (from === null) return `< ${to}`;
  if (to === null) return `≥ ${from}`;
  return `${from} – ${to}`;
}
