import { useTranslation } from 'react-i18next';
import { metricOf } from './reportHeadlines';

export interface ColumnHeadProps {
  metric: string;
  label: string;
}

/** A table's column heading with its figure's basis and clock under the name (so a printed table says them too). */
export function ColumnHead({ metric, label }: ColumnHeadProps) {
  const { t } = useTranslation();
  const { basis, clock } = metricOf(metric);
  return (
    <th scope="col" className="report-table__head" data-basis={basis} data-clock={clock}>
      {label}
      <span className="report-table__basis">
        {t(`briefing.basis.${basis}Short`)}
        {clock !== 'none' && ` · ${t(`briefing.clock.${clock}`)}`}
      </span>
    </th>
  );
}
