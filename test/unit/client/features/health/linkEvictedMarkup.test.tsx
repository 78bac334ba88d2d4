import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import type { Eviction } from '@shared';
import { LinkStatus } from '../../../../../client/src/features/health/LinkStatus';
import { StaleBanner } from '../../../../../client/src/features/wallscreen/StaleBanner';
import { createI18n } from '../../../../../client/src/i18n/createI18n';
import type { Language } from '../../../../../client/src/i18n/languages';
import { StoreContext } from '../../../../../client/src/realtime/storeContext';
import { createWallStore } from '../../../../../client/src/state/wallStore';

/** The header's link indicator after the server disconnected this socket on purpose. */
function renderEvicted(language: Language, eviction: Eviction, view: 'header' | 'wall' = 'header'): string {
  const store = createWallStore();
  store.connected();
  store.evicted(eviction);
  store.disconnected();
  const html = renderToStaticMarkup(
    <I18nextProvider i18n={createI18n(language)}>
      <StoreContext value={store}>{view === 'header' ? <LinkStatus /> : <StaleBanner />}</StoreContext>
    </I18nextProvider>,
  );
  store.dispose();
  return html;
}

describe('the link indicator says why the server disconnected us', () => {
  const tooManyTabs = { reason: 'session_sockets', limit: 8 } as const;

  it.each([
    ['ru', 'слишком многих вкладках', 'Перезагрузить здесь'],
    ['kk', 'тым көп қойындысында', 'Осында қайта жүктеу'],
    ['en', 'too many tabs', 'Reload here'],
  ] as const)('%s: too many tabs, with the cap and a way to take the place back', (language, words, button) => {
    const html = renderEvicted(language, tooManyTabs);
    expect(html).toContain('data-testid="link-evicted"');
    expect(html).toContain(words);
    expect(html).toContain('8');
    expect(html).toContain(button);
    expect(html).toContain('data-state="down"');
  });

  it('names the kiosk link and the user cap apart, and offers no reload for flooding (it reconnects itself)', () => {
    expect(renderEvicted('en', { reason: 'kiosk_sockets', limit: 8 })).toContain('wall-screen link');
    expect(renderEvicted('en', { reason: 'user_sockets', limit: 32 })).toContain('(32 at most)');
    const flooding = renderEvicted('en', { reason: 'flooding', limit: 10 });
    expect(flooding).toContain('too many requests');
    expect(flooding).not.toContain('Reload here');
  });

  it('the wall screen of a kiosk link says why instead of "reconnecting automatically"', () => {
    const html = renderEvicted('ru', { reason: 'kiosk_sockets', limit: 8 }, 'wall');
    expect(html).toContain('data-testid="stale-banner"');
    expect(html).toContain('ссылка для видеостены открыта на слишком многих экранах (не больше 8)');
    expect(html).not.toContain('переподключение идёт автоматически');
  });

  it('shows nothing of the kind while connected normally', () => {
    const store = createWallStore();
    store.connected();
    const html = renderToStaticMarkup(
      <I18nextProvider i18n={createI18n('en')}>
        <StoreContext value={store}>
          <LinkStatus />
        </StoreContext>
      </I18nextProvider>,
    );
    store.dispose();
    expect(html).not.toContain('link-evicted');
  });
});
