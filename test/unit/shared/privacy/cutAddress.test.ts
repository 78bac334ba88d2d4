import { describe, expect, it } from 'vitest';
import { cutToStreetAndHouse, presentAddress } from '@shared';

describe('addresses cut to street and house', () => {
  it.each([
    ['ул. Абая 10, кв. 89', 'ул. Абая 10'],
    ['ул. Абая 10 кв89', 'ул. Абая 10'],
    ['ул. Абая 10, квартира 12', 'ул. Абая 10'],
    ['Абай даңғылы 15, 104-пәтер', 'Абай даңғылы 15'],
    ['Абай даңғылы 15, пәтер 5', 'Абай даңғылы 15'],
    ['Main st 5, apt. 5', 'Main st 5'],
    ['Main st 5, flat 3', 'Main st 5'],
    ['пр. Республики 24, оф. 2', 'пр. Республики 24'],
    ['ул. Кенесары 40, кв. 12, подъезд 2', 'ул. Кенесары 40, подъезд 2'],
    ['кв. 89, ул. Абая 10', 'ул. Абая 10'],
    ['ул. Абая 10, кв.\u200B 8\u00AD9', 'ул. Абая 10'],
    ['ул. Абая 10, кв. ８９', 'ул. Абая 10'],
  ])('%j → %j', (address, cut) => {
    expect(cutToStreetAndHouse(address)).toBe(cut);
  });

  it('leaves addresses without a flat as they are', () => {
    for (const address of ['ул. Кенесары, 40', 'Абай даңғылы 15/2', 'мкр. Самал-2, д. 58', 'площадь 50 кв. м']) {
      expect(cutToStreetAndHouse(address)).toBe(address);
    }
  });

  it('scrubs what is left: a phone typed into the address field', () => {
    expect(presentAddress('ул. Абая 10, кв. 89, тел 8 701 234 56 12')).toBe('ул. Абая 10, тел +7 7** *** ** 12');
  });
});
