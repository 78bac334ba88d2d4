import type { ReportSummary } from '@shared';
import { lazy, Suspense, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatters, useLanguage } from '../../i18n/useLanguage';
import { NO_DATA_COLOR, STEP_COLORS } from '../map/colorScale';
import { mapLabels } from '../map/mapLabels';
import { useRegionLayer } from '../map/regionLayerState';
import type { ShapeLook } from '../map/shapeStyle';
import { useIsClient } from '../map/useIsClient';
import '../map/map.css';
import { onTimeColor, ON_TIME_STEPS, shapeOnTime } from './onTimeScale';

// Leaflet in its own chunk, as on the wall.
const RegionMap = lazy(() => import('../map/RegionMap').then((module) => ({ default: module.RegionMap })));

function ignore(): void {}
function noTooltip(): HTMLElement {
  return document.createElement('span');
}

export interface ReportMapProps {
  summary: ReportSummary;
}

/**
 * The regions coloured by the period's on-time share (onTimeScale.ts), each badge its share
 * in figures: a read-only map without live markers, at a fixed size that fits A4 landscape.
 */
export function ReportMap({ summary }: ReportMapProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const formatters = useFormatters();
  const isClient = useIsClient();
  const { layer } = useRegionLayer();
  const shapes = useMemo(() => layer?.shapes ?? [], [layer]);
  const shares = useMemo(() => shapeOnTime(shapes, summary), [shapes, summary]);
  const looks = useMemo(() => {
    const map = new Map<string, ShapeLook>();
    for (const [code, share] of shares) {
      map.set(code, { fillColor: onTimeColor(share), hasData: share !== null, isSelected: false });
    }
    return map;
  }, [shares]);
  const names = useMemo(() => new Map(shapes.map((s) => [s.code, s.name[language]])), [shapes, language]);
  const labels = useMemo(() => mapLabels(shapes, language), [shapes, language]);
  const counts = useMemo(() => {
    const texts = new Map<string, string>();
    for (const [code, share] of shares) if (share !== null) texts.set(code, formatters.percent(share));
    return texts;
  }, [shares, formatters]);
  const steps = [
    `≥ ${formatters.percent(ON_TIME_STEPS[0])}`,
    ...ON_TIME_STEPS.slice(1).map((s, i) => `${formatters.percent(s)}–${formatters.percent(ON_TIME_STEPS[i] ?? 1)}`),
    `< ${formatters.percent(ON_TIME_STEPS[2])}`,
  ];
  return (
    <figure className="report-map" data-testid="report-map">
      <figcaption className="report-chart__caption">{t('briefing.map.title')}</figcaption>
      <div className="region-map report-map__box" data-status={layer ? 'ready' : 'loading'}>
        {layer && isClient ? (
          <Suspense fallback={<p className="region-map__message">{t('map.loading')}</p>}>
            <RegionMap
              layer={layer}
              looks={looks}
              names={names}
              labels={labels}
              counts={counts}
              tooltipOf={noTooltip}
              onSelect={ignore}
              isReadOnly
              hasMarkers={false}
            />
          </Suspense>
        ) : (
          <p className="region-map__message">{t('map.loading')}</p>
        )}
      </div>
      <ul className="report-map__legend" aria-label={t('briefing.map.legend')}>
        {steps.map((label, index) => (
          <li key={label}>
            <span className="report-map__swatch" style={{ backgroundColor: STEP_COLORS[index] }} /> {label}
          </li>
        ))}
        <li>
          <span className="report-map__swatch" style={{ backgroundColor: NO_DATA_COLOR }} /> {t('briefing.map.noData')}
        </li>
      </ul>
    </figure>
  );
}
