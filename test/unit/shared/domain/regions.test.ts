import { describe, expect, it } from 'vitest';
import { REGIONS, REGION_CODES, REGION_KINDS, getRegion, isRegionCode, type RegionCode } from '@shared';

/** Copied from design.md "The stream contract". */
const DESIGN_CODES =
  'KZ-10 KZ-11 KZ-15 KZ-19 KZ-23 KZ-27 KZ-31 KZ-33 KZ-35 KZ-39 KZ-43 KZ-47 KZ-55 KZ-59 KZ-61 KZ-62 KZ-63 KZ-71 KZ-75 KZ-79'.split(
    ' ',
  );

/**
 * Official Kazakh and Russian names (ISO 3166-2:KZ, 2022 revision). The three oblasts of 2022
 * are named by their decrees "область Абай / Жетісу / Ұлытау" in Russian, not adjectivally.
 */
const OFFICIAL: Record<RegionCode, { kk: string; ru: string; en: string }> = {
  'KZ-10': { kk: 'Абай облысы', ru: 'область Абай', en: 'Abai Region' },
  'KZ-11': { kk: 'Ақмола облысы', ru: 'Акмолинская область', en: 'Akmola Region' },
  'KZ-15': { kk: 'Ақтөбе облысы', ru: 'Актюбинская область', en: 'Aktobe Region' },
  'KZ-19': { kk: 'Алматы облысы', ru: 'Алматинская область', en: 'Almaty Region' },
  'KZ-23': { kk: 'Атырау облысы', ru: 'Атырауская область', en: 'Atyrau Region' },
  'KZ-27': { kk: 'Батыс Қазақстан облысы', ru: 'Западно-Казахстанская область', en: 'West Kazakhstan Region' },
  'KZ-31': { kk: 'Жамбыл облысы', ru: 'Жамбылская область', en: 'Jambyl Region' },
  'KZ-33': { kk: 'Жетісу облысы', ru: 'область Жетісу', en: 'Jetisu Region' },
  'KZ-35': { kk: 'Қарағанды облысы', ru: 'Карагандинская область', en: 'Karaganda Region' },
  'KZ-39': { kk: 'Қостанай облысы', ru: 'Костанайская область', en: 'Kostanay Region' },
  'KZ-43': { kk: 'Қызылорда облысы', ru: 'Кызылординская область', en: 'Kyzylorda Region' },
  'KZ-47': { kk: 'Маңғыстау облысы', ru: 'Мангистауская область', en: 'Mangystau Region' },
  'KZ-55': { kk: 'Павлодар облысы', ru: 'Павлодарская область', en: 'Pavlodar Region' },
  'KZ-59': { kk: 'Солтүстік Қазақстан облысы', ru: 'Северо-Казахстанская область', en: 'North Kazakhstan Region' },
  'KZ-61': { kk: 'Түркістан облысы', ru: 'Туркестанская область', en: 'Turkistan Region' },
  'KZ-62': { kk: 'Ұлытау облысы', ru: 'область Ұлытау', en: 'Ulytau Region' },
  'KZ-63': { kk: 'Шығыс Қазақстан облысы', ru: 'Восточно-Казахстанская область', en: 'East Kazakhstan Region' },
  'KZ-71': { kk: 'Астана', ru: 'Астана', en: 'Astana' },
  'KZ-75': { kk: 'Алматы', ru: 'Алматы', en: 'Almaty' },
  'KZ-79': { kk: 'Шымкент', ru: 'Шымкент', en: 'Shymkent' },
};

const CITIES = ['KZ-71', 'KZ-75', 'KZ-79'];

describe('REGION_CODES', () => {
  it('are exactly the 20 codes design.md lists, in that order', () => {
    expect(REGION_CODES).toEqual(DESIGN_CODES);
    expect(new Set(REGION_CODES).size).toBe(20);
  });
});

