import { computeStats, createProjection, type Alert } from '@shared';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { EMPTY_FILTERS, listQueryOf } from '../../../../../client/src/features/region/regionFilters';
import { RegionView } from '../../../../../client/src/features/region/RegionView';
import { WallPage } from '../../../../../client/src/features/wall/WallPage';
import { createI18n } from '../../../../../client/src/i18n/createI18n';
import { StoreContext } from '../../../../../client/src/realtime/storeContext';
import { createWallStore, type WallStore } from '../../../../../client/src/state/wallStore';
import { sessionUser } from '../../fixtures';

const NOW = vi.hoisted(() => {
  const now = Date.parse('2026-11-27T14:05:00+05:00');
  vi.useFakeTimers({ now });
  return now;
});

afterAll(() => vi.useRealTimers());

const ALERTS: Alert[] = [
  {
    id: 'burst:KZ-71:heating',
    kind: 'burst',
    region: 'KZ-71',
    category: 'heating',
    value: 30,
    limit: 25,
    since: NOW,
    appealIds: ['A-1'],
  },
  { id: 'backlog:KZ-75', kind: 'backlog', region: 'KZ-75', value: 74, limit: 60, since: NOW },
];

function storeWith(alerts: Alert[]): WallStore {
  const store = createWallStore({ now: () => NOW });
  store.receiveStats({ ...computeStats(createProjection(), NOW), alerts });
  // Any flush-now publishes the stats (receiveStats alone waits for the batch timer).
  store.connected();
  return store;
}

function render(element: React.ReactElement, alerts: Alert[]): string {
  const store = storeWith(alerts);
  const html = renderToStaticMarkup(
    <I18nextProvider i18n={createI18n('ru')}>
      <StoreContext value={store}>{element}</StoreContext>
    </I18nextProvider>,
  );
  store.dispose();
  return html;
}

describe('alerts on the dashboard and the region views', () => {
  it('puts a compact strip under the KPI tiles of the dashboard, and nothing when quiet', () => {
    const html = render(<WallPage />, ALERTS);
    expect(html).toContain('data-testid="alert-strip"');
    expect(html.match(/data-testid="alert"/g)).toHaveLength(2);
    // The strip sits between the KPI tiles and the map.
    expect(html.indexOf('data-testid="kpi-open"')).toBeLessThan(html.indexOf('data-testid="alert-strip"'));
    expect(html.indexOf('data-testid="alert-strip"')).toBeLessThan(html.indexOf('data-testid="region-map"'));
    expect(render(<WallPage />, [])).not.toContain('alert-strip');
  });

  it('shows only the region’s alerts on the supervisor’s region view', () => {
    const query = listQueryOf(['KZ-71'], EMPTY_FILTERS);
    const html = render(
      <RegionView
        shape={{ code: 'KZ-71', includes: ['KZ-71'] }}
        user={sessionUser('supervisor')}
        filters={EMPTY_FILTERS}
        onFiltersChange={() => undefined}
        listQuery={query}
        list={{
          query,
          status: 'ready',
          items: [],
          total: 0,
          asOf: NOW,
          cursor: '1-0',
          isTruncated: false,
          isRefreshing: false,
          isStale: false,
          error: null,
        }}
        url="/region/KZ-71"
        remembered={null}
      />,
      ALERTS,
    );
    expect(html).toContain('data-testid="region-alerts"');
    expect(html).toContain('data-alert-id="burst:KZ-71:heating"');
    expect(html).not.toContain('backlog:KZ-75');
  });
});
