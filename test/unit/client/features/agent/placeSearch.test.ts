import { describe, expect, it } from 'vitest';
import {
  KNOWN_PLACES,
  placeById,
  placeLabel,
  searchPlaces,
} from '../../../../../client/src/features/agent/placeSearch';

const ids = (query: string, allowed: Parameters<typeof searchPlaces>[1] = 'all') =>
  searchPlaces(query, allowed).map((p) => `${p.region} ${p.name.en}`);

describe('searchPlaces', () => {
  it('offers every settlement and city district of the gazetteer', () => {
    expect(KNOWN_PLACES.filter((p) => p.kind === 'district')).toHaveLength(5 + 8 + 5);
    expect(new Set(KNOWN_PLACES.map((p) => p.id)).size).toBe(KNOWN_PLACES.length);
    for (const place of KNOWN_PLACES) expect(placeById(place.id)).toBe(place);
  });

  it('finds a settlement by its Russian, Kazakh or English name, with or without Kazakh letters', () => {
    expect(ids('Семей')[0]).toBe('KZ-10 Semey');
    expect(ids('өскемен')[0]).toBe('KZ-63 Oskemen (Ust-Kamenogorsk)');
    expect(ids('оскемен')[0]).toBe('KZ-63 Oskemen (Ust-Kamenogorsk)');
    expect(ids('усть кам')[0]).toBe('KZ-63 Oskemen (Ust-Kamenogorsk)');
    expect(ids('karag')[0]).toBe('KZ-35 Karaganda');
  });

  it('finds a city district by its name or by "<city> <district>"', () => {
    expect(ids('медеу')[0]).toBe('KZ-75 Medeu district');
    expect(ids('алматы медеу')).toEqual(['KZ-75 Medeu district']);
    expect(ids('есіл')[0]).toBe('KZ-71 Yesil district');
  });

  it('puts the city before districts and other places that merely contain the word', () => {
    const almaty = ids('алматы');
    expect(almaty[0]).toBe('KZ-75 Almaty');
    // Astana's "район Алматы" is a district named after the city.
    expect(almaty).toContain('KZ-71 Almaty district');
  });

  it('offers only places in the regions the user may register appeals in', () => {
    expect(ids('алматы', new Set(['KZ-71']))).toEqual(['KZ-71 Almaty district']);
    expect(ids('семей', new Set(['KZ-71']))).toEqual([]);
  });

  it('offers at most eight places; with nothing typed, those of a desk’s own regions', () => {
    expect(searchPlaces('   ', 'all')).toEqual([]);
    expect(ids('', new Set(['KZ-71']))).toEqual([
      'KZ-71 Astana',
      'KZ-71 Almaty district',
      'KZ-71 Baikonur district',
      'KZ-71 Yesil district',
      'KZ-71 Saryarka district',
      'KZ-71 Nura district',
    ]);
    expect(searchPlaces('а', 'all').length).toBeLessThanOrEqual(8);
  });

  it('labels a district with its city', () => {
    const medeu = searchPlaces('медеу', 'all')[0];
    if (!medeu) throw new Error('no Medeu');
    expect(placeLabel(medeu, 'ru')).toBe('Медеуский район, Алматы');
    expect(placeLabel(medeu, 'kk')).toBe('Медеу ауданы, Алматы');
    expect(placeLabel(medeu, 'en')).toBe('Medeu district, Almaty');
  });
});
