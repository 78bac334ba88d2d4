import type { Analytics, SessionUser } from '@shared';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { AnalyticsBoard } from '../../../../../client/src/features/analytics/AnalyticsBoard';
import { AnalyticsPage } from '../../../../../client/src/features/analytics/AnalyticsPage';
import { HeadlineNumbers } from '../../../../../client/src/features/analytics/charts/HeadlineNumbers';
import { createI18n } from '../../../../../client/src/i18n/createI18n';
import type { Language } from '../../../../../client/src/i18n/languages';
import { StoreContext } from '../../../../../client/src/realtime/storeContext';
import { createWallStore } from '../../../../../client/src/state/wallStore';
import { sessionUser } from '../../fixtures';
import { analyticsFixture } from './analyticsFixture';

const NOW = vi.hoisted(() => {
  const now = Date.parse('2026-11-27T14:05:00+05:00');
  vi.useFakeTimers({ now });
  return now;
});

afterAll(() => vi.useRealTimers());

const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

function render(element: React.ReactElement, language: Language = 'ru'): string {
  const store = createWallStore({ now: () => NOW });
  const html = renderToStaticMarkup(
    <I18nextProvider i18n={createI18n(language)}>
      <StoreContext value={store}>{element}</StoreContext>
    </I18nextProvider>,
  );
  store.dispose();
  return plain(html);
}

function board(analytics: Analytics = analyticsFixture(NOW), language: Language = 'ru'): string {
  return render(<AnalyticsBoard analytics={analytics} scope="all" onSelectRegion={() => undefined} />, language);
}

describe('headline numbers', () => {
  it('show three shares with their trend and yesterday in words', () => {
    const html = render(<HeadlineNumbers headline={analyticsFixture(NOW).headline} />);
    expect(html).toMatch(/data-testid="headline-response-sla" data-trend="up"/);
    expect(html).toMatch(/data-testid="headline-resolution-sla" data-trend="down"/);
    expect(html).toMatch(/data-testid="headline-first-call" data-trend="none"/);
    expect(html).toContain('>91 %<');
    expect(html).toContain('вчера в этот час 84 %');
    expect(html).toContain('вчера в этот час данных нет');
    expect(html).toContain('▲');
    expect(html).toContain('▼');
    expect(html).toContain('выше, чем вчера в этот час');
  });

  it('speak Kazakh and English', () => {
    const kk = render(<HeadlineNumbers headline={analyticsFixture(NOW).headline} />, 'kk');
    expect(kk).toContain('Норматив шегіндегі әрекет ету');
    expect(kk).toContain('кеше осы сағатта 84 %');
    expect(kk).toContain('кеше осы сағатта деректер жоқ');
    expect(kk).not.toMatch(/вчера|обращ|yesterday/);
    const en = render(<HeadlineNumbers headline={analyticsFixture(NOW).headline} />, 'en');
    expect(en).toContain('same hour yesterday 84%');
    expect(en).toContain('no data for this hour yesterday');
  });

  it('show a dash and no arrow without a figure', () => {
    const html = render(
      <HeadlineNumbers
        headline={{
          responseSla: { value: null, previous: 0.5, count: 0 },
          resolutionSla: { value: null, previous: null, count: 0 },
          firstCallResolution: { value: 0.5, previous: 0.5, count: 2 },
        }}
      />,
    );
    expect(html).toMatch(/data-testid="headline-response-sla-value">—</);
    expect(html).toMatch(/data-testid="headline-first-call" data-trend="flat"/);
  });
});

