import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import { ArchiveStatusView } from '../../../../../client/src/features/admin/ArchiveStatus';
import {
  parseArchiveHealth,
  type ArchiveHealth,
  type ArchiveHealthState,
} from '../../../../../client/src/features/admin/archiveHealth';
import { createI18n } from '../../../../../client/src/i18n/createI18n';
import type { Language } from '../../../../../client/src/i18n/languages';

const AT = Date.parse('2026-11-27T10:04:30+05:00');
const HEALTHY: ArchiveHealth = {
  state: 'ok',
  mode: 'postgres',
  cursor: `${AT}-0`,
  lagEntries: 0,
  lagIsExact: true,
  lagSeconds: 0,
  lastBatchAt: AT,
  lastError: null,
  streamLength: 1200,
  streamLimit: 10_000_000,
  checkedAt: AT,
};
const DOWN: ArchiveHealth = {
  ...HEALTHY,
  state: 'down',
  lagEntries: 1523,
  lagSeconds: 31,
  lastError: 'connect ECONNREFUSED 127.0.0.1:5432',
};

function render(state: ArchiveHealthState, language: Language = 'ru'): string {
  return renderToStaticMarkup(
    <I18nextProvider i18n={createI18n(language)}>
      <ArchiveStatusView state={state} />
    </I18nextProvider>,
  );
}

describe('archive status on the admin page', () => {
  it('reads the archive block of a health answer, and none for a regional user', () => {
    const { checkedAt, ...archive } = HEALTHY;
    expect(parseArchiveHealth({ checkedAt, status: 'ok', archive })).toEqual(HEALTHY);
    expect(parseArchiveHealth({ checkedAt, status: 'ok', redis: { connected: true } })).toBe('hidden');
    expect(parseArchiveHealth({ archive })).toBeNull();
  });

  it('says who archives and that nothing waits', () => {
    const html = render({ status: 'ready', archive: HEALTHY });
    expect(html).toContain('data-state="ok"');
    expect(html).toContain('Архивирует этот сервер');
    expect(html).not.toContain('role="alert"');
  });

  it('shows a database down as an alert with the lag and the error, in each language', () => {
    const ru = render({ status: 'ready', archive: DOWN });
    expect(ru).toContain('data-state="down"');
    expect(ru).toContain('role="alert"');
    expect(ru).toContain('ECONNREFUSED');
    expect(ru).toMatch(/1\s523 записей/);
    expect(render({ status: 'ready', archive: DOWN }, 'kk')).toContain('Мұрағат дерекқоры қолжетімсіз');
    expect(render({ status: 'ready', archive: DOWN }, 'en')).toContain('The archive database is unreachable');
  });

  it('warns when the stream passes STREAM_MAX_ENTRIES', () => {
    const html = render(
      { status: 'ready', archive: { ...HEALTHY, state: 'behind', streamLength: 60, streamLimit: 50 } },
      'en',
    );
    expect(html).toContain('The stream is past its limit');
    expect(html).toContain('60 of 50 allowed');
  });
});
