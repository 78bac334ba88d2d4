import { describe, expect, it } from 'vitest';
import { en } from '../../../../client/src/i18n/en';
import { kk } from '../../../../client/src/i18n/kk';
import { ru } from '../../../../client/src/i18n/ru';
import {
  almatyDateTime,
  almatyFileStamp,
  CSV_VOCABULARIES,
  csvLanguageOf,
  csvName,
} from '../../../../server/src/http/csvNames';

/** The CSV speaks like the screens: the same names as the client's tables, Almaty time. */
describe('csvNames', () => {
  const tables = { en, ru, kk };
  const index = { en: 0, ru: 1, kk: 2 } as const;

  it.each(['en', 'ru', 'kk'] as const)(
    'names statuses, priorities, channels, outcomes as the %s screens do',
    (lang) => {
      const t = tables[lang];
      const screens = {
        status: t.status,
        priority: t.priority,
        severity: t.severity,
        channel: t.regionView.channel,
        outcome: t.outcome,
        confirmation: t.confirmation,
      };
      for (const [vocabulary, names] of Object.entries(screens)) {
        const csv = CSV_VOCABULARIES[vocabulary as keyof typeof screens];
        for (const [code, words] of Object.entries(csv)) {
          expect(words[index[lang]], `${vocabulary}.${code}`).toBe((names as Record<string, string>)[code]);
        }
      }
    },
  );

  it('leaves a code it does not know, and everything in the codes form, as the code', () => {
    expect(csvName('status', 'archived_later', 'ru')).toBe('archived_later');
    expect(csvName('region', 'KZ-71', undefined)).toBe('KZ-71');
    expect(csvName('region', 'KZ-71', 'kk')).toBe('Астана');
    expect(csvName('outcome', '', 'ru')).toBe('');
  });

  it('writes instants in Almaty time, before and after the 2024 change to UTC+5', () => {
    expect(almatyDateTime(Date.parse('2026-11-27T05:15:00Z'))).toBe('2026-11-27 10:15');
    expect(almatyDateTime(Date.parse('2023-11-27T05:15:00Z'))).toBe('2023-11-27 11:15');
    expect(almatyDateTime(Date.parse('2026-12-31T19:30:00Z'))).toBe('2027-01-01 00:30');
    expect(almatyDateTime(null)).toBe('');
    expect(almatyFileStamp(Date.parse('2026-12-31T19:30:00Z'))).toBe('20270101T0030');
  });

  it('takes the language from lang, else Accept-Language, else Russian; refuses another', () => {
    expect(csvLanguageOf('kk', 'en')).toBe('kk');
    expect(csvLanguageOf(undefined, 'de-DE,en;q=0.8')).toBe('en');
    expect(csvLanguageOf(undefined, 'kk-KZ')).toBe('kk');
    expect(csvLanguageOf(undefined, undefined)).toBe('ru');
    expect(csvLanguageOf(undefined, 'fr')).toBe('ru');
    expect(csvLanguageOf('de', 'ru')).toBeNull();
  });
});
