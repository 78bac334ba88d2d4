import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { WallScreen } from '../../../../../client/src/features/wallscreen/WallScreen';
import { createI18n } from '../../../../../client/src/i18n/createI18n';
import { StoreContext } from '../../../../../client/src/realtime/storeContext';
import { createWallStore, type WallStore } from '../../../../../client/src/state/wallStore';
import { createEventFactory, T0 } from '../../../shared/factories';
import { snapshotOf } from '../../fixtures';

// The on-screen clock (realtime/clock.ts) reads the time when its module loads: fake it
// before any import runs. 5 min after the factories' T0 (2026-11-27 10:00 +05:00).
const NOW = vi.hoisted(() => {
  const now = Date.parse('2026-11-27T10:05:00+05:00');
  vi.useFakeTimers({ now });
  return now;
});

afterAll(() => vi.useRealTimers());

function liveStore(): WallStore {
  const f = createEventFactory();
  const store = createWallStore({ now: () => NOW });
  store.connected();
  store.receiveSnapshot(
    snapshotOf(
      [
        f.registered('A-1', {
          category: 'heating',
          priority: 'emergency',
          region: 'KZ-59',
          citizen: { name: 'Айгерим Нурланова', phone: '+7 701 000 00 00' },
          description: 'Нет отопления, кв. 12',
        }),
        f.assigned('A-1', { region: 'KZ-59', at: T0 + 4 * 60_000 }),
        f.incidentOpened('I-1', { title: 'Авария на теплотрассе', severity: 'critical', region: 'KZ-59' }),
      ],
      NOW,
    ),
  );
  return store;
}

/** The wall screen as HTML, rendered in Node from a store holding one snapshot. */
function renderScreen(search: string, store: WallStore = liveStore()): string {
  const html = renderToStaticMarkup(
    <I18nextProvider i18n={createI18n('ru')}>
      <StoreContext value={store}>
        <WallScreen search={search} />
      </StoreContext>
    </I18nextProvider>,
  );
  store.dispose();
  return html;
}

describe('wall screen markup', () => {
  it('has every panel, each with its own "as of"', () => {
    const html = renderScreen('');
    for (const id of [
      'wall-screen',
      'link-status',
      'wall-clock',
      'wall-headline',
      'kpi-open',
      'wall-map',
      'region-map',
      'wall-response-times',
      'wall-region-board',
      'wall-alerts',
      'wall-ticker',
      'wall-ticker-count',
      'feed-item',
    ]) {
      expect(html, id).toContain(`data-testid="${id}"`);
    }
    // Headline, map, response times, region board, alerts, ticker.
    expect(html.match(/data-testid="as-of"/g)).toHaveLength(6);
    expect(html).toContain('>10:05:00</time>');
    expect(html).toMatch(/data-testid="kpi-open"[^>]*>1</);
    expect(html).not.toContain('data-testid="stale-banner"');
    expect(html).not.toContain('data-testid="wall-spotlight"');
  });

  it('has nothing to press, select or type into', () => {
    const html = renderScreen('?rotate=10');
    for (const control of ['<button', '<select', '<input', '<textarea', 'role="button"', 'href=', 'tabindex']) {
      expect(html, control).not.toContain(control);
    }
  });

  it('shows the spotlight only with ?rotate=', () => {
    expect(renderScreen('?rotate=10')).toContain('data-testid="wall-spotlight"');
  });

  it('takes its language from ?lang=, whatever the app’s is', () => {
    const html = renderScreen('?lang=kk');
    for (const text of ['Ахуалдық орталық', 'Соңғы 15 минут', 'Ашық өтініштер', 'Ескертулер', 'жағдайы']) {
      expect(html, text).toContain(text);
    }
    for (const russian of ['Ситуационный', 'Последние 15 минут', 'Сигналы'])
      expect(html, russian).not.toContain(russian);
  });

  it('puts the link-down banner across the screen when the link drops', () => {
    const store = liveStore();
    store.disconnected();
    const html = renderScreen('', store);
    expect(html).toMatch(/role="alert" data-testid="stale-banner" data-state="down"/);
    expect(html).toContain('нет связи');
  });

  it('never renders citizen data or descriptions', () => {
    const html = renderScreen('?rotate=10');
    for (const secret of ['Айгерим', '+7 701', 'кв. 12']) expect(html).not.toContain(secret);
  });
});
