import { describe, expect, it } from 'vitest';
import { CATEGORIES, CATEGORY_CODES, PRIORITIES, getCategory, isCategoryCode, type CategoryCode } from '@shared';

/** Copied from design.md "The stream contract". */
const DESIGN_CODES = [
  'heating',
  'water_sewer',
  'electricity',
  'gas',
  'lifts',
  'lighting',
  'roads',
  'winter_upkeep',
  'flooding',
  'waste',
  'landscaping',
  'animals_pests',
  'public_transport',
  'housing',
  'public_order',
  'consultation',
];

/** Added from glossary.md's category table (issue 17): additive, after the design's sixteen. */
const GLOSSARY_ADDITIONS = ['healthcare', 'education', 'social_support', 'utility_billing', 'corruption'];

describe('CATEGORY_CODES', () => {
  it("are design.md's 16 codes in that order, then glossary.md's five additions (none renamed)", () => {
    expect(CATEGORY_CODES).toEqual([...DESIGN_CODES, ...GLOSSARY_ADDITIONS]);
    expect(new Set(CATEGORY_CODES).size).toBe(21);
  });

  it('names the additions as glossary.md does', () => {
    expect(getCategory('healthcare').name).toEqual({ en: 'healthcare', ru: 'здравоохранение', kk: 'денсаулық сақтау' });
    expect(getCategory('utility_billing').name.ru).toBe('коммунальные платежи (ЕПД)');
    expect(getCategory('corruption').name.kk).toBe('тұрмыстық сыбайлас жемқорлық');
  });
});

describe('CATEGORIES', () => {
  it('has one category per code, in contract order', () => {
    expect(CATEGORIES.map((c) => c.code)).toEqual([...CATEGORY_CODES]);
  });

  it.each(CATEGORIES.map((c) => [c.code, c] as const))(
    '%s has non-empty ru/kk/en names, Kazakh ≠ Russian',
    (_code, c) => {
      for (const name of [c.name.ru, c.name.kk, c.name.en]) {
        expect(name.trim()).toBe(name);
        expect(name.length).toBeGreaterThan(0);
      }
      expect(c.name.kk).not.toBe(c.name.ru);
      expect(c.name.en).not.toBe(c.name.ru);
    },
  );

  it('names heating "heating and hot water" as the contract does', () => {
    expect(getCategory('heating').name.en).toBe('heating and hot water');
  });

  const slaCases = CATEGORIES.flatMap((c) => [
    [c.code, 'responseSla', c.responseSla] as const,
    [c.code, 'resolutionSla', c.resolutionSla] as const,
  ]);

  it.each(slaCases)('%s %s: emergency < high < normal < low', (_code, _kind, sla) => {
    expect(sla.emergency).toBeLessThan(sla.high);
    expect(sla.high).toBeLessThan(sla.normal);
    expect(sla.normal).toBeLessThan(sla.low);
  });

  it.each(slaCases)('%s %s: every target is a whole number of minutes ≥ 5', (_code, _kind, sla) => {
    for (const priority of PRIORITIES) {
      expect(Number.isInteger(sla[priority])).toBe(true);
      expect(sla[priority]).toBeGreaterThanOrEqual(5);
    }
  });

  it.each(CATEGORIES.map((c) => [c.code, c] as const))('%s: first response is due before resolution', (_code, c) => {
    for (const priority of PRIORITIES) expect(c.responseSla[priority]).toBeLessThan(c.resolutionSla[priority]);
  });

  it('keeps the documented defaults of a few categories', () => {
    expect(getCategory('heating').responseSla).toEqual({ emergency: 15, high: 30, normal: 60, low: 120 });
    expect(getCategory('heating').resolutionSla).toEqual({ emergency: 240, high: 720, normal: 1440, low: 4320 });
    expect(getCategory('gas').responseSla.emergency).toBe(5);
    expect(getCategory('gas').resolutionSla.emergency).toBe(40);
  });
});

describe('isCategoryCode / getCategory', () => {
  it('recognises every code', () => {
    for (const code of CATEGORY_CODES) {
      expect(isCategoryCode(code)).toBe(true);
      expect(getCategory(code).code).toBe(code);
    }
  });

  it.each(['plumbing', 'Heating', '', 'KZ-71', 'all'])('rejects %j', (code) => {
    expect(isCategoryCode(code)).toBe(false);
  });

  it('throws on an unknown code', () => {
    expect(() => getCategory('plumbing' as CategoryCode)).toThrow('unknown category plumbing');
  });
});
