import type { Alert } from '@shared';
import { describe, expect, it } from 'vitest';
import { alertLink, describeAlert, incidentParam } from '../../../../../client/src/features/alerts/alertText';
import { createI18n } from '../../../../../client/src/i18n/createI18n';
import type { Language } from '../../../../../client/src/i18n/languages';

const SINCE = Date.parse('2026-11-27T14:05:40+05:00');

const BURST: Alert = {
  id: 'burst:KZ-75:heating',
  kind: 'burst',
  region: 'KZ-75',
  category: 'heating',
  value: 32,
  limit: 25,
  since: SINCE,
  appealIds: ['A-1', 'A-2'],
};
const BACKLOG: Alert = { id: 'backlog:KZ-75', kind: 'backlog', region: 'KZ-75', value: 74.4, limit: 60, since: SINCE };
const OVERDUE: Alert = {
  id: 'overdue:KZ-63',
  kind: 'overdue',
  region: 'KZ-63',
  value: 0.31,
  limit: 0.25,
  since: SINCE,
};

const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

function text(alert: Alert, language: Language): string {
  const { title, detail } = describeAlert(alert, createI18n(language).t, language);
  return plain(`${title} | ${detail}`);
}

describe('describeAlert', () => {
  it('writes Russian', () => {
    expect(text(BURST, 'ru')).toBe(
      'Возможный массовый инцидент: теплоснабжение и горячая вода, Алматы | обращений за 15 мин: 32 (порог 25) · с 14:05',
    );
    expect(text(BACKLOG, 'ru')).toBe(
      'Высокая нагрузка: Алматы | в работе на 100 тыс. жителей: 74 (порог 60) · с 14:05',
    );
    expect(text(OVERDUE, 'ru')).toBe(
      'Много просроченных: Восточно-Казахстанская область | просрочено 31 % открытых обращений (порог 25 %) · с 14:05',
    );
  });

  it('writes Kazakh with Kazakh words only (no Russian or English fallback)', () => {
    expect(text(BURST, 'kk')).toBe(
      'Ықтимал жаппай оқиға: жылумен жабдықтау және ыстық су, Алматы | 15 минуттағы өтініштер: 32 (шегі 25) · 14:05 бастап',
    );
    expect(text(BACKLOG, 'kk')).toBe(
      'Жүктеме жоғары: Алматы | 100 мың тұрғынға шаққандағы ашық өтініштер: 74 (шегі 60) · 14:05 бастап',
    );
    expect(text(OVERDUE, 'kk')).toBe(
      'Мерзімі өткендер көп: Шығыс Қазақстан облысы | ашық өтініштердің 31 % мерзімі өткен (шегі 25 %) · 14:05 бастап',
    );
    for (const alert of [BURST, BACKLOG, OVERDUE]) {
      expect(text(alert, 'kk')).not.toMatch(/[a-z]|обращ|порог|жител|регион|Возможн|с 14/i);
    }
  });

  it('writes English', () => {
    expect(text(BURST, 'en')).toBe(
      'Possible mass incident: heating and hot water, Almaty | 32 appeals in 15 min (threshold 25) · since 14:05',
    );
    expect(text(OVERDUE, 'en')).toBe(
      'Many overdue: East Kazakhstan Region | 31% of open appeals overdue (threshold 25%) · since 14:05',
    );
  });
});

describe('incident links', () => {
  it('read the burst to preselect from a region view address, nothing when empty', () => {
    expect(incidentParam('?category=heating&incident=burst%3AKZ-75%3Aheating')).toBe('burst:KZ-75:heating');
    expect(incidentParam('?status=registered')).toBeNull();
    expect(incidentParam('?incident=')).toBeNull();
  });
});

describe('every alert leads somewhere (issue 18)', () => {
  const search = (link: string) => Object.fromEntries(new URL(link, 'http://x').searchParams);

  it('a burst opens its region filtered to its category from its first appeal, grouping ready for supervisors', () => {
    const link = alertLink(BURST, true);
    expect(link.startsWith('/region/KZ-75?')).toBe(true);
    const params = search(link);
    expect(params.category).toBe('heating');
    expect(Date.parse(params.from ?? '')).toBe(Math.floor(SINCE / 60_000) * 60_000);
    expect(params.from).toMatch(/\+05:00$/);
    expect(incidentParam(new URL(link, 'http://x').search)).toBe('burst:KZ-75:heating');
    expect(search(alertLink(BURST, false))).not.toHaveProperty('incident');
  });

  it('an overdue alert opens the overdue appeals, a backlog alert the open ones', () => {
    expect(alertLink(OVERDUE, true)).toBe('/region/KZ-63?overdue=true');
    const status = search(alertLink(BACKLOG, true)).status?.split(',') ?? [];
    expect(status).toContain('registered');
    expect(status).not.toContain('closed');
  });
});
