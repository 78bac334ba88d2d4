import { describe, expect, it } from 'vitest';
import { createI18n } from '../../../../client/src/i18n/createI18n';
import { en } from '../../../../client/src/i18n/en';
import { kk } from '../../../../client/src/i18n/kk';
import { ru } from '../../../../client/src/i18n/ru';

type Tree = { [key: string]: string | Tree };

/** Every leaf as "a.b.c" → value. */
function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

const placeholders = (text: string): string[] =>
  [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1] ?? '').sort();

const flat = { ru: flatten(ru), kk: flatten(kk), en: flatten(en) };

/** Terms copied from shared/glossary.md (the UI must use exactly these, case aside). */
const GLOSSARY: Record<string, { ru: string; kk: string; en: string }> = {
  'link.live': { en: 'live', ru: 'в реальном времени', kk: 'нақты уақытта' },
  'link.stale': { en: 'data is stale', ru: 'данные устарели', kk: 'деректер ескірді' },
  'link.down': { en: 'link down', ru: 'нет связи', kk: 'байланыс жоқ' },
  'kpi.overdue': { en: 'overdue', ru: 'просрочено', kk: 'мерзімі өткен' },
  'kpi.open': { en: 'backlog (open appeals)', ru: 'в работе (открытые)', kk: 'ашық өтініштер' },
  'app.subtitle': { en: 'situation room', ru: 'ситуационный центр', kk: 'ахуалдық орталық' },
  'status.registered': { en: 'registered', ru: 'зарегистрировано', kk: 'тіркелді' },
  'status.assigned': { en: 'routed to service', ru: 'направлено исполнителю', kk: 'орындаушыға жіберілді' },
  'status.in_progress': { en: 'in progress', ru: 'в работе', kk: 'жұмыста' },
  'status.resolved': { en: 'resolved', ru: 'исполнено', kk: 'орындалды' },
  'status.closed': { en: 'closed', ru: 'закрыто', kk: 'жабылды' },
  'status.rejected': { en: 'rejected', ru: 'отказано', kk: 'бас тартылды' },
  'status.reopened': { en: 'reopened', ru: 'возобновлено', kk: 'қайта ашылды' },
  'status.redirected': { en: 'redirected', ru: 'перенаправлено', kk: 'қайта бағытталды' },
  'priority.low': { en: 'low', ru: 'низкий', kk: 'төмен' },
  'priority.normal': { en: 'normal', ru: 'обычный', kk: 'қалыпты' },
  'priority.high': { en: 'high', ru: 'высокий', kk: 'жоғары' },
  'priority.emergency': { en: 'emergency', ru: 'аварийный', kk: 'апаттық' },
  'severity.minor': { en: 'minor', ru: 'незначительный', kk: 'елеусіз' },
  'severity.major': { en: 'major', ru: 'серьёзный', kk: 'елеулі' },
  'severity.critical': { en: 'critical', ru: 'критический', kk: 'сыни' },
  'role.supervisor': { en: 'supervisor', ru: 'руководитель смены', kk: 'ауысым жетекшісі' },
  'role.agent': { en: 'call-center agent', ru: 'оператор колл-центра', kk: 'колл-орталық операторы' },
  // Issue 17: "Deadlines, outcomes and confirmation".
  'legal.title': { en: 'legal deadline', ru: 'срок рассмотрения (по закону)', kk: 'қарау мерзімі (заң бойынша)' },
  'outcome.label': { en: 'outcome', ru: 'результат рассмотрения', kk: 'қарау нәтижесі' },
  'outcome.satisfied': { en: 'satisfied', ru: 'удовлетворено', kk: 'қанағаттандырылды' },
  'outcome.partly': { en: 'partly satisfied', ru: 'частично удовлетворено', kk: 'ішінара қанағаттандырылды' },
  'outcome.refused': { en: 'refused', ru: 'отказано', kk: 'бас тартылды' },
  'outcome.explained': { en: 'explained', ru: 'разъяснено', kk: 'түсіндірілді' },
  'feedback.title': {
    en: 'callback (quality check)',
    ru: 'обратный звонок (контроль качества)',
    kk: 'кері қоңырау (сапа бақылауы)',
  },
  'confirmation.confirmed': {
    en: 'confirmed by the citizen',
    ru: 'подтверждено заявителем',
    kk: 'өтініш беруші растады',
  },
  'confirmation.not_confirmed': { en: 'not confirmed', ru: 'не подтверждено', kk: 'расталмады' },
  'confirmation.unreachable': { en: 'unreachable', ru: 'не дозвонились', kk: 'хабарласу мүмкін болмады' },
  'extend.title': { en: 'extend the deadline', ru: 'продлить срок', kk: 'мерзімді ұзарту' },
  'lawKpi.solvedPositively': { en: 'solved positively', ru: 'решено положительно', kk: 'оң шешілді' },
};

