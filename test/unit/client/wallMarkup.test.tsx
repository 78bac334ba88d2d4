import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { WallPage } from '../../../client/src/features/wall/WallPage';
import { createI18n } from '../../../client/src/i18n/createI18n';
import type { Language } from '../../../client/src/i18n/languages';
import { StoreContext } from '../../../client/src/realtime/storeContext';
import { createWallStore } from '../../../client/src/state/wallStore';
import { createEventFactory, T0 } from '../shared/factories';
import { snapshotOf } from './fixtures';

// The on-screen clock (realtime/clock.ts) reads the time when its module loads: fake it
// before any import runs. 5 min after the factories' T0 (2026-11-27 10:00 +05:00).
const NOW = vi.hoisted(() => {
  const now = Date.parse('2026-11-27T10:05:00+05:00');
  vi.useFakeTimers({ now });
  return now;
});

afterAll(() => vi.useRealTimers());

/** The wall as HTML, rendered in Node (no DOM needed) from a store holding one snapshot. */
function renderWall(language: Language): string {
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
  const html = renderToStaticMarkup(
    <I18nextProvider i18n={createI18n(language)}>
      <StoreContext value={store}>
        <WallPage />
      </StoreContext>
    </I18nextProvider>,
  );
  store.dispose();
  return html;
}

describe('wall markup', () => {
  it('carries the e2e test ids', () => {
    const html = renderWall('ru');
    for (const id of [
      'kpi-open',
      'kpi-overdue',
      'kpi-registered-today',
      'kpi-median-response',
      'feed',
      'feed-item',
      'link-status',
      'lang-ru',
      'lang-kk',
      'lang-en',
      'as-of',
      'region-map',
      'map-legend',
      'map-kpi-select',
    ]) {
      expect(html, id).toContain(`data-testid="${id}"`);
    }
    expect(html).toContain('data-appeal-id="A-1"');
    expect(html).toContain('data-incident-id="I-1"');
    expect(html).toContain('data-state="live"');
    expect(html).toMatch(/data-testid="kpi-open"[^>]*>1</);
  });

  it('is all Kazakh on a Kazakh screen', () => {
    const html = renderWall('kk');
    for (const text of [
      'Ахуалдық орталық',
      'нақты уақытта',
      'Ашық өтініштер',
      'орындаушыға жіберілді',
      'апаттық',
      'сыни',
      'жылумен жабдықтау және ыстық су',
      'Солтүстік Қазақстан облысы',
      'жағдай бойынша',
    ]) {
      expect(html, text).toContain(text);
    }
    for (const russian of [
      'Ситуационный',
      'в реальном времени',
      'Северо-Казахстанская',
      'аварийный',
      'теплоснабжение',
    ]) {
      expect(html, russian).not.toContain(russian);
    }
    expect(html).toContain('aria-pressed="true" title="Қазақша"');
  });

  it('shows event times in Kazakhstan time and the median response in minutes', () => {
    const html = renderWall('en');
    expect(html).toContain('>10:00:00</time>');
    expect(html).toMatch(/data-testid="kpi-median-response"[^>]*>4 min/);
  });

  it('never renders citizen data or descriptions', () => {
    const html = renderWall('ru');
    for (const secret of ['Айгерим', '+7 701', 'кв. 12']) expect(html).not.toContain(secret);
  });

  it('keeps aria-live off the feed (only the link status is live)', () => {
    const html = renderWall('ru');
    expect(html.match(/aria-live/g)).toHaveLength(1);
    expect(html).toMatch(/role="status" aria-live="polite"/);
  });
});
