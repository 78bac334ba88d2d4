import type { Alert, SessionUser } from '@shared';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import { AlertList } from '../../../../../client/src/features/alerts/AlertList';
import { createI18n } from '../../../../../client/src/i18n/createI18n';
import type { Language } from '../../../../../client/src/i18n/languages';
import { SessionContext, type SessionValue } from '../../../../../client/src/session/sessionContext';
import { sessionUser } from '../../fixtures';

const SINCE = Date.parse('2026-11-27T14:05:00+05:00');
const ALERTS: Alert[] = [
  {
    id: 'burst:KZ-75:heating',
    kind: 'burst',
    region: 'KZ-75',
    category: 'heating',
    value: 32,
    limit: 25,
    since: SINCE,
    appealIds: ['A-1'],
  },
  { id: 'overdue:KZ-75', kind: 'overdue', region: 'KZ-75', value: 0.31, limit: 0.25, since: SINCE },
  { id: 'backlog:KZ-75', kind: 'backlog', region: 'KZ-75', value: 74, limit: 60, since: SINCE },
  { id: 'backlog:KZ-71', kind: 'backlog', region: 'KZ-71', value: 64, limit: 60, since: SINCE },
];

function session(user: SessionUser): SessionValue {
  return { user, logout: async () => true, recheck: async () => 'valid', lost: () => undefined };
}

function render(element: React.ReactElement, options: { user?: SessionUser; language?: Language } = {}): string {
  const app = <I18nextProvider i18n={createI18n(options.language ?? 'ru')}>{element}</I18nextProvider>;
  return renderToStaticMarkup(
    options.user ? <SessionContext value={session(options.user)}>{app}</SessionContext> : app,
  );
}

describe('alert list', () => {
  it('lists every alert with its kind and region for tests and styling', () => {
    const html = render(<AlertList alerts={ALERTS} />);
    expect(html.match(/data-testid="alert"/g)).toHaveLength(4);
    expect(html).toContain('data-testid="alert" data-kind="burst" data-region="KZ-75"');
    expect(html).toContain('data-kind="overdue"');
    expect(html).toContain('Возможный массовый инцидент: теплоснабжение и горячая вода, Алматы');
  });

  it('gives a supervisor a one-click "open incident" on a burst, and nobody else', () => {
    const supervisor = render(<AlertList alerts={ALERTS} />, { user: sessionUser('supervisor') });
    expect(supervisor.match(/data-testid="alert-open-incident"/g)).toHaveLength(1);
    // Filtered to the burst's category and window, with the grouping form ready (issue 18).
    expect(supervisor).toMatch(
      /href="\/region\/KZ-75\?category=heating&amp;from=[^"]+&amp;incident=burst%3AKZ-75%3Aheating"/,
    );
    expect(supervisor).toContain('>Открыть инцидент<');
    for (const user of [sessionUser('operator'), sessionUser('admin'), sessionUser('supervisor', { isKiosk: true })]) {
      expect(render(<AlertList alerts={ALERTS} />, { user })).not.toContain('alert-open-incident');
    }
    expect(render(<AlertList alerts={ALERTS} />)).not.toContain('alert-open-incident');
  });

  it('makes every alert title a link to what it counts, except on a kiosk (issue 18)', () => {
    const operator = render(<AlertList alerts={ALERTS} />, { user: sessionUser('operator') });
    expect(operator.match(/data-testid="alert-link"/g)).toHaveLength(4);
    expect(operator).toContain('href="/region/KZ-75?overdue=true"');
    const kiosk = render(<AlertList alerts={ALERTS} />, { user: sessionUser('supervisor', { isKiosk: true }) });
    expect(kiosk).not.toContain('alert-link');
  });

  it('keeps the compact strip to a few lines and counts the rest', () => {
    const html = render(<AlertList alerts={ALERTS} variant="compact" max={2} />);
    expect(html.match(/data-testid="alert"/g)).toHaveLength(2);
    expect(html).toContain('Ещё сигналов: 2');
    expect(render(<AlertList alerts={ALERTS} variant="compact" max={2} />, { language: 'kk' })).toContain(
      'Тағы ескертулер: 2',
    );
  });

  it('says "no alerts" on the page, and takes no room in the compact strip', () => {
    expect(render(<AlertList alerts={[]} />)).toContain('Сигналов нет');
    expect(render(<AlertList alerts={[]} />, { language: 'kk' })).toContain('Ескертулер жоқ');
    expect(render(<AlertList alerts={[]} variant="compact" />)).toBe('');
  });
});
