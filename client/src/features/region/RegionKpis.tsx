import type { RegionShapeMeta } from '@shared';
import { useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatters, useLanguage } from '../../i18n/useLanguage';
import { useStats } from '../../realtime/hooks';
import { shapeKpisOf } from '../map/mapKpis';
import { kpiRows, shapeNotes } from '../map/tooltipModel';
import { lawKpiRows, sumLawCounts } from '../../state/lawKpiRows';

export interface RegionKpisProps {
  shape: Pick<RegionShapeMeta, 'code' | 'includes' | 'population' | 'isApproximate'>;
}

/** The region's live figures (backlog, overdue, load, median response, as on the map's tooltip; then the law's clock). */
export function RegionKpis({ shape }: RegionKpisProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const formatters = useFormatters();
  const stats = useStats();
  const headingId = useId();
  const kpis = useMemo(() => shapeKpisOf(shape, stats), [shape, stats]);
  return (
    <section className="panel region-kpis" aria-labelledby={headingId} data-testid="region-kpis">
      <h2 id={headingId} className="panel__title">
        {t('region.kpis')}
      </h2>
      <div className="region-kpis__body">
        {shapeNotes(shape, kpis, language, t).map((note) => (
          <p key={note} className="region-panel__note">
            {note}
          </p>
        ))}
        <dl className="region-kpis__list">
          {[...kpiRows(kpis, t, formatters), ...lawKpiRows(sumLawCounts(kpis.regions, stats), t, formatters)].map(
            (row) => (
              <div key={row.label} className="region-kpis__item">
                <dt>{row.label}</dt>
                <dd>{row.value}</dd>
              </div>
            ),
          )}
        </dl>
      </div>
    </section>
  );
}
