import type { SessionUser } from '@shared';
import type { ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { App } from '../../../../../client/src/App';
import { MyEntries } from '../../../../../client/src/features/agent/MyEntries';
import type { EntryRow } from '../../../../../client/src/features/agent/myEntries';
import { SimilarHint } from '../../../../../client/src/features/agent/SimilarHint';
import { RegionLayerContext, type RegionLayerState } from '../../../../../client/src/features/map/regionLayerState';
import { createI18n } from '../../../../../client/src/i18n/createI18n';
import type { Language } from '../../../../../client/src/i18n/languages';
import { StoreContext } from '../../../../../client/src/realtime/storeContext';
import { SessionContext, type SessionValue } from '../../../../../client/src/session/sessionContext';
import { createWallStore, type WallStore } from '../../../../../client/src/state/wallStore';
import { createEventFactory, MINUTE } from '../../../shared/factories';
import { sessionUser, snapshotOf } from '../../fixtures';
import { fixtureLayer } from '../map/layerFixture';

// The on-screen clock (realtime/clock.ts) reads the time when its module loads.
const NOW = vi.hoisted(() => {
  const now = Date.parse('2026-11-27T10:05:00+05:00');
  vi.useFakeTimers({ now });
  return now;
});

afterAll(() => vi.useRealTimers());

const READY: RegionLayerState = { status: 'ready', layer: fixtureLayer(), tiles: null };
const f = createEventFactory();
const ASTANA = { lat: 51.128, lng: 71.43 };

function storeWithAppeals(): WallStore {
  const store = createWallStore({ now: () => NOW });
  store.connected();
  store.receiveSnapshot(
    snapshotOf(
      [
        f.registered('A-1', {
          region: 'KZ-71',
          category: 'heating',
          at: NOW - 20 * MINUTE,
          location: { ...ASTANA, lat: ASTANA.lat + 0.001, address: 'пр. Республики, 1' },
          citizen: { name: 'Айгерим Нурланова', phone: '+7 701 234 56 12' },
        }),
      ],
      NOW,
    ),
  );
  return store;
}

function render(node: ReactNode, user: SessionUser, language: Language = 'ru'): string {
  const session: SessionValue = {
    user,
    logout: () => Promise.resolve(true),
    recheck: () => Promise.resolve('valid'),
    lost: () => undefined,
  };
  const store = storeWithAppeals();
  const html = renderToStaticMarkup(
    <I18nextProvider i18n={createI18n(language)}>
      <SessionContext value={session}>
        <StoreContext value={store}>
          <RegionLayerContext value={READY}>{node}</RegionLayerContext>
        </StoreContext>
      </SessionContext>
    </I18nextProvider>,
  );
  store.dispose();
  return html;
}

const agent = sessionUser('agent', { regions: ['KZ-71', 'KZ-75'] });
const page = (user: SessionUser, language: Language = 'ru') =>
  render(<App pathname="/agent" user={user} />, user, language);

describe('agent console markup (/agent)', () => {
  it('gives agents and supervisors the form and their entries', () => {
    for (const user of [agent, sessionUser('supervisor')]) {
      const html = page(user);
      for (const id of [
        'agent-page',
        'agent-form',
        'agent-category',
        'agent-place',
        'agent-address',
        'agent-region',
        'agent-map',
        'agent-priority',
        'agent-channel',
        'agent-description',
        'agent-citizen-name',
        'agent-citizen-phone',
        'agent-submit',
        'agent-submit-status',
        'agent-entries',
        'link-status',
        'wall-link',
      ]) {
        expect(html, `${user.role} ${id}`).toContain(`data-testid="${id}"`);
      }
      expect(html).not.toContain('data-testid="forbidden"');
    }
  });

  it('tells other roles it is not allowed; a kiosk just sees the wall', () => {
    for (const role of ['operator', 'admin'] as const) {
      const html = page(sessionUser(role));
      expect(html, role).toContain('data-testid="forbidden"');
      expect(html, role).not.toContain('data-testid="agent-form"');
    }
    const kiosk = page(sessionUser('agent', { isKiosk: true }));
    expect(kiosk).not.toContain('data-testid="agent-form"');
    expect(kiosk).toContain('data-testid="kpi-open"');
  });

  it('is keyboard first: the category typeahead has focus, priority is numbered, Ctrl+Enter is explained', () => {
    const html = page(agent);
    expect(html).toMatch(/<input[^>]*data-testid="agent-category"[^>]*role="combobox"[^>]*aria-expanded="false"/);
    expect(html).toMatch(/data-testid="agent-category"[^>]*autofocus=""/);
    expect(html).toMatch(/data-testid="agent-priority-normal"[^>]*checked=""/);
    expect(html).toContain('<kbd class="agent-priority__key" aria-hidden="true">4</kbd><span>аварийный</span>');
    expect(html).toMatch(/<option value="call" selected="">звонок 109<\/option>/);
    expect(html).toContain('Ctrl+Enter — зарегистрировать');
    expect(html).toMatch(/role="status" aria-live="polite" data-testid="agent-submit-status" data-state="idle"/);
  });

  it('labels every field', () => {
    const html = page(agent);
    for (const [id, label] of [
      ['agent-address', 'Адрес: улица, дом, квартира'],
      ['agent-region', 'Регион'],
      ['agent-channel', 'Канал'],
      ['agent-description', 'Описание проблемы'],
      ['agent-citizen-name', 'Имя'],
      ['agent-citizen-phone', 'Телефон'],
    ] as const) {
      const inputId = new RegExp(`id="([^"]+)"[^>]*data-testid="${id}"`).exec(html)?.[1];
      expect(inputId, id).toBeDefined();
      expect(html, id).toContain(`<label class="field__label" for="${inputId}">${label}</label>`);
    }
  });

  it('offers only the user’s regions, by name', () => {
    const html = page(agent);
    const options = [...html.matchAll(/<option value="(KZ-\d+)">/g)].map((m) => m[1]);
    expect(options).toEqual(['KZ-75', 'KZ-71']);
    expect(html).toContain('>Алматы</option>');
  });

  it('is all Kazakh on a Kazakh screen', () => {
    const html = page(agent, 'kk');
    for (const text of [
      'Колл-орталық операторының пульті',
      'Жаңа өтініш',
      'Санат',
      'Елді мекен немесе қала ауданы',
      'Басымдық',
      'апаттық',
      '109 қоңырауы',
      'Мәселенің сипаттамасы',
      'Өтініш беруші',
      'Тіркеу',
      'Менің соңғы өтініштерім',
    ]) {
      expect(html, text).toContain(text);
    }
    for (const foreign of ['Категория', 'Регион', 'Описание', 'Зарегистрировать', 'Register', 'Category']) {
      expect(html, foreign).not.toContain(foreign);
    }
  });
});

describe('agent entries markup', () => {
  const row = (extra: Partial<EntryRow>): EntryRow => ({
    id: 'A-71-7',
    category: 'heating',
    region: 'KZ-71',
    address: 'пр. Республики, 1',
    priority: 'high',
    status: 'registered',
    registeredAt: NOW - 5 * MINUTE,
    delivery: 'confirmed',
    isLive: true,
    ...extra,
  });
  const entries = (rows: EntryRow[], language: Language = 'ru') =>
    render(<MyEntries rows={rows} status="ready" replicaCursor="1-0" />, agent, language);

  it('shows each entry with its live status, delivery and the status changes that make sense', () => {
    const html = entries([row({}), row({ id: 'A-71-6', status: 'resolved', delivery: null })]);
    expect(html).toContain(
      'data-testid="agent-entry" data-appeal-id="A-71-7" data-status="registered" data-delivery="confirmed"',
    );
    expect(html).toContain('href="/appeals/A-71-7" target="_blank"');
    expect(html).toMatch(/data-testid="agent-entry-delivery">подтверждено</);
    for (const status of ['in_progress', 'resolved', 'redirected', 'rejected']) {
      expect(html, status).toContain(`data-testid="agent-action-${status}"`);
    }
    expect(html).toContain('>Взять в работу<');
    const resolved = html.slice(html.indexOf('data-appeal-id="A-71-6"'));
    expect(resolved).toMatch(/data-testid="agent-entry-status">исполнено</);
    expect(resolved).not.toContain('data-testid="agent-action-');
  });

  it('does not offer "take into work" for an appeal already in progress', () => {
    const html = entries([row({ status: 'in_progress' })]);
    expect(html).not.toContain('agent-action-in_progress');
    expect(html).toContain('agent-action-resolved');
  });

  it('says when there are none, in Kazakh too', () => {
    expect(entries([], 'kk')).toContain('Сіз әлі бірде-бір өтініш тіркеген жоқсыз');
  });
});

describe('similar appeal hint markup', () => {
  it('names an open appeal of the same category within 300 m, linking to it, without personal data', () => {
    const html = render(<SimilarHint category="heating" point={ASTANA} />, agent);
    expect(html).toContain('data-testid="agent-similar"');
    expect(html).toContain('data-appeal-id="A-1"');
    expect(html).toContain('href="/appeals/A-1" target="_blank"');
    expect(html).toContain('пр. Республики, 1');
    expect(html).toContain('111 м, в 09:45:00');
    for (const secret of ['Айгерим', '234 56 12']) expect(html).not.toContain(secret);
  });

  it('stays quiet for another category or place (the live region remains)', () => {
    expect(render(<SimilarHint category="gas" point={ASTANA} />, agent)).not.toContain('agent-similar"');
    expect(render(<SimilarHint category="heating" point={{ lat: 43.2, lng: 76.9 }} />, agent)).not.toContain(
      'data-testid="agent-similar"',
    );
    expect(render(<SimilarHint category="heating" point={null} />, agent)).toContain('aria-live="polite"');
  });
});
