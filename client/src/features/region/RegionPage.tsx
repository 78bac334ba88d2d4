import type { SessionUser } from '@shared';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../../i18n/useLanguage';
import { IncompatibleNotice } from '../health/IncompatibleNotice';
import { useRegionLayer } from '../map/regionLayerState';
import { DeskHeader } from './DeskHeader';
import { RegionDesk } from './RegionDesk';
import { resolveRegion } from './resolveRegion';
import './region.css';

export interface RegionPageProps {
  /** The code in the address bar. */
  code: string;
  user: SessionUser;
}

/**
 * `/region/:code` at a supervisor's desk (regionDesk.ts says who): the region's appeals as
 * a filterable, sortable, live table beside a small map and the region's figures. Wall
 * screens keep the read-only panel over the map (WallPage).
 */
export function RegionPage({ code, user }: RegionPageProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { status, layer } = useRegionLayer();
  const selection = useMemo(() => resolveRegion(layer, code), [layer, code]);
  const title = selection
    ? selection.shape.name[language]
    : status === 'loading'
      ? t('region.loading')
      : t('region.notFound', { code });
  return (
    <div className="desk region-page" data-testid="region-page">
      <DeskHeader title={title} />
      {selection ? (
        <RegionDesk key={selection.shape.code} selection={selection} user={user} />
      ) : (
        <main className="desk__message">
          <p data-testid="region-page-message">{title}</p>
        </main>
      )}
      <IncompatibleNotice />
    </div>
  );
}
