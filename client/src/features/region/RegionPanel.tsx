import { startOfKzDay } from '@shared';
import { useEffect, useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatters, useLanguage } from '../../i18n/useLanguage';
import { categoryName } from '../../i18n/names';
import { followLink, navigate } from '../../navigation';
import { useNow } from '../../realtime/clock';
import { useReplicaVersion, useStats, useWallStore } from '../../realtime/hooks';
import { shapeKpisOf } from '../map/mapKpis';
import { kpiRows, shapeNotes } from '../map/tooltipModel';
import { RegionAppealRow } from './RegionAppealRow';
import { selectRegionDetails } from './regionAppeals';
import { DASHBOARD_PATH } from '../../routes';
import { AlertStrip } from '../alerts/AlertStrip';
import type { RegionSelection } from './resolveRegion';
import './regionPanel.css';

export interface RegionPanelProps {
  /** The code in the address bar. */
  code: string;
  /** What it resolved to; null while the layer loads or when nothing has that code. */
  selection: RegionSelection | null;
  /** The layer is still loading: an unknown code may yet turn out to be one of its shapes. */
  isLayerLoading: boolean;
}

const WALL_PATH = DASHBOARD_PATH;

/**
 * A region's drill-down beside the map (`/region/:code`): its KPIs from the stats, its top
 * categories and open appeals from the replica. The open region lives in the URL, so live
 * updates re-render the panel but never close or change it; Escape or "close" goes back
 * to the wall. Read-only: changing an appeal happens on its own page.
 */
export function RegionPanel({ code, selection, isLayerLoading }: RegionPanelProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const formatters = useFormatters();
  const headingId = useId();
  const store = useWallStore();
  const version = useReplicaVersion();
  const stats = useStats();
  const now = useNow();
  const shape = selection?.shape ?? null;

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && !event.defaultPrevented) navigate(WALL_PATH);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  const kpis = useMemo(() => (shape ? shapeKpisOf(shape, stats) : undefined), [shape, stats]);
  // `version` is the replica's change counter: the appeals map is mutated in place.
  const details = useMemo(
    () => (shape ? selectRegionDetails(store.getReplica().state.appeals.values(), shape.includes, now) : null),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [store, shape, now, version],
  );

  const title = shape ? shape.name[language] : isLayerLoading ? t('region.loading') : t('region.notFound', { code });
  return (
    <section className="panel region-panel" data-testid="region-panel" data-region={code} aria-labelledby={headingId}>
      <div className="region-panel__head">
        <h2 id={headingId} className="region-panel__name" data-testid="region-panel-name">
          {title}
        </h2>
        <a
          className="button region-panel__close"
          href={WALL_PATH}
          onClick={followLink}
          data-testid="region-panel-close"
        >
          {t('region.close')}
        </a>
      </div>
      {shape && details && (
        <div className="region-panel__body">
          {shapeNotes(shape, kpis, language, t).map((note) => (
            <p key={note} className="region-panel__note">
              {note}
            </p>
          ))}
          <AlertStrip regions={shape.includes} max={3} testId="region-alerts" />
          <dl className="region-panel__kpis" aria-label={t('region.kpis')}>
            {kpiRows(kpis, t, formatters).map((row) => (
              <div key={row.label} className="region-panel__kpi">
                <dt>{row.label}</dt>
                <dd>{row.value}</dd>
              </div>
            ))}
          </dl>
          <h3 className="region-panel__subtitle">{t('region.topCategories')}</h3>
          {details.topCategories.length === 0 ? (
            <p className="region-panel__empty">{t('region.noAppeals')}</p>
          ) : (
            <ol className="region-panel__categories" data-testid="region-top-categories">
              {details.topCategories.map(({ category, open }) => (
                <li key={category} data-category={category}>
                  <span>{categoryName(category, language)}</span>
                  <span className="region-panel__count">{formatters.count(open)}</span>
                </li>
              ))}
            </ol>
          )}
          <h3 className="region-panel__subtitle">
            {t('region.appeals', { open: formatters.count(details.open), overdue: formatters.count(details.overdue) })}
          </h3>
          {details.appeals.length === 0 ? (
            <p className="region-panel__empty">{t('region.noAppeals')}</p>
          ) : (
            <ol className="region-panel__appeals" data-testid="region-appeals">
              {details.appeals.map((row) => (
                <RegionAppealRow
                  key={row.id}
                  row={row}
                  showRegion={shape.includes.length > 1}
                  todayFrom={startOfKzDay(now)}
                  language={language}
                  formatters={formatters}
                />
              ))}
            </ol>
          )}
          {details.appeals.length < details.open && (
            <p className="region-panel__more">
              {t('region.appealsShown', {
                shown: formatters.count(details.appeals.length),
                total: formatters.count(details.open),
              })}
            </p>
          )}
        </div>
      )}
    </section>
  );
}
