import type { SessionUser } from '@shared';
import { useCallback, useMemo, useState } from 'react';
import { navigate } from '../../navigation';
import { regionPath } from '../../routes';
import { MapPanel } from '../map/MapPanel';
import { RegionKpis } from './RegionKpis';
import { ServicesPanel } from './ServicesPanel';
import { listQueryOf, parseRegionSearch, regionSearchOf, type RegionFilters } from './regionFilters';
import { RegionView } from './RegionView';
import { ownerOf, recallView } from './regionViewMemory';
import type { RegionSelection } from './resolveRegion';
import { replaceSearch, useLocationSearch } from '../../navigation';
import { useRegionAppeals } from './useRegionAppeals';

export interface RegionDeskProps {
  selection: RegionSelection;
  user: SessionUser;
}

/**
 * The region view's body: its filters come from the address bar (so the view is a link)
 * and go back there on every change; the rows come from the list API, kept live. The map
 * on the side opens another region in one click, with the same filters.
 */
export function RegionDesk({ selection, user }: RegionDeskProps) {
  const { shape, mapCode } = selection;
  const search = useLocationSearch();
  const filters = useMemo(() => parseRegionSearch(search), [search]);
  const listQuery = useMemo(() => listQueryOf(shape.includes, filters), [shape.includes, filters]);
  const url = `${regionPath(shape.code)}${regionSearchOf(filters)}`;
  // Only what this very view looked like when it was left (Esc back from an appeal).
  const [remembered] = useState(() => recallView(ownerOf(user), url));
  const list = useRegionAppeals(listQuery, {
    regions: shape.includes,
    initial: remembered?.list ?? null,
    isClockBound: filters.overdue !== null,
  });

  const onFiltersChange = useCallback((next: RegionFilters) => replaceSearch(regionSearchOf(next)), []);
  // The address bar holds the filters: read them there, so the callback never goes stale.
  const onSelectRegion = useCallback((code: string) => {
    if (regionPath(code) === window.location.pathname) return;
    navigate(`${regionPath(code)}${regionSearchOf(parseRegionSearch(window.location.search))}`);
  }, []);

  return (
    <main className="region-desk">
      <aside className="region-desk__side">
        <RegionKpis shape={shape} />
        <MapPanel selectedCode={mapCode} onSelect={onSelectRegion} isNarrow />
        <ServicesPanel regions={shape.includes} />
      </aside>
      <RegionView
        shape={shape}
        user={user}
        filters={filters}
        onFiltersChange={onFiltersChange}
        listQuery={listQuery}
        list={list}
        url={url}
        remembered={remembered}
      />
    </main>
  );
}
