import { REGIONS } from '@shared';
import { describe, expect, it } from 'vitest';
import { mapLabels } from '../../../../../client/src/features/map/mapLabels';
import { FIXTURE_SHAPES } from './layerFixture';

describe('mapLabels', () => {
  it('drops the generic "oblast" word from labels', () => {
    const pavlodar = REGIONS.filter((r) => r.code === 'KZ-55');
    expect(mapLabels(pavlodar, 'ru').get('KZ-55')).toBe('Павлодарская');
    expect(mapLabels(pavlodar, 'kk').get('KZ-55')).toBe('Павлодар');
    expect(mapLabels(pavlodar, 'en').get('KZ-55')).toBe('Pavlodar');
  });

  it('drops it where the official Russian name puts it first (область Абай / Жетісу / Ұлытау)', () => {
    const labels = mapLabels(REGIONS, 'ru');
    expect([labels.get('KZ-10'), labels.get('KZ-33'), labels.get('KZ-62')]).toEqual(['Абай', 'Жетісу', 'Ұлытау']);
  });

  it('keeps full names where the short ones would read alike (Almaty Region and Almaty)', () => {
    expect(mapLabels(FIXTURE_SHAPES, 'kk').get('KZ-19')).toBe('Алматы облысы');
    expect(mapLabels(FIXTURE_SHAPES, 'en').get('KZ-19')).toBe('Almaty Region');
    expect(mapLabels(FIXTURE_SHAPES, 'en').get('KZ-75')).toBe('Almaty');
    expect(mapLabels(FIXTURE_SHAPES, 'ru').get('KZ-19')).toBe('Алматинская');
  });

  it('leaves city names and every region distinct, in every language', () => {
    for (const language of ['ru', 'kk', 'en'] as const) {
      const labels = mapLabels(REGIONS, language);
      expect(new Set(labels.values()).size, language).toBe(REGIONS.length);
      expect(labels.get('KZ-71'), language).toBe(REGIONS.find((r) => r.code === 'KZ-71')?.name[language]);
    }
  });
});