/** Words whose Kazakh must differ from the Russian (the classic "untranslated copy" bug). */
const KK_SAMPLE = [
  'link.live',
  'link.stale',
  'link.down',
  'kpi.open',
  'kpi.overdue',
  'kpi.registeredToday',
  'kpi.medianResponse',
  'feed.title',
  'status.registered',
  'status.assigned',
  'status.resolved',
  'priority.emergency',
  'severity.critical',
  'incident.opened',
  'role.operator',
  'role.admin',
  'login.title',
  'login.wrongCredentials',
  'admin.title',
];

describe('UI messages', () => {
  it('have identical key sets in ru, kk and en', () => {
    const keys = [...flat.ru.keys()].sort();
    expect([...flat.kk.keys()].sort()).toEqual(keys);
    expect([...flat.en.keys()].sort()).toEqual(keys);
    expect(keys.length).toBeGreaterThan(30);
  });

  it('have no empty strings', () => {
    for (const [language, map] of Object.entries(flat)) {
      for (const [key, value] of map) expect(value.trim(), `${language}:${key}`).not.toBe('');
    }
  });

  it('use the same placeholders in every language', () => {
    for (const [key, value] of flat.ru) {
      expect(placeholders(flat.kk.get(key) ?? ''), `kk:${key}`).toEqual(placeholders(value));
      expect(placeholders(flat.en.get(key) ?? ''), `en:${key}`).toEqual(placeholders(value));
    }
  });

  it('use the glossary terms', () => {
    for (const [key, terms] of Object.entries(GLOSSARY)) {
      for (const language of ['ru', 'kk', 'en'] as const) {
        expect(flat[language].get(key)?.toLowerCase(), `${language}:${key}`).toBe(terms[language]);
      }
    }
  });

  it('name the wall-screen operator role with the glossary term (en is not in the glossary)', () => {
    expect(flat.ru.get('role.operator')).toBe('оператор ситуационного центра');
    expect(flat.kk.get('role.operator')).toBe('ахуалдық орталық операторы');
  });

  it('do not copy Russian into Kazakh', () => {
    for (const key of KK_SAMPLE) {
      expect(flat.kk.get(key), key).toBeDefined();
      expect(flat.kk.get(key), key).not.toBe(flat.ru.get(key));
    }
  });

  it('write ru and kk in Cyrillic and never reuse the English text', () => {
    for (const language of ['ru', 'kk'] as const) {
      for (const [key, value] of flat[language]) {
        expect(value, `${language}:${key}`).toMatch(/[\u0400-\u04FF]/);
        expect(value, `${language}:${key}`).not.toBe(flat.en.get(key));
      }
    }
  });

  it('kk uses Kazakh-specific letters somewhere (not Russian with a different key)', () => {
    const text = [...flat.kk.values()].join(' ');
    expect(text).toMatch(/[әғқңөұүһі]/i);
  });
});

describe('createI18n', () => {
  it('starts in the given language and switches', async () => {
    const i18n = createI18n('kk');
    expect(i18n.t('link.down')).toBe('байланыс жоқ');
    await i18n.changeLanguage('en');
    expect(i18n.t('link.down')).toBe('link down');
    expect(i18n.t('header.asOf', { time: '10:00:00' })).toBe('As of 10:00:00');
  });

  it('never falls back to another language', () => {
    const i18n = createI18n('kk');
    i18n.addResource('ru', 'translation', 'onlyInRussian', 'только по-русски');
    expect(i18n.t('onlyInRussian' as never)).not.toBe('только по-русски');
  });
});
