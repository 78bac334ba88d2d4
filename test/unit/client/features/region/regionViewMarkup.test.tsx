import { applyEvent, createProjection, type Appeal, type SessionUser } from '@shared';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { afterAll, describe, expect, it, vi } from 'vitest';
import {
  EMPTY_FILTERS,
  listQueryOf,
  type RegionFilters,
} from '../../../../../client/src/features/region/regionFilters';
import { RegionView } from '../../../../../client/src/features/region/RegionView';
import type { RegionList } from '../../../../../client/src/features/region/useRegionAppeals';
import { createI18n } from '../../../../../client/src/i18n/createI18n';
import type { Language } from '../../../../../client/src/i18n/languages';
import { StoreContext } from '../../../../../client/src/realtime/storeContext';
import { createWallStore } from '../../../../../client/src/state/wallStore';
import { createEventFactory, HOUR, MINUTE } from '../../../shared/factories';
import { sessionUser } from '../../fixtures';

const NOW = vi.hoisted(() => {
  const now = Date.parse('2026-11-27T10:05:00+05:00');
  vi.useFakeTimers({ now });
  return now;
});

afterAll(() => vi.useRealTimers());

/** `count` appeals of KZ-71 as the list API would answer them, newest first; every third one overdue. */
function appeals(count: number): Appeal[] {
  const f = createEventFactory();
  const state = createProjection();
  for (let i = 0; i < count; i += 1) {
    const isOld = i % 3 === 2;
    applyEvent(
      state,
      f.registered(`A-${String(i).padStart(5, '0')}`, {
        region: 'KZ-71',
        category: i % 2 === 0 ? 'heating' : 'gas',
        at: isOld ? NOW - 3 * 24 * HOUR - i * MINUTE : NOW - i * 1000,
        location: { lat: 51.1, lng: 71.4, address: `ул. Кенесары, ${i}` },
        citizen: { name: 'Айгерим Нурланова', phone: '+7 701 000 00 00' },
      }),
    );
  }
  return [...state.appeals.values()].reverse();
}

function readyList(items: Appeal[], query: string): RegionList {
  return {
    query,
    status: 'ready',
    items,
    total: items.length,
    asOf: NOW,
    cursor: '1795000000001-0',
    isTruncated: false,
    isRefreshing: false,
    isStale: false,
    error: null,
  };
}

function render(
  options: {
    user?: SessionUser;
    language?: Language;
    filters?: RegionFilters;
    items?: Appeal[];
    list?: Partial<RegionList>;
  } = {},
): string {
  const store = createWallStore({ now: () => NOW });
  const filters = options.filters ?? EMPTY_FILTERS;
  const query = listQueryOf(['KZ-71'], filters);
  const html = renderToStaticMarkup(
    <I18nextProvider i18n={createI18n(options.language ?? 'ru')}>
      <StoreContext value={store}>
        <RegionView
          shape={{ code: 'KZ-71', includes: ['KZ-71'] }}
          user={options.user ?? sessionUser('supervisor')}
          filters={filters}
          onFiltersChange={() => undefined}
          listQuery={query}
          list={{ ...readyList(options.items ?? appeals(30), query), ...options.list }}
          url="/region/KZ-71"
          remembered={null}
        />
      </StoreContext>
    </I18nextProvider>,
  );
  store.dispose();
  return html;
}

const rowIds = (html: string) =>
  [...html.matchAll(/data-testid="region-row" data-appeal-id="([^"]+)"/g)].map((m) => m[1]);