describe('REGIONS', () => {
  it('has one region per code, in code order', () => {
    expect(REGIONS.map((r) => r.code)).toEqual([...REGION_CODES]);
  });

  it('has 17 oblasts and 3 cities (Astana, Almaty, Shymkent)', () => {
    expect(REGIONS.filter((r) => r.kind === 'city').map((r) => r.code)).toEqual(CITIES);
    expect(REGIONS.filter((r) => r.kind === 'oblast')).toHaveLength(17);
    expect(REGION_KINDS).toEqual(['oblast', 'city']);
  });

  it.each(REGIONS.map((r) => [r.code, r] as const))('%s has non-empty, trimmed ru/kk/en names', (_code, region) => {
    for (const name of [region.name.ru, region.name.kk, region.name.en]) {
      expect(name.trim()).toBe(name);
      expect(name.length).toBeGreaterThan(0);
    }
    expect(region.centre.trim().length).toBeGreaterThan(0);
  });

  it.each(REGIONS.map((r) => [r.code, r] as const))('%s has its official names', (code, region) => {
    expect(region.name).toEqual(OFFICIAL[code]);
  });

  it('gives oblasts Kazakh names that differ from the Russian ones (… облысы vs … область)', () => {
    for (const region of REGIONS.filter((r) => r.kind === 'oblast')) {
      expect(region.name.kk).not.toBe(region.name.ru);
      expect(region.name.kk).toMatch(/ облысы$/);
      expect(region.name.ru).toMatch(/ область$|^область /);
      expect(region.name.en).toMatch(/ Region$/);
    }
    expect(getRegion('KZ-11').name.kk).toBe('Ақмола облысы');
    expect(getRegion('KZ-11').name.ru).toBe('Акмолинская область');
  });

  it('writes Kazakh names in Kazakh Cyrillic (letters Russian does not have)', () => {
    for (const code of [
      'KZ-11',
      'KZ-15',
      'KZ-27',
      'KZ-33',
      'KZ-35',
      'KZ-39',
      'KZ-43',
      'KZ-47',
      'KZ-59',
      'KZ-61',
      'KZ-62',
      'KZ-63',
    ] as const) {
      expect(getRegion(code).name.kk).toMatch(/[әғқңөұүһі]/i);
    }
  });

  it('links the three 2022 oblasts to the region they were split from, and only those', () => {
    expect(getRegion('KZ-10').parent2018).toBe('KZ-63');
    expect(getRegion('KZ-33').parent2018).toBe('KZ-19');
    expect(getRegion('KZ-62').parent2018).toBe('KZ-35');
    const withParent = REGIONS.filter((r) => r.parent2018 !== null).map((r) => r.code);
    expect(withParent).toEqual(['KZ-10', 'KZ-33', 'KZ-62']);
  });

  it('has plausible populations (positive integers, country total ≈ 20 million)', () => {
    for (const region of REGIONS) {
      expect(Number.isInteger(region.population)).toBe(true);
      expect(region.population).toBeGreaterThan(100_000);
    }
    const total = REGIONS.reduce((sum, r) => sum + r.population, 0);
    expect(total).toBeGreaterThan(19_000_000);
    expect(total).toBeLessThan(21_500_000);
  });

  it('has centroids inside the bounding box of Kazakhstan', () => {
    for (const region of REGIONS) {
      expect(region.lat).toBeGreaterThan(40.5);
      expect(region.lat).toBeLessThan(55.5);
      expect(region.lng).toBeGreaterThan(46.4);
      expect(region.lng).toBeLessThan(87.4);
    }
  });
});

describe('isRegionCode / getRegion', () => {
  it('recognises every code', () => {
    for (const code of REGION_CODES) {
      expect(isRegionCode(code)).toBe(true);
      expect(getRegion(code).code).toBe(code);
    }
  });

  it.each(['KZ-99', 'KZ-AST', 'kz-71', 'KZ-7', '', 'KZ-71 ', 'heating'])('rejects %j', (code) => {
    expect(isRegionCode(code)).toBe(false);
  });

  it('throws on an unknown code (callers validate first)', () => {
    expect(() => getRegion('KZ-99' as RegionCode)).toThrow('unknown region KZ-99');
  });
});
