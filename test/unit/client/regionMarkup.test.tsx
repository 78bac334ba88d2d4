import type { SessionUser } from '@shared';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { App } from '../../../client/src/App';
import { RegionLayerContext, type RegionLayerState } from '../../../client/src/features/map/regionLayerState';
import { createI18n } from '../../../client/src/i18n/createI18n';
import type { Language } from '../../../client/src/i18n/languages';
import { StoreContext } from '../../../client/src/realtime/storeContext';
import { createWallStore, type WallStore } from '../../../client/src/state/wallStore';
import { createEventFactory, HOUR, MINUTE } from '../shared/factories';
import { fixtureLayer } from './features/map/layerFixture';
import { frameOf, sessionUser, snapshotOf } from './fixtures';

// The on-screen clock (realtime/clock.ts) reads the time when its module loads.
const NOW = vi.hoisted(() => {
  const now = Date.parse('2026-11-27T10:05:00+05:00');
  vi.useFakeTimers({ now });
  return now;
});

afterAll(() => vi.useRealTimers());

const READY: RegionLayerState = { status: 'ready', layer: fixtureLayer(), tiles: null };
const f = createEventFactory();

/** A store with open appeals in East Kazakhstan (one overdue), Abai and Almaty. */
function storeWithAppeals(): WallStore {
  const store = createWallStore({ now: () => NOW });
  store.connected();
  store.receiveSnapshot(
    snapshotOf(
      [
        f.registered('A-1', { region: 'KZ-63', category: 'gas', at: NOW - 6 * HOUR, description: 'Запах газа, кв. 5' }),
        f.registered('A-2', {
          region: 'KZ-10',
          category: 'heating',
          priority: 'emergency',
          at: NOW - 10 * MINUTE,
          citizen: { name: 'Айгерим Нурланова', phone: '+7 701 000 00 00' },
        }),
        f.registered('A-3', { region: 'KZ-63', category: 'heating', at: NOW - 2 * MINUTE }),
        f.registered('A-4', { region: 'KZ-75', category: 'roads', at: NOW - MINUTE }),
      ],
      NOW,
    ),
  );
  return store;
}

function render(
  pathname: string,
  options: { language?: Language; layer?: RegionLayerState; user?: SessionUser; store?: WallStore } = {},
): string {
  const store = options.store ?? storeWithAppeals();
  const user = options.user ?? sessionUser('operator');
  const html = renderToStaticMarkup(
    <I18nextProvider i18n={createI18n(options.language ?? 'ru')}>
      <StoreContext value={store}>
        <RegionLayerContext value={options.layer ?? READY}>
          <App pathname={pathname} user={user} />
        </RegionLayerContext>
      </StoreContext>
    </I18nextProvider>,
  );
  if (!options.store) store.dispose();
  return html;
}

const appealIds = (html: string) =>
  [...html.matchAll(/data-testid="region-appeal" data-appeal-id="([^"]+)"/g)].map((m) => m[1]);

describe('region drill-down markup', () => {
  it('opens the panel beside the map instead of the feed', () => {
    const html = render('/region/KZ-63');
    for (const id of [
      'region-panel',
      'region-panel-name',
      'region-panel-close',
      'region-map',
      'map-legend',
      'kpi-open',
    ]) {
      expect(html, id).toContain(`data-testid="${id}"`);
    }
    expect(html).not.toContain('data-testid="feed"');
    expect(html).toMatch(/data-testid="region-panel-name"[^>]*>Восточно-Казахстанская область</);
    expect(html).toContain('Включая: область Абай');
  });

  it('lists the open appeals of the shape, newest first, overdue highlighted, each linking to its page', () => {
    const html = render('/region/KZ-63');
    expect(appealIds(html)).toEqual(['A-3', 'A-2', 'A-1']);
    expect(html).toMatch(
      /class="region-appeal region-appeal--overdue" data-testid="region-appeal" data-appeal-id="A-1"/,
    );
    expect(html).toMatch(/class="region-appeal" data-testid="region-appeal" data-appeal-id="A-3"/);
    expect(html).toContain('href="/appeals/A-1"');
    expect(html).toContain('Открытые обращения: 3, просрочено: 1');
    // An aggregated shape names each row's region.
    expect(html).toContain('· область Абай');
  });

  it('ranks the top categories and shows the shape KPIs from the stats', () => {
    const html = render('/region/KZ-63');
    expect(html).toMatch(/data-category="heating"><span>теплоснабжение и горячая вода<\/span><span[^>]*>2</);
    expect(html).toMatch(/<dt>В работе \(открытые\)<\/dt><dd>3<\/dd>/);
  });

  it('opens a 2022 oblast on its own', () => {
    const html = render('/region/KZ-10');
    expect(html).toMatch(/data-testid="region-panel-name"[^>]*>область Абай</);
    expect(appealIds(html)).toEqual(['A-2']);
  });

  it('says so for an unknown region, and waits for a loading layer', () => {
    expect(render('/region/XX-1')).toContain('Регион XX-1 не найден');
    expect(render('/region/XX-1', { layer: { status: 'loading', layer: null, tiles: null } })).toMatch(
      /data-testid="region-panel-name"[^>]*>Загрузка…</,
    );
  });

  it('is open to a kiosk (read-only: it only links)', () => {
    const kiosk = sessionUser('operator', { username: 'kiosk:hall', isKiosk: true });
    const html = render('/region/KZ-75', { user: kiosk });
    expect(appealIds(html)).toEqual(['A-4']);
    expect(html).not.toMatch(/<(button|form)[^>]*data-appeal-id/);
  });

  it('is all Kazakh on a Kazakh screen', () => {
    const html = render('/region/KZ-63', { language: 'kk' });
    for (const text of [
      'Шығыс Қазақстан облысы',
      'Қоса алғанда: Абай облысы',
      'Ашық өтініштер: 3, мерзімі өткен: 1',
      'Ашық өтініштері ең көп 5 санат',
      'жылумен жабдықтау және ыстық су',
      'Өңірлер картасы',
      'Жабу',
    ]) {
      expect(html, text).toContain(text);
    }
    for (const foreign of ['Восточно', 'Включая', 'Открытые', 'теплоснабжение', 'Закрыть', 'Close', 'incl.']) {
      expect(html, foreign).not.toContain(foreign);
    }
  });

  it('never renders citizen data or descriptions', () => {
    const html = render('/region/KZ-10');
    for (const secret of ['Айгерим', '+7 701', 'кв. 5']) expect(html).not.toContain(secret);
  });

  it('stays open and takes in new appeals on a live update', () => {
    const store = storeWithAppeals();
    expect(appealIds(render('/region/KZ-63', { store }))).toEqual(['A-3', 'A-2', 'A-1']);
    const cursor = store.getReplica().state.cursor;
    store.receiveFrame(frameOf(cursor, [f.registered('A-9', { region: 'KZ-63', at: NOW })], NOW));
    const html = render('/region/KZ-63', { store });
    expect(html).toContain('data-testid="region-panel"');
    expect(appealIds(html)).toEqual(['A-9', 'A-3', 'A-2', 'A-1']);
    store.dispose();
  });
});