describe('region table markup', () => {
  it('marks rows that came from the archive, and links the incident flag to the incident page', () => {
    const items = appeals(6);
    const linked = { ...(items[1] as Appeal), incidentId: 'I-7K3QZD9M' };
    const html = render({ items: [items[0] as Appeal, linked], list: { archivedIds: new Set([linked.id]) } });
    expect(html).toMatch(new RegExp(`data-appeal-id="${linked.id}"[^>]*data-archived="true"`));
    expect(html.match(/data-testid="region-row-archived"/g)).toHaveLength(1);
    expect(html).toContain('>архив</span>');
    expect(html).toContain('href="/incidents/I-7K3QZD9M"');
    expect(html).toContain('aria-label="Связано с инцидентом I-7K3QZD9M"');
  });

  it('offers a column chooser naming every column, the id one fixed', () => {
    const html = render({ language: 'kk' });
    expect(html).toContain('data-testid="column-chooser"');
    expect(html).toContain('Бағандар');
    const boxes = [...html.matchAll(/<label class="column-chooser__item"><input ([^>]*)>/g)].map((m) => m[1] ?? '');
    expect(boxes.length).toBeGreaterThanOrEqual(10);
    expect(boxes.filter((box) => box.includes('disabled'))).toEqual([expect.stringContaining('data-column="id"')]);
    expect(boxes.every((box) => box.includes('checked'))).toBe(true);
  });

  it('renders only the rows in view of 10,000 (virtualised), in the list’s order', () => {
    const items = appeals(10_000);
    const html = render({ items });
    const ids = rowIds(html);
    expect(ids.length).toBeGreaterThan(10);
    expect(ids.length).toBeLessThan(80);
    expect(ids).toEqual(items.slice(0, ids.length).map((a) => a.id));
    expect(html).toContain('aria-rowcount="10001"');
    expect(html).toMatch(/Найдено обращений: 10\s000/u);
  });

  it('marks overdue rows, links each id to its page and shows the due time', () => {
    const html = render();
    expect(html).toMatch(/class="region-row region-row--overdue"[^>]*data-appeal-id="A-00002"/);
    expect(html).toMatch(/data-appeal-id="A-00000" data-overdue="false"/);
    expect(html).toContain('href="/appeals/A-00002"');
    expect(html).toMatch(/просрочено на \d/);
    expect(html).toContain('ул. Кенесары, 1');
  });

  it('says the sort on the header and makes sortable headers buttons', () => {
    const html = render({ filters: { ...EMPTY_FILTERS, sort: 'dueAt' } });
    expect(html).toMatch(/aria-sort="ascending" data-column="dueAt"/);
    expect(html).toMatch(/aria-sort="none" data-column="registeredAt"/);
    expect(html).toContain('data-testid="region-sort-priority"');
    expect(html).not.toContain('data-testid="region-sort-service"');
  });

  it('exports exactly the filtered, sorted list as CSV', () => {
    const filters: RegionFilters = { ...EMPTY_FILTERS, category: ['gas'], overdue: true, q: 'газ', sort: '-priority' };
    expect(render({ filters })).toContain(
      'href="/api/appeals.csv?region=KZ-71&amp;category=gas&amp;overdue=true&amp;q=%D0%B3%D0%B0%D0%B7&amp;sort=-priority&amp;lang=ru"',
    );
  });

  it('offers row choice to supervisors only, as a multi-select grid', () => {
    const supervisor = render();
    expect(supervisor).toContain('aria-multiselectable="true"');
    expect(supervisor).toContain('data-testid="region-row-select"');
    expect(supervisor).toContain('Выбрать обращение A-00000');
    const admin = render({ user: sessionUser('admin') });
    expect(admin).not.toContain('data-testid="region-row-select"');
    expect(admin).not.toContain('data-testid="region-group-open"');
  });

  it('shows progress while pages arrive, and why the list failed', () => {
    const loading = render({ list: { status: 'loading', total: 2000 } });
    expect(loading).toMatch(/\(загружено 30 из 2\s000…\)/u);
    const refused = render({
      items: [],
      list: { status: 'failed', total: null, error: { status: 422, code: 'invalid', field: 'to', message: null } },
    });
    expect(refused).toContain('Сервер не принял фильтры (поле: to)');
    expect(render({ items: [] })).toContain('Обращений с такими фильтрами нет');
    expect(render({ list: { isStale: true } })).toContain('Не удалось обновить');
  });

  it('never shows citizen data', () => {
    const html = render();
    for (const secret of ['Айгерим', '+7 701']) expect(html).not.toContain(secret);
  });

  it('is all Kazakh on a Kazakh screen', () => {
    const html = render({ language: 'kk' });
    for (const text of [
      'Табылған өтініштер: 30',
      'жылумен жабдықтау және ыстық су',
      'Мерзімі',
      'Басымдық',
      'Таңдалды: 0',
    ]) {
      expect(html, text).toContain(text);
    }
    for (const foreign of ['Найдено', 'просрочено', 'Срок', 'Приоритет', 'Выбрано', 'Deadline', 'Chosen']) {
      expect(html, foreign).not.toContain(foreign);
    }
  });
});
