import { describe, expect, it } from 'vitest';
import { CATEGORIES, REGIONS } from '@shared';
import {
  DEFAULT_LANGUAGE,
  LANGUAGE_LABELS,
  LANGUAGES,
  pickInitialLanguage,
  toLanguage,
} from '../../../../client/src/i18n/languages';
import { categoryName, regionName } from '../../../../client/src/i18n/names';

describe('languages', () => {
  it('default to Russian unless a valid choice was stored', () => {
    expect(DEFAULT_LANGUAGE).toBe('ru');
    expect(pickInitialLanguage(null)).toBe('ru');
    expect(pickInitialLanguage('de')).toBe('ru');
    expect(pickInitialLanguage('kk')).toBe('kk');
    expect(pickInitialLanguage('en')).toBe('en');
  });

  it('narrow i18next language tags', () => {
    expect(toLanguage('kk-KZ')).toBe('kk');
    expect(toLanguage('EN')).toBe('en');
    expect(toLanguage(undefined)).toBe('ru');
    expect(toLanguage('cimode')).toBe('ru');
  });

  it('label the switch ru / қаз / en', () => {
    expect(LANGUAGES.map((l) => LANGUAGE_LABELS[l].short)).toEqual(['ru', 'қаз', 'en']);
  });
});

describe('names', () => {
  it('name categories and regions in the current language', () => {
    expect(categoryName('heating', 'kk')).toBe('жылумен жабдықтау және ыстық су');
    expect(categoryName('heating', 'ru')).toBe('теплоснабжение и горячая вода');
    expect(regionName('KZ-59', 'kk')).toBe('Солтүстік Қазақстан облысы');
    expect(regionName('KZ-59', 'en')).toBe('North Kazakhstan Region');
  });

  it('have a name for every category and region in every language', () => {
    for (const language of LANGUAGES) {
      for (const c of CATEGORIES) expect(categoryName(c.code, language)).toBe(c.name[language]);
      for (const r of REGIONS) expect(regionName(r.code, language)).toBe(r.name[language]);
      for (const c of CATEGORIES) expect(c.name[language].trim()).not.toBe('');
    }
  });

  it('show a code added after this build as the code, not as another language', () => {
    expect(categoryName('drones', 'kk')).toBe('drones');
    expect(regionName('KZ-99', 'kk')).toBe('KZ-99');
  });
});
