import type { SessionUser } from '@shared';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import type { DeadLetters, DeadLettersState } from '../../../../../client/src/features/health/deadLetterHealth';
import { DeadLettersBadge, DeadLettersBadgeView } from '../../../../../client/src/features/health/DeadLettersBadge';
import { DeadLettersPanel, DeadLettersPanelView } from '../../../../../client/src/features/health/DeadLettersPanel';
import { createI18n } from '../../../../../client/src/i18n/createI18n';
import type { Language } from '../../../../../client/src/i18n/languages';
import { SessionContext, type SessionValue } from '../../../../../client/src/session/sessionContext';
import { sessionUser } from '../../fixtures';

// 10:00 and 10:04 in Kazakhstan (UTC+5); the tests run with TZ=UTC.
const FIRST_AT = Date.parse('2026-11-27T10:00:00+05:00');
const LAST_AT = Date.parse('2026-11-27T10:04:30+05:00');

const EMPTY: DeadLetters = { count: 0, firstAt: null, lastAt: null, recent: [], checkedAt: LAST_AT };
const TWO: DeadLetters = {
  count: 2,
  firstAt: FIRST_AT,
  lastAt: LAST_AT,
  checkedAt: LAST_AT + 5000,
  recent: [
    {
      id: `${LAST_AT}-0`,
      sourceId: '1764219870000-3',
      reason: 'invalid: type: unknown event type "appeal.teleported"',
      deadAt: LAST_AT,
    },
    { id: `${FIRST_AT}-0`, sourceId: '1764219600000-0', reason: 'not JSON: Unexpected token', deadAt: FIRST_AT },
  ],
};

function session(user: SessionUser): SessionValue {
  return { user, logout: async () => true, recheck: async () => 'valid', lost: () => undefined };
}

function render(element: React.ReactElement, options: { user?: SessionUser; language?: Language } = {}): string {
  const app = <I18nextProvider i18n={createI18n(options.language ?? 'ru')}>{element}</I18nextProvider>;
  return renderToStaticMarkup(
    options.user ? <SessionContext value={session(options.user)}>{app}</SessionContext> : app,
  );
}

function panel(state: DeadLettersState, language: Language = 'ru'): string {
  return render(<DeadLettersPanelView state={state} id="dead-letters" />, { language });
}