describe('region view at a supervisor’s desk', () => {
  it('replaces the wall panel with the full view: map, figures, filters, table, CSV', () => {
    const html = render('/region/KZ-63', { user: sessionUser('supervisor') });
    for (const id of ['region-page', 'region-map', 'region-kpis', 'region-filters', 'region-table', 'region-csv']) {
      expect(html, id).toContain(`data-testid="${id}"`);
    }
    expect(html).not.toContain('data-testid="region-panel"');
    expect(html).toMatch(/data-testid="desk-title"[^>]*>Восточно-Казахстанская область</);
    // The shape's regions, the default sort, no page size: the CSV of exactly what the table lists.
    expect(html).toContain('href="/api/appeals.csv?region=KZ-63,KZ-10&amp;sort=-registeredAt&amp;lang=ru"');
    expect(html).toContain('Загрузка…');
  });

  it('is the admins’ view too, without the choice of rows (admins do not manage appeals)', () => {
    const html = render('/region/KZ-63', { user: sessionUser('admin') });
    expect(html).toContain('data-testid="region-table"');
    expect(html).not.toContain('data-testid="region-select-all"');
    expect(render('/region/KZ-63', { user: sessionUser('supervisor') })).toContain('data-testid="region-select-all"');
  });

  it('keeps the read-only panel for agents and operators', () => {
    for (const role of ['agent', 'operator'] as const) {
      const html = render('/region/KZ-63', { user: sessionUser(role) });
      expect(html, role).toContain('data-testid="region-panel"');
      expect(html, role).not.toContain('data-testid="region-table"');
    }
  });

  it('says so for an unknown region', () => {
    expect(render('/region/XX-1', { user: sessionUser('supervisor') })).toMatch(
      /data-testid="region-page-message"[^>]*>Регион XX-1 не найден</,
    );
  });

  it('is all Kazakh on a Kazakh screen', () => {
    const html = render('/region/KZ-63', { user: sessionUser('supervisor'), language: 'kk' });
    for (const text of [
      'Шығыс Қазақстан облысы',
      'Өңір көрсеткіштері',
      'Тек мерзімі өткендер',
      'CSV жүктеп алу',
      'Мерзімі',
    ]) {
      expect(html, text).toContain(text);
    }
    for (const foreign of ['Восточно', 'Только', 'Скачать', 'Deadline', 'Overdue'])
      expect(html, foreign).not.toContain(foreign);
  });
});

describe('map panel markup', () => {
  it('shows the KPI picker, the legend and the state of the layer', () => {
    const html = render('/');
    expect(html).toContain('data-testid="map-kpi-select"');
    expect(html).toMatch(/<option value="load" selected="">Нагрузка: в работе на 100 тыс. жителей<\/option>/);
    expect(html).toMatch(/data-testid="map-legend" data-kpi="load"/);
    expect(html).toContain('нет данных');
    const unavailable = render('/', { layer: { status: 'unavailable', layer: null, tiles: null } });
    expect(unavailable).toContain('Карта недоступна');
  });
});