describe('analytics board markup', () => {
  it('has a panel per chart, each with the filter and its as-of time', () => {
    const html = board();
    for (const id of [
      'panel-headline',
      'panel-alerts',
      'panel-response-times',
      'panel-regions',
      'panel-distribution',
      'panel-intake-channel',
      'panel-intake-category',
      'chart-response-times',
      'chart-regions',
      'chart-distribution',
      'chart-intake-channel',
      'chart-intake-category',
      'headline',
      'alert-list',
    ]) {
      expect(html, id).toContain(`data-testid="${id}"`);
    }
    expect(html.match(/data-testid="panel-as-of"/g)).toHaveLength(7);
    expect(html).toContain('Данные на <time dateTime="2026-11-27T09:05:00.000Z">14:05:00</time>');
    expect(html).toContain('Показано: все регионы · все категории · последний час');
    expect(html).toContain('Показано: все регионы · все категории · последние 24 часа');
  });

  it('names each drawing in words (role="img") with the figures', () => {
    const html = board();
    expect(html).toMatch(
      /role="img" aria-label="Время реагирования за 24 часа по 5-минутным интервалам\. Последний интервал с данными \(14:05\): медиана 10 мин, 90-й процентиль 26 мин\. Норматив: 30 мин\."/,
    );
    expect(html).toMatch(
      /aria-label="Регионов: 20, из них ниже цели 90 %: 14\. Хуже всех: область Абай \(40 мин · 70 %\)\."/,
    );
    expect(html).toContain('aria-label="Обращений направлено исполнителю: 18; чаще всего за ≥ 2 мин (9)."');
    expect(html).toMatch(/aria-label="За 24 часа поступило обращений: \d+; больше всего в час с \d\d:00 \(6\)\."/);
  });

  it('gives keyboard users a button per region', () => {
    const html = board();
    expect(html.match(/data-testid="region-bar-button"/g)).toHaveLength(20);
    expect(html).toContain('Открыть регион: Алматы, 22 мин · 97 %');
    expect(html).toContain('Открыть регион: Шымкент, нет данных');
  });

  it('says so when a chart has nothing to draw', () => {
    const empty = analyticsFixture(NOW);
    empty.responseTimes = {
      ...empty.responseTimes,
      targetMs: null,
      points: empty.responseTimes.points.map((p) => ({ ...p, count: 0, p50: null, p90: null })),
    };
    empty.distribution = empty.distribution.map((b) => ({ ...b, count: 0 }));
    empty.alerts = [];
    const html = board(empty);
    expect(html).toMatch(/data-testid="chart-response-times" data-state="empty"/);
    expect(html).toContain('За 24 часа обращения исполнителям не направлялись');
    expect(html).toMatch(/data-testid="chart-distribution" data-state="empty"/);
    expect(html).toContain('Сигналов нет');
  });

  it('has no Russian or English in Kazakh', () => {
    const html = board(analyticsFixture(NOW), 'kk');
    expect(html).toContain('Әрекет ету уақытының таралуы');
    expect(html).toContain('Ықтимал жаппай оқиға: жылумен жабдықтау және ыстық су, Алматы');
    expect(html).toContain('Көрсетілген: барлық өңірлер · барлық санаттар · соңғы сағат');
    const text = html.replace(/<[^>]+>/g, ' ');
    expect(text).not.toMatch(/Показано|обращени|вчера|регион|Данные|median|Showing/);
  });
});

describe('analytics page markup', () => {
  const supervisor: SessionUser = sessionUser('supervisor', { regions: ['KZ-75', 'KZ-71'] });

  it('shows the filters (the user’s regions only) and a loading line before the first answer', () => {
    const html = render(<AnalyticsPage user={supervisor} />);
    expect(html).toContain('data-testid="analytics-loading"');
    expect(html).toContain('Загрузка аналитики…');
    expect(html).toContain('<option value="" selected="">все мои регионы</option>');
    expect(html.match(/<option value="KZ-/g)).toHaveLength(2);
    expect(html).toMatch(
      /data-testid="analytics-window-1h"[^>]*>|aria-pressed="true"[^>]*data-testid="analytics-window-1h"/,
    );
    expect(html).toContain('Аналитика: Время реагирования и нормативы');
  });
});