describe('dead letters panel', () => {
  it('says it is loading before the first answer', () => {
    const html = render(<DeadLettersPanel id="dead-letters" />);
    expect(html).toContain('data-testid="dead-letters-panel"');
    expect(html).toContain('data-state="loading"');
    expect(html).toContain('id="dead-letters"');
    expect(html).toContain('Загрузка…');
    expect(html).not.toContain('data-testid="dead-letters-count"');
  });

  it('shows a clear empty state: zero, no times, no rows, no CLI hint', () => {
    const html = panel({ status: 'ready', deadLetters: EMPTY });
    expect(html).toMatch(/data-testid="dead-letters-count"[^>]*>0</);
    expect(html).toContain('data-testid="dead-letters-empty"');
    expect(html).toContain('Отклонённых записей нет');
    expect(html).not.toContain('data-testid="dead-letter"');
    expect(html).not.toContain('Впервые');
    expect(html).not.toContain('npm run deadletters');
  });

  it('shows the count, first and last seen in Kazakhstan time, and the newest reasons', () => {
    const html = panel({ status: 'ready', deadLetters: TWO });
    expect(html).toMatch(/data-testid="dead-letters-count"[^>]*>2</);
    expect(html.match(/data-testid="dead-letter"/g)).toHaveLength(2);
    expect(html).toMatch(
      /data-testid="dead-letters-first"><time dateTime="2026-11-27T05:00:00.000Z">27.11.2026, 10:00:00</,
    );
    expect(html).toMatch(
      /data-testid="dead-letters-last"><time dateTime="2026-11-27T05:04:30.000Z">27.11.2026, 10:04:30</,
    );
    // Newest first, each with its original stream id and the reason as the server wrote it.
    const rows = html.split('data-testid="dead-letter"').slice(1);
    expect(rows[0]).toContain('1764219870000-3');
    expect(rows[0]).toContain('unknown event type &quot;appeal.teleported&quot;');
    expect(rows[1]).toContain('1764219600000-0');
    expect(rows[1]).toContain('not JSON: Unexpected token');
    expect(html).toContain('<code>npm run deadletters -- list</code>');
    expect(html).toContain('<code>npm run deadletters -- requeue &lt;id&gt;</code>');
    expect(html).toContain('Проверено в 10:04:35');
  });

  it('names each reason in the UI language, the server’s text beside it as the detail (issue 18)', () => {
    const rowsOf = (html: string) => html.split('data-testid="dead-letter"').slice(1);
    const [ru0, ru1] = rowsOf(panel({ status: 'ready', deadLetters: TWO }));
    expect(ru0).toContain('событие не соответствует контракту');
    expect(ru1).toContain('событие — не JSON');
    const [kk0] = rowsOf(panel({ status: 'ready', deadLetters: TWO }, 'kk'));
    expect(kk0).toContain('оқиға келісімшартқа сай емес');
    expect(kk0).toContain('lang="en">invalid: type: unknown event type');
    const [en0] = rowsOf(panel({ status: 'ready', deadLetters: TWO }, 'en'));
    expect(en0).toContain('the event breaks the contract');
  });

  it('groups a large count the local way', () => {
    const html = panel({ status: 'ready', deadLetters: { ...TWO, count: 12345 } }, 'kk');
    expect(html).toMatch(/data-testid="dead-letters-count"[^>]*>12\s345</);
  });

  it('is all Kazakh on a Kazakh screen', () => {
    const html = panel({ status: 'ready', deadLetters: TWO }, 'kk');
    for (const text of [
      'Ағынның қабылданбаған жазбалары',
      'Қабылданбаған жазбалар',
      'Алғаш рет',
      'Соңғы рет',
      'Соңғы себептер',
      'Ағындағы нөмірі',
      'Себеп',
      'серверде орындаңыз',
      'Тексерілді: 10:04:35',
      '27.11.2026, 10:00:00',
    ]) {
      expect(html, text).toContain(text);
    }
    for (const foreign of ['Отклонённ', 'Впервые', 'Причина', 'Rejected', 'First seen', 'Reason']) {
      expect(html, foreign).not.toContain(foreign);
    }
    const empty = panel({ status: 'ready', deadLetters: EMPTY }, 'kk');
    expect(empty).toContain('Қабылданбаған жазбалар жоқ');
    expect(panel({ status: 'loading', deadLetters: null }, 'kk')).toContain('Жүктелуде…');
  });

  it('keeps the last figures under an error line when a poll fails', () => {
    const html = panel({ status: 'failed', deadLetters: TWO }, 'en');
    expect(html).toContain('role="alert"');
    expect(html).toContain('Could not load the server health');
    expect(html).toMatch(/data-testid="dead-letters-count"[^>]*>2</);
    const nothing = panel({ status: 'failed', deadLetters: null }, 'en');
    expect(nothing).toContain('Could not load the server health');
    expect(nothing).not.toContain('dead-letters-count');
  });

  it('explains why a regional user sees no figures', () => {
    const html = panel({ status: 'hidden', deadLetters: null }, 'en');
    expect(html).toContain('Only users with the whole country in scope see rejected entries');
    expect(html).not.toContain('dead-letters-count');
  });
});

describe('dead letters badge', () => {
  it('shows nothing without dead letters', () => {
    expect(render(<DeadLettersBadgeView deadLetters={null} isAdmin />)).toBe('');
    expect(render(<DeadLettersBadgeView deadLetters={EMPTY} isAdmin />)).toBe('');
  });

  it('links admins to the panel, the last reason in the tooltip', () => {
    const html = render(<DeadLettersBadgeView deadLetters={TWO} isAdmin />);
    expect(html).toMatch(/^<a class="dead-letters-badge" href="\/admin#dead-letters"/);
    expect(html).toMatch(/data-testid="dead-letters-badge-count">2</);
    expect(html).toContain('Отклонённые записи');
    expect(html).toContain(
      'title="Последняя в 27.11.2026, 10:04:30: invalid: type: unknown event type &quot;appeal.teleported&quot;\nПодробнее — в управлении доступом"',
    );
  });

  it('shows others the count and the last reason, with no link', () => {
    const html = render(<DeadLettersBadgeView deadLetters={TWO} isAdmin={false} />, { language: 'kk' });
    expect(html).toMatch(/^<span class="dead-letters-badge"/);
    expect(html).not.toContain('href=');
    expect(html).toContain('Қабылданбаған жазбалар');
    expect(html).toContain('title="Соңғысы 27.11.2026, 10:04:30: invalid: type');
    expect(html).not.toContain('Толығырақ');
  });

  it('renders nothing for a regional user, a kiosk or no session', () => {
    expect(render(<DeadLettersBadge />)).toBe('');
    expect(render(<DeadLettersBadge />, { user: sessionUser('supervisor', { regions: ['KZ-71'] }) })).toBe('');
    expect(render(<DeadLettersBadge />, { user: sessionUser('operator', { isKiosk: true }) })).toBe('');
    // National users see it once the first answer says there is something (effects do not run here).
    expect(render(<DeadLettersBadge />, { user: sessionUser('admin') })).toBe('');
  });
});
